package graph

import (
	"context"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"
)

// values returns the objects of (node, pred) through the (Subject,
// Predicate) index; with label set, only those of that article.
func (s *Store) values(ctx context.Context, node quad.Value, pred quad.IRI, label quad.Value) ([]quad.Value, error) {
	p := path.StartPath(s.h.QuadStore, node)
	if label != nil {
		p = p.LabelContext(label)
	}
	return p.Out(pred).Iterate(ctx).AllValues(s.h.QuadStore)
}

// subjects returns the subjects of (pred, node) through the (Object,
// Predicate) index.
func (s *Store) subjects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return path.StartPath(s.h.QuadStore, node).In(pred).Iterate(ctx).AllValues(s.h.QuadStore)
}

// firstValue returns one object of (node, pred), or nil: it stops at the
// first, so that a node written by thousands of articles (a country) costs
// no more than one written once.
func (s *Store) firstValue(ctx context.Context, node quad.Value, pred quad.IRI) (quad.Value, error) {
	vs, err := path.StartPath(s.h.QuadStore, node).Out(pred).Limit(1).Iterate(ctx).AllValues(s.h.QuadStore)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return vs[0], nil
}

// subjectsOf calls fn once for each distinct IRI subject of the quads
// (?, pred, obj), reading at most budget index entries (0: all). It walks
// the object index by reference and decodes only the distinct subjects: a
// name index entry repeated by thousands of articles (a country's) costs
// one index read per article, not a quad decode.
func (s *Store) subjectsOf(ctx context.Context, pred quad.IRI, obj quad.Value, budget int, fn func(quad.IRI)) error {
	qs := s.h.QuadStore
	ref := qs.ValueOf(obj)
	pref := qs.ValueOf(pred)
	if ref == nil || pref == nil {
		return nil
	}
	pkey := cg.ToKey(pref)
	seen := map[interface{}]bool{}
	it := qs.QuadIterator(quad.Object, ref)
	defer it.Close()
	for n := 0; it.Next(ctx); n++ {
		if budget > 0 && n == budget {
			break
		}
		q := it.Result()
		if cg.ToKey(qs.QuadDirection(q, quad.Predicate)) != pkey {
			continue
		}
		sub := qs.QuadDirection(q, quad.Subject)
		k := cg.ToKey(sub)
		if seen[k] {
			continue
		}
		seen[k] = true
		if iri, ok := qs.NameOf(sub).(quad.IRI); ok {
			fn(iri)
		}
	}
	return it.Err()
}
