package graph

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley"
	cg "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// TestPGWriterEqualsCayleys writes the same transactions (adds with
// duplicates ignored, removes, a refused removal of a missing quad, and
// removals with missing ones ignored, one twice, one of a quad without a
// label) through Cayley's PostgreSQL writer and through newsgraph's
// batched one (pgRunTx, pgQS.ApplyDeltas): the two databases must hold the
// same nodes, with the same reference counts and values, and the same
// quads.
func TestPGWriterEqualsCayleys(t *testing.T) {
	if os.Getenv("NEWSGRAPH_TEST_PG") == "" {
		t.Skip("needs PostgreSQL: NEWSGRAPH_TEST_PG (e2e/pg.sh start)")
	}
	var all []quad.Quad
	for _, d := range append(worldDocs(), variedDocs(40)...) {
		all = append(all, d.Quads()...)
	}
	dump := func(backend string) string {
		url := pgDatabase(t)
		if err := cg.InitQuadStore(backend, url, nil); err != nil {
			t.Fatal(err)
		}
		h, err := cayley.NewGraph(backend, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		db, err := sql.Open("postgres", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		qs := h.QuadStore
		if backend == pgBackend {
			qs = &pgQS{QuadStore: h.QuadStore.(*csql.QuadStore), db: db} // its ApplyDeltas
		}
		writer := func(opts cg.Options) cg.QuadWriter {
			w, err := cg.NewQuadWriter("single", qs, opts)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		// Adds in two overlapping transactions (the overlap ignored as
		// duplicates), then a third of them removed.
		w := writer(cg.Options{"ignore_duplicate": true})
		for _, part := range [][]quad.Quad{all[:len(all)*2/3], all[len(all)/3:]} {
			if err := w.AddQuadSet(part); err != nil {
				t.Fatalf("%s: add: %v", backend, err)
			}
		}
		tx := cg.NewTransaction()
		seen := map[quad.Quad]bool{}
		for i, q := range all {
			if i%3 == 0 && !seen[q] {
				seen[q] = true
				tx.RemoveQuad(q)
			}
		}
		if err := writer(nil).ApplyTransaction(tx); err != nil {
			t.Fatalf("%s: remove: %v", backend, err)
		}
		// A removal of a quad that is not there: refused, and nothing of
		// its transaction written.
		gone := all[0]
		tx = cg.NewTransaction()
		tx.RemoveQuad(all[1])
		tx.RemoveQuad(gone)
		if err := writer(nil).ApplyTransaction(tx); !cg.IsQuadNotExist(err) {
			t.Fatalf("%s: removing a missing quad: %v, want %v", backend, err, cg.ErrQuadNotExist)
		}
		// With missing quads ignored: one removed twice, one missing, and
		// a quad without a label added, then removed with another.
		unlabelled := quad.Quad{Subject: quad.IRI("x"), Predicate: quad.IRI("p"), Object: quad.String("o")}
		if err := writer(nil).AddQuad(unlabelled); err != nil {
			t.Fatalf("%s: add without a label: %v", backend, err)
		}
		tx = cg.NewTransaction()
		tx.Deltas = append(tx.Deltas, cg.Delta{Quad: all[1], Action: cg.Delete}, cg.Delta{Quad: all[1], Action: cg.Delete},
			cg.Delta{Quad: gone, Action: cg.Delete}, cg.Delta{Quad: unlabelled, Action: cg.Delete}, cg.Delta{Quad: all[2], Action: cg.Delete})
		if err := writer(cg.Options{"ignore_missing": true}).ApplyTransaction(tx); err != nil {
			t.Fatalf("%s: removals with missing ones ignored: %v", backend, err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT encode(hash, 'hex'), refs, coalesce(value_string, ''), coalesce(datatype, ''), coalesce(language, ''), coalesce(iri, false) FROM nodes ORDER BY hash`,
			`SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'), coalesce(encode(label_hash, 'hex'), '') FROM quads ORDER BY 1, 2, 3, 4`,
		} {
			rows, err := db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&b, vals...)
			}
			rows.Close()
		}
		return b.String()
	}
	cayleys, ours := dump("postgres"), dump(pgBackend)
	if strings.Count(ours, "\n") < 1000 {
		t.Fatalf("only %d rows: the test writes too little", strings.Count(ours, "\n"))
	}
	if cayleys != ours {
		a, b := strings.Split(cayleys, "\n"), strings.Split(ours, "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("row %d differs:\n Cayley's: %s\n ours:     %s", i, a[i], b[i])
			}
		}
		t.Fatalf("%d rows against %d", len(a), len(b))
	}
}

// TestPostgresNodesComplete checks what the foreign keys from quads to
// nodes used to guarantee, now that newsgraph's stores do without them
// (pgUnneeded): after adds, an update that replaces an article's quads
// and a removal, every value of every quad has its node row, and every
// node's reference count is the number of quad values that name it (no
// row left with none). It also checks that a store made with Cayley's
// schema (foreign keys, the osp index) loses them when a writer opens it.
func TestPostgresNodesComplete(t *testing.T) {
	if os.Getenv("NEWSGRAPH_TEST_PG") == "" {
		t.Skip("needs PostgreSQL: NEWSGRAPH_TEST_PG (e2e/pg.sh start)")
	}
	ctx := context.Background()
	url := pgDatabase(t)
	// An older store: Cayley's stock PostgreSQL schema.
	if err := cg.InitQuadStore("postgres", url, nil); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	const fks = `SELECT count(*) FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f'`
	const osp = `SELECT count(*) FROM pg_indexes WHERE tablename = 'quads' AND indexname = 'osp_index'`
	if count(fks) != 4 || count(osp) != 1 {
		t.Fatalf("Cayley's schema: %d foreign keys and %d osp index, want 4 and 1", count(fks), count(osp))
	}
	s, err := Open(url, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, m := count(fks), count(osp); n != 0 || m != 0 {
		t.Fatalf("opened by a writer: %d foreign keys and %d osp index left, want none", n, m)
	}
	check := func(when string) {
		t.Helper()
		for _, d := range []string{"subject", "predicate", "object", "label"} {
			if n := count(`SELECT count(*) FROM quads q WHERE q.` + d + `_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.` + d + `_hash)`); n != 0 {
				t.Errorf("%s: %d quads whose %s has no node row", when, n, d)
			}
		}
		n := count(`SELECT count(*) FROM nodes n LEFT JOIN (SELECT h, count(*) AS c FROM (
				SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) a GROUP BY h) r
			ON r.h = n.hash WHERE n.refs <> coalesce(r.c, 0) OR n.refs <= 0`)
		if n != 0 {
			t.Errorf("%s: %d node rows whose reference count is not their quads' (or none)", when, n)
		}
	}
	docs := append(worldDocs(), variedDocs(20)...)
	for _, d := range docs {
		if _, err := s.Ingest(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	check("ingested")
	if q := count(`SELECT count(*) FROM quads`); q < 500 {
		t.Fatalf("%d quads: the test's articles did not go in", q)
	}
	edited := article("002.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-07")))
	if _, err := s.Ingest(ctx, edited); err != nil {
		t.Fatal(err)
	}
	check("an article replaced")
	for _, d := range docs[len(docs)-5:] {
		if _, err := s.RemoveArticle(ctx, schema.ArticleIRI(d.Article.ID)); err != nil {
			t.Fatal(err)
		}
	}
	check("five articles removed")
}
