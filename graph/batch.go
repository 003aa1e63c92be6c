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

// Batch ingests many articles with few commits: new articles and updates
// are gathered into one transaction of up to MaxQuads quads, reconciled
// with the store and new articles with each other before they are
// written (an update and a pending article whose reconciliations read
// what the other changes are not in one transaction: see addUpdate); the
// same article twice is written on its own. On a shared store the batch
// holds the writer lock from its first read to its commit, so what it
// read stays true until then, as on a store of one writer. Each
// article is all in one transaction, so none is ever half-written; when a
// commit fails, every article of that transaction fails and is reported.
type Batch struct {
	s *Store
	// MaxQuads bounds a transaction (default 10000: at 100k articles on
	// bolt, 20000 peaked at 1,094 MB resident and 10000 at 916 MB, in
	// 315 s and 324 s; 5000 at 886 MB in 404 s).
	MaxQuads int
	// OnCommit is called for every article once its transaction is
	// committed (err nil) or has failed.
	OnCommit func(tag string, r IngestResult, err error)

	docs    []pendingDoc
	adds    map[quad.Quad]bool
	removes map[quad.Quad]bool
	size    int
	names   map[quad.IRI]map[string]quad.IRI // node -> name -> label
	events  map[string][]*pendingEvent       // participants -> events
	byIRI   map[quad.IRI]*pendingEvent
	labels  map[quad.IRI]bool
	// The shared nodes (sharedNode) whose reconciled quads the pending
	// updates change (changedNodes); the pending updates' labels; and the
	// shared nodes of the pending new articles' quads, gathered from adds
	// when the batch's first update needs them (nil before: a batch of new
	// articles pays nothing for them).
	updNodes, updLabels, newNodes map[quad.IRI]bool

	// Caches of what is committed, kept across flushes when this process
	// is the store's only writer (bolt) and cleared when an update is
	// written outside the batch, or, on a shared store, whenever the
	// writer lock is taken again (another writer may have committed in
	// between): person -> events, node -> names.
	evCache   map[quad.IRI]map[quad.IRI]bool
	nameCache map[quad.IRI][]string

	// unlock releases the store's writer lock, held from the batch's
	// first read until its commit (see lockWriters); nil when not held.
	unlock func()
}

type pendingDoc struct {
	tag string
	res IngestResult
}

type pendingEvent struct {
	iri     quad.IRI
	planned bool
	dates   []pendingDate
}

type pendingDate struct {
	label quad.IRI
	q     quad.Quad
}

// NewBatch starts a batch; call Flush at the end.
func (s *Store) NewBatch(onCommit func(tag string, r IngestResult, err error)) *Batch {
	b := &Batch{s: s, MaxQuads: 10000, OnCommit: onCommit}
	b.reset()
	b.clearCaches()
	return b
}

// maxCached bounds the caches of committed events and names: past it
// they are dropped at the next commit, so that a batch's memory does not
// grow with the corpus.
const maxCached = 50000

func (b *Batch) reset() {
	b.docs = nil
	b.adds = map[quad.Quad]bool{}
	b.removes = map[quad.Quad]bool{}
	b.size = 0
	b.names = map[quad.IRI]map[string]quad.IRI{}
	b.events = map[string][]*pendingEvent{}
	b.byIRI = map[quad.IRI]*pendingEvent{}
	b.labels = map[quad.IRI]bool{}
	b.updNodes = map[quad.IRI]bool{}
	b.updLabels = map[quad.IRI]bool{}
	b.newNodes = nil
}

func (b *Batch) clearCaches() {
	b.evCache = map[quad.IRI]map[quad.IRI]bool{}
	b.nameCache = map[quad.IRI][]string{}
}

// storedNames returns the committed schema:name values of node.
func (b *Batch) storedNames(ctx context.Context, node quad.IRI) ([]string, error) {
	if ns, ok := b.nameCache[node]; ok {
		return ns, nil
	}
	ns, err := b.s.firstNames(ctx, node, nil)
	if err != nil {
		return nil, err
	}
	if ns == nil {
		ns = []string{}
	}
	b.nameCache[node] = ns
	return ns, nil
}

func participantsKey(ps []string, planned bool) string {
	c := append([]string{}, ps...)
	sort.Strings(c)
	k := strings.Join(c, "|")
	if planned {
		k = "planned:" + k
	}
	return k
}

// Add ingests doc (tag names it in OnCommit). It may commit.
func (b *Batch) Add(ctx context.Context, doc *schema.Doc, tag string) error {
	return b.AddDigest(ctx, doc, tag, schema.DocDigest(doc))
}

// AddDigest is Add of a doc whose schema.DocDigest, taken before any
// reconciliation, is digest: for a caller that hashes its articles on
// other goroutines than the batch's.
func (b *Batch) AddDigest(ctx context.Context, doc *schema.Doc, tag, digest string) error {
	label := schema.ArticleIRI(doc.Article.ID)
	if b.unlock == nil {
		unlock, fresh, err := b.s.lockWriters(ctx)
		if err != nil {
			return err
		}
		b.unlock = unlock
		if fresh {
			b.clearCaches() // other writers may have committed since
		}
	}
	if !b.labels[label] && b.s.sameDigest(ctx, label, digest) {
		// The same facts as last time: unchanged, found before reading the
		// article's quads or reconciling, and without committing what is
		// pending (but for the input's key, if it is new).
		add, remove, err := b.s.inputChange(ctx, label, doc.Input)
		if err != nil {
			return err
		}
		for _, q := range remove {
			b.removes[q] = true
		}
		for _, q := range add {
			b.adds[q] = true
		}
		b.OnCommit(tag, IngestResult{Article: label, Status: Unchanged}, nil)
		if b.size += len(add) + len(remove); b.size >= b.MaxQuads {
			return b.Flush(ctx)
		}
		return nil
	}
	old, err := b.s.quadsOf(ctx, quad.Label, label)
	if err != nil {
		return err
	}
	if len(old) > 0 && !b.labels[label] {
		// An update joins the batch, after what is pending when it must
		// wait for that (updateWaits); on a shared store such a wait lets
		// go of the writer lock, so it is read again and written alone,
		// below.
		wait := b.updateWaits(doc, old)
		if !wait || !b.s.Shared() {
			return b.addUpdate(ctx, doc, tag, label, old, digest, wait)
		}
	}
	if pending := b.labels[label]; len(old) > 0 || pending {
		// An update that waits on a shared store, or the same article
		// twice: after what is pending, in a transaction of its own.
		if err := b.Flush(ctx); err != nil {
			return err
		}
		var res IngestResult
		switch {
		case b.s.Shared():
			// The flush let go of the lock another writer may have taken
			// since: take it again and read again.
			res, err = b.s.Ingest(ctx, doc)
		case pending:
			res, err = b.s.ingestDigest(ctx, doc, label, digest) // read again: the flush just wrote it
		default:
			res, err = b.s.ingest(ctx, doc, label, old, digest)
		}
		b.clearCaches() // the store changed outside the batch's knowledge
		b.OnCommit(tag, res, err)
		return nil
	}
	if touches(b.updNodes, docNodes(doc)) {
		// A pending update changes what the store says of a person or
		// place of this article: it is read once that is written.
		if err := b.Flush(ctx); err != nil {
			return err
		}
	}
	rw, err := b.s.reconcileWith(ctx, doc, label, b)
	if err != nil {
		return err
	}
	res := IngestResult{Article: label, Status: New}
	qs := doc.Quads()
	b.adds[digestQuad(label, digest)] = true // the store's own: not counted
	if doc.Input != "" {
		b.adds[inputQuad(label, doc.Input)] = true
	}
	for _, q := range qs {
		b.adds[q] = true
		res.Added++
		if q.Predicate == schema.Name {
			if node, ok := q.Subject.(quad.IRI); ok {
				if v, ok := q.Object.(quad.String); ok {
					if b.names[node] == nil {
						b.names[node] = map[string]quad.IRI{}
					}
					b.names[node][string(v)] = label
				}
			}
		}
	}
	// Stored quads of other articles rewritten (completed dates).
	for _, q := range rw.remove {
		if !b.removes[q] {
			b.removes[q] = true
			res.Removed++
		}
	}
	for _, q := range rw.add {
		if !b.adds[q] {
			b.adds[q] = true
			res.Added++
		}
	}
	// Pending articles' dates completed by this one.
	for iri, d := range rw.dates {
		ev := b.byIRI[iri]
		if ev == nil {
			continue
		}
		for i, pd := range ev.dates {
			lit, ok := pd.q.Object.(quad.TypedString)
			if pd.label == label || !ok || string(lit.Value) == d.Value {
				continue
			}
			delete(b.adds, pd.q)
			nq := pd.q
			nq.Object = d.Literal()
			b.adds[nq] = true
			ev.dates[i].q = nq
			if y, ok := d.YearLiteral(); ok {
				b.adds[quad.Quad{Subject: nq.Subject, Predicate: schema.Year, Object: y, Label: nq.Label}] = true
			}
		}
	}
	// This article's events, for the next ones.
	for _, e := range doc.Events {
		iri := e.Node()
		ev := b.byIRI[iri]
		if ev == nil {
			ev = &pendingEvent{iri: iri, planned: e.Planned}
			b.byIRI[iri] = ev
			k := participantsKey(e.Participants, e.Planned)
			b.events[k] = append(b.events[k], ev)
		}
		for _, q := range qs {
			if q.Subject == iri && q.Predicate == schema.StartDate {
				ev.dates = append(ev.dates, pendingDate{label: label, q: q})
			}
		}
	}
	if b.newNodes != nil {
		addAllNodes(b.newNodes, qs)
		addAllNodes(b.newNodes, rw.add)
	}
	b.labels[label] = true
	b.docs = append(b.docs, pendingDoc{tag: tag, res: res})
	b.size += len(qs)
	if b.size >= b.MaxQuads {
		return b.Flush(ctx)
	}
	return nil
}

// addUpdate adds an update of an article the store holds to the batch.
// It is reconciled with the store alone, as Ingest would, so what it
// reads must not be changed by a pending article: the batch is flushed
// first when wait (updateWaits) says so. And it records what
// it changes so, so that a later article that would read it waits for the
// commit. So the batch's transaction writes what writing the articles one
// by one would, and updates that only change what no reconciliation reads
// (evidence, titles: an article edited, its meetings and names the same)
// share one transaction however many persons they share.
func (b *Batch) addUpdate(ctx context.Context, doc *schema.Doc, tag string, label quad.IRI, old []quad.Quad, digest string, wait bool) error {
	if wait {
		if err := b.Flush(ctx); err != nil {
			return err
		}
	}
	extra, err := b.s.reconcileWith(ctx, doc, label, nil)
	if err != nil {
		b.OnCommit(tag, IngestResult{Article: label}, err)
		return nil
	}
	ch := changeOf(doc, label, old, digest, extra)
	if ch.res.Status == Unchanged && !ch.index {
		b.OnCommit(tag, ch.res, nil)
		return nil
	}
	for _, q := range ch.remove {
		b.removes[q] = true
	}
	for _, q := range ch.add {
		b.adds[q] = true
	}
	for n := range changedNodes(old, ch) {
		b.updNodes[n] = true
	}
	b.updLabels[label] = true
	b.labels[label] = true
	b.docs = append(b.docs, pendingDoc{tag: tag, res: ch.res})
	if b.size += len(ch.add) + len(ch.remove); b.size >= b.MaxQuads {
		return b.Flush(ctx)
	}
	return nil
}

// updateWaits reports whether an update (doc, with its stored quads old)
// must wait for the pending articles' commit: a pending new article
// states one of the persons, places and events of its old or new quads,
// or a pending update changes what the reconciliation reads of one.
func (b *Batch) updateWaits(doc *schema.Doc, old []quad.Quad) bool {
	nodes := docNodes(doc)
	for _, q := range old {
		addNodes(nodes, q)
	}
	return touches(b.updNodes, nodes) || touches(b.pendingNewNodes(), nodes)
}

// sharedNode reports whether iri is a node that several articles state
// and the reconciliation reads: a person, a place, an event, an
// organisation (countries are the gazetteer's, and reconciled by no one).
func sharedNode(v quad.Value) (quad.IRI, bool) {
	iri, ok := v.(quad.IRI)
	if !ok {
		return "", false
	}
	for _, p := range []quad.IRI{schema.PersonIRI(""), schema.PlaceIRI(""), schema.EventIRI(""), schema.OrganizationIRI("")} {
		if strings.HasPrefix(string(iri), string(p)) {
			return iri, true
		}
	}
	return "", false
}

func addNodes(nodes map[quad.IRI]bool, q quad.Quad) {
	if n, ok := sharedNode(q.Subject); ok {
		nodes[n] = true
	}
	if n, ok := sharedNode(q.Object); ok {
		nodes[n] = true
	}
}

// docNodes returns the persons and places of doc (its events' nodes are
// known after the reconciliation; their participants are persons).
func docNodes(doc *schema.Doc) map[quad.IRI]bool {
	nodes := map[quad.IRI]bool{}
	for _, p := range doc.Persons {
		nodes[schema.PersonIRI(p.ID)] = true
	}
	for _, p := range doc.Places {
		nodes[schema.PlaceIRI(p.ID)] = true
	}
	return nodes
}

// pendingNewNodes returns the shared nodes of the pending new articles'
// quads (their adds, and the stored quads their reconciliation rewrites),
// gathering them from adds the first time, then kept by Add.
func (b *Batch) pendingNewNodes() map[quad.IRI]bool {
	if b.newNodes == nil {
		b.newNodes = map[quad.IRI]bool{}
		for q := range b.adds {
			if l, ok := q.Label.(quad.IRI); !ok || !b.updLabels[l] {
				addNodes(b.newNodes, q)
			}
		}
	}
	return b.newNodes
}

// reconciled are the predicates the reconciliation reads: participants,
// status, dates and the reports (rdf:type) of events, and names.
var reconciled = map[quad.Value]bool{schema.Attendee: true, schema.EventStatus: true, schema.StartDate: true, schema.Type: true, schema.Name: true}

// changedNodes returns the shared nodes whose reconciled quads an
// update's change adds or removes, with the participants of every event
// among them (a later article finds an event by its participants).
func changedNodes(old []quad.Quad, ch change) map[quad.IRI]bool {
	nodes := map[quad.IRI]bool{}
	for _, qs := range [][]quad.Quad{ch.add, ch.remove} {
		for _, q := range qs {
			if reconciled[q.Predicate] {
				addNodes(nodes, q)
			}
		}
	}
	for _, qs := range [][]quad.Quad{old, ch.add} {
		for _, q := range qs {
			if ev, ok := q.Subject.(quad.IRI); ok && q.Predicate == schema.Attendee && nodes[ev] {
				addNodes(nodes, q)
			}
		}
	}
	return nodes
}

func addAllNodes(nodes map[quad.IRI]bool, qs []quad.Quad) {
	for _, q := range qs {
		addNodes(nodes, q)
	}
}

// touches reports whether set holds one of nodes.
func touches(set, nodes map[quad.IRI]bool) bool {
	for n := range nodes {
		if set[n] {
			return true
		}
	}
	return false
}

// findEvent looks among the pending articles of other labels for an event
// with the same participants and a compatible date: the store's match
// (when there is one) wins, and its pending dates are returned with it.
func (b *Batch) findEvent(e *schema.EventT, label quad.IRI, stored *eventMatch) (quad.IRI, []string) {
	if stored != nil {
		if ev := b.byIRI[stored.iri]; ev != nil {
			return ev.iri, ev.dateValues()
		}
		return "", nil
	}
	var cands []*pendingEvent
	for _, ev := range b.events[participantsKey(e.Participants, e.Planned)] {
		if datesCompatible(e.Date, ev.dateValues()) {
			cands = append(cands, ev)
		}
	}
	if len(cands) == 0 || (e.Date == nil && len(cands) > 1) {
		return "", nil
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].iri < cands[j].iri })
	return cands[0].iri, cands[0].dateValues()
}

// dateValues returns the lexical forms of the event's pending dates.
func (ev *pendingEvent) dateValues() []string {
	var ds []string
	for _, pd := range ev.dates {
		if lit, ok := pd.q.Object.(quad.TypedString); ok {
			ds = append(ds, string(lit.Value))
		}
	}
	return ds
}

// namesOf returns the names pending articles of other labels gave node.
func (b *Batch) namesOf(node quad.IRI, label quad.IRI) []string {
	var out []string
	for n, l := range b.names[node] {
		if l != label {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Flush commits the pending articles in one transaction.
func (b *Batch) Flush(ctx context.Context) error {
	defer func() {
		if b.unlock != nil {
			b.unlock()
			b.unlock = nil
		}
	}()
	if len(b.docs) == 0 && len(b.adds) == 0 && len(b.removes) == 0 {
		b.reset()
		return nil
	}
	tx := cg.NewTransactionN(len(b.adds) + len(b.removes))
	for q := range b.removes {
		tx.RemoveQuad(q)
	}
	for q := range b.adds {
		tx.AddQuad(q)
	}
	err := b.s.apply(tx)
	if len(b.evCache)+len(b.nameCache) > maxCached {
		b.clearCaches()
	}
	if err != nil {
		err = fmt.Errorf("write %d article(s): %w", len(b.docs), err)
		b.clearCaches()
	} else {
		// What was pending is now stored: keep the caches true.
		for q := range b.adds {
			switch q.Predicate {
			case schema.Attendee:
				ev, ok1 := q.Subject.(quad.IRI)
				p, ok2 := q.Object.(quad.IRI)
				if evs, cached := b.evCache[p]; ok1 && ok2 && cached {
					if evs[ev] = true; len(evs) > maxCachedEvents {
						delete(b.evCache, p) // read again, capped (rarestEvents)
					}
				}
			case schema.Name:
				node, ok1 := q.Subject.(quad.IRI)
				v, ok2 := q.Object.(quad.String)
				if ns, cached := b.nameCache[node]; ok1 && ok2 && cached && !slices.Contains(ns, string(v)) {
					b.nameCache[node] = append(ns, string(v))
				}
			}
		}
		for q := range b.removes {
			switch q.Predicate {
			case schema.Name:
				if node, ok := q.Subject.(quad.IRI); ok {
					delete(b.nameCache, node) // reload on next use
				}
			case schema.Attendee:
				if p, ok := q.Object.(quad.IRI); ok {
					delete(b.evCache, p) // an update's event may be gone
				}
			}
		}
	}
	for _, d := range b.docs {
		if err != nil {
			b.OnCommit(d.tag, IngestResult{Article: d.res.Article}, err)
		} else {
			b.OnCommit(d.tag, d.res, nil)
		}
	}
	b.reset()
	return nil
}
