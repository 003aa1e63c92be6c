package graph

import (
	"context"
	"database/sql"
	"reflect"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// pgQS is Cayley's SQL quad store with its SQL iterators guarded against a
// defect of Cayley v0.7.7: an SQL iterator in "next path" mode (a query
// with tags, which Gizmo's Tag and Back make) dereferences a nil result
// when NextPath is called again after it returned false, which Cayley's
// own And iterator does whenever a second branch has more paths than the
// first. The process panics (a Gizmo query, or `serve` as a whole).
//
// The guard gives the SQL iterators the contract that Cayley's other
// iterators keep: once NextPath has said false, it says false until the
// next Next or Contains, and the result and tags stay those of the
// current value. It sits on the shapes the SQL planner returns: Cayley
// builds an SQL iterator only from a shape of its own type and only for
// its own store type, so every planned SQL shape is handed back inside a
// pgSelect, which builds it on the bare store and guards what it builds;
// before each planning step the pgSelects are unwrapped again, so that
// the planner still merges them into bigger queries.
//
// Its ApplyDeltas is newsgraph's (pgdelete.go), over db, the store's own
// connection pool.
type pgQS struct {
	*csql.QuadStore
	db *sql.DB
}

// OptimizeShape plans s with Cayley's SQL planner, between unwrapping and
// wrapping its SQL shapes.
//
// A tag on a filtered value (`.Out(p).Filter(regex(...)).Tag("date")`,
// which Gizmo builds as Filter(Save(tags, all nodes))) is planned as
// Save(tags, Filter(all nodes)), the same paths with the same tags:
// Cayley v0.7.7's planner, given the tagged query of all nodes under a
// filter, makes the filter a new query of nodes and drops the tag columns
// (its optimizeFilters takes the tagged query for a bare one), so the tag
// came back empty on PostgreSQL. The planner works bottom up, so the Save
// of all nodes is left unplanned until the Filter above it is seen.
func (q *pgQS) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	bare, _ := mapShapes(s, unwrapSelect)
	switch v := bare.(type) {
	case shape.Save:
		if allNodes(v.From) {
			return s, false // see the Filter case
		}
	case shape.Filter:
		if sv, ok := v.From.(shape.Save); ok && allNodes(sv.From) {
			inner, _ := q.QuadStore.OptimizeShape(shape.Filter{From: sv.From, Filters: v.Filters})
			out, _ := q.QuadStore.OptimizeShape(shape.Save{Tags: sv.Tags, From: inner})
			return q.wrapSelects(out), true
		}
	}
	out, ok := q.QuadStore.OptimizeShape(bare)
	if !ok {
		return s, false
	}
	return q.wrapSelects(out), true
}

// wrapSelects hands back every planned SQL shape of s inside a pgSelect.
func (q *pgQS) wrapSelects(s shape.Shape) shape.Shape {
	out, _ := mapShapes(s, func(s shape.Shape) (shape.Shape, bool) {
		if sel, ok := s.(csql.Select); ok {
			return pgSelect{sel: sel, qs: q.QuadStore}, true
		}
		return s, false
	})
	return out
}

// allNodes reports whether s is the set of all nodes, as a shape or as
// Cayley's SQL query of the nodes table without conditions or tags.
func allNodes(s shape.Shape) bool {
	switch v := s.(type) {
	case shape.AllNodes:
		return true
	case csql.Select:
		if len(v.From) != 1 || len(v.Fields) != 1 || v.Fields[0].Alias != "__node" {
			return false
		}
		t, ok := v.From[0].(csql.Table)
		return ok && t.Name == "nodes" && len(v.Where) == 0 && len(v.Params) == 0 && v.Limit == 0 && v.Offset == 0
	}
	return false
}

func unwrapSelect(s shape.Shape) (shape.Shape, bool) {
	if p, ok := s.(pgSelect); ok {
		return p.sel, true
	}
	return s, false
}

// pgSelect is a planned SQL shape, built on the SQL store it was planned
// for, its iterator guarded.
type pgSelect struct {
	sel csql.Select
	qs  *csql.QuadStore
}

func (p pgSelect) BuildIterator(cg.QuadStore) cg.Iterator {
	it := p.sel.BuildIterator(p.qs)
	return cg.AsLegacy(guardedShape{cg.AsShape(it)})
}

func (p pgSelect) Optimize(shape.Optimizer) (shape.Shape, bool) { return p, false }

// guardedShape is an SQL iterator whose scanners and indexes keep the
// NextPath contract (see pgQS).
type guardedShape struct {
	cg.IteratorShape
}

func (g guardedShape) Iterate() cg.Scanner {
	s := g.IteratorShape.Iterate()
	return &guardedScanner{Scanner: s, base: pathGuard{in: s}}
}

func (g guardedShape) Lookup() cg.Index {
	x := g.IteratorShape.Lookup()
	return &guardedIndex{Index: x, base: pathGuard{in: x}}
}

func (g guardedShape) Optimize(ctx context.Context) (cg.IteratorShape, bool) {
	s, ok := g.IteratorShape.Optimize(ctx)
	if _, guarded := s.(guardedShape); !guarded {
		s = guardedShape{s}
	}
	return s, ok
}

// pathGuard keeps the NextPath contract over an iterator that does not.
// Before each NextPath it keeps the current result and tags (in one map,
// reused), which the iterator forgets when it says false.
type pathGuard struct {
	in    cg.IteratorBase
	ended bool // NextPath said false since the last Next or Contains
	res   cg.Ref
	tags  map[string]cg.Ref
}

func (g *pathGuard) reset() { g.ended = false }

func (g *pathGuard) nextPath(ctx context.Context) bool {
	if g.ended {
		return false
	}
	if g.tags == nil {
		g.tags = map[string]cg.Ref{}
	}
	clear(g.tags)
	g.res = g.in.Result()
	g.in.TagResults(g.tags)
	if g.in.NextPath(ctx) {
		return true
	}
	g.ended = true
	return false
}

func (g *pathGuard) result() cg.Ref {
	if g.ended {
		return g.res
	}
	return g.in.Result()
}

func (g *pathGuard) tagResults(dst map[string]cg.Ref) {
	if !g.ended {
		g.in.TagResults(dst)
		return
	}
	for k, v := range g.tags {
		dst[k] = v
	}
}

type guardedScanner struct {
	cg.Scanner
	base pathGuard
}

func (s *guardedScanner) Next(ctx context.Context) bool {
	s.base.reset()
	return s.Scanner.Next(ctx)
}
func (s *guardedScanner) NextPath(ctx context.Context) bool { return s.base.nextPath(ctx) }
func (s *guardedScanner) Result() cg.Ref                    { return s.base.result() }
func (s *guardedScanner) TagResults(dst map[string]cg.Ref)  { s.base.tagResults(dst) }

type guardedIndex struct {
	cg.Index
	base pathGuard
}

func (x *guardedIndex) Contains(ctx context.Context, v cg.Ref) bool {
	x.base.reset()
	return x.Index.Contains(ctx, v)
}
func (x *guardedIndex) NextPath(ctx context.Context) bool { return x.base.nextPath(ctx) }
func (x *guardedIndex) Result() cg.Ref                    { return x.base.result() }
func (x *guardedIndex) TagResults(dst map[string]cg.Ref)  { x.base.tagResults(dst) }

var shapeType = reflect.TypeOf((*shape.Shape)(nil)).Elem()

// mapShapes returns s with f applied to every shape in its tree, children
// before parents, and whether anything changed; it copies only what
// changed. It walks the exported fields of Cayley's shape types (structs,
// slices of shapes, the quad filters) by reflection, so that a shape type
// Cayley adds is walked too; the SQL planner's shapes are leaves.
func mapShapes(s shape.Shape, f func(shape.Shape) (shape.Shape, bool)) (shape.Shape, bool) {
	if s == nil {
		return nil, false
	}
	switch s.(type) {
	case csql.Select, pgSelect:
		return f(s)
	}
	nv, changed := mapValue(reflect.ValueOf(s), f)
	if changed {
		s = nv.Interface().(shape.Shape)
	}
	n, c := f(s)
	return n, changed || c
}

// mapValue maps the shapes inside v; it copies v only when one changed.
func mapValue(v reflect.Value, f func(shape.Shape) (shape.Shape, bool)) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() || !v.Type().Implements(shapeType) {
			return v, false
		}
		n, changed := mapShapes(v.Interface().(shape.Shape), f)
		if !changed {
			return v, false
		}
		out := reflect.New(v.Type()).Elem()
		if n != nil {
			out.Set(reflect.ValueOf(n))
		}
		return out, true
	case reflect.Struct:
		var out reflect.Value
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			nf, changed := mapValue(v.Field(i), f)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Field(i).Set(nf)
		}
		if out.IsValid() {
			return out, true
		}
		return v, false
	case reflect.Slice:
		var out reflect.Value
		for i := 0; i < v.Len(); i++ {
			ne, changed := mapValue(v.Index(i), f)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(ne)
		}
		if out.IsValid() {
			return out, true
		}
		return v, false
	}
	return v, false
}

// QuadIterator is Cayley's SQL iterator of the quads whose direction d is
// v, with its check side answered in memory: Cayley v0.7.7's Contains of
// a quad sends one SQL query per quad (WHERE d = v AND the quad's four
// hashes), which made a Gizmo path on PostgreSQL thousands of round trips
// (the who-met-lavrov example: 4,149 queries on 1,000 articles). A quad
// reference from the same store holds its four hashes, so the check is a
// comparison, as on memstore and bolt; listing stays Cayley's query.
func (q *pgQS) QuadIterator(d quad.Direction, v cg.Ref) cg.Iterator {
	it := q.QuadStore.QuadIterator(d, v)
	h, ok := v.(csql.NodeHash)
	if !ok || !h.Valid() {
		return it
	}
	return cg.AsLegacy(quadDirShape{IteratorShape: cg.AsShape(it), d: d, h: h.ValueHash})
}

// quadDirShape is an SQL quad iterator of direction d = h whose Lookup
// compares hashes (see pgQS.QuadIterator).
type quadDirShape struct {
	cg.IteratorShape
	d quad.Direction
	h cg.ValueHash
}

func (s quadDirShape) Lookup() cg.Index {
	return &quadDirIndex{Index: s.IteratorShape.Lookup(), d: s.d, h: s.h}
}

func (s quadDirShape) Stats(ctx context.Context) (cg.IteratorCosts, error) {
	st, err := s.IteratorShape.Stats(ctx)
	st.ContainsCost = 1
	return st, err
}

func (s quadDirShape) Optimize(ctx context.Context) (cg.IteratorShape, bool) {
	o, ok := s.IteratorShape.Optimize(ctx)
	if !ok {
		return s, false
	}
	return quadDirShape{IteratorShape: o, d: s.d, h: s.h}, true
}

// quadDirIndex answers Contains of a quad reference by its hash in
// direction d, and of anything else as Cayley's iterator does.
type quadDirIndex struct {
	cg.Index
	d    quad.Direction
	h    cg.ValueHash
	cur  cg.Ref
	mine bool // the current result is cur (Contains answered here)
}

func (x *quadDirIndex) Contains(ctx context.Context, v cg.Ref) bool {
	qh, ok := v.(csql.QuadHashes)
	if !ok {
		x.mine = false
		return x.Index.Contains(ctx, v)
	}
	x.mine, x.cur = true, nil
	if qh.Get(x.d) != x.h {
		return false
	}
	x.cur = v
	return true
}

func (x *quadDirIndex) Result() cg.Ref {
	if x.mine {
		return x.cur
	}
	return x.Index.Result()
}

func (x *quadDirIndex) NextPath(ctx context.Context) bool {
	if x.mine {
		return false
	}
	return x.Index.NextPath(ctx)
}

func (x *quadDirIndex) TagResults(dst map[string]cg.Ref) {
	if !x.mine {
		x.Index.TagResults(dst)
	}
}
