package graph

import (
	"context"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// Stats counts the store's contents.
type Stats struct {
	Quads      int
	Articles   int
	ByType     map[string]int // distinct subjects per rdf:type
	ByPred     map[string]int // quads per predicate
	Nodes      int            // distinct IRI subjects
	MetPairs   int            // distinct unordered met pairs
	Partners   int            // distinct unordered partner pairs
	EmptyStore bool
	Scanned    bool // counted by reading the whole store
}

// Stats counts the store's contents: on bolt from the counts every write
// keeps (see counts), on PostgreSQL in SQL (pgStats), else, or when
// bolt's counts are out of date, by reading the whole store once
// (Scanned).
func (s *Store) Stats(ctx context.Context) (*Stats, error) {
	if s.keepsCounts() {
		c, err := s.currentCounts(ctx)
		if err != nil {
			return nil, err
		}
		if c != nil {
			return c.stats(), nil
		}
	}
	if s.pg != nil {
		return s.pgStats(ctx)
	}
	st, err := s.scanStats(ctx)
	if st != nil {
		st.Scanned = true
	}
	return st, err
}

// scanStats reads the whole store once.
func (s *Store) scanStats(ctx context.Context) (*Stats, error) {
	st := &Stats{ByType: map[string]int{}, ByPred: map[string]int{}}
	typed := map[string]bool{}
	subjects := map[string]bool{}
	labels := map[string]bool{}
	met := map[[2]string]bool{}
	partner := map[[2]string]bool{}
	pair := func(a, b string) [2]string {
		if a > b {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		if q.Label == schema.StoreGraph {
			return nil // the store's own metadata
		}
		st.Quads++
		p := quad.ToString(q.Predicate)
		st.ByPred[p]++
		subj := quad.ToString(q.Subject)
		subjects[subj] = true
		if q.Label != nil && q.Label != schema.IndexGraph {
			labels[quad.ToString(q.Label)] = true
		}
		switch q.Predicate {
		case schema.Type:
			k := subj + " " + quad.ToString(q.Object)
			if !typed[k] {
				typed[k] = true
				st.ByType[quad.ToString(q.Object)]++
			}
		case schema.Met:
			met[pair(subj, quad.ToString(q.Object))] = true
		case schema.Partner:
			partner[pair(subj, quad.ToString(q.Object))] = true
		}
		return nil
	})
	st.Articles = len(labels)
	st.Nodes = len(subjects)
	st.MetPairs = len(met)
	st.Partners = len(partner)
	st.EmptyStore = st.Quads == 0
	return st, err
}
