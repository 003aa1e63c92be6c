package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/schema"
)

// nodeRefs returns a PostgreSQL store's nodes table: hash -> reference
// count.
func nodeRefs(t *testing.T, s *Store) map[string]int {
	t.Helper()
	rows, err := s.pg.db.Query(`SELECT hash, refs FROM nodes`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var h []byte
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%x", h)] = n
	}
	if err := rows.Err(); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	return out
}

// indexDefs returns the definitions of a PostgreSQL store's indexes on
// the quads table, one a line, sorted.
func indexDefs(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.pg.db.Query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'quads' ORDER BY indexname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return strings.Join(out, "\n")
}

func sameRefs(t *testing.T, a, b map[string]int) {
	t.Helper()
	for h, n := range a {
		if b[h] != n {
			t.Errorf("node %s: %d references written directly, %d copied", h, n, b[h])
		}
	}
	for h, n := range b {
		if _, ok := a[h]; !ok {
			t.Errorf("node %s (%d references) only in the copy", h, n)
		}
	}
}

// TestCopyFrom ingests the same articles into PostgreSQL directly and into
// bolt copied into PostgreSQL (CopyFrom, the bulk path): the two stores
// must hold the same quads and the same nodes with the same reference
// counts, and stay equal when the same updates are ingested into both
// afterwards. A store with articles is refused.
func TestCopyFrom(t *testing.T) {
	if os.Getenv("NEWSGRAPH_TEST_PG") == "" {
		t.Skip("NEWSGRAPH_TEST_PG names no PostgreSQL server (e2e/pg.sh starts one)")
	}
	ctx := context.Background()
	open := func(spec string) *Store {
		s, err := Open(spec, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	ingest := func(s *Store, docs []*schema.Doc) {
		b := s.NewBatch(func(tag string, r IngestResult, err error) {
			if err != nil {
				t.Fatalf("%s: %v", tag, err)
			}
		})
		b.MaxQuads = 50
		for _, d := range docs {
			if err := b.Add(ctx, d, d.Article.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Each store records its base, as the command's stores do: the
	// source's is not copied over the target's.
	direct := open(pgDatabase(t))
	bolt := open(filepath.Join(t.TempDir(), "db"))
	copied := open(pgDatabase(t))
	for _, s := range []*Store{direct, bolt, copied} {
		if err := s.RecordBase(ctx, schema.Base()); err != nil {
			t.Fatal(err)
		}
	}
	ingest(direct, worldDocs()) // fresh docs each: ingest reconciles them in place
	ingest(bolt, worldDocs())
	var seen []int
	n, err := copied.CopyFrom(ctx, bolt, func(n int) { seen = append(seen, n) })
	if err != nil {
		t.Fatal(err)
	}
	total, _ := bolt.Count(ctx)
	if int64(n) != total-1 || len(seen) == 0 || seen[len(seen)-1] != n { // all but the base quad
		t.Errorf("copied %d quads (progress %v) of bolt's %d", n, seen, total)
	}
	sameQuads(t, "direct", direct, "copied", copied)
	sameRefs(t, nodeRefs(t, direct), nodeRefs(t, copied))
	// The indexes the copy dropped are built again as they were.
	if a, b := indexDefs(t, direct), indexDefs(t, copied); a != b || !strings.Contains(a, "newsgraph_label_index") {
		t.Errorf("indexes of the quads table:\n%s\nafter the copy:\n%s", a, b)
	}
	// Written to afterwards like any store: edits and a removal.
	for _, s := range []*Store{direct, copied} {
		edited := worldDocs()
		edited[0].Events = nil
		edited[1].Persons[0].Titles = []string{"ministre"}
		ingest(s, edited[:2])
		if _, err := s.RemoveArticle(ctx, schema.ArticleIRI(edited[2].Article.ID)); err != nil {
			t.Fatal(err)
		}
	}
	sameQuads(t, "direct", direct, "copied", copied)
	sameRefs(t, nodeRefs(t, direct), nodeRefs(t, copied))
	if _, err := direct.CopyFrom(ctx, bolt, nil); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("copy into a store with articles: %v, want ErrNotEmpty", err)
	}
}
