package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	cg "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// TestTaggedPathsAllStores asks a Gizmo query with tags and a Back (the
// examples' shape: the events a person attended, their dates, the other
// attendees) on a store where the person attended several events, each
// with several others, and each event told by several articles: every
// store gives the same rows. On PostgreSQL it
// is the query that made Cayley's SQL iterator panic (see pgQS).
func TestTaggedPathsAllStores(t *testing.T) {
	ctx := context.Background()
	var others []schema.PersonT
	for i := 0; i < 6; i++ {
		others = append(others, schema.PersonT{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Personne %c", 'A'+i), Nationality: "VN"})
	}
	var docs []*schema.Doc
	for a := 0; a < 4; a++ {
		ps := []schema.PersonT{lavrov, others[a], others[a+1], others[a+2]}
		ev := schema.EventT{Kind: "talks", Participants: []string{"sergei-lavrov", others[a].ID, others[a+1].ID, others[a+2].ID},
			Date:     date(fmt.Sprintf("2022-07-%02d", a+1)),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		ev2 := schema.EventT{Kind: "phone_call", Participants: []string{"sergei-lavrov", others[a+1].ID},
			Date:     date(fmt.Sprintf("2023-01-%02d", a+1)),
			Evidence: schema.Evidence{Rule: "p", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		// Each meeting told by three articles: one event, its quads under
		// three labels, so that there are several paths to each row.
		for k := 0; k < 3; k++ {
			docs = append(docs, article(fmt.Sprintf("a%d-%d.txt", a, k), fmt.Sprintf("https://example.org/%d/%d", a, k), nil, ps, ev, ev2))
		}
	}
	// And a world around them, so that the planners' size estimates are
	// those of a real store (the panic needed some thousand quads).
	for a := 0; a < 150; a++ {
		x := schema.PersonT{ID: fmt.Sprintf("x%d", a), Name: fmt.Sprintf("Autre %d", a), Nationality: "RU"}
		y := schema.PersonT{ID: fmt.Sprintf("y%d", a), Name: fmt.Sprintf("Tiers %d", a), Nationality: "VN"}
		ev := schema.EventT{Kind: "talks", Participants: []string{x.ID, y.ID}, Date: date(fmt.Sprintf("2021-%02d-%02d", a%12+1, a%28+1)),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
		docs = append(docs, article(fmt.Sprintf("x%d.txt", a), fmt.Sprintf("https://example.org/x/%d", a), nil, []schema.PersonT{x, y}, ev))
	}
	const q = `var l = g.V("<https://newsgraph.dev/person/sergei-lavrov>");
l.In("<http://schema.org/attendee>").Tag("event")
  .Out("<http://schema.org/startDate>").Tag("date").Back("event")
  .Out("<http://schema.org/attendee>").Except(l)
  .Out("<http://schema.org/name>").Tag("who").All()`
	want := ""
	for name, s := range stores(t) {
		for _, d := range docs {
			if _, err := s.Ingest(ctx, d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		res, err := s.Gizmo(ctx, q, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// Distinct rows: how many times a row comes back is the number of
		// paths to it, which differs between Cayley's planners.
		seen := map[string]bool{}
		var rows []string
		for _, r := range res {
			m := r.(map[string]any)
			row := fmt.Sprint(m["date"], " ", m["who"])
			if !seen[row] {
				seen[row] = true
				rows = append(rows, row)
			}
		}
		sort.Strings(rows)
		got := strings.Join(rows, "\n")
		if len(rows) != 4*3+4 {
			t.Errorf("%s: %d rows, want 16:\n%s", name, len(rows), got)
		}
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s gives other rows:\n%s\nthan another store:\n%s", name, got, want)
		}
	}
}

// fakeIndex is an Index that records what it is asked.
type fakeIndex struct {
	cg.Index
	asked []cg.Ref
}

func (f *fakeIndex) Contains(_ context.Context, v cg.Ref) bool {
	f.asked = append(f.asked, v)
	return true
}
func (f *fakeIndex) Result() cg.Ref                   { return csql.NodeHash{} }
func (f *fakeIndex) NextPath(context.Context) bool    { return true }
func (f *fakeIndex) TagResults(dst map[string]cg.Ref) { dst["base"] = csql.NodeHash{} }

// TestQuadDirIndex checks the check side of PostgreSQL's quad iterators
// (pgQS.QuadIterator): a quad reference is in the set of direction d = v
// when its hash in d is v's, answered without the SQL iterator (one path,
// no tags, the quad as result); any other reference is Cayley's to answer.
func TestQuadDirIndex(t *testing.T) {
	ctx := context.Background()
	h := func(v quad.Value) cg.ValueHash { return cg.HashOf(v) }
	att, name := quad.IRI(schema.SchemaOrg+"attendee"), quad.IRI(schema.SchemaOrg+"name")
	qh := func(p quad.IRI) csql.QuadHashes {
		return csql.QuadHashes{QuadHash: cg.QuadHash{Subject: h(quad.IRI("ev")), Predicate: h(p), Object: h(quad.IRI("who")), Label: h(quad.IRI("art"))}}
	}
	for _, tc := range []struct {
		name string
		v    cg.Ref
		want bool
		base bool // asked of Cayley's iterator
	}{
		{"a quad of the predicate", qh(att), true, false},
		{"a quad of another predicate", qh(name), false, false},
		{"a node", csql.NodeHash{ValueHash: h(att)}, true, true},
	} {
		base := &fakeIndex{}
		x := &quadDirIndex{Index: base, d: quad.Predicate, h: h(att)}
		if got := x.Contains(ctx, tc.v); got != tc.want {
			t.Errorf("%s: Contains = %v, want %v", tc.name, got, tc.want)
		}
		if asked := len(base.asked) > 0; asked != tc.base {
			t.Errorf("%s: asked Cayley's iterator: %v, want %v", tc.name, asked, tc.base)
		}
		tags := map[string]cg.Ref{}
		x.TagResults(tags)
		if tc.base {
			if !x.NextPath(ctx) || len(tags) != 1 {
				t.Errorf("%s: NextPath and tags are not Cayley's iterator's", tc.name)
			}
			continue
		}
		if x.NextPath(ctx) || len(tags) != 0 {
			t.Errorf("%s: a second path or tags (%v)", tc.name, tags)
		}
		if tc.want && x.Result() != tc.v {
			t.Errorf("%s: Result = %v, want the quad", tc.name, x.Result())
		}
	}
}

// TestFilteredTagAllStores asks for a tag on a value a regular expression
// filters (the meetings-2022 example's shape): every store gives the same
// rows, the date tag in each. On PostgreSQL the tag came back empty (see
// pgQS.OptimizeShape).
func TestFilteredTagAllStores(t *testing.T) {
	ctx := context.Background()
	const q = `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://schema.org/Event>").Unique().Tag("event")
  .Out("<http://schema.org/startDate>").Filter(regex("^2022")).Tag("date").Back("event")
  .Out("<http://schema.org/attendee>").Out("<http://schema.org/name>").Tag("participant").All()`
	results := map[string]string{}
	for name, s := range stores(t) {
		for i, d := range []string{"2022-07-06", "2021-03-01", "2022-01-02"} {
			if _, err := s.Ingest(ctx, article(fmt.Sprintf("r%d.txt", i), "", nil, []schema.PersonT{son, lavrov}, talks(date(d)))); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		res, err := s.Gizmo(ctx, q, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seen := map[string]bool{}
		for _, r := range res {
			m, _ := r.(map[string]any)
			if d, ok := m["date"]; !ok || !strings.HasPrefix(fmt.Sprint(d), `"2022-`) {
				t.Errorf("%s: a row without the 2022 date tag: %v", name, r)
			}
			seen[fmt.Sprint(r)] = true
		}
		var rows []string
		for r := range seen {
			rows = append(rows, r)
		}
		sort.Strings(rows)
		if len(rows) != 4 {
			t.Errorf("%s: %d distinct rows, want 4 (two meetings of 2022, two attendees):\n%s", name, len(rows), strings.Join(rows, "\n"))
		}
		results[name] = strings.Join(rows, "\n")
	}
	for name, got := range results {
		if got != results["mem"] {
			t.Errorf("%s: rows\n%s\nmemstore's:\n%s", name, got, results["mem"])
		}
	}
}
