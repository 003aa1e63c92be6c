package graph

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley"
	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestPGWriterEqualsCayleys writes the same transactions (adds with
// duplicates ignored, then removes) through Cayley's PostgreSQL writer and
// through newsgraph's batched one: the two databases must hold the same
// nodes, with the same reference counts and values, and the same quads.
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
		// Adds in two overlapping transactions (the overlap ignored as
		// duplicates), then a third of them removed.
		w, err := cg.NewQuadWriter("single", h.QuadStore, cg.Options{"ignore_duplicate": true})
		if err != nil {
			t.Fatal(err)
		}
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
		if err := h.QuadWriter.ApplyTransaction(tx); err != nil {
			t.Fatalf("%s: remove: %v", backend, err)
		}
		db, err := sql.Open("postgres", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
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
