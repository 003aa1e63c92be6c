package graph

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestPGQuadsOf: on PostgreSQL, quadsOf (two statements) gives, for every
// value of a store and every direction, the quads Cayley's iterator gives
// (cayleyQuadsOf), values of every kind the store holds included: IRIs,
// plain, language-tagged and typed strings, numbers, a NUL byte, a quad
// without a label.
func TestPGQuadsOf(t *testing.T) {
	if os.Getenv("NEWSGRAPH_TEST_PG") == "" {
		t.Skip("needs PostgreSQL: NEWSGRAPH_TEST_PG (e2e/pg.sh start)")
	}
	ctx := context.Background()
	s, err := Open(pgDatabase(t), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seedStore(t, s)
	odd := []quad.Quad{
		{Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.String("nul \x00 byte"), Label: quad.IRI("l")},
		{Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.Int(42), Label: quad.IRI("l")},
		{Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.Float(0.5), Label: quad.IRI("l")},
		{Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.Bool(true), Label: quad.IRI("l")},
		{Subject: quad.BNode("b"), Predicate: quad.IRI("p"), Object: quad.LangString{Value: "été", Lang: "fr"}},
	}
	if err := s.h.QuadWriter.AddQuadSet(odd); err != nil {
		t.Fatal(err)
	}
	values := map[quad.Value]bool{}
	if err := s.AllQuads(ctx, func(q quad.Quad) error {
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				values[v] = true
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(values) < 50 {
		t.Fatalf("only %d values: the store holds too little", len(values))
	}
	key := func(q quad.Quad) string { return q.NQuad() }
	n := 0
	for v := range values {
		for _, d := range quad.Directions {
			got, err := s.pgQuadsOf(ctx, d, v)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.cayleyQuadsOf(ctx, d, v)
			if err != nil {
				t.Fatal(err)
			}
			g, w := make([]string, len(got)), make([]string, len(want))
			for i, q := range got {
				g[i] = key(q)
			}
			for i, q := range want {
				w[i] = key(q)
			}
			slices.Sort(g)
			slices.Sort(w)
			if !slices.Equal(g, w) {
				t.Errorf("quads of %s as %s:\n got %q\nwant %q", v, d, g, w)
			}
			n += len(got)
		}
	}
	if n == 0 {
		t.Fatal("no quads compared")
	}
}
