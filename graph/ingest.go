package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// Status says what an ingest did to an article.
type Status string

// Ingest outcomes.
const (
	New       Status = "new"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
)

// IngestResult is the outcome of ingesting one article.
type IngestResult struct {
	Article quad.IRI
	Status  Status
	// Fact quads written and deleted: the store's own quads (its index of
	// names, in IndexGraph, and its bookkeeping) are not counted.
	Added   int
	Removed int
}

// Ingest writes one article's facts in one transaction. The article's old
// quads (found by its label) are replaced by the new ones, writing only the
// difference; events and names are reconciled with the other articles of
// the store first (see the package documentation).
func (s *Store) Ingest(ctx context.Context, doc *schema.Doc) (IngestResult, error) {
	label := schema.ArticleIRI(doc.Article.ID)
	unlock, _, err := s.lockWriters(ctx)
	if err != nil {
		return IngestResult{Article: label}, err
	}
	defer unlock()
	return s.ingestDigest(ctx, doc, label, schema.DocDigest(doc))
}

// ingestDigest is Ingest under the writer lock, doc's digest computed.
func (s *Store) ingestDigest(ctx context.Context, doc *schema.Doc, label quad.IRI, digest string) (IngestResult, error) {
	if s.sameDigest(ctx, label, digest) {
		// The same facts as last time: unchanged, without reconciling
		// (the input's key written if it is new).
		res := IngestResult{Article: label, Status: Unchanged}
		add, remove, err := s.inputChange(ctx, label, doc.Input)
		if err != nil || len(add) == 0 {
			return res, err
		}
		tx := cg.NewTransaction()
		for _, q := range remove {
			tx.RemoveQuad(q)
		}
		for _, q := range add {
			tx.AddQuad(q)
		}
		if err := s.apply(tx); err != nil {
			return IngestResult{Article: label}, fmt.Errorf("write %s: %w", label, err)
		}
		return res, nil
	}
	old, err := s.quadsOf(ctx, quad.Label, label)
	if err != nil {
		return IngestResult{Article: label}, err
	}
	return s.ingest(ctx, doc, label, old, digest)
}

// ingest writes doc over the article's stored quads old (read, and its
// digest compared, by the caller).
func (s *Store) ingest(ctx context.Context, doc *schema.Doc, label quad.IRI, old []quad.Quad, digest string) (IngestResult, error) {
	extra, err := s.reconcileWith(ctx, doc, label, nil)
	if err != nil {
		return IngestResult{Article: label}, err
	}
	ch := changeOf(doc, label, old, digest, extra)
	if ch.res.Status == Unchanged && !ch.index {
		return ch.res, nil
	}
	tx := cg.NewTransactionN(len(ch.add) + len(ch.remove))
	for _, q := range ch.add {
		tx.AddQuad(q)
	}
	for _, q := range ch.remove {
		tx.RemoveQuad(q)
	}
	if err := s.apply(tx); err != nil {
		return IngestResult{Article: label}, fmt.Errorf("write %s: %w", label, err)
	}
	return ch.res, nil
}

// change is what writing an article changes in the store.
type change struct {
	add, remove []quad.Quad
	res         IngestResult
	index       bool // the digest or the input key changes
}

// changeOf is the change from an article's old quads to the reconciled
// doc's: the difference of the two, and the other articles' quads the
// reconciliation rewrites (completed dates). The digest and the input key
// are the store's own: an article whose only change is one of them is
// unchanged, and they are written all the same.
func changeOf(doc *schema.Doc, label quad.IRI, old []quad.Quad, digest string, extra rewrites) change {
	ch := change{res: IngestResult{Article: label}}
	want := append(doc.Quads(), digestQuad(label, digest))
	if doc.Input != "" {
		want = append(want, inputQuad(label, doc.Input))
	}
	// Quads are comparable values: they key the sets directly.
	oldSet := make(map[quad.Quad]bool, len(old))
	for _, q := range old {
		oldSet[q] = true
	}
	newSet := make(map[quad.Quad]bool, len(want))
	for _, q := range want {
		newSet[q] = true
		if !oldSet[q] {
			ch.add = append(ch.add, q)
			if schema.IsBookkeeping(q.Predicate) {
				ch.index = true
			} else {
				ch.res.Added++
			}
		}
	}
	for _, q := range old {
		if !newSet[q] {
			ch.remove = append(ch.remove, q)
			if schema.IsBookkeeping(q.Predicate) {
				ch.index = true
			} else {
				ch.res.Removed++
			}
		}
	}
	ch.remove = append(ch.remove, extra.remove...)
	ch.add = append(ch.add, extra.add...)
	ch.res.Removed += len(extra.remove)
	ch.res.Added += len(extra.add)
	switch {
	case len(old) == 0:
		ch.res.Status = New
	case ch.res.Added == 0 && ch.res.Removed == 0:
		ch.res.Status = Unchanged
	default:
		ch.res.Status = Updated
	}
	return ch
}

// digestQuad records an article's digest in its own graph.
func digestQuad(label quad.IRI, digest string) quad.Quad {
	return quad.Quad{Subject: label, Predicate: schema.Digest, Object: quad.String(digest), Label: label}
}

// inputQuad records the key of the input an article was extracted from.
func inputQuad(label quad.IRI, key string) quad.Quad {
	return quad.Quad{Subject: label, Predicate: schema.Input, Object: quad.String(key), Label: label}
}

// inputChange returns the quads that make key the stored article label's
// input key (none when it is, or key is "").
func (s *Store) inputChange(ctx context.Context, label quad.IRI, key string) (add, remove []quad.Quad, err error) {
	if key == "" {
		return nil, nil, nil
	}
	vs, err := s.values(ctx, label, schema.Input, label)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range vs {
		if str, ok := v.(quad.String); ok && string(str) == key {
			return nil, nil, nil
		}
		remove = append(remove, quad.Quad{Subject: label, Predicate: schema.Input, Object: v, Label: label})
	}
	return []quad.Quad{inputQuad(label, key)}, remove, nil
}

// KnownInput reports whether an article of the store was extracted from
// the input whose key is key (schema.Input): one lookup of the key's value
// node, which exists only if some article holds it. Extracting that input
// again would give what is stored, so an ingest skips it.
func (s *Store) KnownInput(ctx context.Context, key string) bool {
	found := false
	err := s.subjectsOf(ctx, schema.Input, quad.String(key), 1, func(quad.IRI) { found = true })
	return err == nil && found
}

// sameDigest reports whether the stored article label has digest, read
// alone (one index lookup; on PostgreSQL one query), before its quads.
func (s *Store) sameDigest(ctx context.Context, label quad.IRI, digest string) bool {
	vs, err := s.values(ctx, label, schema.Digest, label)
	if err != nil {
		return false
	}
	for _, v := range vs {
		if str, ok := v.(quad.String); ok && string(str) == digest {
			return true
		}
	}
	return false
}

// rewrites are quads of other articles to change in the same transaction:
// stored quads (add, remove) and, in a batch, pending events whose date
// was completed (dates: event -> merged date).
type rewrites struct {
	add, remove []quad.Quad
	dates       map[quad.IRI]*schema.Date
}

// reconcileWith makes the article agree with the store and, in a batch
// (b not nil), with the batch's uncommitted articles: an event already
// known from another article (same participants, compatible date) keeps
// its node, dates are completed both ways, and a node keeps the first name
// it got.
func (s *Store) reconcileWith(ctx context.Context, doc *schema.Doc, label quad.IRI, b *Batch) (rewrites, error) {
	rw := rewrites{dates: map[quad.IRI]*schema.Date{}}
	for i := range doc.Events {
		e := &doc.Events[i]
		match, err := s.findEvent(ctx, e, label, b)
		if err != nil {
			return rw, err
		}
		var pendingDates []string
		if b != nil {
			iri, dates := b.findEvent(e, label, match)
			if match == nil && iri != "" {
				match = &eventMatch{iri: iri}
			}
			pendingDates = dates
		}
		if match == nil {
			continue
		}
		e.IRI = match.iri
		merged := mergeDates(e.Date, append(append([]string{}, match.dates...), pendingDates...))
		if merged != nil && (e.Date == nil || merged.Value != e.Date.Value) {
			e.Date = merged
		}
		// Complete the other articles' partial dates.
		if merged != nil {
			if !match.loaded && slices.ContainsFunc(match.dates, func(d string) bool { return d != merged.Value }) {
				out, err := s.pairQuads(ctx, quad.Subject, match.iri, schema.StartDate)
				if err != nil {
					return rw, err
				}
				match.dateQuads = out
				match.loaded = true
			}
			for _, q := range match.dateQuads {
				if q.Label == label {
					continue
				}
				if lit, ok := q.Object.(quad.TypedString); ok && string(lit.Value) == merged.Value {
					continue
				}
				rw.remove = append(rw.remove, q)
				rw.add = append(rw.add, quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: merged.Literal(), Label: q.Label})
				if y, ok := merged.YearLiteral(); ok && isMonthDay(q.Object) {
					// The completed date now has a year it had not.
					rw.add = append(rw.add, quad.Quad{Subject: q.Subject, Predicate: schema.Year, Object: y, Label: q.Label})
				}
			}
			rw.dates[match.iri] = merged
		}
	}
	// One preferred name per node: names set by other articles win.
	names := func(node quad.IRI) ([]string, error) {
		if b == nil {
			return s.namesOf(ctx, node, label)
		}
		// A new article of a batch has no quads yet: every stored name
		// is another article's.
		stored, err := b.storedNames(ctx, node)
		if err != nil {
			return nil, err
		}
		return append(append([]string{}, stored...), b.namesOf(node, label)...), nil
	}
	for i := range doc.Persons {
		p := &doc.Persons[i]
		ns, err := names(schema.PersonIRI(p.ID))
		if err != nil {
			return rw, err
		}
		if len(ns) > 0 && !slices.Contains(ns, p.Name) {
			p.Alternates = append(p.Alternates, p.Name)
			p.Name = ""
		}
	}
	for i := range doc.Places {
		p := &doc.Places[i]
		ns, err := names(schema.PlaceIRI(p.ID))
		if err != nil {
			return rw, err
		}
		if len(ns) > 0 && !slices.Contains(ns, p.Name) {
			p.Name = ""
		}
	}
	return rw, nil
}

// namesOf returns the schema:name values of node that other articles set,
// read from the node's first quads (firstNames).
func (s *Store) namesOf(ctx context.Context, node quad.IRI, not quad.IRI) ([]string, error) {
	return s.firstNames(ctx, node, not)
}

// eventsOf returns the stored events person took part in, reading at
// most limit index entries (one per event and article that reports it):
// complete says whether that was all of them. Complete sets are kept in
// the batch's cache, when there is one, up to maxCachedEvents each.
func (s *Store) eventsOf(ctx context.Context, person quad.IRI, b *Batch, limit int) (evs map[quad.IRI]bool, complete bool, err error) {
	if b != nil {
		if evs, ok := b.evCache[person]; ok {
			return evs, true, nil
		}
	}
	evs = map[quad.IRI]bool{}
	complete, err = s.subjectsUpTo(ctx, schema.Attendee, person, limit, func(ev quad.IRI) { evs[ev] = true })
	if err != nil {
		return nil, false, err
	}
	if b != nil && complete && len(evs) <= maxCachedEvents {
		b.evCache[person] = evs
	}
	return evs, complete, nil
}

// maxCachedEvents is the most events of one person the batch's cache
// keeps: a person in thousands of meetings is read again, capped, instead.
const maxCachedEvents = 256

// rarestEvents returns the events of the participant (of want) who took
// part in the fewest: each participant's events are read up to a limit
// that grows (16, 256, 4096, ...) until one participant's are read in
// full, so that a meeting with a person of thousands of meetings (a
// minister named in every article) costs what its rarest participant's
// meetings cost, not what the minister's do.
func (s *Store) rarestEvents(ctx context.Context, want []string, b *Batch) (map[quad.IRI]bool, error) {
	for limit := 16; ; limit *= 16 {
		var best map[quad.IRI]bool
		for _, p := range want {
			evs, complete, err := s.eventsOf(ctx, schema.PersonIRI(p), b, limit)
			if err != nil {
				return nil, err
			}
			if complete && (best == nil || len(evs) < len(best)) {
				best = evs
				if len(best) == 0 {
					return best, nil
				}
			}
		}
		if best != nil {
			return best, nil
		}
	}
}

type eventMatch struct {
	iri       quad.IRI
	dates     []string
	dateQuads []quad.Quad
	loaded    bool // dateQuads read
}

// findEvent looks for an event of another article with the same
// participants and a compatible date. The candidates are the events of
// the rarest participant (index lookups, see rarestEvents); only the few
// that pass are read in full.
func (s *Store) findEvent(ctx context.Context, e *schema.EventT, label quad.IRI, b *Batch) (*eventMatch, error) {
	if len(e.Participants) == 0 {
		return nil, nil
	}
	want := append([]string{}, e.Participants...)
	sort.Strings(want)
	want = uniqStrings(want)
	// Every candidate's participants are read below: the rarest
	// participant's events are all the candidates there are.
	common, err := s.rarestEvents(ctx, want, b)
	if err != nil || len(common) == 0 {
		return nil, err
	}
	evs := make([]quad.IRI, 0, len(common))
	for ev := range common {
		evs = append(evs, ev)
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i] < evs[j] })
	var cands []*eventMatch
	for _, ev := range evs {
		// What every report of the event writes alike, from its first
		// quads: participants, status, date (dates are completed in every
		// report when one is more precise).
		parts, err := s.firstValues(ctx, ev, schema.Attendee, nil)
		if err != nil {
			return nil, err
		}
		var ps []string
		for _, v := range parts {
			if p, ok := v.(quad.IRI); ok {
				ps = append(ps, strings.TrimPrefix(string(p), string(schema.PersonIRI(""))))
			}
		}
		if strings.Join(uniqStrings(ps), "|") != strings.Join(want, "|") {
			continue
		}
		status, err := s.firstValues(ctx, ev, schema.EventStatus, nil)
		if err != nil {
			return nil, err
		}
		if (len(status) > 0) != e.Planned {
			continue // a plan and a meeting are not the same event
		}
		dates, err := s.firstValues(ctx, ev, schema.StartDate, nil)
		if err != nil {
			return nil, err
		}
		var ds []string
		for _, v := range dates {
			if lit, ok := v.(quad.TypedString); ok {
				ds = append(ds, string(lit.Value))
			}
		}
		if !datesCompatible(e.Date, ds) {
			continue
		}
		m := &eventMatch{iri: ev, dates: uniqStrings(ds)}
		if b != nil {
			// A new article of a batch has no quads: the event is another
			// article's. Its date quads are read only if they must change.
			cands = append(cands, m)
			continue
		}
		// Another article must state it, not only this one's old version.
		// Its date quads are read, as in a batch, only if they must change.
		others, err := s.statedElsewhere(ctx, ev, label)
		if err != nil {
			return nil, err
		}
		if others {
			cands = append(cands, m)
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	// Without a date, only an unambiguous match is the same meeting.
	if e.Date == nil && len(cands) > 1 {
		return nil, nil
	}
	return cands[0], nil
}

// pairQuads returns the quads whose direction d is node and whose
// predicate is pred (by index prefix on a kv store: an event's dates, not
// its every quad).
func (s *Store) pairQuads(ctx context.Context, d quad.Direction, node, pred quad.IRI) ([]quad.Quad, error) {
	qs := s.h.QuadStore
	ref, pref := qs.ValueOf(node), qs.ValueOf(pred)
	if ref == nil || pref == nil {
		return nil, nil
	}
	var out []quad.Quad
	err := s.eachPair(ctx, d, ref, pref, func(q cg.Ref) bool {
		out = append(out, qs.Quad(q))
		return true
	})
	return out, err
}

// statedElsewhere reports whether an article other than label states the
// event: every report writes the event's rdf:type in its own graph, so at
// most two of those quads are read (by index prefix on a kv store), not
// the event's every quad (a meeting that thousands of articles tell has
// thousands).
func (s *Store) statedElsewhere(ctx context.Context, ev, label quad.IRI) (bool, error) {
	qs := s.h.QuadStore
	node, typ := qs.ValueOf(ev), qs.ValueOf(schema.Type)
	if node == nil || typ == nil {
		return false, nil
	}
	own := qs.ValueOf(label)
	found := false
	err := s.eachPair(ctx, quad.Subject, node, typ, func(q cg.Ref) bool {
		l := qs.QuadDirection(q, quad.Label)
		found = own == nil || cg.ToKey(l) != cg.ToKey(own)
		return !found
	})
	return found, err
}

func uniqStrings(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// dateParts splits an XML Schema date of any of our precisions.
func dateParts(s string) (y, m, d string) {
	switch {
	case strings.HasPrefix(s, "--") && len(s) == 7:
		return "", s[2:4], s[5:7]
	case len(s) == 10:
		return s[:4], s[5:7], s[8:10]
	case len(s) == 7:
		return s[:4], s[5:7], ""
	case len(s) == 4:
		return s, "", ""
	}
	return "", "", ""
}

// compatibleDate reports whether two dates can be the same day: every
// part known in both is equal.
func compatibleDate(a, b string) bool {
	ay, am, ad := dateParts(a)
	by, bm, bd := dateParts(b)
	eq := func(x, y string) bool { return x == "" || y == "" || x == y }
	return eq(ay, by) && eq(am, bm) && eq(ad, bd)
}

func datesCompatible(d *schema.Date, others []string) bool {
	if d == nil || len(others) == 0 {
		return true
	}
	for _, o := range others {
		if !compatibleDate(d.Value, o) {
			return false
		}
	}
	return true
}

// mergeDates combines compatible dates into the fullest one.
func mergeDates(d *schema.Date, others []string) *schema.Date {
	var y, m, day string
	all := append([]string{}, others...)
	if d != nil {
		all = append(all, d.Value)
	}
	for _, s := range all {
		py, pm, pd := dateParts(s)
		if y == "" {
			y = py
		}
		if m == "" {
			m = pm
		}
		if day == "" {
			day = pd
		}
	}
	var v string
	switch {
	case y != "" && m != "" && day != "":
		v = y + "-" + m + "-" + day
	case y != "" && m != "":
		v = y + "-" + m
	case m != "" && day != "":
		v = "--" + m + "-" + day
	case y != "":
		v = y
	default:
		return nil
	}
	out, ok := schema.DateOf(v)
	if !ok {
		return nil
	}
	return &out
}

// isMonthDay reports an xsd:gMonthDay literal: a date without its year.
func isMonthDay(v quad.Value) bool {
	lit, ok := v.(quad.TypedString)
	return ok && lit.Type == schema.XSDGMonthDay
}

// RemoveArticle deletes every quad of the article label, in one
// transaction, and returns how many it deleted.
func (s *Store) RemoveArticle(ctx context.Context, label quad.IRI) (int, error) {
	unlock, _, err := s.lockWriters(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	qs, err := s.quadsOf(ctx, quad.Label, label)
	if err != nil || len(qs) == 0 {
		return 0, err
	}
	tx := cg.NewTransactionN(len(qs))
	for _, q := range qs {
		tx.RemoveQuad(q)
	}
	return len(qs), s.apply(tx)
}

// LegacyArticles returns the articles whose quads still use the vocabulary
// of earlier versions (ng:on for event dates).
func (s *Store) LegacyArticles(ctx context.Context) ([]quad.IRI, error) {
	seen := map[quad.IRI]bool{}
	var out []quad.IRI
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		if q.Predicate == schema.LegacyOn {
			if l, ok := q.Label.(quad.IRI); ok && !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
		return nil
	})
	return out, err
}
