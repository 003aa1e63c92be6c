package schema

import (
	"strings"
	"testing"
)

func TestSkeleton(t *testing.T) {
	tests := []struct {
		words []string // all the same skeleton
		want  string
	}{
		{[]string{"Poutine", "Putin", "Poutin", "POUTINE"}, "ptn"},
		{[]string{"Lavrov", "Lavrov'", "Lavrow"}, "lvrv"},
		{[]string{"Sergueï", "Sergei", "Sergey"}, "srg"},
		{[]string{"Russie", "Russia"}, "rs"},
		{[]string{"Khrouchtchev", "Khrushchev"}, "krCv"},
		{[]string{"Phạm", "Fam"}, "fm"},
		{[]string{"Nguyễn", "Nguyen"}, "ngn"},
		{[]string{"Ai", "Ha", "e"}, ""}, // too short to match anything
	}
	for _, tt := range tests {
		for _, w := range tt.words {
			if got := Skeleton(w); got != tt.want {
				t.Errorf("Skeleton(%q) = %q, want %q", w, got, tt.want)
			}
		}
	}
	if Skeleton("Trong") == Skeleton("Truong") && Skeleton("Trong") == Skeleton("Tran") {
		t.Errorf("Trong, Truong and Tran share a skeleton: it says nothing")
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"Vladimir Poutine"}, "poutine vladimir ~ptn ~vldmr"},
		{[]string{"Fédération de Russie", "Russie"}, "federation russie ~fdrtn ~rs"},
		{[]string{"Bùi Thanh Sơn", "Bui Thanh Son"}, "bui son thanh ~sn ~tn"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(SearchTerms(tt.names...), " "); got != tt.want {
			t.Errorf("SearchTerms(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
	if got := strings.Join(SearchWords("La Fédération de Russie, Russie"), " "); got != "federation russie" {
		t.Errorf("SearchWords: %q", got)
	}
}
