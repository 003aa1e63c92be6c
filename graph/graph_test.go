package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// stores returns the backends every test runs on: memstore, a real bolt
// file in a temporary directory, and, when NEWSGRAPH_TEST_PG names a
// PostgreSQL server (e2e/pg.sh starts one; .ci/run does), a fresh database
// of its own on that server.
func stores(t *testing.T) map[string]*Store {
	t.Helper()
	out := map[string]*Store{}
	specs := map[string]string{"mem": Mem, "bolt": filepath.Join(t.TempDir(), "db")}
	if os.Getenv("NEWSGRAPH_TEST_PG") != "" {
		specs["postgres"] = pgDatabase(t)
	}
	for name, spec := range specs {
		s, err := Open(spec, Options{Create: true})
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		out[name] = s
	}
	return out
}

var pgDBs atomic.Int64

// pgDatabase creates an empty database on the server of NEWSGRAPH_TEST_PG
// for one test (dropped at its end) and returns its URL.
func pgDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("NEWSGRAPH_TEST_PG")
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("ngtest_%d_%d", os.Getpid(), pgDBs.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("PostgreSQL at NEWSGRAPH_TEST_PG: %v", err)
	}
	t.Cleanup(func() {
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
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
			res, err := s.Gizmo(ctx, `g.V("<https://newsgraph.dev/person/bui-thanh-son>").In("<http://schema.org/attendee>").Out("<http://schema.org/startDate>").Unique().All()`, 0)
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
			res, err := s.Gizmo(ctx, `g.V().Has("<http://schema.org/attendee>", "<https://newsgraph.dev/person/sergei-lavrov>").Unique().Tag("ev").Out("<http://schema.org/startDate>").Unique().All()`, 0)
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
			labels, err := s.Gizmo(ctx, `g.V().Has("<http://schema.org/attendee>", "<https://newsgraph.dev/person/sergei-lavrov>").Unique().LabelContext().Labels().Unique().All()`, 0)
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

// seedStore ingests a small world: two meetings and a partnership.
func seedStore(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	putin := schema.PersonT{ID: "vladimir-putin", Name: "Vladimir Poutine", Alternates: []string{"Poutine"}, Nationality: "RU"}
	quang := schema.PersonT{ID: "tran-dai-quang", Name: "Trần Đại Quang", Alternates: []string{"Tran Dai Quang"}, Nationality: "VN"}
	a := article("a.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-06")))
	a.Partnerships = []schema.PartnershipT{{A: "VN", B: "RU", Level: "comprehensive strategic partnership", Evidence: schema.Evidence{Rule: "l", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}}
	b := article("b.txt", "https://example.org/b", nil, []schema.PersonT{quang, putin}, schema.EventT{Kind: "phone_call", Participants: []string{"tran-dai-quang", "vladimir-putin"}, Date: date("--03-28"), Evidence: schema.Evidence{Rule: "p", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}})
	for _, d := range []*schema.Doc{a, b} {
		if _, err := s.Ingest(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			seedStore(t, s)
			tests := []struct{ in, want string }{
				{"Bui Thanh Son", "https://newsgraph.dev/person/bui-thanh-son"},
				{"bùi thanh sơn", "https://newsgraph.dev/person/bui-thanh-son"},
				{"Lavrov", "https://newsgraph.dev/person/sergei-lavrov"},
				{"VN", "https://newsgraph.dev/country/VN"},
				{"Russie", "https://newsgraph.dev/country/RU"},
				{"<https://newsgraph.dev/person/vladimir-putin>", "https://newsgraph.dev/person/vladimir-putin"},
			}
			for _, tt := range tests {
				got, err := s.Resolve(ctx, tt.in)
				if err != nil || string(got) != tt.want {
					t.Errorf("Resolve(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
				}
			}
			if _, err := s.Resolve(ctx, "Nobody Here"); err == nil {
				t.Error("Resolve of an unknown name succeeded")
			}
		})
	}
}

func TestFollowAndBetween(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			seedStore(t, s)
			from, _ := s.Resolve(ctx, "Bui Thanh Son")
			met, _ := ParseHop("met")
			nat, _ := ParseHop("nationality")
			paths, _, err := s.Follow(ctx, from, []Hop{met, nat}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != 1 || paths[0][1].To != schema.CountryIRI("RU") || len(paths[0][0].Meetings) != 1 || paths[0][0].Meetings[0].Date != "2022-07-06" {
				t.Fatalf("met nationality = %+v", paths)
			}
			back, _ := ParseHop("^nationality")
			paths, _, err = s.Follow(ctx, schema.CountryIRI("RU"), []Hop{back}, 10)
			if err != nil || len(paths) != 2 {
				t.Fatalf("^nationality from RU = %+v %v", paths, err)
			}
			to, _ := s.Resolve(ctx, "Vladimir Poutine")
			chains, err := s.Between(ctx, from, to, 6, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(chains) == 0 || len(chains[0]) != 3 {
				t.Fatalf("between = %+v, want chains of 3 steps", chains)
			}
			for _, c := range chains {
				if c[0].From != from || c[len(c)-1].To != to {
					t.Errorf("chain does not join the ends: %+v", c)
				}
			}
			if _, err := ParseHop("friend"); err == nil {
				t.Error("unknown hop accepted")
			}
		})
	}
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			seedStore(t, s)
			file := filepath.Join(t.TempDir(), "out.nq")
			n, err := s.ExportFile(ctx, file, "nquads")
			if err != nil {
				t.Fatal(err)
			}
			// Every quad but the lookup keys, which load makes again, and
			// the store's own graph.
			keys := 0
			s.AllQuads(ctx, func(q quad.Quad) error {
				if schema.IsIndex(q.Predicate) || q.Label == schema.StoreGraph {
					keys++
				}
				return nil
			})
			count, _ := s.Count(ctx)
			if int64(n+keys) != count {
				t.Fatalf("exported %d quads and %d keys of %d", n, keys, count)
			}
			// Import into a fresh in-memory store: the same set of quads.
			other, err := Open(Mem, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			added, err := other.ImportNQuads(ctx, mustOpen(t, file))
			if err != nil || added != n {
				t.Fatalf("import: %d quads, %v", added, err)
			}
			a, b := quadSet(t, s), quadSet(t, other)
			for k := range a {
				// Articles' digests are not made again by load: a loaded
				// store reconciles each article once on its next ingest.
				if strings.Contains(k, "<"+string(schema.Digest)+">") {
					delete(a, k)
				}
			}
			if len(a) != len(b) {
				t.Fatalf("%d quads before, %d after the round trip", len(a), len(b))
			}
			for k := range a {
				if !b[k] {
					t.Errorf("lost in the round trip: %s", k)
				}
			}
			for _, f := range Formats {
				var buf strings.Builder
				if _, err := s.Export(ctx, &buf, f); err != nil || buf.Len() == 0 {
					t.Errorf("export %s: %v (%d bytes)", f, err, buf.Len())
				}
			}
		})
	}
}

func TestLockedStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = Open(dir, Options{LockWait: 500 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the locked store took %v to report", d)
	}
	s.Close()
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s2.Close()
}

func TestStatsAndTimeline(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			seedStore(t, s)
			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Articles != 2 || st.MetPairs != 2 || st.Partners != 1 || st.ByType[quad.ToString(schema.Person)] != 4 || st.ByType[quad.ToString(schema.Event)] != 2 {
				t.Fatalf("stats = %+v", st)
			}
			ms, err := s.MeetingsOf(ctx, schema.PersonIRI("bui-thanh-son"))
			if err != nil || len(ms) != 1 || ms[0].Kind != "talks" || len(ms[0].Sources) != 1 {
				t.Fatalf("meetings = %+v %v", ms, err)
			}
			g, err := s.MeetingGraph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var dot strings.Builder
			if err := g.WriteDOT(&dot); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`label="Bùi Thanh Sơn\n(VN)"`, `label="2022-07-06\ntalks"`, `label="--03-28\nphone call"`} {
				if !strings.Contains(dot.String(), want) {
					t.Errorf("dot lacks %s:\n%s", want, dot.String())
				}
			}
		})
	}
}

func TestGizmoTimeout(t *testing.T) {
	s, err := Open(Mem, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = s.Gizmo(ctx, `while(true){}`, 0)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}

func mustOpen(t *testing.T, f string) *os.File {
	t.Helper()
	r, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func quadSet(t *testing.T, s *Store) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	if err := s.AllQuads(context.Background(), func(q quad.Quad) error {
		out[w3cQuad(q).NQuad()] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStoreCreationAndDamage(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		create  bool
		wantErr error // nil: opens
	}{
		{"a new store in a new folder", func(t *testing.T, dir string) {}, true, nil},
		{"a new store in an empty folder", func(t *testing.T, dir string) { os.Mkdir(dir, 0o755) }, true, nil},
		{"a creation an older version left half done is made again", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "indexes.bolt"), nil, 0o644)
		}, true, nil},
		{"a damaged file is named as such", func(t *testing.T, dir string) {
			os.Mkdir(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "indexes.bolt"), []byte(strings.Repeat("not a bolt file ", 1024)), 0o644)
		}, true, ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "db")
			tc.prepare(t, dir)
			s, err := Open(dir, Options{Create: tc.create})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			seedStore(t, s) // a store that works
			// Nothing of the creation is left beside the store.
			ents, _ := os.ReadDir(parent)
			if len(ents) != 1 || ents[0].Name() != "db" {
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				t.Errorf("beside the store: %v", names)
			}
		})
	}
}
