// Package graph is newsgraph's room for the Cayley graph database: it opens
// a store through Cayley's backend registry (bolt by default, memstore for
// "mem:"), ingests articles one transaction each, answers Gizmo and path
// queries, exports the graph (N-Quads, N-Triples, JSON-LD, GraphML, DOT) and
// serves Cayley's HTTP API and web UI.
//
// The package speaks quads and the schema vocabulary only; it never sees
// article text. The command composes it with the extractor.
//
// Decisions recorded here:
//
//   - A bolt store is a directory holding indexes.bolt. It is created with
//     its own indexes, the label in every key (store.go's init): no index
//     key grows with the number of articles, a subject's values come in the
//     order their articles were first stored, and replacing an article's
//     quads is an index lookup, not a scan of the store. newsgraph plans
//     Cayley's quad filters over them by key prefix (indexes.go).
//   - bolt allows one process at a time and waits forever for the lock; Open
//     tests the lock first and fails at once with ErrLocked.
//   - Re-ingesting an article replaces the quads of its label in one
//     transaction, writing only the difference; an unchanged article writes
//     nothing.
//   - Two articles that report the same meeting (same participants,
//     compatible dates) share one event node, the first one minted; a partial
//     date (--07-06, 2022-07) is completed by a compatible fuller date from
//     another article, in every article's quads.
//   - A node has one schema:name: the first article to name it sets it, later
//     ones add theirs as schema:alternateName.
//   - An article keeps, beside its facts, the digest of its facts and the key
//     of the input it came from (ng:digest, ng:input): an unchanged input is
//     skipped before extraction, unchanged facts before reconciliation.
//   - The lookup keys and search terms of persons and countries are one
//     copy per node in schema.IndexGraph, kept in step with the names by
//     every write (apply.go's indexChange), not a copy per article.
//   - A first load of an empty PostgreSQL store may go through a local bolt
//     store copied over in one transaction (pgbulk.go's CopyFrom).
//   - A bolt store keeps its own counts (counts.go), replaced by every write,
//     so that stats reads one record.
package graph
