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

// Hops names the predicates a path may follow by a short name.
var Hops = map[string]quad.IRI{
	"met":           schema.Met,
	"partner":       schema.Partner,
	"nationality":   schema.Nationality,
	"attendee":      schema.Attendee,
	"participant":   schema.Participant,
	"location":      schema.Location,
	"type":          schema.Type,
	"evidence":      schema.HasEvidence,
	"mentions":      schema.Mentions,
	"jobTitle":      schema.JobTitle,
	"name":          schema.Name,
	"alternateName": schema.AlternateName,
}

// Hop is one step of a path: a predicate, followed forwards or backwards.
type Hop struct {
	Name      string
	Predicate quad.IRI
	Reverse   bool
}

// ParseHop reads "met", "nationality", "^nationality" or "in:nationality"
// (backwards: the persons of a country), or a full predicate IRI in <>.
func ParseHop(s string) (Hop, error) {
	h := Hop{Name: s}
	switch {
	case strings.HasPrefix(s, "^"):
		h.Reverse, s = true, s[1:]
	case strings.HasPrefix(s, "in:"):
		h.Reverse, s = true, s[3:]
	case strings.HasPrefix(s, "out:"):
		s = s[4:]
	}
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		h.Predicate = quad.IRI(s[1 : len(s)-1])
		return h, nil
	}
	p, ok := Hops[s]
	if !ok {
		names := make([]string, 0, len(Hops))
		for k := range Hops {
			names = append(names, k)
		}
		sort.Strings(names)
		return h, fmt.Errorf("unknown hop %q: want one of %s, ^NAME for backwards, or <IRI>", s, strings.Join(names, ", "))
	}
	h.Predicate = p
	return h, nil
}

// Step is one edge of a path result.
type Step struct {
	From, To quad.IRI
	Hop      Hop
	Meetings []Meeting // for met hops: the meetings behind the edge
}

// Path is a chain of steps.
type Path []Step

// Follow walks hops from start and returns every path, in order. Literal
// objects (names) end a path; IRIs go on.
func (s *Store) Follow(ctx context.Context, start quad.IRI, hops []Hop, limit int) ([]Path, []quad.Value, error) {
	type partial struct {
		at   quad.IRI
		path Path
	}
	cur := []partial{{at: start}}
	var literals []quad.Value
	for i, h := range hops {
		var next []partial
		for _, p := range cur {
			d := quad.Subject
			if h.Reverse {
				d = quad.Object
			}
			qs, err := s.quadsOf(ctx, d, p.at)
			if err != nil {
				return nil, nil, err
			}
			seen := map[string]bool{}
			for _, q := range qs {
				if q.Predicate != h.Predicate {
					continue
				}
				other := q.Object
				if h.Reverse {
					other = q.Subject
				}
				k := quad.StringOf(other)
				if seen[k] {
					continue
				}
				seen[k] = true
				iri, ok := other.(quad.IRI)
				if !ok {
					if i == len(hops)-1 {
						literals = append(literals, other)
					}
					continue
				}
				st := Step{From: p.at, To: iri, Hop: h}
				if h.Predicate == schema.Met {
					ms, err := s.meetingsBetween(ctx, p.at, iri)
					if err != nil {
						return nil, nil, err
					}
					st.Meetings = ms
				}
				np := append(append(Path{}, p.path...), st)
				next = append(next, partial{at: iri, path: np})
			}
		}
		sort.SliceStable(next, func(a, b int) bool { return next[a].at < next[b].at })
		cur = next
		if limit > 0 && len(cur) > limit*10 {
			cur = cur[:limit*10]
		}
	}
	var out []Path
	for _, p := range cur {
		if len(p.path) > 0 {
			out = append(out, p.path)
		}
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, literals, nil
}

// BetweenHops are the edges --between follows, in both directions.
var BetweenHops = []quad.IRI{schema.Met, schema.Nationality, schema.Partner}

// Between returns the shortest chains from a to b over met, nationality and
// partner edges (each followed both ways), at most limit of them and at most
// maxDepth steps long.
func (s *Store) Between(ctx context.Context, a, b quad.IRI, maxDepth, limit int) ([]Path, error) {
	if a == b {
		return nil, fmt.Errorf("the two ends are the same node %s", a)
	}
	// A node's edges by the (node, hop) lookups of hopEdges, so that a
	// country's thousands of other quads (mentions, places) are not read
	// to find its nationals: prefixes of the indexes on bolt, a query
	// each on PostgreSQL.
	adj := func(n quad.IRI) ([]edge, error) {
		var out []edge
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			rev := d == quad.Object
			far := quad.Object
			if rev {
				far = quad.Subject
			}
			var err error
			if out, err = s.hopEdges(ctx, n, d, far, rev, out); err != nil {
				return nil, err
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].to < out[j].to })
		return out, nil
	}
	adjTo := func(z quad.IRI, ys []quad.IRI) ([]edge, error) { return s.edgesTo(ctx, z, ys) }
	parents, found, err := shortestParents(a, b, maxDepth, adj, adjTo)
	if err != nil || !found {
		return nil, err
	}
	out := unfold(parents, a, b, limit)
	met := map[[2]quad.IRI][]Meeting{} // the chains share their steps
	for _, p := range out {
		for i := range p {
			if p[i].Hop.Predicate == schema.Met {
				k := [2]quad.IRI{p[i].From, p[i].To}
				ms, ok := met[k]
				if !ok {
					var err error
					if ms, err = s.meetingsBetween(ctx, p[i].From, p[i].To); err != nil {
						return nil, err
					}
					met[k] = ms
				}
				p[i].Meetings = ms
			}
		}
	}
	return out, nil
}

// unfold returns the chains from a to b that parents give, at most limit
// of them (0: all), walking back from b.
func unfold(parents map[quad.IRI][]Step, a, b quad.IRI, limit int) []Path {
	var out []Path
	var walk func(n quad.IRI, suffix Path)
	walk = func(n quad.IRI, suffix Path) {
		if limit > 0 && len(out) >= limit {
			return
		}
		if n == a {
			out = append(out, append(Path{}, suffix...))
			return
		}
		for _, st := range parents[n] {
			walk(st.From, append(Path{st}, suffix...))
		}
	}
	walk(b, nil)
	return out
}

// bfsSide is one end's breadth-first search: each node's depth from the
// end, every parent at that depth (the steps that reach it), and the last
// level reached.
type bfsSide struct {
	depth    map[quad.IRI]int
	parents  map[quad.IRI][]Step
	frontier []quad.IRI
	level    int
}

func newSide(n quad.IRI) *bfsSide {
	return &bfsSide{depth: map[quad.IRI]int{n: 0}, parents: map[quad.IRI][]Step{}, frontier: []quad.IRI{n}}
}

// addParent records the step from n over e at depth d, unless the node is
// nearer already or the step is known.
func (sd *bfsSide) addParent(n quad.IRI, e edge, d int, next []quad.IRI) []quad.IRI {
	if dd, ok := sd.depth[e.to]; ok && dd < d {
		return next
	}
	if _, ok := sd.depth[e.to]; !ok {
		sd.depth[e.to] = d
		next = append(next, e.to)
	}
	addStep(sd.parents, n, e)
	return next
}

// addStep records the step from n over e among e.to's parents, once per
// node and predicate.
func addStep(parents map[quad.IRI][]Step, n quad.IRI, e edge) {
	for _, p := range parents[e.to] {
		if p.From == n && p.Hop.Predicate == e.hop.Predicate {
			return
		}
	}
	parents[e.to] = append(parents[e.to], Step{From: n, To: e.to, Hop: e.hop})
}

// expand takes the search one level further.
func (sd *bfsSide) expand(adj func(quad.IRI) ([]edge, error)) error {
	d := sd.level + 1
	var next []quad.IRI
	for _, n := range sd.frontier {
		es, err := adj(n)
		if err != nil {
			return err
		}
		for _, e := range es {
			next = sd.addParent(n, e, d, next)
		}
	}
	sd.frontier, sd.level = next, d
	return nil
}

// shortestParents returns, for every node on a shortest chain from a to b
// (at most maxDepth steps), its parents on those chains: what a
// breadth-first search from a alone keeps, in the same order, so that
// unfolding them from b gives the same chains in the same order. It
// searches from both ends, each time the end with the smaller frontier,
// until they meet: a chain through a hub (a country and its thousands of
// nationals) is found from both of its ends without listing the hub's
// every edge. Then the part of the chains on b's side is walked again from
// the meeting nodes, in the order a's search would have found them.
//
// The walk toward b needs, of a node z, only its edges to the nodes one
// step nearer b, and those are among the nodes b's search reached z from:
// adjTo(z, ys) gives z's edges to ys, in the order adj(z) has them (nil:
// adj(z) filtered), so that a hub on the chain (a country between two of
// its nationals) is not listed whole.
func shortestParents(a, b quad.IRI, maxDepth int, adj func(quad.IRI) ([]edge, error), adjTo func(quad.IRI, []quad.IRI) ([]edge, error)) (map[quad.IRI][]Step, bool, error) {
	seen := map[quad.IRI][]edge{} // the edges of every node expanded
	cached := func(n quad.IRI) ([]edge, error) {
		if es, ok := seen[n]; ok {
			return es, nil
		}
		es, err := adj(n)
		if err == nil {
			seen[n] = es
		}
		return es, err
	}
	from, to := newSide(a), newSide(b)
	best := -1
	for from.level+to.level < maxDepth && len(from.frontier) > 0 && len(to.frontier) > 0 {
		sd, other := from, to
		if len(to.frontier) < len(from.frontier) {
			sd, other = to, from
		}
		if err := sd.expand(cached); err != nil {
			return nil, false, err
		}
		for _, x := range sd.frontier {
			if od, ok := other.depth[x]; ok && (best < 0 || sd.level+od < best) {
				best = sd.level + od
			}
		}
		if best >= 0 {
			break
		}
	}
	if best < 0 {
		return nil, false, nil
	}
	// Every shortest chain passes one node at a's last level whose
	// distance to b is best minus that level; from there on, level by
	// level toward b, a node is on a chain when it is one step nearer b.
	parents := from.parents
	layer := make([]quad.IRI, 0, len(from.frontier))
	for _, x := range from.frontier {
		if d, ok := to.depth[x]; ok && from.level+d == best {
			layer = append(layer, x)
		}
	}
	for k := from.level + 1; k <= best; k++ {
		var next []quad.IRI
		level := map[quad.IRI]bool{}
		for _, z := range layer {
			var ys []quad.IRI
			for _, st := range to.parents[z] {
				if d, ok := to.depth[st.From]; ok && d == best-k && !slices.Contains(ys, st.From) {
					ys = append(ys, st.From)
				}
			}
			var es []edge
			var err error
			if adjTo != nil {
				slices.Sort(ys)
				es, err = adjTo(z, ys)
			} else if es, err = cached(z); err == nil {
				es = slices.DeleteFunc(slices.Clone(es), func(e edge) bool { return !slices.Contains(ys, e.to) })
			}
			if err != nil {
				return nil, false, err
			}
			for _, e := range es {
				if d, ok := to.depth[e.to]; !ok || d != best-k {
					continue
				}
				if !level[e.to] {
					level[e.to] = true
					next = append(next, e.to)
				}
				addStep(parents, z, e)
			}
		}
		layer = next
	}
	return parents, true, nil
}

func shortHop(p quad.IRI) string {
	for k, v := range Hops {
		if v == p && k != "" {
			return k
		}
	}
	return "<" + string(p) + ">"
}

// edge is a step of Between's search: the node it leads to, and how.
type edge struct {
	to  quad.IRI
	hop Hop
}

// appendEdge adds the edge over p to other (an IRI; anything else is no
// node to go to), followed backwards when rev.
func appendEdge(out []edge, p quad.IRI, other quad.Value, rev bool) []edge {
	if iri, ok := other.(quad.IRI); ok {
		name := shortHop(p)
		if rev && p != schema.Met && p != schema.Partner {
			name = "^" + name
		}
		out = append(out, edge{to: iri, hop: Hop{Name: name, Predicate: p, Reverse: rev}})
	}
	return out
}

// edgesTo returns z's edges over BetweenHops to the nodes ys (sorted), as
// hopEdges gives them and Between's adjacency orders them (by node, then
// forward before reverse, each in the order of BetweenHops), each once:
// one lookup of the object index per node and hop, whatever z's degree.
func (s *Store) edgesTo(ctx context.Context, z quad.IRI, ys []quad.IRI) ([]edge, error) {
	var out []edge
	for _, y := range ys {
		for _, rev := range []bool{false, true} {
			for _, p := range BetweenHops {
				subj, obj := z, y // the quad of a forward edge
				if rev || symmetricHops[p] {
					subj, obj = y, z // as hopEdges reads them
				}
				ok, err := s.hasTriple(ctx, subj, p, obj)
				if err != nil {
					return nil, err
				}
				if ok {
					out = appendEdge(out, p, y, rev)
				}
			}
		}
	}
	return out, nil
}

// symmetricHops are the BetweenHops that every article states both ways
// (schema.Doc.Quads writes a met b and b met a, and A partner B and B
// partner A, in the same article's graph, so an article's replace or
// removal keeps both or neither): a node's forward edges over them are
// its reverse ones, read from the object index.
var symmetricHops = map[quad.IRI]bool{schema.Met: true, schema.Partner: true}

// hopEdges adds to out the edges of n over BetweenHops in direction d
// (n is the quads' d, the edge leads to their far end), each distinct edge
// once, in the order of BetweenHops. On bolt the reverse edges, and the
// forward ones over a symmetric hop, are the distinct subjects of (?, hop,
// n), one seek each in the object index however many articles state them
// (subjectsUpTo): a country's nationals or a minister's counterparts cost
// their number, not the number of articles that name them. The forward
// edges over the other hops (a person's nationality) are read by the
// (n, hop) prefix.
func (s *Store) hopEdges(ctx context.Context, n quad.IRI, d, far quad.Direction, rev bool, out []edge) ([]edge, error) {
	qs := s.h.QuadStore
	ref := qs.ValueOf(n)
	if ref == nil {
		return out, nil
	}
	for _, p := range BetweenHops {
		if d == quad.Object || symmetricHops[p] {
			err := s.subjectsOf(ctx, p, n, 0, func(iri quad.IRI) { out = appendEdge(out, p, iri, rev) })
			if err != nil {
				return nil, err
			}
			continue
		}
		pref := qs.ValueOf(p)
		if pref == nil {
			continue
		}
		seen := map[quad.Value]bool{}
		err := s.eachPair(ctx, d, ref, pref, func(q cg.Ref) bool {
			if v := qs.NameOf(qs.QuadDirection(q, far)); !seen[v] {
				seen[v] = true
				out = appendEdge(out, p, v, rev)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
