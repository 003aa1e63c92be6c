package graph

import (
	"context"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// checkIndex fails t unless the store's IndexGraph holds exactly the index
// quads that the name quads of its articles stand for: none missing, none
// left over from a name no article states any more, none elsewhere.
func checkIndex(t *testing.T, s *Store) {
	t.Helper()
	want, got := map[quad.Quad]bool{}, map[quad.Quad]bool{}
	if err := s.AllQuads(context.Background(), func(q quad.Quad) error {
		switch {
		case q.Label == schema.IndexGraph:
			got[q] = true
		case schema.IsIndex(q.Predicate) && !schema.IsBookkeeping(q.Predicate):
			t.Errorf("an index quad outside IndexGraph: %v", q)
		default:
			for _, k := range schema.IndexQuads(q) {
				want[k] = true
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	setDiff(t, want, got, "index quad missing", "index quad of no stated name")
}

// setDiff reports each key of want that got lacks (as missing) and each
// key of got that want lacks (as extra).
func setDiff[K comparable](t *testing.T, want, got map[K]bool, missing, extra string) {
	t.Helper()
	for k := range want {
		if !got[k] {
			t.Errorf("%s: %v", missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("%s: %v", extra, k)
		}
	}
}

// TestIndexFollowsNames writes, renames and removes names on every store
// and checks after each step that the index is the one the stored names
// give (checkIndex), with one copy of each key however many articles give
// the name, and that lookups follow.
func TestIndexFollowsNames(t *testing.T) {
	ctx := context.Background()
	nick := func(alt ...string) schema.PersonT {
		p := son
		p.Alternates = append(append([]string{}, son.Alternates...), alt...)
		return p
	}
	doc := func(n int, p ...schema.PersonT) *schema.Doc {
		return article(fmt.Sprintf("a%d.txt", n), fmt.Sprintf("https://example.org/idx/%d", n), nil, p)
	}
	sonIRI, lavrovIRI := schema.PersonIRI(son.ID), schema.PersonIRI(lavrov.ID)
	type step struct {
		name    string
		docs    []*schema.Doc // ingested in one batch
		remove  []int         // articles removed
		resolve map[string]quad.IRI
	}
	steps := []step{
		{name: "three articles name Son", docs: []*schema.Doc{doc(1, son), doc(2, son, lavrov), doc(3, son)},
			resolve: map[string]quad.IRI{"Bui Thanh Son": sonIRI, "Lavrov": lavrovIRI}},
		{name: "a fourth gives him a nickname", docs: []*schema.Doc{doc(4, nick("Anh Son"))},
			resolve: map[string]quad.IRI{"Anh Son": sonIRI}},
		{name: "a fifth gives the same nickname", docs: []*schema.Doc{doc(5, nick("Anh Son"))}},
		// The fourth no longer gives it: the fifth still does.
		{name: "the fourth edited", docs: []*schema.Doc{doc(4, son)},
			resolve: map[string]quad.IRI{"Anh Son": sonIRI}},
		// The fifth drops it and the sixth, in the same batch, gives it:
		// the batch removes and states it at once.
		{name: "the nickname moves", docs: []*schema.Doc{doc(5, son), doc(6, nick("Anh Son"))},
			resolve: map[string]quad.IRI{"Anh Son": sonIRI}},
		{name: "the last article with the nickname removed", remove: []int{6},
			resolve: map[string]quad.IRI{"Anh Son": "", "Bui Thanh Son": sonIRI}},
		{name: "Lavrov's only article removed", remove: []int{2},
			resolve: map[string]quad.IRI{"Lavrov": "", "Bui Thanh Son": sonIRI}},
		{name: "every article removed", remove: []int{1, 3, 4, 5},
			resolve: map[string]quad.IRI{"Bui Thanh Son": ""}},
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			for _, st := range steps {
				b := s.NewBatch(func(tag string, r IngestResult, err error) {
					if err != nil {
						t.Fatalf("%s: %s: %v", st.name, tag, err)
					}
				})
				for _, d := range st.docs {
					if err := b.Add(ctx, d, d.Article.ID); err != nil {
						t.Fatalf("%s: %v", st.name, err)
					}
				}
				if err := b.Flush(ctx); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				for _, n := range st.remove {
					if _, err := s.RemoveArticle(ctx, schema.ArticleIRI(doc(n).Article.ID)); err != nil {
						t.Fatalf("%s: %v", st.name, err)
					}
				}
				checkIndex(t, s)
				// One copy per key: the key of Son's name, given by every
				// article, is one quad.
				keys, err := s.quadsOf(ctx, quad.Object, quad.String("bui thanh son"))
				if err != nil {
					t.Fatal(err)
				}
				if len(keys) > 1 {
					t.Errorf("%s: %d quads of the key \"bui thanh son\", want at most 1: %v", st.name, len(keys), keys)
				}
				for n, want := range st.resolve {
					got, err := s.Resolve(ctx, n)
					if want == "" {
						if err == nil {
							t.Errorf("%s: %q resolves to %s, want nothing", st.name, n, got)
						}
						continue
					}
					if err != nil || got != want {
						t.Errorf("%s: %q resolves to %s (%v), want %s", st.name, n, got, err, want)
					}
				}
			}
		})
	}
}
