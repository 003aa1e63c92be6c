package graph

import (
	"context"
	"fmt"
	"slices"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// apply writes tx. Cayley v0.7.7's key-value store (bolt) has a defect in a
// transaction that both adds and removes quads: an added quad finds its
// values' ids only among the values whose reference count the transaction
// raises or keeps, so a value whose count falls overall (an article's own
// IRI when its update removes more quads than it adds, a predicate whose
// quads shrink) is written as no value at all, and the quad loses it. Such
// a transaction is written here in three, none with both: first the adds,
// then the removes, then the articles' digests and input keys (so that a
// crash in between leaves an article without its new digest, which the
// next ingest of it compares in full and repairs, never one marked up to
// date with stale quads beside). The digest's own values are the
// article's IRI, whose count the removes lower, so it is not written with
// them. Other transactions, and other stores, are written as they are.
//
// The index quads the names of tx stand for are added to it first
// (indexChange). On bolt the store's counts are written right after (see
// counts).
func (s *Store) apply(tx *cg.Transaction) error {
	ctx := context.Background()
	idx, err := s.indexChange(ctx, tx.Deltas)
	if err != nil {
		return fmt.Errorf("index the names: %w", err)
	}
	tx.Deltas = append(tx.Deltas, idx...)
	c, err := s.countWrite(ctx, tx)
	if err != nil {
		return fmt.Errorf("count the write: %w", err)
	}
	if err := s.applyQuads(tx); err != nil {
		return err
	}
	if err := s.saveCounts(ctx, c); err != nil {
		return fmt.Errorf("save the store's counts: %w", err)
	}
	return nil
}

func (s *Store) applyQuads(tx *cg.Transaction) error {
	if s.db == nil || !needsSplit(tx.Deltas) {
		return s.h.QuadWriter.ApplyTransaction(tx)
	}
	adds, removes, last := cg.NewTransaction(), cg.NewTransaction(), cg.NewTransaction()
	for _, d := range tx.Deltas {
		switch {
		case d.Action != cg.Add:
			removes.Deltas = append(removes.Deltas, d)
		case schema.IsBookkeeping(d.Quad.Predicate):
			last.AddQuad(d.Quad)
		default:
			adds.AddQuad(d.Quad)
		}
	}
	for _, t := range []*cg.Transaction{adds, removes, last} {
		if len(t.Deltas) == 0 {
			continue
		}
		if err := s.h.QuadWriter.ApplyTransaction(t); err != nil {
			return err
		}
	}
	return nil
}

// needsSplit reports whether an added quad names a value whose reference
// count the deltas lower overall.
func needsSplit(deltas []cg.Delta) bool {
	// Most transactions only add (a batch of new articles): found without
	// hashing a value.
	if !slices.ContainsFunc(deltas, func(d cg.Delta) bool { return d.Action == cg.Delete }) {
		return false
	}
	net := map[cg.ValueHash]int{}
	for _, d := range deltas {
		n := 1
		if d.Action == cg.Delete {
			n = -1
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[cg.HashOf(v)] += n
			}
		}
	}
	for _, d := range deltas {
		if d.Action != cg.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil && net[cg.HashOf(v)] < 0 {
				return true
			}
		}
	}
	return false
}

// isNameQuad reports whether q is a name quad of an article (IndexQuads
// indexes those of persons and countries).
func isNameQuad(q quad.Quad) bool {
	switch q.Predicate {
	case schema.Name, schema.AlternateName, schema.Identifier:
		return !schema.IsStoreGraph(q.Label)
	}
	return false
}

// indexChange returns the deltas that keep IndexGraph in step with the
// names deltas write: for a node whose name quads they add, the index
// quads of those names that the store lacks; for a node that loses a name
// (the deltas remove every statement of it and add none), the node's
// index quads that none of the names it keeps stands for. It reads the
// store before the deltas are written, under the writer lock, and costs
// one lookup of the node's index quads per node named, one lookup per
// name removed, and a read of a node's names only when it loses one.
func (s *Store) indexChange(ctx context.Context, deltas []cg.Delta) ([]cg.Delta, error) {
	type names struct {
		added   []quad.Quad
		removed []quad.Quad
	}
	nodes := map[quad.IRI]*names{}
	var order []quad.IRI
	removed := map[quad.Quad]bool{}
	// stated: (subject, predicate, object) of a name quad the deltas add.
	stated := map[[3]quad.Value]bool{}
	for _, d := range deltas {
		q := d.Quad
		if !isNameQuad(q) {
			continue
		}
		subj, ok := q.Subject.(quad.IRI)
		if !ok || !schema.IndexedNode(subj) {
			continue
		}
		n := nodes[subj]
		if n == nil {
			n = &names{}
			nodes[subj] = n
			order = append(order, subj)
		}
		if d.Action == cg.Add {
			n.added = append(n.added, q)
			stated[[3]quad.Value{q.Subject, q.Predicate, q.Object}] = true
		} else {
			n.removed = append(n.removed, q)
			removed[q] = true
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	index, err := s.indexOf(ctx, order)
	if err != nil {
		return nil, err
	}
	var out []cg.Delta
	for _, subj := range order {
		n := nodes[subj]
		lost, err := s.lostNames(ctx, n.removed, removed, stated)
		if err != nil {
			return nil, err
		}
		if len(n.added) == 0 && len(lost) == 0 {
			continue
		}
		have := index[subj]
		if have == nil {
			have = map[quad.Quad]bool{}
		}
		want := map[quad.Quad]bool{}
		kept := n.added
		if len(lost) > 0 {
			// The node's index is made again from every name it keeps.
			stored, err := s.namesKept(ctx, subj, lost)
			if err != nil {
				return nil, err
			}
			kept = append(kept, stored...)
		}
		for _, q := range kept {
			for _, k := range schema.IndexQuads(q) {
				want[k] = true
				if !have[k] {
					have[k] = true // once
					out = append(out, cg.Delta{Quad: k, Action: cg.Add})
				}
			}
		}
		if len(lost) > 0 {
			for k := range have {
				if !want[k] {
					out = append(out, cg.Delta{Quad: k, Action: cg.Delete})
				}
			}
		}
	}
	return out, nil
}

// lostNames returns the (subject, predicate, object) of the name quads
// removed that no graph states once the deltas are written: none adds it
// again (stated) and the store holds it in no graph the deltas do not
// remove it from (removed). A country's name in thousands of articles is
// found kept at its first other statement.
func (s *Store) lostNames(ctx context.Context, rm []quad.Quad, removed map[quad.Quad]bool, stated map[[3]quad.Value]bool) ([]quad.Quad, error) {
	var lost []quad.Quad
	seen := map[[3]quad.Value]bool{}
	qs := s.h.QuadStore
	for _, q := range rm {
		k := [3]quad.Value{q.Subject, q.Predicate, q.Object}
		if stated[k] || seen[k] {
			continue
		}
		seen[k] = true
		obj, pred := qs.ValueOf(q.Object), qs.ValueOf(q.Predicate)
		if obj == nil || pred == nil {
			continue
		}
		skey := cg.ToKey(qs.ValueOf(q.Subject))
		kept := false
		err := s.eachPair(ctx, quad.Object, obj, pred, func(r cg.Ref) bool {
			if cg.ToKey(qs.QuadDirection(r, quad.Subject)) != skey {
				return true
			}
			other := quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object, Label: qs.NameOf(qs.QuadDirection(r, quad.Label))}
			kept = !removed[other]
			return !kept
		})
		if err != nil {
			return nil, err
		}
		if !kept {
			lost = append(lost, quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object})
		}
	}
	return lost, nil
}

// namesKept returns node's name quads in the store, without their labels,
// but those of the names lost.
func (s *Store) namesKept(ctx context.Context, node quad.IRI, lost []quad.Quad) ([]quad.Quad, error) {
	gone := map[quad.Quad]bool{}
	for _, q := range lost {
		gone[q] = true
	}
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	for _, p := range []quad.IRI{schema.Name, schema.AlternateName, schema.Identifier} {
		vs, err := s.values(ctx, node, p, nil)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			q := quad.Quad{Subject: node, Predicate: p, Object: v}
			if !gone[q] && !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// indexOf returns the index quads of nodes, by node: on bolt by a
// prefix scan of (Subject, Predicate, Label) per node and predicate, on
// PostgreSQL in two statements for all of them (pgIndexOf).
func (s *Store) indexOf(ctx context.Context, nodes []quad.IRI) (map[quad.IRI]map[quad.Quad]bool, error) {
	if s.pg != nil {
		return s.pgIndexOf(ctx, nodes)
	}
	out := map[quad.IRI]map[quad.Quad]bool{}
	add := func(node quad.IRI, p quad.IRI, v quad.Value) {
		m := out[node]
		if m == nil {
			m = map[quad.Quad]bool{}
			out[node] = m
		}
		m[quad.Quad{Subject: node, Predicate: p, Object: v, Label: schema.IndexGraph}] = true
	}
	qs := s.h.QuadStore
	idx := qs.ValueOf(schema.IndexGraph)
	if idx == nil {
		return out, nil // no index yet
	}
	for _, p := range []quad.IRI{schema.Key, schema.SearchTerm} {
		pref := qs.ValueOf(p)
		if pref == nil {
			continue
		}
		for _, node := range nodes {
			ref := qs.ValueOf(node)
			if ref == nil {
				continue // a node new to the store
			}
			n, ok1 := ref.(kv.Int64Value)
			pn, ok2 := pref.(kv.Int64Value)
			ln, ok3 := idx.(kv.Int64Value)
			if s.kvIdx != nil && ok1 && ok2 && ok3 {
				if it, ok := s.kvIdx.prefixIterator(map[quad.Direction]uint64{quad.Subject: uint64(n), quad.Predicate: uint64(pn), quad.Label: uint64(ln)}); ok {
					for it.Next(ctx) {
						add(node, p, qs.NameOf(qs.QuadDirection(it.Result(), quad.Object)))
					}
					err := it.Err()
					it.Close()
					if err != nil {
						return nil, err
					}
					continue
				}
			}
			vs, err := s.values(ctx, node, p, schema.IndexGraph)
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				add(node, p, v)
			}
		}
	}
	return out, nil
}
