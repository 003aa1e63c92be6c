package graph

import (
	"context"
	"fmt"

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
// a transaction is written here in two: first the adds, then the removes
// (with the article's digest, so that a crash between the two leaves an
// article without its new digest, which the next ingest of it compares in
// full and repairs, never one marked up to date with stale quads beside).
// Other transactions, and other stores, are written as they are.
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
	adds, rest := cg.NewTransaction(), cg.NewTransaction()
	for _, d := range tx.Deltas {
		if d.Action == cg.Add && !schema.IsBookkeeping(d.Quad.Predicate) {
			adds.AddQuad(d.Quad)
		} else {
			rest.Deltas = append(rest.Deltas, d)
		}
	}
	if err := s.h.QuadWriter.ApplyTransaction(adds); err != nil {
		return err
	}
	return s.h.QuadWriter.ApplyTransaction(rest)
}

// needsSplit reports whether an added quad names a value whose reference
// count the deltas lower overall.
func needsSplit(deltas []cg.Delta) bool {
	net := map[cg.ValueHash]int{}
	removes := false
	for _, d := range deltas {
		n := 1
		if d.Action == cg.Delete {
			n, removes = -1, true
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[cg.HashOf(v)] += n
			}
		}
	}
	if !removes {
		return false
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
