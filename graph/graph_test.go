package graph

import (
	"context"
	"path/filepath"
	"testing"

	"newsgraph/schema"
)

// stores returns the backends every test runs on: memstore and a real bolt
// file in a temporary directory.
func stores(t *testing.T) map[string]*Store {
	t.Helper()
	out := map[string]*Store{}
	for name, spec := range map[string]string{"mem": Mem, "bolt": filepath.Join(t.TempDir(), "db")} {
		s, err := Open(spec, Options{Create: true})
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		out[name] = s
	}
	return out
}

func date(v string) *schema.Date {
	d, ok := schema.DateOf(v)
	if !ok {
		panic(v)
	}
	return &d
}

func article(file, url string, d *schema.Date, persons []schema.PersonT, events ...schema.EventT) *schema.Doc {
	return &schema.Doc{
		Article:   schema.Article{ID: schema.ArticleID(url, file)},
		Countries: []schema.CountryT{{Code: "VN", Name: "Vietnam"}, {Code: "RU", Name: "Russie"}},
		Persons:   persons,
		Events:    events,
	}
}

var son = schema.PersonT{ID: "bui-thanh-son", Name: "Bùi Thanh Sơn", Alternates: []string{"Bui Thanh Son"}, Nationality: "VN"}
var lavrov = schema.PersonT{ID: "sergei-lavrov", Name: "Sergueï Lavrov", Alternates: []string{"Lavrov"}, Nationality: "RU"}

func talks(d *schema.Date) schema.EventT {
	return schema.EventT{Kind: "talks", Participants: []string{"bui-thanh-son", "sergei-lavrov"}, Date: d,
		Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
}

func TestIngestIdempotentAndReplace(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			doc := article("a.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-06")))
			r, err := s.Ingest(ctx, doc)
			if err != nil || r.Status != New || r.Added == 0 || r.Removed != 0 {
				t.Fatalf("first ingest: %+v %v", r, err)
			}
			n1, _ := s.Count(ctx)
			doc = article("a.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-06")))
			r, err = s.Ingest(ctx, doc)
			if err != nil || r.Status != Unchanged || r.Added != 0 || r.Removed != 0 {
				t.Fatalf("second ingest: %+v %v", r, err)
			}
			if n2, _ := s.Count(ctx); n2 != n1 {
				t.Fatalf("quads %d -> %d after an unchanged ingest", n1, n2)
			}
			// Edited: the date changes.
			doc = article("a.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-07")))
			r, err = s.Ingest(ctx, doc)
			if err != nil || r.Status != Updated || r.Added == 0 || r.Removed == 0 {
				t.Fatalf("edited ingest: %+v %v", r, err)
			}
			res, err := s.Gizmo(ctx, `g.V("<https://newsgraph.dev/person/bui-thanh-son>").In("<https://newsgraph.dev/ns#participant>").Out("<https://newsgraph.dev/ns#on>").Unique().All()`, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 1 {
				t.Fatalf("dates after edit = %v, want only the new one", res)
			}
		})
	}
}

func TestSameMeetingTwoArticles(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// First the article with a partial date, then the one with the full date.
			a := article("000.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("--07-06")))
			b := article("002.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-06")))
			for _, d := range []*schema.Doc{a, b} {
				if _, err := s.Ingest(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			res, err := s.Gizmo(ctx, `g.V().Has("<https://newsgraph.dev/ns#participant>", "<https://newsgraph.dev/person/sergei-lavrov>").Unique().Tag("ev").Out("<https://newsgraph.dev/ns#on>").Unique().All()`, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 1 {
				t.Fatalf("events/dates = %v, want one event on one date", res)
			}
			m := res[0].(map[string]any)
			if m["id"] != `"2022-07-06"^^<http://www.w3.org/2001/XMLSchema#date>` {
				t.Errorf("date = %v, want the completed full date", m["id"])
			}
			// Both articles are sources of the one event.
			labels, err := s.Gizmo(ctx, `g.V().Has("<https://newsgraph.dev/ns#participant>", "<https://newsgraph.dev/person/sergei-lavrov>").Unique().LabelContext().Labels().Unique().All()`, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(labels) != 2 {
				t.Errorf("sources = %v, want both articles", labels)
			}
			// Re-ingesting the partial article changes nothing.
			a = article("000.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("--07-06")))
			if r, err := s.Ingest(ctx, a); err != nil || r.Status != Unchanged {
				t.Fatalf("re-ingest of the partial article: %+v %v", r, err)
			}
		})
	}
}
