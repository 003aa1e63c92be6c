package graph

import (
	"context"
	"strings"
	"testing"

	"newsgraph/schema"
)

// An article's input key is stored beside its digest: known after the
// ingest, replaced (not added to) when the same facts come from another
// input, removed with the article's other quads when the facts change and
// the input is new, and never exported.
func TestInputKeys(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			doc := func(key string, d string) *schema.Doc {
				doc := article("a.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date(d)))
				doc.Input = key
				return doc
			}
			steps := []struct {
				name        string
				doc         *schema.Doc
				batch       bool
				want        Status
				known, gone []string
			}{
				{"first", doc("k1", "2022-07-06"), false, New, []string{"k1"}, []string{"k2"}},
				{"same input", doc("k1", "2022-07-06"), false, Unchanged, []string{"k1"}, nil},
				{"same facts, another input", doc("k2", "2022-07-06"), false, Unchanged, []string{"k2"}, []string{"k1"}},
				{"same facts, another input, in a batch", doc("k3", "2022-07-06"), true, Unchanged, []string{"k3"}, []string{"k1", "k2"}},
				{"new facts", doc("k4", "2022-07-07"), false, Updated, []string{"k4"}, []string{"k3"}},
				{"new facts, in a batch", doc("k5", "2022-07-08"), true, Updated, []string{"k5"}, []string{"k4"}},
				{"no key", doc("", "2022-07-08"), false, Unchanged, []string{"k5"}, nil},
			}
			for _, st := range steps {
				var got Status
				if st.batch {
					b := s.NewBatch(func(tag string, r IngestResult, err error) {
						if err != nil {
							t.Fatalf("%s: %v", st.name, err)
						}
						got = r.Status
					})
					if err := b.Add(ctx, st.doc, "a.txt"); err != nil {
						t.Fatal(err)
					}
					if err := b.Flush(ctx); err != nil {
						t.Fatal(err)
					}
				} else {
					r, err := s.Ingest(ctx, st.doc)
					if err != nil {
						t.Fatalf("%s: %v", st.name, err)
					}
					got = r.Status
				}
				if got != st.want {
					t.Errorf("%s: status %s, want %s", st.name, got, st.want)
				}
				for _, k := range st.known {
					if !s.KnownInput(ctx, k) {
						t.Errorf("%s: input %s not known", st.name, k)
					}
				}
				for _, k := range st.gone {
					if s.KnownInput(ctx, k) {
						t.Errorf("%s: input %s still known", st.name, k)
					}
				}
			}
			var out strings.Builder
			if _, err := s.Export(ctx, &out, "nquads"); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out.String(), string(schema.Input)) || !strings.Contains(out.String(), "Lavrov") {
				t.Errorf("export holds the input keys, or not the facts:\n%s", out.String())
			}
		})
	}
}
