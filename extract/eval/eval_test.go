package eval

import (
	"testing"

	"newsgraph/extract"
)

func str(s string) *string { return &s }

func TestScore(t *testing.T) {
	g := &Gold{
		Persons: []GoldPerson{
			{ID: "bui-thanh-son", Names: []string{"Bui Thanh Son"}, Country: str("VN"), Required: true},
			{ID: "sergei-lavrov", Names: []string{"Sergueï Lavrov", "Lavrov"}, Country: str("RU"), Required: true},
			{ID: "ho-chi-minh", Names: []string{"Hô Chi Minh"}, Country: str("VN"), Required: false},
			{ID: "missed", Names: []string{"Jean Missed"}, Required: true},
		},
		Meetings: []GoldMeeting{
			{Participants: []string{"bui-thanh-son", "sergei-lavrov"}, Date: str("--07-06"), DateAlternatives: []string{"2022-07-06"}, Required: true},
			{Participants: []string{"bui-thanh-son", "ho-chi-minh"}, Required: false},
		},
		Partnerships: []GoldPartnership{
			{Countries: []string{"VN", "RU"}, Required: true},
			{Countries: []string{"VN", "LA"}, Required: false},
		},
	}
	res := &extract.Result{
		Doc: &extract.Document{Name: "a.txt"},
		Persons: []extract.Person{
			{ID: "bui-thanh-son", Name: "Bùi Thanh Sơn", Names: []string{"Bui Thanh Son"}, Country: "VN", Rule: "r1"},
			{ID: "sergei-lavrov", Name: "Sergueï Lavrov", Names: []string{"Lavrov"}, Country: "", Rule: "r1"},
			{ID: "ho-chi-minh", Name: "Hô Chi Minh", Country: "VN", Rule: "r2"},
			{ID: "nobody", Name: "Nobody Known", Rule: "r3"},
		},
		Meetings: []extract.Meeting{
			{Participants: []string{"bui-thanh-son", "sergei-lavrov"}, Date: extract.Date{Year: 2023, Month: 7, Day: 6}, Evidence: extract.Evidence{Rule: "m1"}},
			{Participants: []string{"bui-thanh-son", "ho-chi-minh"}, Evidence: extract.Evidence{Rule: "m2"}},
			{Participants: []string{"bui-thanh-son", "nobody"}, Evidence: extract.Evidence{Rule: "m3"}},
			{Participants: []string{"nobody", "sergei-lavrov"}, Planned: true, Evidence: extract.Evidence{Rule: "m4"}},
		},
		Partnerships: []extract.Partnership{
			{Countries: [2]string{"RU", "VN"}, Evidence: extract.Evidence{Rule: "p1"}},
			{Countries: [2]string{"LA", "VN"}, Evidence: extract.Evidence{Rule: "p1"}},
			{Countries: [2]string{"CN", "VN"}, Evidence: extract.Evidence{Rule: "p2"}},
		},
	}
	r := NewReport()
	d := r.Score(res, g)
	checks := []struct {
		name      string
		got, want Counts
	}{
		{"persons", d.Persons, Counts{TP: 2, FP: 1, FN: 1}},
		{"meetings", d.Meetings, Counts{TP: 1, FP: 1, FN: 0}},
		{"partnerships", d.Partnerships, Counts{TP: 1, FP: 1, FN: 0}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	// --07-06 in gold accepts any year.
	if d.MeetingDate != (Ratio{Right: 1, Total: 1}) {
		t.Errorf("meeting date = %+v", d.MeetingDate)
	}
	// Lavrov's nationality is missing: 1 right out of 2.
	if d.Nationality != (Ratio{Right: 1, Total: 2}) {
		t.Errorf("nationality = %+v", d.Nationality)
	}
	if s := r.Rules["m3"]; s == nil || s.FP != 1 || s.Facts != 1 {
		t.Errorf("rule m3 = %+v", s)
	}
	if s := r.Rules["p1"]; s == nil || s.TP != 1 || s.FP != 0 || s.Facts != 2 {
		t.Errorf("rule p1 = %+v", s)
	}
	if got := (Counts{TP: 1, FP: 1, FN: 2}).F1(); got < 0.399 || got > 0.401 {
		t.Errorf("F1 = %v", got)
	}
}

func TestDateOK(t *testing.T) {
	gm := &GoldMeeting{Date: str("--02-02"), DateAlternatives: []string{"--02-03", "2026-02-02"}}
	for in, want := range map[string]bool{"--02-02": true, "2025-02-02": true, "2026-02-03": true, "2026-02": false, "": false} {
		if got := dateOK(in, gm); got != want {
			t.Errorf("dateOK(%q) = %v", in, got)
		}
	}
	if !dateOK("", &GoldMeeting{}) || dateOK("2020-01-01", &GoldMeeting{}) {
		t.Error("a null gold date wants a null date")
	}
}
