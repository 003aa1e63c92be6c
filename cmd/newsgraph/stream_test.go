package main

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"

	"newsgraph/extract"
	"newsgraph/extract/source"
	"newsgraph/schema"
)

// TestStreamDocs checks what the extracting workers give an ingest: with
// docs set, each result's schema.Doc and digest are those the writer
// would make of its extraction (toSchema with the input's key, DocDigest),
// in input order, a known input is skipped before extraction, and without
// docs the results hold none.
func TestStreamDocs(t *testing.T) {
	x, err := extract.New("")
	if err != nil {
		t.Fatal(err)
	}
	opt := source.Options{Include: []string{"*.txt"}}
	known := func(key string) bool { return false }
	for _, tc := range []struct {
		name    string
		docs    bool
		workers int
		skip    bool // the first input is known
	}{
		{"docs, one worker", true, 1, false},
		{"docs, three workers", true, 3, false},
		{"docs, a known input", true, 2, true},
		{"no docs", false, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := newInputKeys(x, extract.Date{}, known)
			if keys == nil {
				t.Skip("the program's digest cannot be read")
			}
			var first string
			var mu sync.Mutex
			if tc.skip {
				keys.known = func(key string) bool {
					mu.Lock()
					defer mu.Unlock()
					if first == "" {
						first = key
					}
					return key == first
				}
			}
			st := extractStreamN(context.Background(), x, []string{"../../testdata/seeds"}, opt, extract.Date{}, tc.workers, keys, tc.docs)
			var paths []string
			skipped := 0
			for r := range st.C {
				paths = append(paths, r.path)
				if r.err != nil {
					t.Fatalf("%s: %v", r.path, r.err)
				}
				if r.known {
					skipped++
					if r.doc != nil || r.res != nil {
						t.Errorf("%s: known, yet extracted", r.path)
					}
					continue
				}
				if !tc.docs {
					if r.doc != nil || r.digest != "" {
						t.Errorf("%s: a doc without docs", r.path)
					}
					continue
				}
				want := toSchema(r.res, x.Rules)
				want.Input = r.key
				if r.key == "" || !reflect.DeepEqual(r.doc, want) {
					t.Errorf("%s: the worker's doc differs from the writer's (key %q)", r.path, r.key)
				}
				if got := schema.DocDigest(want); r.digest != got {
					t.Errorf("%s: digest %s, want %s", r.path, r.digest, got)
				}
			}
			st.Report()
			if len(paths) != 5 || !slices.IsSorted(paths) {
				t.Errorf("results %v: want the 5 seeds in order", paths)
			}
			if want := map[bool]int{true: 1}[tc.skip]; skipped != want {
				t.Errorf("%d known inputs skipped, want %d", skipped, want)
			}
		})
	}
}
