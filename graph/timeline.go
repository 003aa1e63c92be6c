package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// sparseNationals is how many persons of a country LatestMeetings reads
// before it stops listing their meetings and walks the calendar instead.
const sparseNationals = 500

// firstTimelineYear is the earliest year LatestMeetings walks back to.
const firstTimelineYear = 1900

// LatestMeetings returns the n latest meetings with a year (not the planned
// ones) of a person, or of the persons of a country, in date order: the
// last n of the dated part of MeetingsOf / MeetingsOfAll, without reading
// every meeting. A person's, or a country with few persons in the store,
// are listed in full and cut. For a country with many (a country's
// timeline in an archive of a million articles has more than a million
// meetings), the calendar is walked back from next year, month by month:
// the events of each day are found by their date (the object index), and
// a month is kept when one of its meetings has a participant of that
// nationality. Years without an event (ng:year) are skipped whole.
func (s *Store) LatestMeetings(ctx context.Context, who quad.IRI, n int) ([]Meeting, error) {
	if n <= 0 {
		return nil, fmt.Errorf("LatestMeetings: n must be positive, not %d", n)
	}
	country := strings.HasPrefix(string(who), string(schema.CountryIRI("")))
	people := []quad.IRI{who}
	walk := false
	if country {
		people = people[:0]
		complete, err := s.subjectsUpTo(ctx, schema.Nationality, who, sparseNationals, func(p quad.IRI) { people = append(people, p) })
		if err != nil {
			return nil, err
		}
		walk = !complete
	}
	if !walk {
		ms, _, err := s.MeetingsOfAll(ctx, people)
		if err != nil {
			return nil, err
		}
		var dated []Meeting
		for _, m := range ms {
			if hasYear(m.Date) {
				dated = append(dated, m)
			}
		}
		return dated[max(0, len(dated)-n):], nil
	}
	return s.walkCalendar(ctx, who, n, time.Now().Year()+1)
}

// LongTimeline reports whether a country has more persons in the store
// than its full timeline can be listed quickly from (sparseNationals):
// the timeline command then shows the latest meetings unless asked for
// every one. A person's timeline is never long in this sense.
func (s *Store) LongTimeline(ctx context.Context, who quad.IRI) (bool, error) {
	if !strings.HasPrefix(string(who), string(schema.CountryIRI(""))) {
		return false, nil
	}
	complete, err := s.subjectsUpTo(ctx, schema.Nationality, who, sparseNationals, func(quad.IRI) {})
	return !complete, err
}

// hasYear reports whether a meeting's date has a year (not --MM-DD, not
// none).
func hasYear(d string) bool { return d != "" && !strings.HasPrefix(d, "--") }

// walkCalendar is LatestMeetings by the calendar, from the end of year
// `from` back.
func (s *Store) walkCalendar(ctx context.Context, country quad.IRI, n, from int) ([]Meeting, error) {
	national := map[quad.IRI]bool{}
	isNational := func(p quad.IRI) (bool, error) {
		if v, ok := national[p]; ok {
			return v, nil
		}
		v, err := s.hasTriple(ctx, p, schema.Nationality, country)
		national[p] = v
		return v, err
	}
	// From the latest date back; among the meetings of one date, from the
	// last in SortMeetings' order (the greatest event IRI) back: the first
	// n found are the last n.
	var found []Meeting
	for y := from; y >= firstTimelineYear && len(found) < n; y-- {
		yl, _ := schema.Date{Value: fmt.Sprintf("%04d", y), Type: schema.XSDGYear}.YearLiteral()
		if ok, err := s.hasSubject(ctx, schema.Year, yl); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		var dates []string // a month-only date sorts before its days, a year-only one before its January
		for m := 12; m >= 1; m-- {
			for d := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d >= 1; d-- {
				dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
			dates = append(dates, fmt.Sprintf("%04d-%02d", y, m))
		}
		dates = append(dates, fmt.Sprintf("%04d", y))
		for _, ds := range dates {
			if len(found) >= n {
				break
			}
			d, _ := schema.DateOf(ds)
			var evs []quad.IRI
			if err := s.subjectsOf(ctx, schema.StartDate, d.Literal(), 0, func(ev quad.IRI) { evs = append(evs, ev) }); err != nil {
				return nil, err
			}
			slices.Sort(evs)
			for i := len(evs) - 1; i >= 0 && len(found) < n; i-- {
				ok, err := s.meetingOf(ctx, evs[i], isNational)
				if err != nil {
					return nil, err
				}
				if !ok {
					continue
				}
				info, err := s.eventInfo(ctx, evs[i])
				if err != nil {
					return nil, err
				}
				if info.Date == ds { // else a report's less precise date: found at its own
					found = append(found, info)
				}
			}
		}
	}
	SortMeetings(found)
	return found, nil
}

// meetingOf reports whether ev is a meeting (not planned) with a
// participant for whom national is true, from the event's first quads.
func (s *Store) meetingOf(ctx context.Context, ev quad.IRI, national func(quad.IRI) (bool, error)) (bool, error) {
	status, err := s.firstValues(ctx, ev, schema.EventStatus, nil)
	if err != nil || len(status) > 0 {
		return false, err
	}
	parts, err := s.firstValues(ctx, ev, schema.Attendee, nil)
	if err != nil {
		return false, err
	}
	for _, v := range parts {
		if p, ok := v.(quad.IRI); ok {
			if ok, err := national(p); err != nil || ok {
				return ok, err
			}
		}
	}
	return false, nil
}

// hasTriple reports whether the store has a quad (subj, pred, obj) in any
// article: on bolt one seek in the object index, whose keys begin with
// those three.
func (s *Store) hasTriple(ctx context.Context, subj, pred quad.IRI, obj quad.Value) (bool, error) {
	if s.pg != nil {
		return s.pgHasTriple(ctx, subj, pred, obj)
	}
	qs := s.h.QuadStore
	sr, pr, or := qs.ValueOf(subj), qs.ValueOf(pred), qs.ValueOf(obj)
	if sr == nil || pr == nil || or == nil {
		return false, nil
	}
	if s.kvIdx != nil {
		vals := map[quad.Direction]uint64{}
		for d, r := range map[quad.Direction]cg.Ref{quad.Subject: sr, quad.Predicate: pr, quad.Object: or} {
			if id, ok := r.(kv.Int64Value); ok {
				vals[d] = uint64(id)
			}
		}
		if len(vals) == 3 {
			if it, ok := s.kvIdx.prefixIterator(vals); ok {
				defer it.Close()
				return it.Next(ctx), it.Err()
			}
		}
	}
	okey := cg.ToKey(or)
	found := false
	err := s.eachPair(ctx, quad.Subject, sr, pr, func(q cg.Ref) bool {
		found = cg.ToKey(qs.QuadDirection(q, quad.Object)) == okey
		return !found
	})
	return found, err
}

// hasSubject reports whether some quad (?, pred, obj) exists.
func (s *Store) hasSubject(ctx context.Context, pred quad.IRI, obj quad.Value) (bool, error) {
	found := false
	err := s.subjectsOf(ctx, pred, obj, 1, func(quad.IRI) { found = true })
	return found, err
}
