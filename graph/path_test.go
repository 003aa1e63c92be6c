package graph

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// oneSidedParents is the breadth-first search from a alone that Between
// used before it searched from both ends: the reference.
func oneSidedParents(a, b quad.IRI, maxDepth int, adj func(quad.IRI) ([]edge, error)) map[quad.IRI][]Step {
	sd := newSide(a)
	for sd.level < maxDepth && len(sd.frontier) > 0 {
		if err := sd.expand(adj); err != nil {
			panic(err)
		}
		if _, ok := sd.depth[b]; ok {
			return sd.parents
		}
	}
	return nil
}

// TestShortestParents compares the search from both ends with the
// one-sided one on random graphs with hubs (a few nodes linked to many,
// as countries to their nationals) and several predicates: the same
// chains, in the same order, for every pair of ends and several limits.
func TestShortestParents(t *testing.T) {
	preds := []quad.IRI{"met", "nationality", "partner"}
	for seed := int64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewSource(seed))
		n := 8 + r.Intn(40)
		node := func(i int) quad.IRI { return quad.IRI(fmt.Sprintf("n%02d", i)) }
		links := map[quad.IRI][]edge{}
		link := func(i, j int, p quad.IRI) {
			if i == j {
				return
			}
			links[node(i)] = append(links[node(i)], edge{to: node(j), hop: Hop{Name: string(p), Predicate: p}})
			links[node(j)] = append(links[node(j)], edge{to: node(i), hop: Hop{Name: "^" + string(p), Predicate: p, Reverse: true}})
		}
		for k := 0; k < n+r.Intn(2*n); k++ {
			link(r.Intn(n), r.Intn(n), preds[r.Intn(len(preds))])
		}
		for h := 0; h < 2; h++ { // hubs
			hub := r.Intn(n)
			for k := 0; k < n/2; k++ {
				link(hub, r.Intn(n), "nationality")
			}
		}
		adj := func(x quad.IRI) ([]edge, error) {
			es := append([]edge{}, links[x]...)
			sort.SliceStable(es, func(i, j int) bool { return es[i].to < es[j].to })
			return es, nil
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if i == j {
					continue
				}
				a, b := node(i), node(j)
				for _, depth := range []int{2, 6} {
					want := oneSidedParents(a, b, depth, adj)
					got, found, err := shortestParents(a, b, depth, adj, nil)
					if err != nil {
						t.Fatal(err)
					}
					if found != (want != nil) {
						t.Fatalf("seed %d, %s to %s, depth %d: found %v, one-sided search found %v", seed, a, b, depth, found, want != nil)
					}
					for _, limit := range []int{0, 1, 3} {
						w, g := unfold(want, a, b, limit), unfold(got, a, b, limit)
						if !reflect.DeepEqual(w, g) {
							t.Fatalf("seed %d, %s to %s, depth %d, limit %d:\n got %v\nwant %v", seed, a, b, depth, limit, g, w)
						}
					}
				}
			}
		}
	}
}

// allEdges is the reference for hopEdges: every quad of n over
// BetweenHops, both ways, read through Cayley's iterators (every article's
// copy, dead ones skipped by Cayley), each distinct edge once.
func allEdges(t *testing.T, s *Store, n quad.IRI) []edge {
	t.Helper()
	var out []edge
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		rev, far := d == quad.Object, quad.Object
		if rev {
			far = quad.Subject
		}
		qs, err := s.quadsOf(context.Background(), d, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range BetweenHops {
			seen := map[quad.Value]bool{}
			for _, q := range qs {
				if q.Predicate == p && !seen[q.Get(far)] {
					seen[q.Get(far)] = true
					out = appendEdge(out, p, q.Get(far), rev)
				}
			}
		}
	}
	return out
}

// TestHopEdges compares the edges --between follows on bolt (distinct
// subjects of the object index, the symmetric hops read from their reverse
// side) with every quad of the node, on a store where the same meetings and
// partnerships are told by several articles and one article was replaced by
// a version that drops a meeting and a partnership, so that the index holds
// dead copies: the same edges, each once. A forward edge read from the
// reverse side of a hop that is not written both ways (nationality) would
// add edges; an edge kept from a dead quad would add one too.
func TestHopEdges(t *testing.T) {
	ctx := context.Background()
	s := stores(t)["bolt"]
	if s.kvIdx == nil {
		t.Fatal("bolt store without its index list")
	}
	seedStore(t, s)
	putin := schema.PersonT{ID: "vladimir-putin", Name: "Vladimir Poutine", Nationality: "RU"}
	chinh := schema.PersonT{ID: "pham-minh-chinh", Name: "Phạm Minh Chính", Nationality: "VN"}
	meet := func(a, b string) schema.EventT {
		return schema.EventT{Kind: "talks", Participants: []string{a, b}, Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
	}
	partners := []schema.PartnershipT{{A: "VN", B: "RU", Level: "comprehensive strategic partnership", Evidence: schema.Evidence{Rule: "l", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}}
	for i := 0; i < 3; i++ {
		d := article(fmt.Sprintf("c%d.txt", i), "", nil, []schema.PersonT{son, lavrov, putin, chinh}, talks(nil), meet("pham-minh-chinh", "vladimir-putin"))
		d.Partnerships = partners
		if _, err := s.Ingest(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// One more, then replaced: its meetings of Chinh and of Le Van A with
	// Putin and its partnership dropped (Le Van A is in no other article:
	// his edges are dead copies only), a new meeting of Chinh and Lavrov.
	lea := schema.PersonT{ID: "le-van-a", Name: "Lê Văn A", Nationality: "VN"}
	d := article("solo.txt", "", nil, []schema.PersonT{putin, chinh, lea}, meet("pham-minh-chinh", "vladimir-putin"), meet("le-van-a", "vladimir-putin"))
	d.Partnerships = partners
	if _, err := s.Ingest(ctx, d); err != nil {
		t.Fatal(err)
	}
	d = article("solo.txt", "", nil, []schema.PersonT{lavrov, chinh}, meet("pham-minh-chinh", "sergei-lavrov"))
	if r, err := s.Ingest(ctx, d); err != nil || r.Status != Updated {
		t.Fatalf("replace: %+v %v", r, err)
	}
	sorted := func(es []edge) []edge {
		sort.SliceStable(es, func(i, j int) bool { return es[i].to < es[j].to })
		return es
	}
	nodes := []quad.IRI{schema.PersonIRI("bui-thanh-son"), schema.PersonIRI("sergei-lavrov"), schema.PersonIRI("vladimir-putin"),
		schema.PersonIRI("pham-minh-chinh"), schema.PersonIRI("tran-dai-quang"), schema.PersonIRI("le-van-a"), schema.CountryIRI("VN"), schema.CountryIRI("RU")}
	total := 0
	for _, n := range nodes {
		want := sorted(allEdges(t, s, n))
		var got []edge
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			rev, far := dir == quad.Object, quad.Object
			if rev {
				far = quad.Subject
			}
			var err error
			if got, err = s.hopEdges(ctx, n, dir, far, rev, got); err != nil {
				t.Fatal(err)
			}
		}
		if got = sorted(got); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: edges\n got %v\nwant %v", n, got, want)
		}
		// The edges to some nodes only, by lookups: the same, in order.
		for _, ys := range [][]quad.IRI{nodes, nodes[:3], nodes[3:]} {
			ys = slices.Sorted(slices.Values(ys))
			to, err := s.edgesTo(ctx, n, ys)
			if err != nil {
				t.Fatal(err)
			}
			var wantTo []edge
			for _, e := range want {
				if slices.Contains(ys, e.to) {
					wantTo = append(wantTo, e)
				}
			}
			if !reflect.DeepEqual(to, wantTo) {
				t.Errorf("%s: edges to %v\n got %v\nwant %v", n, ys, to, wantTo)
			}
		}
		total += len(want)
	}
	// The store has what the comparison is about: Chinh met Putin (3
	// articles, a dead copy) and Lavrov (the replace), both ways.
	if total < 20 {
		t.Errorf("only %d edges in the store: the fixture lost its meetings", total)
	}
}

// TestMeetingsBetween checks the meetings of two persons against the
// reference (every meeting of the first, kept when the second attends),
// whichever of the two has fewer events and when both have more than the
// budget: the same meetings in the same order, planned ones left out.
func TestMeetingsBetween(t *testing.T) {
	ctx := context.Background()
	defer func(b int) { meetingsBudget = b }(meetingsBudget)
	meetingsBudget = 2
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			hub := schema.PersonT{ID: "hub", Name: "Hub Minister", Nationality: "VN"}
			hub2 := schema.PersonT{ID: "hub-two", Name: "Hub Second", Nationality: "RU"}
			x := schema.PersonT{ID: "xu", Name: "Xu Once", Nationality: "CN"}
			ev := func(kind, day string, planned bool, ps ...string) schema.EventT {
				return schema.EventT{Kind: kind, Participants: ps, Date: date("2023-04-" + day), Planned: planned,
					Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
			}
			for i := 0; i < 5; i++ {
				d := fmt.Sprintf("%02d", i+1)
				evs := []schema.EventT{ev("talks", d, false, "hub", "hub-two")}
				if i%2 == 0 {
					evs = append(evs, ev("meeting", d, false, "hub", "xu"))
				}
				if i == 3 {
					evs = append(evs, ev("visit", d, true, "hub", "xu"))
				}
				if _, err := s.Ingest(ctx, article(fmt.Sprintf("m%d.txt", i), "", nil, []schema.PersonT{hub, hub2, x}, evs...)); err != nil {
					t.Fatal(err)
				}
			}
			pairs := [][2]string{{"hub", "xu"}, {"xu", "hub"}, {"hub", "hub-two"}, {"hub-two", "xu"}}
			for _, pr := range pairs {
				a, b := schema.PersonIRI(pr[0]), schema.PersonIRI(pr[1])
				all, err := s.MeetingsOf(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				var want []Meeting
				for _, m := range all {
					if slices.Contains(m.Participants, b) {
						want = append(want, m)
					}
				}
				got, err := s.meetingsBetween(ctx, a, b)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s and %s: got %+v\nwant %+v", pr[0], pr[1], got, want)
				}
			}
			if ms, _ := s.meetingsBetween(ctx, schema.PersonIRI("hub"), schema.PersonIRI("xu")); len(ms) != 3 {
				t.Errorf("hub and xu: %d meetings, want 3 (the planned visit left out)", len(ms))
			}
		})
	}
}
