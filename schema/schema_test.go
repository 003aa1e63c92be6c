package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

func TestDateOf(t *testing.T) {
	tests := []struct {
		in   string
		typ  quad.IRI
		want bool
	}{
		{"2022-07-06", XSDDate, true},
		{"2022-07", XSDGYearMonth, true},
		{"--07-06", XSDGMonthDay, true},
		{"2022", XSDGYear, true},
		{"", "", false},
		{"22-07-06", "", false},
		{"--7-6", "", false},
		{"abcd-ef", "", false},
	}
	for _, tt := range tests {
		d, ok := DateOf(tt.in)
		if ok != tt.want || d.Type != tt.typ {
			t.Errorf("DateOf(%q) = %v %v, want %v %v", tt.in, d, ok, tt.typ, tt.want)
		}
	}
}

func sampleDoc() *Doc {
	d := Date{"2022-07-06", XSDDate}
	return &Doc{
		Article:   Article{ID: ArticleID("", "002.txt"), Published: &Date{"2022-07", XSDGYearMonth}},
		Countries: []CountryT{{Code: "VN", Name: "Vietnam"}, {Code: "RU", Name: "Russie", Alternates: []string{"Russia"}}},
		Places:    []PlaceT{{ID: "hanoi", Name: "Hanoi", Country: "VN"}},
		Persons: []PersonT{
			{ID: "bui-thanh-son", Name: "Bùi Thanh Sơn", Alternates: []string{"Bui Thanh Son"}, Nationality: "VN", Titles: []string{"ministre"}},
			{ID: "sergei-lavrov", Name: "Sergueï Lavrov", Alternates: []string{"Lavrov", "Sergueï Lavrov"}, Nationality: "RU"},
		},
		Events: []EventT{{Kind: "talks", Participants: []string{"sergei-lavrov", "bui-thanh-son"}, Date: &d, Place: "hanoi",
			Evidence: Evidence{Rule: "triggers:10+sides", Sentence: "Le ministre \"Son\" a eu un entretien\navec Lavrov.", Start: 10, End: 80, Confidence: 0.9}}},
		Partnerships: []PartnershipT{{A: "VN", B: "RU", Level: "comprehensive strategic partnership", Evidence: Evidence{Rule: "levels:3", Sentence: "x", Start: 1, End: 2, Confidence: 0.6}}},
	}
}

func TestQuads(t *testing.T) {
	d := sampleDoc()
	qs := d.Quads()
	label := ArticleIRI(d.Article.ID)
	has := func(s, p, o quad.Value) bool {
		for _, q := range qs {
			if q.Subject == s && q.Predicate == p && q.Object == o {
				return true
			}
		}
		return false
	}
	son, lav := PersonIRI("bui-thanh-son"), PersonIRI("sergei-lavrov")
	ev := EventIRI(d.Events[0].ID())
	checks := []struct {
		name    string
		s, p, o quad.Value
	}{
		{"met forward", son, Met, lav},
		{"met backward", lav, Met, son},
		{"partner forward", CountryIRI("VN"), Partner, CountryIRI("RU")},
		{"partner backward", CountryIRI("RU"), Partner, CountryIRI("VN")},
		{"event date", ev, StartDate, quad.TypedString{Value: "2022-07-06", Type: XSDDate}},
		{"event kind", ev, Kind, quad.String("talks")},
		{"event place", ev, Location, PlaceIRI("hanoi")},
		{"attendee", ev, Attendee, son},
		{"year", ev, Year, quad.TypedString{Value: "2022", Type: XSDInteger}},
		{"country name in French", CountryIRI("RU"), Name, quad.LangString{Value: "Russie", Lang: "fr"}},
		{"job title in French", PersonIRI("bui-thanh-son"), JobTitle, quad.LangString{Value: "ministre", Lang: "fr"}},
		{"nationality", son, Nationality, CountryIRI("VN")},
		{"identifier", CountryIRI("RU"), Identifier, quad.String("RU")},
		{"alternate", son, AlternateName, quad.String("Bui Thanh Son")},
		{"person type", son, Type, Person},
		{"article type", label, Type, NewsArticle},
		{"level", PartnershipIRI("RU", "VN"), Level, quad.LangString{Value: "comprehensive strategic partnership", Lang: "en"}},
	}
	for _, c := range checks {
		if !has(c.s, c.p, c.o) {
			t.Errorf("%s: missing %v %v %v", c.name, c.s, c.p, c.o)
		}
	}
	if has(lav, AlternateName, quad.String("Sergueï Lavrov")) {
		t.Error("the preferred name is repeated as an alternate name")
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if q.Label != label {
			t.Fatalf("quad %v has label %v, want %v", q, q.Label, label)
		}
		if seen[q.NQuad()] {
			t.Fatalf("duplicate quad %v", q)
		}
		seen[q.NQuad()] = true
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object} {
			if iri, ok := v.(quad.IRI); ok && !strings.Contains(string(iri), "://") {
				t.Errorf("IRI %q is not absolute", iri)
			}
		}
	}
	// Deterministic: the same doc gives the same quads, in the same order.
	again := sampleDoc().Quads()
	if len(again) != len(qs) {
		t.Fatal("not deterministic")
	}
	for i := range qs {
		if qs[i] != again[i] {
			t.Fatalf("quad %d differs: %v vs %v", i, qs[i], again[i])
		}
	}
}

// TestNQuadsRoundTrip writes the quads and reads them back.
func TestNQuadsRoundTrip(t *testing.T) {
	qs := sampleDoc().Quads()
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := quad.Copy(w, quad.NewReader(qs)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<xsd:") {
		t.Fatal("short datatype IRI in output")
	}
	r := nquads.NewReader(&buf, true) // raw: keep typed literals as written
	got, err := quad.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(qs) {
		t.Fatalf("read %d quads, wrote %d", len(got), len(qs))
	}
	for i := range qs {
		if got[i].NQuad() != qs[i].NQuad() {
			t.Errorf("quad %d: read %s, wrote %s", i, got[i].NQuad(), qs[i].NQuad())
		}
	}
}

func TestEventIDIgnoresOrder(t *testing.T) {
	a := EventT{Participants: []string{"a", "b"}, Date: &Date{"2022-07-06", XSDDate}}
	b := EventT{Participants: []string{"b", "a"}, Date: &Date{"2022-07-06", XSDDate}}
	c := EventT{Participants: []string{"b", "a"}, Date: &Date{"2022-07-07", XSDDate}}
	if a.ID() != b.ID() || a.ID() == c.ID() {
		t.Fatalf("ids: %s %s %s", a.ID(), b.ID(), c.ID())
	}
}
