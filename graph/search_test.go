package graph

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// searchStore holds persons whose names share words and sounds, and an
// alias table as the extraction rules would give it.
func searchStore(t *testing.T, s *Store) {
	t.Helper()
	seedStore(t, s)
	trong := schema.PersonT{ID: "nguyen-phu-trong", Name: "Nguyễn Phú Trọng", Alternates: []string{"Nguyen Phu Trong"}, Nationality: "VN"}
	phuc := schema.PersonT{ID: "nguyen-xuan-phuc", Name: "Nguyễn Xuân Phúc", Nationality: "VN"}
	patin := schema.PersonT{ID: "marc-patin", Name: "Marc Patin", Nationality: "FR"}
	putin := schema.PersonT{ID: "vladimir-putin", Name: "Vladimir Poutine", Nationality: "RU"}
	d := article("c.txt", "https://example.org/c", nil, []schema.PersonT{trong, phuc, patin, putin},
		schema.EventT{Kind: "talks", Participants: []string{"nguyen-phu-trong", "vladimir-putin"}, Date: date("2018-09-07"),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}})
	d.Article.URL = "https://example.org/c"
	d.Countries = append(d.Countries, schema.CountryT{Code: "FR", Name: "France"})
	if _, err := s.Ingest(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s.SetAliases(func(key string) (quad.IRI, bool) {
		m := map[string]quad.IRI{"federation de russie": schema.CountryIRI("RU"), "vladimir putin": schema.PersonIRI("vladimir-putin"), "putin": schema.PersonIRI("vladimir-putin")}
		iri, ok := m[key]
		return iri, ok
	})
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	const p = "https://newsgraph.dev/person/"
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			searchStore(t, s)
			tests := []struct {
				query string
				first string // IRI of the first answer ("" none)
				match Match
			}{
				{"Poutine", p + "vladimir-putin", MatchExact},
				{"Poutin", p + "vladimir-putin", MatchWords},
				{"Putin", p + "vladimir-putin", MatchAlias}, // a gazetteer spelling of the family name
				{"Patin", p + "marc-patin", MatchWords},
				{"POUTINE", p + "vladimir-putin", MatchExact},
				{"Vladimir Putin", p + "vladimir-putin", MatchAlias},
				{"Lavrov'", p + "sergei-lavrov", MatchExact},
				{"Sergei Lavrov", p + "sergei-lavrov", MatchWords},
				{"Fédération de Russie", "https://newsgraph.dev/country/RU", MatchAlias},
				{"nguyen phu trong", p + "nguyen-phu-trong", MatchExact},
				{"Phu Trong", p + "nguyen-phu-trong", MatchWords},
				{"Vladimir Lénine", p + "vladimir-putin", MatchSome},
				{"Zzyzx", "", ""},
				{"", "", ""},
			}
			for _, tt := range tests {
				res, err := s.Search(ctx, tt.query, 5)
				if err != nil {
					t.Fatal(err)
				}
				if tt.first == "" {
					if len(res.Results) != 0 {
						t.Errorf("Search(%q) = %v, want nothing", tt.query, res.Results)
					}
					continue
				}
				if len(res.Results) == 0 || res.Results[0].IRI != tt.first || res.Results[0].Match != tt.match {
					t.Errorf("Search(%q) = %+v, want first %s (%s)", tt.query, res.Results, tt.first, tt.match)
				}
			}
			// The answer's details.
			res, _ := s.Search(ctx, "Poutin", 5)
			if c := res.Results[0]; c.Name != "Vladimir Poutine" || c.Type != "person" || c.Country != "RU" || c.Meetings != 2 {
				t.Errorf("Poutin: %+v, want Vladimir Poutine, person, RU, 2 meetings", c)
			}
			// A word shared by two persons ranks the one with more meetings first.
			res, _ = s.Search(ctx, "Nguyen", 5)
			if len(res.Results) != 2 || res.Results[0].IRI != p+"nguyen-phu-trong" {
				t.Errorf("Nguyen: %+v", res.Results)
			}
		})
	}
}

func TestResolveBySearch(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			searchStore(t, s)
			tests := []struct {
				in, want string
				err      string // part of the error, when want is ""
			}{
				{"Poutin", "https://newsgraph.dev/person/vladimir-putin", ""},
				{"Putin", "https://newsgraph.dev/person/vladimir-putin", ""},
				{"Fédération de Russie", "https://newsgraph.dev/country/RU", ""},
				{"Trong", "https://newsgraph.dev/person/nguyen-phu-trong", ""},
				{"Nguyen", "", "ambiguous"},
				{"Vladimir Lénine", "", "did you mean Vladimir Poutine"},
				{"Zzyzx", "", "newsgraph search"},
			}
			for _, tt := range tests {
				got, err := s.Resolve(ctx, tt.in)
				if tt.want != "" {
					if err != nil || string(got) != tt.want {
						t.Errorf("Resolve(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
					}
					continue
				}
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("Resolve(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.err)
				}
				if strings.Contains(tt.err, "mean") && !errors.Is(err, ErrNotFound) {
					t.Errorf("Resolve(%q): %v is not ErrNotFound", tt.in, err)
				}
			}
		})
	}
}
