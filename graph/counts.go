package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// counts are a bolt store's Stats kept up to date by every write, so that
// stats answers without reading the store: one JSON literal in the store's
// own graph (schema.Counts), replaced in the same transaction as the quads
// it counts. Each write counts its own quads, and for the distinct counts
// (articles, subjects, typed subjects, met and partner pairs) asks the
// index, for each key the write touches, whether the store held it before
// and holds it after: a few prefix scans per subject, nothing that grows
// with the store.
//
// Total is Cayley's own quad count once the write is done. A write that
// bypasses newsgraph's (load's bulk path, Cayley's HTTP API on a writable
// server) changes Cayley's count but not Total: the counts are then out of
// date, stats reads the whole store instead, and the next ingest counts
// the store again once. PostgreSQL and memory stores keep no counts.
type counts struct {
	Total    int64            `json:"total"`
	Quads    int64            `json:"quads"`
	Articles int64            `json:"articles"`
	Nodes    int64            `json:"nodes"`
	MetPairs int64            `json:"met"`
	Partners int64            `json:"partners"`
	ByType   map[string]int64 `json:"types"`
	ByPred   map[string]int64 `json:"predicates"`
}

// keepsCounts reports whether the store keeps counts (bolt).
func (s *Store) keepsCounts() bool { return s.kvIdx != nil }

// loadCounts returns the stored counts and their quad, if any.
func (s *Store) loadCounts(ctx context.Context) (*counts, *quad.Quad, error) {
	vs, err := s.values(ctx, schema.StoreGraph, schema.Counts, schema.StoreGraph)
	if err != nil || len(vs) == 0 {
		return nil, nil, err
	}
	str, ok := vs[0].(quad.String)
	if !ok {
		return nil, nil, nil
	}
	c := &counts{}
	if err := json.Unmarshal([]byte(str), c); err != nil {
		return nil, nil, nil // unreadable: counted again
	}
	q := quad.Quad{Subject: schema.StoreGraph, Predicate: schema.Counts, Object: str, Label: schema.StoreGraph}
	return c, &q, nil
}

// currentCounts returns the store's counts if they are up to date.
func (s *Store) currentCounts(ctx context.Context) (*counts, error) {
	c, _, err := s.loadCounts(ctx)
	if err != nil || c == nil {
		return nil, err
	}
	total, err := s.Count(ctx)
	if err != nil || total != c.Total {
		return nil, err
	}
	return c, nil
}

// countWrite adds to tx the replacement of the store's counts by the
// counts after tx. It reads the store before tx is applied.
func (s *Store) countWrite(ctx context.Context, tx *cg.Transaction) error {
	if !s.keepsCounts() {
		return nil
	}
	total, err := s.Count(ctx)
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	c, old, err := s.loadCounts(ctx)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if c == nil || c.Total != total {
		// None yet, or out of date: count the store as it is.
		st, err := s.scanStats(ctx)
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		c = st.counts()
	}
	// A quad twice in one transaction is written once (Cayley's kv store
	// skips the second): counted once.
	deltas := make([]cg.Delta, 0, len(tx.Deltas))
	seen := make(map[cg.Delta]bool, len(tx.Deltas))
	for _, d := range tx.Deltas {
		if !seen[d] {
			seen[d] = true
			deltas = append(deltas, d)
		}
	}
	if err := s.countDeltas(ctx, c, deltas); err != nil {
		return err
	}
	for _, d := range deltas {
		if d.Action == cg.Add {
			total++
		} else {
			total--
		}
	}
	if old != nil {
		tx.RemoveQuad(*old)
		total--
	}
	total++ // the new counts' quad
	c.Total = total
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	tx.AddQuad(quad.Quad{Subject: schema.StoreGraph, Predicate: schema.Counts, Object: quad.String(b), Label: schema.StoreGraph})
	return nil
}

// A distinct key a quad counts for: its family and its values.
type countKey struct {
	family int
	a, b   string
}

const (
	famArticle = iota
	famNode
	famType
	famMet
	famPartner
)

// keyTally is what a write does to the quads of one key.
type keyTally struct {
	adds, removes int
	q             quad.Quad // one of its quads (for the index lookup)
}

// countDeltas applies deltas (not yet written) to c.
func (s *Store) countDeltas(ctx context.Context, c *counts, deltas []cg.Delta) error {
	tallies := map[countKey]*keyTally{}
	tally := func(k countKey, q quad.Quad, n int) {
		t := tallies[k]
		if t == nil {
			t = &keyTally{q: q}
			tallies[k] = t
		}
		if n > 0 {
			t.adds++
		} else {
			t.removes++
		}
	}
	for _, d := range deltas {
		q := d.Quad
		if q.Label == schema.StoreGraph {
			continue
		}
		n := int64(1)
		if d.Action == cg.Delete {
			n = -1
		}
		c.Quads += n
		p := quad.ToString(q.Predicate)
		if c.ByPred[p] += n; c.ByPred[p] == 0 {
			delete(c.ByPred, p)
		}
		subj := quad.ToString(q.Subject)
		if q.Label != nil {
			tally(countKey{famArticle, quad.ToString(q.Label), ""}, q, int(n))
		}
		tally(countKey{famNode, subj, ""}, q, int(n))
		switch q.Predicate {
		case schema.Type:
			tally(countKey{famType, subj, quad.ToString(q.Object)}, q, int(n))
		case schema.Met, schema.Partner:
			a, b := subj, quad.ToString(q.Object)
			if a > b {
				a, b = b, a
			}
			f := famMet
			if q.Predicate == schema.Partner {
				f = famPartner
			}
			tally(countKey{f, a, b}, q, int(n))
		}
	}
	for k, t := range tallies {
		before, err := s.countKeyQuads(ctx, k, t.q, t.removes+1)
		if err != nil {
			return err
		}
		was, is := before > 0, before-t.removes+t.adds > 0
		if was == is {
			continue
		}
		n := int64(1)
		if was {
			n = -1
		}
		switch k.family {
		case famArticle:
			c.Articles += n
		case famNode:
			c.Nodes += n
		case famType:
			if c.ByType[k.b] += n; c.ByType[k.b] == 0 {
				delete(c.ByType, k.b)
			}
		case famMet:
			c.MetPairs += n
		case famPartner:
			c.Partners += n
		}
	}
	return nil
}

// countKeyQuads counts, up to max, the stored quads of key k (q is one of
// its quads).
func (s *Store) countKeyQuads(ctx context.Context, k countKey, q quad.Quad, max int) (int, error) {
	switch k.family {
	case famArticle:
		return s.countPrefix(ctx, max, fixed{quad.Label, q.Label})
	case famNode:
		return s.countPrefix(ctx, max, fixed{quad.Subject, q.Subject})
	case famType:
		return s.countPrefix(ctx, max, fixed{quad.Object, q.Object}, fixed{quad.Predicate, q.Predicate}, fixed{quad.Subject, q.Subject})
	default: // a pair, either way round
		n, err := s.countPrefix(ctx, max, fixed{quad.Object, q.Object}, fixed{quad.Predicate, q.Predicate}, fixed{quad.Subject, q.Subject})
		if err != nil || n >= max {
			return n, err
		}
		m, err := s.countPrefix(ctx, max-n, fixed{quad.Object, q.Subject}, fixed{quad.Predicate, q.Predicate}, fixed{quad.Subject, q.Object})
		return n + m, err
	}
}

type fixed struct {
	dir quad.Direction
	v   quad.Value
}

// countPrefix counts, up to max, the stored quads with the values fs, which
// must be the first directions of one of the store's indexes.
func (s *Store) countPrefix(ctx context.Context, max int, fs ...fixed) (int, error) {
	qs := s.h.QuadStore
	var ind kv.QuadIndex
	found := false
	for _, in := range s.kvIdx.all {
		if len(in.Dirs) < len(fs) {
			continue
		}
		ok := true
		for i, f := range fs {
			ok = ok && in.Dirs[i] == f.dir
		}
		if ok {
			ind, found = in, true
			break
		}
	}
	if !found {
		return 0, fmt.Errorf("counts: no index begins with %v", fs)
	}
	vals := make([]uint64, len(fs))
	for i, f := range fs {
		ref, ok := qs.ValueOf(f.v).(kv.Int64Value)
		if !ok {
			return 0, nil // a value the store does not hold: no quad has it
		}
		vals[i] = uint64(ref)
	}
	it := kv.NewQuadIterator(s.kvIdx.qs, ind, vals)
	defer it.Close()
	n := 0
	for n < max && it.Next(ctx) {
		n++
	}
	if err := it.Err(); err != nil && !errors.Is(err, kv.ErrNoBucket) { // no bucket yet: an empty store
		return n, err
	}
	return n, nil
}

// counts converts scanned Stats to counts.
func (st *Stats) counts() *counts {
	c := &counts{Quads: int64(st.Quads), Articles: int64(st.Articles), Nodes: int64(st.Nodes),
		MetPairs: int64(st.MetPairs), Partners: int64(st.Partners), ByType: map[string]int64{}, ByPred: map[string]int64{}}
	for k, v := range st.ByType {
		c.ByType[k] = int64(v)
	}
	for k, v := range st.ByPred {
		c.ByPred[k] = int64(v)
	}
	return c
}

// stats converts counts to Stats.
func (c *counts) stats() *Stats {
	st := &Stats{Quads: int(c.Quads), Articles: int(c.Articles), Nodes: int(c.Nodes), MetPairs: int(c.MetPairs),
		Partners: int(c.Partners), ByType: map[string]int{}, ByPred: map[string]int{}}
	for k, v := range c.ByType {
		st.ByType[k] = int(v)
	}
	for k, v := range c.ByPred {
		st.ByPred[k] = int(v)
	}
	st.EmptyStore = st.Quads == 0
	return st
}
