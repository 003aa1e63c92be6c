package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// ErrNotFound is returned when a name matches no node.
var ErrNotFound = fmt.Errorf("no such node")

// Resolve finds the node a user means: an IRI (<...> or http...), a
// person or country id, a name, alias or folded form of a name ("Bui Thanh
// Son", "bùi thanh sơn", "VN"), or else what Search finds when it is
// clear: a family name ("Lavrov"), another spelling ("Poutin"), a
// gazetteer alias ("Fédération de Russie"). With no clear answer the error
// lists the candidates or says "did you mean".
func (s *Store) Resolve(ctx context.Context, name string) (quad.IRI, error) {
	name = strings.TrimSpace(name)
	iri := ""
	if strings.HasPrefix(name, "<") && strings.HasSuffix(name, ">") {
		iri = name[1 : len(name)-1]
	} else if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		iri = name
	}
	if iri != "" {
		// An IRI the store does not hold is not found, as a name would not be.
		if ok, err := s.exists(ctx, quad.IRI(iri)); err != nil {
			return "", err
		} else if !ok {
			return "", fmt.Errorf("%s: %w in the store", iri, ErrNotFound)
		}
		return quad.IRI(iri), nil
	}
	key := schema.FoldKey(name)
	if key == "" {
		return "", fmt.Errorf("%q: %w", name, ErrNotFound)
	}
	var found []quad.IRI
	add := func(iri quad.IRI) {
		for _, f := range found {
			if f == iri {
				return
			}
		}
		found = append(found, iri)
	}
	// The nodes with that key: a country's is written by every article
	// that names it, read here once.
	if err := s.subjectsOf(ctx, schema.Key, quad.String(key), 0, add); err != nil {
		return "", err
	}
	if len(found) == 0 {
		// A family name alone ("Lavrov"): the last word of a key.
		for _, iri := range []quad.IRI{schema.PersonIRI(strings.ReplaceAll(key, " ", "-")), schema.CountryIRI(strings.ToUpper(key))} {
			if ok, err := s.exists(ctx, iri); err != nil {
				return "", err
			} else if ok {
				add(iri)
			}
		}
	}
	switch len(found) {
	case 0:
		// Not a name or id of the store as written: search (words,
		// sounds, the gazetteer's aliases), which says "did you mean".
		return s.resolveByName(ctx, name)
	case 1:
		return found[0], nil
	}
	var names []string
	for _, f := range found {
		names = append(names, fmt.Sprintf("%s (%s)", s.Label(ctx, f), f))
	}
	sort.Strings(names)
	return "", fmt.Errorf("%q is ambiguous: %s", name, strings.Join(names, "; "))
}

// exists reports whether iri is the subject of a quad: it reads one (a
// country is the subject of a quad per article that names it).
func (s *Store) exists(ctx context.Context, iri quad.IRI) (bool, error) {
	qs := s.h.QuadStore
	ref := qs.ValueOf(iri)
	if ref == nil {
		return false, nil
	}
	it := qs.QuadIterator(quad.Subject, ref)
	defer it.Close()
	return it.Next(ctx), it.Err()
}

// Label returns a node's display name: its schema:name (a node keeps the
// first name it got, in every article), else an alternate name, else its
// IRI. It reads one quad, however many articles wrote the node.
func (s *Store) Label(ctx context.Context, iri quad.IRI) string {
	for _, p := range []quad.IRI{schema.Name, schema.AlternateName} {
		v, err := s.firstValue(ctx, iri, p)
		if err != nil {
			break
		}
		if t, ok := asText(v); ok {
			return string(t)
		}
	}
	return string(iri)
}

// Out returns the IRI objects of node's quads with predicate p (in = true:
// the subjects of quads whose object is node).
func (s *Store) neighbours(ctx context.Context, node quad.IRI, p quad.IRI, in bool) ([]quad.IRI, error) {
	if in {
		// Through the object index by reference, decoding each distinct
		// subject once: a country's nationality quads repeat per article.
		var out []quad.IRI
		if err := s.subjectsOf(ctx, p, node, 0, func(iri quad.IRI) { out = append(out, iri) }); err != nil {
			return nil, err
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out, nil
	}
	d := quad.Subject
	qs, err := s.quadsOf(ctx, d, node)
	if err != nil {
		return nil, err
	}
	seen := map[quad.IRI]bool{}
	var out []quad.IRI
	for _, q := range qs {
		if q.Predicate != p {
			continue
		}
		other := q.Object
		if in {
			other = q.Subject
		}
		if iri, ok := other.(quad.IRI); ok && !seen[iri] {
			seen[iri] = true
			out = append(out, iri)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// Meeting is an event of the store as the path and timeline commands show it.
type Meeting struct {
	Event        quad.IRI
	Kind         string
	Date         string
	Place        string
	Participants []quad.IRI
	Sources      []quad.IRI // articles
	Evidence     []quad.IRI // evidence nodes, one per report
	Planned      bool
}

// eventInfo reads an event node.
func (s *Store) eventInfo(ctx context.Context, ev quad.IRI) (Meeting, error) {
	m := Meeting{Event: ev}
	qs, err := s.quadsOf(ctx, quad.Subject, ev)
	if err != nil {
		return m, err
	}
	srcs := map[quad.IRI]bool{}
	parts := map[quad.IRI]bool{}
	for _, q := range qs {
		if l, ok := q.Label.(quad.IRI); ok {
			srcs[l] = true
		}
		switch q.Predicate {
		case schema.Kind:
			if v, ok := asText(q.Object); ok {
				m.Kind = string(v)
			}
		case schema.StartDate:
			if v, ok := q.Object.(quad.TypedString); ok && len(string(v.Value)) >= len(m.Date) {
				m.Date = string(v.Value)
			}
		case schema.Location:
			if v, ok := q.Object.(quad.IRI); ok {
				m.Place = s.Label(ctx, v)
			}
		case schema.Attendee:
			if v, ok := q.Object.(quad.IRI); ok {
				parts[v] = true
			}
		case schema.EventStatus:
			m.Planned = true
		case schema.HasEvidence:
			if v, ok := q.Object.(quad.IRI); ok && !slices.Contains(m.Evidence, v) {
				m.Evidence = append(m.Evidence, v)
			}
		}
	}
	for p := range parts {
		m.Participants = append(m.Participants, p)
	}
	for l := range srcs {
		m.Sources = append(m.Sources, l)
	}
	sort.Slice(m.Participants, func(i, j int) bool { return m.Participants[i] < m.Participants[j] })
	sort.Slice(m.Sources, func(i, j int) bool { return m.Sources[i] < m.Sources[j] })
	slices.Sort(m.Evidence)
	return m, nil
}

// MeetingsOf returns the meetings (not the planned ones) of a person, in
// date order (undated last).
func (s *Store) MeetingsOf(ctx context.Context, person quad.IRI) ([]Meeting, error) {
	ms, _, err := s.MeetingsOfAll(ctx, []quad.IRI{person})
	return ms, err
}

// MeetingsOfAll returns the meetings of any of people (a country's), each
// once, in date order, and how many each person took part in. Each event
// is read once, however many of them took part in it.
func (s *Store) MeetingsOfAll(ctx context.Context, people []quad.IRI) ([]Meeting, []int, error) {
	read := map[quad.IRI]*Meeting{} // nil: planned
	var out []Meeting
	counts := make([]int, len(people))
	for i, p := range people {
		evs, err := s.neighbours(ctx, p, schema.Attendee, true)
		if err != nil {
			return nil, nil, err
		}
		for _, ev := range evs {
			m, ok := read[ev]
			if !ok {
				info, err := s.eventInfo(ctx, ev)
				if err != nil {
					return nil, nil, err
				}
				if !info.Planned {
					m = &info
					out = append(out, info)
				}
				read[ev] = m
			}
			if m != nil {
				counts[i]++
			}
		}
	}
	SortMeetings(out)
	return out, counts, nil
}

// SortMeetings orders by date (a --MM-DD date sorts after the dated ones
// of unknown year), then by event IRI.
func SortMeetings(ms []Meeting) {
	k := func(m Meeting) string {
		switch {
		case m.Date == "":
			return "~"
		case strings.HasPrefix(m.Date, "--"):
			return "}" + m.Date
		}
		return m.Date
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if k(ms[i]) != k(ms[j]) {
			return k(ms[i]) < k(ms[j])
		}
		return ms[i].Event < ms[j].Event
	})
}

// meetingsBetween returns the meetings with both a and b.
func (s *Store) meetingsBetween(ctx context.Context, a, b quad.IRI) ([]Meeting, error) {
	// The events of the one of a and b who has fewer (up to a budget,
	// then the other, then all of a's: a minister in every article has
	// thousands), each checked for the other by one lookup and read in
	// full only when both attend it; not a's every meeting.
	var evs []quad.IRI
	var other quad.IRI
	for i, side := range [][2]quad.IRI{{a, b}, {b, a}, {a, b}} {
		budget := meetingsBudget
		if i == 2 {
			budget = 0
		}
		evs = evs[:0]
		complete, err := s.subjectsUpTo(ctx, schema.Attendee, side[0], budget, func(ev quad.IRI) { evs = append(evs, ev) })
		if err != nil {
			return nil, err
		}
		if complete {
			other = side[1]
			break
		}
	}
	var out []Meeting
	for _, ev := range evs {
		if ok, err := s.hasTriple(ctx, ev, schema.Attendee, other); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		m, err := s.eventInfo(ctx, ev)
		if err != nil {
			return nil, err
		}
		if !m.Planned && slices.Contains(m.Participants, a) && slices.Contains(m.Participants, b) {
			out = append(out, m)
		}
	}
	SortMeetings(out)
	return out, nil
}

// meetingsBudget is how many events of one person meetingsBetween lists
// before it tries the other.
var meetingsBudget = 256

// PeopleOf returns the persons whose nationality is country.
func (s *Store) PeopleOf(ctx context.Context, country quad.IRI) ([]quad.IRI, error) {
	return s.neighbours(ctx, country, schema.Nationality, true)
}

// asText returns the text of a plain or language-tagged literal.
func asText(v quad.Value) (quad.String, bool) {
	switch x := v.(type) {
	case quad.String:
		return x, true
	case quad.LangString:
		return x.Value, true
	}
	return "", false
}
