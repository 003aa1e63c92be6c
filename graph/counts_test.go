package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// A bolt store's kept counts equal a count of the whole store after every
// kind of write: new articles in a batch and alone, the same meeting in two
// articles, a date completed in another article's quads, an update, an
// unchanged article, a removal; a write that bypasses them (load's bulk
// path) makes them out of date, stats then reads the store, and the next
// ingest counts it again.
func TestCountsKept(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check := func(step string, wantScanned bool) {
		t.Helper()
		if scanned := statsAgree(t, s, step); scanned != wantScanned {
			t.Errorf("%s: scanned %v, want %v", step, scanned, wantScanned)
		}
	}
	docs := worldDocs()
	b := s.NewBatch(func(tag string, r IngestResult, err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	b.MaxQuads = 60
	for i, d := range docs[:3] {
		if err := b.Add(ctx, d, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	check("a batch", false)
	for _, d := range docs[3:] {
		if _, err := s.Ingest(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	check("alone", false)
	edited := article("002.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-07")))
	if _, err := s.Ingest(ctx, edited); err != nil {
		t.Fatal(err)
	}
	check("an update", false)
	if _, err := s.RemoveArticle(ctx, schema.ArticleIRI(docs[0].Article.ID)); err != nil {
		t.Fatal(err)
	}
	check("a removal", false)
	nq := `<https://newsgraph.dev/person/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> <https://newsgraph.dev/article/loaded> .` + "\n"
	if _, err := s.ImportNQuads(ctx, strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
	check("a load", true)
	if _, err := s.Ingest(ctx, article("new.txt", "", nil, []schema.PersonT{son})); err != nil {
		t.Fatal(err)
	}
	check("an ingest after the load", false)
	// A write through Cayley's API (serve's quad store over the same
	// file) that removes as many quads as it adds: Cayley's count is the
	// same, its id horizon is not.
	qs, err := openKV(noCloseKV{s.db}, kvOptions(false))
	if err != nil {
		t.Fatal(err)
	}
	// It replaces the quad load wrote by another.
	some := quad.Quad{Subject: quad.IRI("https://newsgraph.dev/person/x"), Predicate: schema.Type, Object: quad.IRI("http://schema.org/Person"), Label: quad.IRI("https://newsgraph.dev/article/loaded")}
	added := quad.Quad{Subject: quad.IRI("https://newsgraph.dev/person/y"), Predicate: schema.Type, Object: quad.IRI("http://schema.org/Person"), Label: some.Label}
	if err := qs.ApplyDeltas([]cg.Delta{{Action: cg.Delete, Quad: some}, {Action: cg.Add, Quad: added}}, cg.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	check("a write through Cayley's API", true)
	// The next ingest is another process (serve holds the store while it
	// runs): a store opened afresh.
	s.Close()
	if s, err = Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ingest(ctx, article("new2.txt", "", nil, []schema.PersonT{lavrov})); err != nil {
		t.Fatal(err)
	}
	check("an ingest after it", false)
}

// TestStatsAllStores checks Stats on every store (bolt's kept counts,
// PostgreSQL's SQL) against a count of every quad, after ingests, an
// update and a removal.
func TestStatsAllStores(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			check := func(step string) { t.Helper(); statsAgree(t, s, step) }
			check("empty")
			for _, d := range worldDocs() {
				if _, err := s.Ingest(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			check("ingested")
			doc := worldDocs()[1]
			doc.Persons = append(doc.Persons, schema.PersonT{ID: "x", Name: "Personne X", Nationality: "FR"})
			if _, err := s.Ingest(ctx, doc); err != nil {
				t.Fatal(err)
			}
			check("updated")
			if _, err := s.RemoveArticle(ctx, schema.ArticleIRI(worldDocs()[2].Article.ID)); err != nil {
				t.Fatal(err)
			}
			check("removed")
		})
	}
}

// statsAgree checks Stats against a count of every quad (scanStats) and
// says whether Stats counted so itself.
func statsAgree(t *testing.T, s *Store, step string) (scanned bool) {
	t.Helper()
	ctx := context.Background()
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.scanStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	scanned = got.Scanned
	got.Scanned, want.Scanned = false, false
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Stats\n%+v\nwant (every quad counted)\n%+v", step, got, want)
	}
	return scanned
}
