package graph

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
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
					got, found, err := shortestParents(a, b, depth, adj)
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
