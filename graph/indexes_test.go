package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// TestJoinByPrefix checks the bolt planner's join of a set that is not
// fixed with a fixed predicate (an Out or In from another step's nodes):
// the plan reads each node's quads of the predicate by a prefix scan, and
// it finds the same nodes as Cayley's generic iterators built from the
// unplanned shape.
func TestJoinByPrefix(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Lavrov's meetings with several persons, each told by three
	// articles, beside other meetings.
	for a := 0; a < 5; a++ {
		p := schema.PersonT{ID: fmt.Sprintf("p%d", a), Name: fmt.Sprintf("Personne %d", a), Nationality: "VN"}
		ev := schema.EventT{Kind: "talks", Participants: []string{"sergei-lavrov", p.ID}, Date: date(fmt.Sprintf("2022-07-%02d", a+1)),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		x := schema.PersonT{ID: fmt.Sprintf("x%d", a), Name: fmt.Sprintf("Autre %d", a), Nationality: "RU"}
		other := schema.EventT{Kind: "talks", Participants: []string{x.ID, p.ID}, Date: date(fmt.Sprintf("2021-03-%02d", a+1)),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		for k := 0; k < 3; k++ {
			doc := article(fmt.Sprintf("a%d-%d.txt", a, k), fmt.Sprintf("https://example.org/%d/%d", a, k), nil, []schema.PersonT{lavrov, p, x}, ev, other)
			if _, err := s.Ingest(ctx, doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	qs := s.h.QuadStore
	iri := func(v string) shape.Shape { return shape.Lookup{quad.IRI(v)} }
	events := shape.In(iri(schema.DefaultBase+"person/sergei-lavrov"), iri(schema.SchemaOrg+"attendee"), nil)
	for _, tc := range []struct {
		name string
		sh   shape.Shape
		want int
	}{
		{"dates of the events", shape.Out(events, iri(schema.SchemaOrg+"startDate"), nil), 5},
		{"attendees of the events", shape.Out(events, iri(schema.SchemaOrg+"attendee"), nil), 6},
		{"names of the attendees", shape.Out(shape.Out(events, iri(schema.SchemaOrg+"attendee"), nil), iri(schema.SchemaOrg+"name"), nil), 6},
		{"a predicate the store does not hold", shape.Out(events, iri("http://example.org/none"), nil), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			planned, _ := shape.Optimize(tc.sh, qs)
			if tc.want > 0 && !strings.Contains(fmt.Sprintf("%#v", planned), "nodeScans") {
				t.Errorf("plan has no per-node prefix scan:\n%#v", planned)
			}
			got := distinctNames(ctx, t, qs, planned.BuildIterator(qs))
			// Cayley's own iterators for the same shape, values resolved
			// but not planned.
			resolved, _ := tc.sh.Optimize(resolver{qs})
			want := distinctNames(ctx, t, qs, resolved.BuildIterator(qs))
			if n := strings.Count(got, "\n") + 1; got != want || (got == "" && tc.want != 0) || (got != "" && n != tc.want) {
				t.Errorf("planned:\n%s\nCayley's (want %d):\n%s", got, tc.want, want)
			}
		})
	}
}

// resolver turns Lookup shapes into Fixed ones, as the first step of
// Cayley's optimizer does, and plans nothing else.
type resolver struct{ qs cg.QuadStore }

func (r resolver) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	if l, ok := s.(shape.Lookup); ok {
		var f shape.Fixed
		for _, v := range l {
			if ref := r.qs.ValueOf(v); ref != nil {
				f = append(f, ref)
			}
		}
		return f, true
	}
	return s, false
}

func distinctNames(ctx context.Context, t *testing.T, qs cg.QuadStore, it cg.Iterator) string {
	t.Helper()
	defer it.Close()
	seen := map[string]bool{}
	for it.Next(ctx) {
		seen[qs.NameOf(it.Result()).String()] = true
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestDistinctSubjects checks the subjects of (?, nationality, VN) on every
// store (the skip scan on bolt) while articles that state them are added,
// replaced and removed: a person stays while one article states the
// nationality, and goes when none does (the index keeps removed quads'
// ids; the log says they are removed). The budget counts persons.
func TestDistinctSubjects(t *testing.T) {
	ctx := context.Background()
	person := func(i int) schema.PersonT {
		return schema.PersonT{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Personne %d", i), Nationality: "VN"}
	}
	doc := func(n int, ids ...int) *schema.Doc {
		var ps []schema.PersonT
		for _, i := range ids {
			ps = append(ps, person(i))
		}
		return article(fmt.Sprintf("a%d.txt", n), fmt.Sprintf("https://example.org/n/%d", n), nil, ps)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			people := func(budget int) (string, bool) {
				var out []string
				complete, err := s.subjectsUpTo(ctx, schema.Nationality, schema.CountryIRI("VN"), budget, func(p quad.IRI) { out = append(out, string(p)[len(schema.PersonIRI("")):]) })
				if err != nil {
					t.Fatal(err)
				}
				sort.Strings(out)
				return strings.Join(out, " "), complete
			}
			steps := []struct {
				do   func() error
				want string
			}{
				{func() error { _, err := s.Ingest(ctx, doc(1, 0, 1, 2)); return err }, "p0 p1 p2"},
				{func() error { _, err := s.Ingest(ctx, doc(2, 1, 2, 3)); return err }, "p0 p1 p2 p3"},
				{func() error { _, err := s.Ingest(ctx, doc(3, 3, 4)); return err }, "p0 p1 p2 p3 p4"},
				// The same URL with other persons replaces the article.
				{func() error { _, err := s.Ingest(ctx, doc(1, 5)); return err }, "p1 p2 p3 p4 p5"},
				{func() error { _, err := s.RemoveArticle(ctx, schema.ArticleIRI(doc(3).Article.ID)); return err }, "p1 p2 p3 p5"},
				{func() error { _, err := s.RemoveArticle(ctx, schema.ArticleIRI(doc(2).Article.ID)); return err }, "p5"},
			}
			for i, st := range steps {
				if err := st.do(); err != nil {
					t.Fatal(err)
				}
				if got, complete := people(0); got != st.want || !complete {
					t.Errorf("step %d: nationals %q (complete %v), want %q", i, got, complete, st.want)
				}
			}
			if _, err := s.Ingest(ctx, doc(4, 6, 7, 8)); err != nil {
				t.Fatal(err)
			}
			if got, complete := people(2); complete || strings.Count(got, " ") != 1 {
				t.Errorf("budget 2: %q complete %v, want 2 persons, incomplete", got, complete)
			}
			if got, complete := people(4); !complete || got != "p5 p6 p7 p8" {
				t.Errorf("budget 4: %q complete %v, want all 4, complete", got, complete)
			}
			// More than one chunk of the skip scan (chunkIDs).
			var many []int
			for i := 100; i < 100+2*chunkIDs+7; i++ {
				many = append(many, i)
			}
			if _, err := s.Ingest(ctx, doc(5, many...)); err != nil {
				t.Fatal(err)
			}
			for _, budget := range []int{0, chunkIDs, chunkIDs + 1, 3 * chunkIDs} {
				got, complete := people(budget)
				n, want := strings.Count(got, " ")+1, 4+len(many)
				if budget > 0 && budget < want {
					want = budget
				}
				if n != want || complete != (budget == 0 || budget >= 4+len(many)) {
					t.Errorf("budget %d: %d persons (complete %v), want %d", budget, n, complete, want)
				}
			}
		})
	}
}

// TestDistinctTriples checks how many paths a Gizmo query gives on bolt
// when the same facts are told by several articles: a step with no
// LabelContext follows each triple once (so a chain of steps does not
// multiply by the articles of each step), a step in an article's context
// follows that article's quads, dead copies (an article replaced) count
// for nothing, and the rows, as a set, are memstore's (Cayley's one path
// per quad) on every store. On PostgreSQL only the set is checked: its
// SQL joins give a path per combination of copies, as README's query
// section says.
func TestDistinctTriples(t *testing.T) {
	ctx := context.Background()
	all := stores(t)
	lav := "<" + string(schema.PersonIRI("sergei-lavrov")) + ">"
	att, sd, name := "<"+schema.SchemaOrg+"attendee>", "<"+schema.SchemaOrg+"startDate>", "<"+schema.SchemaOrg+"name>"
	label := "<" + string(schema.ArticleIRI(schema.ArticleID("", "t0.txt"))) + ">"
	queries := []struct {
		name, q string
		bolt    int // paths on bolt; -1: at most memstore's
	}{
		{"events", `g.V("` + lav + `").In("` + att + `").All()`, 2},
		{"dates of the events", `g.V("` + lav + `").In("` + att + `").Out("` + sd + `").All()`, 2},
		{"attendees of the events (a join)", `g.V("` + lav + `").In("` + att + `").Out("` + att + `").All()`, 4},
		{"their names (two joins)", `g.V("` + lav + `").In("` + att + `").Out("` + att + `").Out("` + name + `").All()`, 4},
		{"tags through the chain", `g.V("` + lav + `").In("` + att + `").Tag("e").Out("` + sd + `").Tag("d").Back("e").Out("` + att + `").Out("` + name + `").All()`, -1},
		{"in one article's context", `g.V("` + lav + `").LabelContext("` + label + `").In("` + att + `").All()`, 1},
	}
	results := map[string]map[string][]string{}
	for sname, s := range all {
		// The talks of Son and Lavrov told by t0..t3, t1 also telling a
		// meeting of Lavrov and Putin; t3 then replaced by a version
		// without the talks (its copies are dead).
		putin := schema.PersonT{ID: "vladimir-putin", Name: "Vladimir Poutine", Nationality: "RU"}
		other := schema.EventT{Kind: "meeting", Participants: []string{"sergei-lavrov", "vladimir-putin"}, Date: date("2022-05-01"),
			Evidence: schema.Evidence{Rule: "m", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		for i := 0; i < 4; i++ {
			evs := []schema.EventT{talks(date("2022-07-06"))}
			if i == 1 {
				evs = append(evs, other)
			}
			if _, err := s.Ingest(ctx, article(fmt.Sprintf("t%d.txt", i), "", nil, []schema.PersonT{son, lavrov, putin}, evs...)); err != nil {
				t.Fatal(err)
			}
		}
		if r, err := s.Ingest(ctx, article("t3.txt", "", nil, []schema.PersonT{son})); err != nil || r.Status != Updated {
			t.Fatalf("%s: replace: %+v %v", sname, r, err)
		}
		results[sname] = map[string][]string{}
		for _, tc := range queries {
			res, err := s.Gizmo(ctx, tc.q, 0)
			if err != nil {
				t.Fatalf("%s: %s: %v", sname, tc.name, err)
			}
			var rows []string
			for _, r := range res {
				rows = append(rows, fmt.Sprint(r))
			}
			sort.Strings(rows)
			results[sname][tc.name] = rows
			if sname == "bolt" && tc.bolt >= 0 && len(rows) != tc.bolt {
				t.Errorf("bolt: %s: %d paths, want %d:\n%s", tc.name, len(rows), tc.bolt, strings.Join(rows, "\n"))
			}
		}
	}
	for _, tc := range queries {
		set := func(rows []string) string { return strings.Join(slices.Compact(slices.Clone(rows)), "\n") }
		for sname := range all {
			if got, want := set(results[sname][tc.name]), set(results["mem"][tc.name]); got != want {
				t.Errorf("%s: %s: rows\n%s\nmemstore's:\n%s", sname, tc.name, got, want)
			}
			// Only bolt follows each triple once; PostgreSQL's joins give
			// a path per combination of copies, as Cayley's SQL does.
			if n, m := len(results[sname][tc.name]), len(results["mem"][tc.name]); sname == "bolt" && n > m {
				t.Errorf("%s: %s: %d paths, memstore %d", sname, tc.name, n, m)
			}
		}
	}
	if m := results["mem"]["their names (two joins)"]; len(m) <= 4 {
		t.Errorf("memstore gives %d paths for the names: the fixture does not repeat facts across articles", len(m))
	}
}

// TestDistinctTriplesContains checks the check side of the filter: of a
// triple's live copies Contains accepts exactly one, the one its scan
// yields (the first live label), also when the first article's copy is
// dead; a scan in the other index order agrees.
func TestDistinctTriplesContains(t *testing.T) {
	ctx := context.Background()
	s := stores(t)["bolt"]
	for i := 0; i < 4; i++ {
		if _, err := s.Ingest(ctx, article(fmt.Sprintf("t%d.txt", i), "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07-06")))); err != nil {
			t.Fatal(err)
		}
	}
	// The first article's copies die: the first live one is t1's.
	if _, err := s.Ingest(ctx, article("t0.txt", "", nil, []schema.PersonT{son})); err != nil {
		t.Fatal(err)
	}
	qs := s.h.QuadStore
	bq := qs.(*boltQS)
	lav, att := qs.ValueOf(schema.PersonIRI("sergei-lavrov")).(kv.Int64Value), qs.ValueOf(quad.IRI(schema.SchemaOrg+"attendee")).(kv.Int64Value)
	for _, dirs := range [][]quad.Direction{{quad.Object, quad.Predicate}, {quad.Subject, quad.Predicate}} {
		ind, n := bq.idx.longest(func(d quad.Direction) bool { return d == dirs[0] || d == dirs[1] })
		if n != 2 || ind.Dirs[0] != dirs[0] {
			t.Fatalf("no index begins %v", dirs)
		}
		var from uint64 = uint64(lav)
		if dirs[0] == quad.Subject { // the event's attendee quads
			evs, err := s.subjects(ctx, schema.PersonIRI("sergei-lavrov"), quad.IRI(schema.SchemaOrg+"attendee"))
			if err != nil || len(evs) == 0 {
				t.Fatalf("events: %v %v", evs, err)
			}
			from = uint64(qs.ValueOf(evs[0]).(kv.Int64Value))
		}
		scan := func(distinct bool) []*proto.Primitive {
			it := prefixScan{qs: bq.QuadStore, db: bq.idx.db, idx: bq.idx, ind: ind, vals: []uint64{from, uint64(att)}, distinct: distinct}.BuildIterator(qs)
			defer it.Close()
			var out []*proto.Primitive
			for it.Next(ctx) {
				out = append(out, it.Result().(*proto.Primitive))
			}
			return out
		}
		copies, firsts := scan(false), scan(true)
		if len(copies) <= len(firsts) || len(firsts) == 0 {
			t.Fatalf("%v: %d copies, %d first: the fixture repeats nothing", dirs, len(copies), len(firsts))
		}
		check := prefixScan{qs: bq.QuadStore, db: bq.idx.db, idx: bq.idx, ind: ind, vals: []uint64{from, uint64(att)}, distinct: true}.BuildIterator(qs)
		accepted := map[[3]uint64][]uint64{}
		for _, p := range copies {
			if check.Contains(ctx, p) {
				k := [3]uint64{p.Subject, p.Predicate, p.Object}
				accepted[k] = append(accepted[k], p.Label)
			}
		}
		for _, p := range firsts {
			k := [3]uint64{p.Subject, p.Predicate, p.Object}
			if got := accepted[k]; len(got) != 1 || got[0] != p.Label {
				t.Errorf("%v: triple %v: Contains accepts labels %v, the scan yields %d", dirs, k, got, p.Label)
			}
		}
		if len(accepted) != len(firsts) {
			t.Errorf("%v: Contains accepts %d triples, the scan yields %d", dirs, len(accepted), len(firsts))
		}
	}
}
