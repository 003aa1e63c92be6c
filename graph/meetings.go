package graph

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// PersonInfo is a person node for pictures and timelines.
type PersonInfo struct {
	IRI         quad.IRI
	Name        string
	Nationality string // ISO code, "" when unknown
}

// MeetingGraph is the persons and meetings of the store.
type MeetingGraph struct {
	Persons  map[quad.IRI]*PersonInfo
	Meetings []Meeting
}

// MeetingGraph reads every person and every (not planned) meeting.
func (s *Store) MeetingGraph(ctx context.Context) (*MeetingGraph, error) {
	g := &MeetingGraph{Persons: map[quad.IRI]*PersonInfo{}}
	events := map[quad.IRI]bool{}
	person := func(iri quad.IRI) *PersonInfo {
		p := g.Persons[iri]
		if p == nil {
			p = &PersonInfo{IRI: iri}
			g.Persons[iri] = p
		}
		return p
	}
	alts := map[quad.IRI]string{}
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		subj, ok := q.Subject.(quad.IRI)
		if !ok {
			return nil
		}
		switch q.Predicate {
		case schema.Type:
			if q.Object == schema.Person {
				person(subj)
			} else if q.Object == schema.Event {
				events[subj] = true
			}
		case schema.Name:
			if v, ok := asText(q.Object); ok && strings.HasPrefix(string(subj), string(schema.PersonIRI(""))) {
				if p := person(subj); p.Name == "" || string(v) < p.Name {
					p.Name = string(v)
				}
			}
		case schema.AlternateName:
			if v, ok := asText(q.Object); ok && (alts[subj] == "" || string(v) < alts[subj]) {
				alts[subj] = string(v)
			}
		case schema.Nationality:
			if v, ok := q.Object.(quad.IRI); ok && strings.HasPrefix(string(subj), string(schema.PersonIRI(""))) {
				person(subj).Nationality = strings.TrimPrefix(string(v), string(schema.CountryIRI("")))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for iri, p := range g.Persons {
		if p.Name == "" {
			p.Name = alts[iri]
		}
		if p.Name == "" {
			p.Name = strings.TrimPrefix(string(iri), string(schema.PersonIRI("")))
		}
	}
	evs := make([]quad.IRI, 0, len(events))
	for e := range events {
		evs = append(evs, e)
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i] < evs[j] })
	for _, e := range evs {
		m, err := s.eventInfo(ctx, e)
		if err != nil {
			return nil, err
		}
		if !m.Planned {
			g.Meetings = append(g.Meetings, m)
		}
	}
	SortMeetings(g.Meetings)
	return g, nil
}

// palette colours persons by country (pastels that keep black text legible).
var palette = []string{"#cfe2ff", "#ffd6d6", "#d4f5d4", "#fff2c2", "#e8d9ff", "#ffe0c2", "#c9f1f5", "#f5d0ec", "#e2e8d0", "#dddddd"}

// CountryColour gives a country a stable colour.
func CountryColour(code string) string {
	if code == "" {
		return "#f4f4f4"
	}
	h := fnv.New32a()
	h.Write([]byte(code))
	return palette[h.Sum32()%uint32(len(palette))]
}

func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// WriteDOT writes the graph for Graphviz: persons as nodes labelled with
// their names and countries, one edge per meeting pair labelled with the
// date and kind.
func (g *MeetingGraph) WriteDOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("graph newsgraph {\n")
	b.WriteString("  graph [layout=neato, overlap=false, sep=\"+6\", splines=true, fontname=\"Helvetica\", label=\"newsgraph: who met whom\", labelloc=t];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n")
	used := map[quad.IRI]bool{}
	for _, m := range g.Meetings {
		for _, p := range m.Participants {
			used[p] = true
		}
	}
	ids := make([]quad.IRI, 0, len(g.Persons))
	for iri := range g.Persons {
		if used[iri] {
			ids = append(ids, iri)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, iri := range ids {
		p := g.Persons[iri]
		label := p.Name
		if p.Nationality != "" {
			label += "\n(" + p.Nationality + ")"
		}
		fmt.Fprintf(&b, "  %s [label=%s, fillcolor=%s];\n", dotQuote(string(iri)), dotQuote(label), dotQuote(CountryColour(p.Nationality)))
	}
	for _, m := range g.Meetings {
		label := m.Date
		if label == "" {
			label = "date unknown"
		}
		if m.Kind != "" {
			label += "\n" + strings.ReplaceAll(m.Kind, "_", " ")
		}
		for i := 0; i < len(m.Participants); i++ {
			for j := i + 1; j < len(m.Participants); j++ {
				fmt.Fprintf(&b, "  %s -- %s [label=%s, tooltip=%s];\n", dotQuote(string(m.Participants[i])), dotQuote(string(m.Participants[j])), dotQuote(label), dotQuote(string(m.Event)))
			}
		}
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
