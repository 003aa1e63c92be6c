package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"newsgraph/schema"
)

// Updating every article of a store, one after the other, gives the store
// a fresh ingest of the updated articles gives: a node keeps the name of
// the article first stored, whatever the order the updates come in.
func TestUpdateEqualsFreshIngest(t *testing.T) {
	ctx := context.Background()
	spellings := []string{"Nguyên Phu Trong", "Nguyen Phu Trong", "Nguyễn Phú Trọng"}
	docs := func(day int) []*schema.Doc {
		var out []*schema.Doc
		for i := range 9 {
			p := schema.PersonT{ID: "nguyen-phu-trong", Name: spellings[(i*2)%3], Nationality: "VN"}
			d := date(fmt.Sprintf("2021-04-%02d", day))
			ev := schema.EventT{Kind: "talks", Participants: []string{"nguyen-phu-trong", "sergei-lavrov"}, Date: d,
				Evidence: schema.Evidence{Rule: "t", Sentence: fmt.Sprintf("s%d", i), Start: 1, End: 2, Confidence: 0.9}}
			out = append(out, article(fmt.Sprintf("a%d.txt", i), fmt.Sprintf("https://example.org/%d", i), nil, []schema.PersonT{p, lavrov}, ev))
		}
		return out
	}
	for _, kind := range []string{"mem", "bolt"} {
		t.Run(kind, func(t *testing.T) {
			open := func(name string) *Store {
				spec := Mem
				if kind == "bolt" {
					spec = filepath.Join(t.TempDir(), name)
				}
				s, err := Open(spec, Options{Create: true})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			// As the ingest command does: a batch, in which an update is
			// a transaction of its own.
			ingest := func(s *Store, docs []*schema.Doc, order []int) {
				b := s.NewBatch(func(tag string, r IngestResult, err error) {
					if err != nil {
						t.Fatal(err)
					}
				})
				b.MaxQuads = 100
				for _, i := range order {
					if err := b.Add(ctx, docs[i], docs[i].Article.ID); err != nil {
						t.Fatal(err)
					}
				}
				if err := b.Flush(ctx); err != nil {
					t.Fatal(err)
				}
			}
			all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
			updated := open("updated")
			ingest(updated, docs(5), all)
			ingest(updated, docs(6), []int{4, 0, 8, 1, 7, 2, 6, 3, 5})
			fresh := open("fresh")
			ingest(fresh, docs(6), all)
			checkIndex(t, updated)
			setDiff(t, quadSet(t, fresh), quadSet(t, updated), "missing after the updates", "extra after the updates")
		})
	}
}
