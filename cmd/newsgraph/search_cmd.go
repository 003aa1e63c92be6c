package main

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"newsgraph/extract"
	"newsgraph/graph"
	"newsgraph/schema"
)

// gazetteerAliases gives the store's name resolution the aliases of the
// extraction rules (countries' long forms and other spellings, known
// persons' spellings and family names: "Fédération de Russie", "Vladimir
// Putin", "Putin"), from the
// embedded rules or the directory in NEWSGRAPH_RULES. The rules are loaded
// on first use only (a name the store knows as written needs none).
func gazetteerAliases() graph.AliasFunc {
	var once sync.Once
	var aliases map[string]quad.IRI
	return func(key string) (quad.IRI, bool) {
		once.Do(func() {
			aliases = map[string]quad.IRI{}
			r, err := extract.LoadRules(os.Getenv("NEWSGRAPH_RULES"))
			if err != nil {
				return // rules check reports it; resolution goes on without
			}
			add := func(name string, iri quad.IRI) {
				if k := schema.FoldKey(name); k != "" {
					if _, dup := aliases[k]; !dup {
						aliases[k] = iri
					}
				}
			}
			// A known person's family name in each of its spellings
			// ("Putin", "Poutine"), when no other known person has it.
			last := map[string]quad.IRI{}
			for _, p := range r.Persons {
				add(p.Name, schema.PersonIRI(p.ID))
				for _, a := range append([]string{p.Name}, p.Aliases...) {
					add(a, schema.PersonIRI(p.ID))
					ws := strings.Fields(schema.FoldKey(a))
					if len(ws) < 2 || len(ws[len(ws)-1]) < 4 {
						continue
					}
					k := ws[len(ws)-1]
					if other, seen := last[k]; seen && other != schema.PersonIRI(p.ID) {
						last[k] = "" // two persons: no alias
					} else if !seen {
						last[k] = schema.PersonIRI(p.ID)
					}
				}
			}
			for k, iri := range last {
				if iri != "" {
					add(k, iri)
				}
			}
			for code, c := range r.Countries {
				for _, n := range append([]string{c.NameFR, c.NameEN}, c.Aliases...) {
					add(n, schema.CountryIRI(code))
				}
			}
		})
		iri, ok := aliases[key]
		return iri, ok
	}
}

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "find the persons and countries a name may mean, best first",
		ArgsUsage: "NAME",
		Description: `The search is folded (case and accents do not count), spelling-tolerant
(every word of NAME is matched as written or by its sound: Putin, Poutine and
Poutin are one), and knows the aliases of the extraction rules (Fédération de
Russie is Russia). path, timeline and the serve page resolve names the same
way, and say "did you mean" when nothing matches clearly.

Each answer gives the type, the country, the number of meetings of a person
(a country's are in 'newsgraph timeline COUNTRY') and how it matched: exact (a name of the
node), alias (a gazetteer alias), words (every word of the query), some
(some words only).

Example:
   newsgraph search Poutin
   newsgraph search --format json "Fédération de Russie"`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json (the page's /ng/api/search answer)"},
			&cli.IntFlag{Name: "limit", Value: 10, Usage: "at most `N` answers"},
		},
		Action: runSearch,
	}
}

func runSearch(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErr("search: want one NAME (quote a name of several words)")
	}
	f := c.String("format")
	if f != "text" && f != "json" {
		return usageErr("--format %q: want text or json", f)
	}
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Search(c.Context, c.Args().First(), c.Int("limit"))
	if err != nil {
		return err
	}
	w := c.App.Writer
	if f == "json" {
		return graph.WriteJSON(w, res)
	}
	if len(res.Results) == 0 {
		return &exitError{code: exitFailure, err: fmt.Errorf("%q: nothing in the store has a name like it", res.Query)}
	}
	fmt.Fprintf(w, "%-28s %-8s %-20s %8s  %-6s %s\n", "NAME", "TYPE", "COUNTRY", "MEETINGS", "MATCH", "IRI")
	for _, r := range res.Results {
		meetings := fmt.Sprint(r.Meetings)
		if r.Type == "country" {
			meetings = "-" // see 'newsgraph timeline COUNTRY'
		}
		fmt.Fprintf(w, "%-28s %-8s %-20s %8s  %-6s <%s>\n", r.Name, r.Type, orDash(r.CountryName), meetings, r.Match, r.IRI)
	}
	return nil
}
