package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// The name search. Its index is the store's own: every person and country
// carries, in each article's graph beside its names, the folded words of
// its names and their sound skeletons (schema.SearchTerm, "poutine" and
// "~ptn"), so that the index is written, replaced and removed in the same
// transaction as the names, needs no second database that could fall out
// of step after a crash, and is read through Cayley's object index (one
// lookup per query word, whatever the size of the store). A full-text
// engine (bleve) would add fuzzy matching of any kind, but also a second
// store to keep in step with every ingest and replace; person and country
// names are short, and words plus skeletons cover the spellings analysts
// type (Putin/Poutine/Poutin, Lavrov/Lavrov', Sergei/Sergueï), the
// gazetteer's aliases the rest (Fédération de Russie).

// searchBudget is how many index entries Search reads per key or word.
// Entries are repeated per article (the index lives in each article's
// graph), so a word of a node that thousands of articles name (a country,
// a prime minister) would cost a read per article: the first entries give
// its holders, and a word many persons share ("Nguyen") is answered from
// the holders of its first entries, ranked by their meetings. A name
// given in full is found by its exact key, whatever the budget.
const searchBudget = 2048

// ErrNoSearchIndex is Search's error on a store written before the name
// index existed: ingesting its articles again (or 'newsgraph migrate')
// adds the index, as the articles' quads then differ.
var ErrNoSearchIndex = errors.New("this store has no name index (it was written by an earlier version): ingest its articles again to add it")

// Match says how a candidate matched a search.
type Match string

// Kinds of match, strongest first.
const (
	MatchExact Match = "exact" // a name or alias of the node, folded
	MatchAlias Match = "alias" // a gazetteer alias (rules) of the node
	MatchWords Match = "words" // every word of the query, by spelling or sound
	MatchSome  Match = "some"  // some words only: a "did you mean"
)

// Candidate is one answer of Search.
type Candidate struct {
	IRI         string  `json:"iri"`
	Name        string  `json:"name"`
	Type        string  `json:"type"`              // person, country
	Country     string  `json:"country,omitempty"` // a person's nationality (ISO code)
	CountryName string  `json:"countryName,omitempty"`
	Meetings    int     `json:"meetings"` // a person's meetings (0 for a country: see its view)
	Match       Match   `json:"match"`
	Score       float64 `json:"score"`
}

// SearchResult is what Search answers (and the page's /ng/api/search).
type SearchResult struct {
	Query   string      `json:"query"`
	Results []Candidate `json:"results"`
}

// AliasFunc maps a folded name to the node a gazetteer gives it (the
// extraction rules' aliases of countries and known persons); nil for none.
type AliasFunc func(key string) (quad.IRI, bool)

// SetAliases gives Search and Resolve the gazetteer's aliases.
func (s *Store) SetAliases(f AliasFunc) { s.aliases = f }

type hit struct {
	iri   quad.IRI
	words map[int]int // query word → 2 spelled, 1 by sound
	match Match
}

// Search finds the persons and countries a name may mean, best first:
// exact names and aliases, then the nodes that have every word of the
// query (spelled or by sound), then those that have some. limit caps the
// answers (0: 10).
func (s *Store) Search(ctx context.Context, query string, limit int) (*SearchResult, error) {
	if limit <= 0 {
		limit = 10
	}
	res := &SearchResult{Query: query, Results: []Candidate{}}
	hits, words, err := s.searchHits(ctx, query)
	if err != nil {
		return nil, err
	}
	var cands []Candidate
	for _, h := range hits {
		c := Candidate{IRI: string(h.iri), Match: h.match}
		switch h.match {
		case MatchExact:
			c.Score = 3
		case MatchAlias:
			c.Score = 2.5
		default:
			sum := 0
			for _, v := range h.words {
				sum += v
			}
			c.Score = float64(sum) / float64(2*len(words))
		}
		cands = append(cands, c)
	}
	// Details for the best candidates only (the rest are cut; before the
	// details, meetings and names are not known yet and do not count).
	sort.Slice(cands, func(i, j int) bool { return better(cands[i], cands[j]) })
	if len(cands) > 4*limit {
		cands = cands[:4*limit]
	}
	for i := range cands {
		if err := s.describe(ctx, &cands[i]); err != nil {
			return nil, err
		}
		if m := cands[i].Match; m == MatchWords || m == MatchSome {
			// Between matches of the same words, the spelling closer to
			// the query's: Poutin is nearer Poutine than Patin.
			cands[i].Score += 0.25 * wordSimilarity(words, schema.SearchWords(cands[i].Name))
		}
		cands[i].Score = float64(int(cands[i].Score*1000+0.5)) / 1000
	}
	sort.Slice(cands, func(i, j int) bool { return better(cands[i], cands[j]) })
	if len(cands) > limit {
		cands = cands[:limit]
	}
	res.Results = append(res.Results, cands...)
	return res, nil
}

// matchRank orders the kinds of match, strongest first.
var matchRank = map[Match]int{MatchExact: 0, MatchAlias: 1, MatchWords: 2, MatchSome: 3}

// better is the order of the answers: by kind of match, score, number of
// meetings, name, IRI.
func better(a, b Candidate) bool {
	switch {
	case matchRank[a.Match] != matchRank[b.Match]:
		return matchRank[a.Match] < matchRank[b.Match]
	case a.Score != b.Score:
		return a.Score > b.Score
	case a.Meetings != b.Meetings:
		return a.Meetings > b.Meetings
	case a.Name != b.Name:
		return a.Name < b.Name
	}
	return a.IRI < b.IRI
}

// searchHits looks the query up: its folded form as a key, as a gazetteer
// alias, and each of its words as a term and as a skeleton.
func (s *Store) searchHits(ctx context.Context, query string) ([]*hit, []string, error) {
	byIRI := map[quad.IRI]*hit{}
	var order []*hit
	get := func(iri quad.IRI) *hit {
		h := byIRI[iri]
		if h == nil {
			h = &hit{iri: iri, words: map[int]int{}}
			byIRI[iri] = h
			order = append(order, h)
		}
		return h
	}
	searchable := func(iri quad.IRI) bool {
		return strings.HasPrefix(string(iri), string(schema.PersonIRI(""))) || strings.HasPrefix(string(iri), string(schema.CountryIRI("")))
	}
	key := schema.FoldKey(query)
	words := schema.SearchWords(query)
	if key == "" {
		return nil, words, nil
	}
	if s.h.QuadStore.ValueOf(schema.SearchTerm) == nil && s.h.QuadStore.ValueOf(schema.Key) != nil {
		// Names but no search index: a store made before it existed.
		return nil, nil, ErrNoSearchIndex
	}
	subjectsWith := func(pred quad.IRI, obj string, fn func(quad.IRI)) error {
		return s.subjectsOf(ctx, pred, quad.String(obj), searchBudget, func(iri quad.IRI) {
			if searchable(iri) {
				fn(iri)
			}
		})
	}
	if err := subjectsWith(schema.Key, key, func(iri quad.IRI) { get(iri).match = MatchExact }); err != nil {
		return nil, nil, err
	}
	if s.aliases != nil {
		if iri, ok := s.aliases(key); ok {
			if exists, err := s.exists(ctx, iri); err != nil {
				return nil, nil, err
			} else if exists && get(iri).match == "" {
				byIRI[iri].match = MatchAlias
			}
		}
	}
	exact := len(order) > 0 // the name as written, or an alias: sounds add nothing
	for i, w := range words {
		if err := subjectsWith(schema.SearchTerm, w, func(iri quad.IRI) { get(iri).words[i] = 2 }); err != nil {
			return nil, nil, err
		}
		if sk := schema.Skeleton(w); sk != "" && !exact {
			err := subjectsWith(schema.SearchTerm, "~"+sk, func(iri quad.IRI) {
				if h := get(iri); h.words[i] == 0 {
					h.words[i] = 1
				}
			})
			if err != nil {
				return nil, nil, err
			}
		}
	}
	for _, h := range order {
		if h.match == "" {
			if len(h.words) == len(words) {
				h.match = MatchWords
			} else {
				h.match = MatchSome
			}
		}
	}
	return order, words, nil
}

// describe fills a candidate's name, type, country and counts.
func (s *Store) describe(ctx context.Context, c *Candidate) error {
	iri := quad.IRI(c.IRI)
	c.Name = s.Label(ctx, iri)
	if strings.HasPrefix(c.IRI, string(schema.CountryIRI(""))) {
		// A country's counts (its people, their meetings) grow with the
		// store: they are the country view's, not the search's.
		c.Type = "country"
		c.Country = strings.TrimPrefix(c.IRI, string(schema.CountryIRI("")))
		c.CountryName = c.Name
		return nil
	}
	c.Type = "person"
	nat, err := s.firstValue(ctx, iri, schema.Nationality)
	if err != nil {
		return err
	}
	if n, ok := nat.(quad.IRI); ok {
		c.Country = strings.TrimPrefix(string(n), string(schema.CountryIRI("")))
		c.CountryName = s.Label(ctx, n)
	}
	evs, err := s.neighbours(ctx, iri, schema.Attendee, true)
	if err != nil {
		return err
	}
	c.Meetings = len(evs)
	return nil
}

// wordSimilarity is the mean, over the query's words, of the similarity
// of each to the closest word of a name.
func wordSimilarity(query, name []string) float64 {
	if len(query) == 0 {
		return 0
	}
	sum := 0.0
	for _, q := range query {
		best := 0.0
		for _, w := range name {
			best = max(best, similarity(q, w))
		}
		sum += best
	}
	return sum / float64(len(query))
}

// similarity is 1 minus the edit distance of a and b over the longer's
// length (0 when nothing is alike).
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(n)
}

// resolveByName is Resolve for a name that is no IRI: the search's best
// answer when it is clear (an exact name or alias, or the one node that
// has every word of the query), else an error that lists the candidates
// ("is ambiguous") or says "did you mean".
func (s *Store) resolveByName(ctx context.Context, name string) (quad.IRI, error) {
	res, err := s.Search(ctx, name, 10)
	if err != nil {
		return "", err
	}
	var strong []Candidate
	for _, m := range []Match{MatchExact, MatchAlias, MatchWords} {
		for _, c := range res.Results {
			if c.Match == m {
				strong = append(strong, c)
			}
		}
		if len(strong) > 0 {
			break
		}
	}
	list := func(cs []Candidate) string {
		var out []string
		for _, c := range cs {
			d := c.Name
			if c.Country != "" && c.Type == "person" {
				d += ", " + c.Country
			}
			out = append(out, fmt.Sprintf("%s (%s)", d, c.IRI))
		}
		return strings.Join(out, "; ")
	}
	switch {
	case len(strong) == 1:
		return quad.IRI(strong[0].IRI), nil
	case len(strong) > 1:
		// Matches of every word: the best is meant when it is ahead
		// (spelled where the others only sound alike, or spelled closer).
		if strong[0].Match == MatchWords && strong[0].Score-strong[1].Score >= 0.02 {
			return quad.IRI(strong[0].IRI), nil
		}
		return "", fmt.Errorf("%q is ambiguous: %s", name, list(strong))
	case len(res.Results) > 0:
		return "", fmt.Errorf("%q: %w; did you mean %s?", name, ErrNotFound, list(res.Results[:min(3, len(res.Results))]))
	}
	return "", fmt.Errorf("%q: %w (try 'newsgraph search' with part of the name)", name, ErrNotFound)
}
