package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// TestLatestMeetings checks both ways of finding a country's latest
// meetings, the calendar walk and the cut full listing, against the last
// meetings with a year of MeetingsOfAll: days, month-only and year-only
// dates, several meetings on one day, meetings without a year or a date,
// planned ones, and meetings with no national of the country.
func TestLatestMeetings(t *testing.T) {
	ctx := context.Background()
	dates := []string{"2021-03-05", "2021-03", "2021", "2021-01-01", "2022-12-31", "2022-12-31", "2022-12-31",
		"2023-02", "2023-02-28", "2019-07-14", "--05-01", "", "2023-02-28", "2024"}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			for i, d := range dates {
				vn := schema.PersonT{ID: fmt.Sprintf("vn%d", i), Name: fmt.Sprintf("Nguyen Van %c", 'A'+i), Nationality: "VN"}
				ru := schema.PersonT{ID: fmt.Sprintf("ru%d", i), Name: fmt.Sprintf("Ivan %c", 'A'+i), Nationality: "RU"}
				fr := schema.PersonT{ID: fmt.Sprintf("fr%d", i), Name: fmt.Sprintf("Jean %c", 'A'+i), Nationality: "FR"}
				ev := schema.EventT{Kind: "talks", Participants: []string{vn.ID, ru.ID},
					Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
				if d != "" {
					ev.Date = date(d)
				}
				other := ev // no Vietnamese in it
				other.Participants = []string{ru.ID, fr.ID}
				planned := ev
				planned.Planned, planned.Participants = true, []string{vn.ID, fr.ID}
				doc := article(fmt.Sprintf("a%d.txt", i), fmt.Sprintf("https://example.org/t/%d", i), nil, []schema.PersonT{vn, ru, fr}, ev, other, planned)
				if _, err := s.Ingest(ctx, doc); err != nil {
					t.Fatal(err)
				}
			}
			vn := schema.CountryIRI("VN")
			people, err := s.PeopleOf(ctx, vn)
			if err != nil {
				t.Fatal(err)
			}
			all, _, err := s.MeetingsOfAll(ctx, people)
			if err != nil {
				t.Fatal(err)
			}
			var dated []Meeting
			for _, m := range all {
				if hasYear(m.Date) {
					dated = append(dated, m)
				}
			}
			if len(dated) != 12 {
				t.Fatalf("%d meetings with a year, want 12: %v", len(dated), dated)
			}
			for _, n := range []int{1, 2, 3, 5, 12, 20} {
				want := fmt.Sprint(events(dated[max(0, len(dated)-n):]))
				byList, err := s.LatestMeetings(ctx, vn, n)
				if err != nil {
					t.Fatal(err)
				}
				byCalendar, err := s.walkCalendar(ctx, vn, n, 2025)
				if err != nil {
					t.Fatal(err)
				}
				if got := fmt.Sprint(events(byList)); got != want {
					t.Errorf("n=%d, listed: %s\nwant %s", n, got, want)
				}
				if got := fmt.Sprint(events(byCalendar)); got != want {
					t.Errorf("n=%d, by the calendar: %s\nwant %s", n, got, want)
				}
			}
		})
	}
}

func events(ms []Meeting) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Date+" "+string(m.Event)[len(quad.IRI(schema.DefaultBase)):])
	}
	return out
}

// TestLongTimeline checks the threshold at which a country's timeline is
// long: sparseNationals persons of the country are not, one more is, and
// neither a person nor another country's persons count.
func TestLongTimeline(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			var persons []schema.PersonT
			for i := range sparseNationals + 1 {
				persons = append(persons, schema.PersonT{ID: fmt.Sprintf("vn%d", i), Name: fmt.Sprintf("Nguyen Van %d", i), Nationality: "VN"},
					schema.PersonT{ID: fmt.Sprintf("ru%d", i), Name: fmt.Sprintf("Ivan %d", i), Nationality: "RU"})
			}
			long := func(who quad.IRI) bool {
				t.Helper()
				v, err := s.LongTimeline(ctx, who)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			// All but one of each country first, then the last two.
			if _, err := s.Ingest(ctx, article("a.txt", "https://example.org/long/a", nil, persons[:2*sparseNationals])); err != nil {
				t.Fatal(err)
			}
			if long(schema.CountryIRI("VN")) || long(schema.CountryIRI("RU")) {
				t.Errorf("%d persons of a country: long, want not", sparseNationals)
			}
			// b adds the 501st Vietnamese, and two meetings.
			meet := func(d string, who ...string) schema.EventT {
				return schema.EventT{Kind: "talks", Participants: who, Date: date(d),
					Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
			}
			last := persons[2*sparseNationals]
			b := article("b.txt", "https://example.org/long/b", nil, []schema.PersonT{last, persons[0], persons[1], persons[3]},
				meet("2023-01-01", "vn0", "ru0"), meet("2024-05-06", last.ID, "ru1"), meet("2020-02-02", last.ID, "ru0"))
			if _, err := s.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
			if !long(schema.CountryIRI("VN")) {
				t.Errorf("%d persons of VN: not long, want long", sparseNationals+1)
			}
			if long(schema.CountryIRI("RU")) || long(schema.CountryIRI("FR")) || long(schema.PersonIRI("vn0")) {
				t.Error("RU (500 persons), FR (none) or a person: long, want not")
			}

			// The page's view of a long timeline: the latest meetings and
			// the country's persons in them; every one with latest 0.
			type want struct {
				latest, meetings int
				people           []string
			}
			for _, c := range []struct {
				who    string
				latest int
				want   want
			}{
				{"VN", 2, want{2, 2, []string{"vn0 1", "vn500 2"}}},
				{"VN", 1, want{1, 1, []string{"vn500 2"}}}, // all of vn500's meetings counted
				{"VN", 0, want{0, 3, nil}},                 // every person: 501
				{"RU", 1, want{0, 3, nil}},                 // not long: every meeting
				{"vn500", 1, want{0, 2, nil}},              // a person
			} {
				iri := schema.CountryIRI(c.who)
				if strings.HasPrefix(c.who, "vn") {
					iri = schema.PersonIRI(c.who)
				}
				v, err := s.View(ctx, iri, c.latest)
				if err != nil {
					t.Fatal(err)
				}
				var people []string
				for _, p := range v.People {
					people = append(people, fmt.Sprintf("%s %d", strings.TrimPrefix(p.IRI, string(schema.PersonIRI(""))), p.Meetings))
				}
				if c.want.people == nil {
					people = nil
				}
				slices.Sort(people)
				got := want{v.Latest, len(v.Meetings), people}
				if !reflect.DeepEqual(got, c.want) {
					t.Errorf("View(%s, %d) = %+v, want %+v", c.who, c.latest, got, c.want)
				}
				if c.who == "VN" && c.latest == 1 && len(v.Meetings) == 1 && v.Meetings[0].Date != "2024-05-06" {
					t.Errorf("View(VN, 1): meeting of %s, want the latest (2024-05-06)", v.Meetings[0].Date)
				}
				if c.who == "VN" && c.latest == 0 && len(v.People) != sparseNationals+1 {
					t.Errorf("View(VN, 0): %d people, want %d", len(v.People), sparseNationals+1)
				}
			}
		})
	}
}
