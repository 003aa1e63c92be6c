package graph

import (
	"context"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// The analyst's views: what the serve page shows and its JSON API answers
// (/ng/api/node), and what 'newsgraph timeline --format json' prints, from
// the same structs.

// NodeRef names a node: a meeting's participant, a partner, a person of a
// country.
type NodeRef struct {
	IRI      string `json:"iri"`
	Name     string `json:"name"`
	Country  string `json:"country,omitempty"` // a person's nationality (ISO code)
	Meetings int    `json:"meetings,omitempty"`
}

// SourceRef is one piece of evidence of a fact: the article and the
// sentence, with the rule that read it and its confidence.
type SourceRef struct {
	Article    string  `json:"article"`         // the article's IRI
	URL        string  `json:"url,omitempty"`   // the article's own URL, when it has one
	Title      string  `json:"title,omitempty"` // its headline
	File       string  `json:"file,omitempty"`  // the file it was read from
	Sentence   string  `json:"sentence"`        // the evidence sentence
	Rule       string  `json:"rule"`            // the rule that produced the fact
	Confidence float64 `json:"confidence"`      // the rule's confidence
	Start      int     `json:"start"`           // byte offsets of the sentence in the file
	End        int     `json:"end"`
}

// MeetingView is a meeting with its evidence.
type MeetingView struct {
	Event        string      `json:"event"`
	Kind         string      `json:"kind"`
	Date         string      `json:"date,omitempty"` // as precise as the text: 2022-07-06, 2022-07, --07-06
	Place        string      `json:"place,omitempty"`
	Participants []NodeRef   `json:"participants"`
	Sources      []SourceRef `json:"sources"`
}

// PartnerView is a partner country with the level the articles give the
// partnership.
type PartnerView struct {
	NodeRef
	Levels  []string    `json:"levels"`
	Sources []SourceRef `json:"sources"`
}

// NodeView is a person or a country as the page shows it.
type NodeView struct {
	IRI         string        `json:"iri"`
	Name        string        `json:"name"`
	Type        string        `json:"type"` // person, country
	Country     string        `json:"country,omitempty"`
	CountryName string        `json:"countryName,omitempty"`
	Alternates  []string      `json:"alternates,omitempty"`
	Titles      []string      `json:"titles,omitempty"`
	Meetings    []MeetingView `json:"meetings"` // a person's; a country's people's
	Partners    []PartnerView `json:"partners,omitempty"`
	People      []NodeRef     `json:"people,omitempty"`
	// Latest, when not zero, says that the view is a long timeline's
	// (Store.LongTimeline, a country of many persons) cut to its Latest
	// latest meetings with a year: Meetings are those, and People the
	// country's persons among their participants.
	Latest int `json:"latest,omitempty"`
}

// ViewLatest is how many meetings a long timeline (a country of many
// persons, Store.LongTimeline) shows unless every one is asked for, on the
// page and in the timeline command: its latest, found by the calendar
// (LatestMeetings) in milliseconds, where all of them are a scan of minutes
// in an archive of a million articles and more than anyone reads.
const ViewLatest = 100

// viewCache keeps the labels and articles one view reads many times.
type viewCache struct {
	s        *Store
	labels   map[quad.IRI]string
	nats     map[quad.IRI]string
	articles map[quad.IRI]SourceRef
}

func (s *Store) newViewCache() *viewCache {
	return &viewCache{s: s, labels: map[quad.IRI]string{}, nats: map[quad.IRI]string{}, articles: map[quad.IRI]SourceRef{}}
}

func (c *viewCache) label(ctx context.Context, iri quad.IRI) string {
	if l, ok := c.labels[iri]; ok {
		return l
	}
	l := c.s.Label(ctx, iri)
	c.labels[iri] = l
	return l
}

func (c *viewCache) person(ctx context.Context, iri quad.IRI) NodeRef {
	nat, ok := c.nats[iri]
	if !ok {
		if v, err := c.s.firstValue(ctx, iri, schema.Nationality); err == nil {
			if n, ok := v.(quad.IRI); ok {
				nat = strings.TrimPrefix(string(n), string(schema.CountryIRI("")))
			}
		}
		c.nats[iri] = nat
	}
	return NodeRef{IRI: string(iri), Name: c.label(ctx, iri), Country: nat}
}

// article returns the article part of a source (URL, title, file).
func (c *viewCache) article(ctx context.Context, iri quad.IRI) SourceRef {
	if a, ok := c.articles[iri]; ok {
		return a
	}
	a := SourceRef{Article: string(iri)}
	qs, _ := c.s.quadsOf(ctx, quad.Subject, iri)
	for _, q := range qs {
		switch q.Predicate {
		case schema.URL:
			switch v := q.Object.(type) {
			case quad.IRI:
				a.URL = string(v)
			default:
				if t, ok := asText(v); ok {
					a.URL = string(t)
				}
			}
		case schema.Headline:
			if t, ok := asText(q.Object); ok {
				a.Title = string(t)
			}
		case schema.Name:
			if t, ok := asText(q.Object); ok {
				a.File = string(t)
			}
		}
	}
	c.articles[iri] = a
	return a
}

// evidence returns the sources of a fact node (an event, a partnership).
func (c *viewCache) evidence(ctx context.Context, node quad.IRI) ([]SourceRef, error) {
	evs, err := c.s.neighbours(ctx, node, schema.HasEvidence, false)
	if err != nil {
		return nil, err
	}
	return c.sources(ctx, evs)
}

// sources reads evidence nodes.
func (c *viewCache) sources(ctx context.Context, evs []quad.IRI) ([]SourceRef, error) {
	out := []SourceRef{}
	for _, ev := range evs {
		qs, err := c.s.quadsOf(ctx, quad.Subject, ev)
		if err != nil {
			return nil, err
		}
		var src SourceRef
		for _, q := range qs {
			switch q.Predicate {
			case schema.IsPartOf:
				if a, ok := q.Object.(quad.IRI); ok {
					art := c.article(ctx, a)
					src.Article, src.URL, src.Title, src.File = art.Article, art.URL, art.Title, art.File
				}
			case schema.Sentence:
				if t, ok := asText(q.Object); ok {
					src.Sentence = string(t)
				}
			case schema.Rule:
				if t, ok := asText(q.Object); ok {
					src.Rule = string(t)
				}
			case schema.Confidence:
				src.Confidence, _ = strconv.ParseFloat(literalText(q.Object), 64)
			case schema.Start:
				src.Start, _ = strconv.Atoi(literalText(q.Object))
			case schema.End:
				src.End, _ = strconv.Atoi(literalText(q.Object))
			}
		}
		out = append(out, src)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Article != out[j].Article {
			return out[i].Article < out[j].Article
		}
		return out[i].Start < out[j].Start
	})
	return out, nil
}

// literalText is the lexical form of a literal of any kind.
func literalText(v quad.Value) string {
	switch x := v.(type) {
	case quad.TypedString:
		return string(x.Value)
	case quad.String:
		return string(x)
	case quad.Int:
		return strconv.FormatInt(int64(x), 10)
	case quad.Float:
		return strconv.FormatFloat(float64(x), 'f', -1, 64)
	}
	if t, ok := asText(v); ok {
		return string(t)
	}
	return quad.StringOf(v)
}

// MeetingViews returns the meetings with their participants and evidence.
func (s *Store) MeetingViews(ctx context.Context, ms []Meeting) ([]MeetingView, error) {
	c := s.newViewCache()
	return c.meetings(ctx, ms)
}

func (c *viewCache) meetings(ctx context.Context, ms []Meeting) ([]MeetingView, error) {
	out := []MeetingView{}
	for _, m := range ms {
		v := MeetingView{Event: string(m.Event), Kind: m.Kind, Date: m.Date, Place: m.Place, Participants: []NodeRef{}}
		for _, p := range m.Participants {
			v.Participants = append(v.Participants, c.person(ctx, p))
		}
		src, err := c.sources(ctx, m.Evidence) // read with the event
		if err != nil {
			return nil, err
		}
		v.Sources = src
		out = append(out, v)
	}
	return out, nil
}

// View returns the page's view of a person or a country: for a person its
// names, titles and meetings; for a country the meetings of its people,
// its partners with their levels, and its people with their number of
// meetings. Every fact carries its sources. A country with many persons
// (LongTimeline) shows only its latest meetings with a year, at most latest
// of them, and the persons in them (NodeView.Latest), unless latest is 0.
func (s *Store) View(ctx context.Context, iri quad.IRI, latest int) (*NodeView, error) {
	c := s.newViewCache()
	v := &NodeView{IRI: string(iri), Name: c.label(ctx, iri), Meetings: []MeetingView{}}
	qs, err := s.quadsOf(ctx, quad.Subject, iri)
	if err != nil {
		return nil, err
	}
	alts, titles := map[string]bool{}, map[string]bool{}
	for _, q := range qs {
		t, ok := asText(q.Object)
		if !ok {
			continue
		}
		switch q.Predicate {
		case schema.AlternateName, schema.Name:
			if string(t) != v.Name {
				alts[string(t)] = true
			}
		case schema.JobTitle:
			titles[string(t)] = true
		}
	}
	v.Alternates, v.Titles = sortedSet(alts), sortedSet(titles)
	people := []quad.IRI{iri}
	var latestMs []Meeting // a long timeline's latest meetings
	if strings.HasPrefix(string(iri), string(schema.CountryIRI(""))) {
		v.Type = "country"
		v.Country = strings.TrimPrefix(string(iri), string(schema.CountryIRI("")))
		v.CountryName = v.Name
		long := false
		if latest > 0 {
			if long, err = s.LongTimeline(ctx, iri); err != nil {
				return nil, err
			}
		}
		if long {
			if latestMs, people, err = s.latestPeople(ctx, iri, latest); err != nil {
				return nil, err
			}
			v.Latest = latest
		} else if people, err = s.PeopleOf(ctx, iri); err != nil {
			return nil, err
		}
		partners, err := s.neighbours(ctx, iri, schema.Partner, false)
		if err != nil {
			return nil, err
		}
		for _, p := range partners {
			code := strings.TrimPrefix(string(p), string(schema.CountryIRI("")))
			pv := PartnerView{NodeRef: NodeRef{IRI: string(p), Name: c.label(ctx, p), Country: code}, Levels: []string{}}
			node := schema.PartnershipIRI(v.Country, code)
			levels, err := s.values(ctx, node, schema.Level, nil)
			if err != nil {
				return nil, err
			}
			seen := map[string]bool{}
			for _, l := range levels {
				if t, ok := asText(l); ok && !seen[string(t)] {
					seen[string(t)] = true
					pv.Levels = append(pv.Levels, string(t))
				}
			}
			sort.Strings(pv.Levels)
			if pv.Sources, err = c.evidence(ctx, node); err != nil {
				return nil, err
			}
			v.Partners = append(v.Partners, pv)
		}
		sort.Slice(v.Partners, func(i, j int) bool { return v.Partners[i].Name < v.Partners[j].Name })
	} else {
		v.Type = "person"
		ref := c.person(ctx, iri)
		v.Country = ref.Country
		if v.Country != "" {
			v.CountryName = c.label(ctx, schema.CountryIRI(v.Country))
		}
	}
	ms, counts, err := s.MeetingsOfAll(ctx, people)
	if err != nil {
		return nil, err
	}
	if v.Latest > 0 {
		ms = latestMs // the people's meetings were read for their counts
	}
	if v.Type == "country" {
		for i, p := range people {
			ref := c.person(ctx, p)
			ref.Meetings = counts[i]
			v.People = append(v.People, ref)
		}
	}
	sort.Slice(v.People, func(i, j int) bool {
		if v.People[i].Meetings != v.People[j].Meetings {
			return v.People[i].Meetings > v.People[j].Meetings
		}
		return v.People[i].Name < v.People[j].Name
	})
	if v.Meetings, err = c.meetings(ctx, ms); err != nil {
		return nil, err
	}
	return v, nil
}

// latestPeople returns the n latest meetings of country and the persons of
// country who take part in them, in the order they first appear.
func (s *Store) latestPeople(ctx context.Context, country quad.IRI, n int) ([]Meeting, []quad.IRI, error) {
	ms, err := s.LatestMeetings(ctx, country, n)
	if err != nil {
		return nil, nil, err
	}
	var people []quad.IRI
	seen := map[quad.IRI]bool{}
	for _, m := range ms {
		for _, p := range m.Participants {
			if seen[p] {
				continue
			}
			seen[p] = true
			if ok, err := s.hasTriple(ctx, p, schema.Nationality, country); err != nil {
				return nil, nil, err
			} else if ok {
				people = append(people, p)
			}
		}
	}
	return ms, people, nil
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// WriteJSON writes v as the page's API does (one line, no HTML escaping):
// the CLI's --format json uses it too, so that both give the same bytes.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
