package graph

import (
	"context"
	"fmt"
	"slices"

	cg "github.com/cayleygraph/cayley/graph"
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
// On bolt the store's counts are written right after (see counts).
func (s *Store) apply(tx *cg.Transaction) error {
	ctx := context.Background()
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
