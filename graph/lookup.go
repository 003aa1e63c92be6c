package graph

import (
	"context"
	"sort"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
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
	if s.kvIdx != nil {
		// bolt: the (node, pred) prefix of the index, without a plan.
		qs := s.h.QuadStore
		ref, pref := qs.ValueOf(node), qs.ValueOf(pred)
		if ref == nil || pref == nil {
			return nil, nil
		}
		it, exact := s.pairIterator(quad.Subject, ref, pref)
		defer it.Close()
		if exact {
			if it.Next(ctx) {
				return qs.NameOf(qs.QuadDirection(it.Result(), quad.Object)), nil
			}
			return nil, it.Err()
		}
	}
	vs, err := path.StartPath(s.h.QuadStore, node).Out(pred).Limit(1).Iterate(ctx).AllValues(s.h.QuadStore)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return vs[0], nil
}

// subjectsOf calls fn once for each distinct IRI subject of the quads
// (?, pred, obj), at most budget of them (0: all), in the order of the
// object index. It decodes only the distinct subjects: a name index entry
// repeated by thousands of articles (a country's) is one subject.
func (s *Store) subjectsOf(ctx context.Context, pred quad.IRI, obj quad.Value, budget int, fn func(quad.IRI)) error {
	_, err := s.subjectsUpTo(ctx, pred, obj, budget, fn)
	return err
}

// subjectsUpTo is subjectsOf that also says whether it found every
// distinct subject of (?, pred, obj) (false: it stopped at budget of
// them). On bolt it is a skip scan of the object index (distinctAfter):
// each subject costs one seek however many articles state it.
func (s *Store) subjectsUpTo(ctx context.Context, pred quad.IRI, obj quad.Value, budget int, fn func(quad.IRI)) (bool, error) {
	if s.pg != nil {
		return s.pgSubjects(ctx, pred, obj, budget, fn)
	}
	qs := s.h.QuadStore
	ref := qs.ValueOf(obj)
	pref := qs.ValueOf(pred)
	if ref == nil || pref == nil {
		return true, nil
	}
	complete, n := true, 0
	take := func(sub cg.Ref) bool {
		if budget > 0 && n == budget {
			complete = false
			return false
		}
		n++
		if iri, ok := qs.NameOf(sub).(quad.IRI); ok {
			fn(iri)
		}
		return true
	}
	if o, ok1 := ref.(kv.Int64Value); ok1 {
		if p, ok2 := pref.(kv.Int64Value); ok2 {
			ind, m := s.kvIdx.longest(func(d quad.Direction) bool { return d == quad.Object || d == quad.Predicate })
			if m == 2 && ind.Dirs[2] == quad.Subject {
				if ok, err := s.kvIdx.distinctAfter(ind, []uint64{uint64(o), uint64(p)}, func(id uint64) bool { return take(kv.Int64Value(id)) }); ok {
					return complete, err
				}
			}
		}
	}
	seen := map[interface{}]bool{}
	err := s.eachPair(ctx, quad.Object, ref, pref, func(q cg.Ref) bool {
		sub := qs.QuadDirection(q, quad.Subject)
		if k := cg.ToKey(sub); !seen[k] {
			seen[k] = true
			return take(sub)
		}
		return true
	})
	return complete, err
}

// firstBudget is how many of a node's quads firstValues reads.
const firstBudget = 64

// firstNames returns the distinct schema:name values of node among its
// first quads whose label is not `not` (nil: any label). A node keeps the
// first name it got, and every article that names it again writes that
// name, so the first quads tell it.
func (s *Store) firstNames(ctx context.Context, node quad.IRI, not quad.Value) ([]string, error) {
	vs, err := s.firstValues(ctx, node, schema.Name, not)
	var out []string
	for _, v := range vs {
		if str, ok := v.(quad.String); ok {
			out = append(out, string(str))
		}
	}
	sort.Strings(out)
	return out, err
}

// firstValues returns the distinct objects of (node, pred) among node's
// first firstBudget quads with that predicate, in the order their articles
// were first stored (on memstore and PostgreSQL, and on bolt stores made
// before the label came into the index keys: in the order the quads were
// written, among node's first firstBudget quads), leaving out
// those labelled `not` (nil: none left out). It is for what every article
// that states a node writes alike (a node's first name, an event's
// participants, its date once completed): a node that thousands of
// articles state (a city, a minister, a meeting every copy reports) costs
// no more than one stated once.
func (s *Store) firstValues(ctx context.Context, node quad.IRI, pred quad.IRI, not quad.Value) ([]quad.Value, error) {
	qs := s.h.QuadStore
	ref := qs.ValueOf(node)
	pref := qs.ValueOf(pred)
	if ref == nil || pref == nil {
		return nil, nil
	}
	var notKey interface{}
	if not != nil {
		if r := qs.ValueOf(not); r != nil {
			notKey = cg.ToKey(r)
		}
	}
	var out []quad.Value
	seen := map[interface{}]bool{}
	n := 0
	err := s.eachPair(ctx, quad.Subject, ref, pref, func(q cg.Ref) bool {
		n++
		if notKey != nil {
			if l := qs.QuadDirection(q, quad.Label); l != nil && cg.ToKey(l) == notKey {
				return n < firstBudget
			}
		}
		o := qs.QuadDirection(q, quad.Object)
		if k := cg.ToKey(o); !seen[k] {
			seen[k] = true
			out = append(out, qs.NameOf(o))
		}
		return n < firstBudget
	})
	return out, err
}
