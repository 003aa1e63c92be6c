package graph

import (
	"context"
	"fmt"
	"testing"

	"newsgraph/schema"
)

// worldDocs are articles that exercise reconciliation: the same meeting
// with a partial and a full date, a name spelled two ways, an update.
func worldDocs() []*schema.Doc {
	son2 := son
	son2.Name = "Bui Thanh Son" // another article's spelling
	return []*schema.Doc{
		article("000.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("--07-06"))),
		article("002.txt", "", nil, []schema.PersonT{son2, lavrov}, talks(date("2022-07-06"))),
		article("003.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2025-04"))),
		article("004.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("2022-07"))),
		article("000.txt", "", nil, []schema.PersonT{son, lavrov}, talks(date("--07-06"))), // the same again
	}
}

// TestBatchEqualsSingle ingests the same articles one transaction each and
// in a batch: the stores must hold the same quads.
func TestBatchEqualsSingle(t *testing.T) {
	ctx := context.Background()
	for _, max := range []int{1, 10, 100000} {
		t.Run(fmt.Sprint("max", max), func(t *testing.T) {
			single, _ := Open(Mem, Options{})
			defer single.Close()
			for _, d := range worldDocs() {
				if _, err := single.Ingest(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			batched, _ := Open(Mem, Options{})
			defer batched.Close()
			var statuses []Status
			b := batched.NewBatch(func(tag string, r IngestResult, err error) {
				if err != nil {
					t.Fatalf("%s: %v", tag, err)
				}
				statuses = append(statuses, r.Status)
			})
			b.MaxQuads = max
			for i, d := range worldDocs() {
				if err := b.Add(ctx, d, fmt.Sprint(i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if len(statuses) != 5 || statuses[4] != Unchanged {
				t.Fatalf("statuses = %v", statuses)
			}
			a, c := quadSet(t, single), quadSet(t, batched)
			for k := range a {
				if !c[k] {
					t.Errorf("only in the single store: %s", k)
				}
			}
			for k := range c {
				if !a[k] {
					t.Errorf("only in the batched store: %s", k)
				}
			}
			// One event for the three 2022 reports, fully dated.
			res, err := batched.Gizmo(ctx, `g.V("<https://newsgraph.dev/person/sergei-lavrov>").In("<http://schema.org/attendee>").Unique().Out("<http://schema.org/startDate>").Unique().All()`, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 2 {
				t.Fatalf("dates = %v, want 2022-07-06 and 2025-04", res)
			}
		})
	}
}
