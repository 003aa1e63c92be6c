package extract

import "testing"

func TestDates(t *testing.T) {
	tests := []struct {
		text   string
		anchor Date
		want   string
	}{
		{"le 6 juillet", Date{Year: 2022, Month: 7}, "2022-07-06"},
		{"le 6 juillet", Date{}, "--07-06"},
		{"le 28 décembre", Date{Year: 2022, Month: 1}, "2021-12-28"},
		{"le 5 février 2026", Date{}, "2026-02-05"},
		{"les 2 et 3 février", Date{Year: 2026, Month: 2}, "2026-02-02"},
		{"du 29 novembre au 2 décembre 2024", Date{}, "2024-11-29"},
		{"du 29 décembre au 2 janvier 2025", Date{}, "2024-12-29"},
		{"le 1er mai", Date{Year: 2020, Month: 5, Day: 3}, "2020-05-01"},
		{"ce mardi", Date{Year: 2024, Month: 3, Day: 7}, "2024-03-05"},
		{"hier", Date{Year: 2017, Month: 4, Day: 26}, "2017-04-25"},
		{"hier", Date{Year: 2017, Month: 3, Day: 1}, "2017-02-28"},
		{"aujourd'hui", Date{Year: 2017, Month: 4, Day: 26}, "2017-04-26"},
		{"hier", Date{Year: 2017, Month: 4}, ""},
		{"fin octobre 2018", Date{}, "2018-10"},
		{"en mars", Date{}, ""},
		{"vendredi, 16 avril", Date{Year: 2021, Month: 4, Day: 17}, "2021-04-16"},
		{"le 31 février", Date{}, ""},
	}
	for _, tt := range tests {
		toks := tokenize(tt.text, 0, len(tt.text))
		ms := findDates(toks)
		got := ""
		if len(ms) > 0 {
			got = anchorDate(ms[0], tt.anchor).String()
		}
		if got != tt.want {
			t.Errorf("%q with anchor %s: got %q, want %q", tt.text, tt.anchor, got, tt.want)
		}
	}
}
