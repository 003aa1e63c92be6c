package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"newsgraph/schema"
)

// counts are a bolt store's Stats kept up to date by every write, so that
// stats answers without reading the store. They are kept beside Cayley's
// data in the bolt file, under a key of newsgraph's own (countsKey), and
// written right after each write of quads: each write counts its own
// quads, and for the distinct counts (articles, subjects, typed subjects,
// met and partner pairs) asks the index, for each key it touches, whether
// the store held it before and holds it after: a few prefix scans per
// subject, nothing that grows with the store. (A quad in the store would
// not do: the kv store keeps every replaced quad's entry in its indexes,
// and reading the current one would walk all those before it, one more
// per write.)
//
// Stamp is Cayley's quad count and id horizon once the write is done: any
// other write (a crash between the quads and the counts, load's bulk path,
// Cayley's HTTP API on a writable server) changes one of them, since every
// added quad takes a new id. The counts are then out of date: stats reads
// the whole store instead, and the next ingest counts it again once.
// PostgreSQL and memory stores keep no counts.
type counts struct {
	Stamp    [2]int64         `json:"stamp"`
	Quads    int64            `json:"quads"`
	Articles int64            `json:"articles"`
	Nodes    int64            `json:"nodes"`
	MetPairs int64            `json:"met"`
	Partners int64            `json:"partners"`
	ByType   map[string]int64 `json:"types"`
	ByPred   map[string]int64 `json:"predicates"`
}

// countsKey is where a bolt store's counts are, beside Cayley's buckets.
var countsKey = hkv.Key{[]byte("newsgraph"), []byte("counts")}

// keepsCounts reports whether the store keeps counts (bolt).
func (s *Store) keepsCounts() bool { return s.kvIdx != nil }

// stamp reads Cayley's quad count and id horizon.
func (s *Store) stamp(ctx context.Context) ([2]int64, error) {
	var st [2]int64
	err := hkv.View(s.kvIdx.db, func(tx hkv.Tx) error {
		for i, k := range []string{"size", "horizon"} {
			b, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte(k)})
			if errors.Is(err, hkv.ErrNotFound) || errors.Is(err, kv.ErrNoBucket) {
				continue
			} else if err != nil {
				return err
			}
			if len(b) == 8 {
				st[i] = int64(binary.LittleEndian.Uint64(b))
			}
		}
		return nil
	})
	return st, err
}

// loadCounts returns the stored counts, if any.
func (s *Store) loadCounts(ctx context.Context) (*counts, error) {
	var c *counts
	err := hkv.View(s.kvIdx.db, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, countsKey)
		if err != nil {
			return nil // none (or no bucket yet)
		}
		c = &counts{}
		if json.Unmarshal(b, c) != nil {
			c = nil // unreadable: counted again
		}
		return nil
	})
	return c, err
}

// currentCounts returns the store's counts if they are up to date.
func (s *Store) currentCounts(ctx context.Context) (*counts, error) {
	c, err := s.loadCounts(ctx)
	if err != nil || c == nil {
		return nil, err
	}
	st, err := s.stamp(ctx)
	if err != nil || st != c.Stamp {
		return nil, err
	}
	return c, nil
}

// countWrite returns the counts after tx, computed before tx is applied
// (nil when the store keeps none); saveCounts stores them once it is.
func (s *Store) countWrite(ctx context.Context, tx *cg.Transaction) (*counts, error) {
	if !s.keepsCounts() {
		return nil, nil
	}
	c, err := s.currentCounts(ctx)
	if err != nil {
		return nil, err
	}
	if c == nil {
		// None yet, or out of date: count the store as it is.
		st, err := s.scanStats(ctx)
		if err != nil {
			return nil, err
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
		return nil, err
	}
	return c, nil
}

// saveCounts stores c, stamped with the store as it is now.
func (s *Store) saveCounts(ctx context.Context, c *counts) error {
	if c == nil {
		return nil
	}
	st, err := s.stamp(ctx)
	if err != nil {
		return err
	}
	c.Stamp = st
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return hkv.Update(ctx, s.kvIdx.db, func(tx hkv.Tx) error { return tx.Put(countsKey, b) })
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
		if q.Label != nil && q.Label != schema.IndexGraph {
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

// countPrefix counts, up to max, the stored quads with the values fs, whose
// directions must begin one of the store's indexes (in any order).
func (s *Store) countPrefix(ctx context.Context, max int, fs ...fixed) (int, error) {
	qs := s.h.QuadStore
	vals := make(map[quad.Direction]uint64, len(fs))
	for _, f := range fs {
		ref, ok := qs.ValueOf(f.v).(kv.Int64Value)
		if !ok {
			return 0, nil // a value the store does not hold: no quad has it
		}
		vals[f.dir] = uint64(ref)
	}
	it, ok := s.kvIdx.prefixIterator(vals)
	if !ok {
		return 0, fmt.Errorf("counts: no index begins with %v", fs)
	}
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
