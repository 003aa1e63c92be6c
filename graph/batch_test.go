package graph

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
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
			for name, batched := range stores(t) {
				t.Run(name, func(t *testing.T) { batchLikeSingle(t, single, batched, max) })
			}
		})
	}
}

func batchLikeSingle(t *testing.T, single, batched *Store, max int) {
	ctx := context.Background()
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
	sameQuads(t, "single", single, "batched", batched)
	// One event for the three 2022 reports, fully dated.
	if d := meetingDates(t, batched, "sergei-lavrov"); len(d) != 2 {
		t.Fatalf("dates = %v, want 2022-07-06 and 2025-04", d)
	}
}

// meetingDates returns the distinct dates of a person's meetings.
func meetingDates(t *testing.T, s *Store, person string) []any {
	t.Helper()
	res, err := s.Gizmo(context.Background(), `g.V("<https://newsgraph.dev/person/`+person+`>").In("<http://schema.org/attendee>").Unique().Out("<http://schema.org/startDate>").Unique().All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestConcurrentWriters runs 4 writers (each its own Store, as 4 processes
// would be: its own connections and writer lock) over overlapping sets of
// articles on one PostgreSQL store at once, then ingests the same articles
// one by one, in the order they were committed, into a fresh store: the two
// stores must hold the same quads. The writers' batches commit several
// articles at once; a batch reconciles as single ingests in its order would
// (TestBatchEqualsSingle), so the commit order is the whole story.
func TestConcurrentWriters(t *testing.T) {
	if os.Getenv("NEWSGRAPH_TEST_PG") == "" {
		t.Skip("needs PostgreSQL: NEWSGRAPH_TEST_PG (e2e/pg.sh start)")
	}
	ctx := context.Background()
	// The articles, made afresh for each writer and for the replay: an
	// ingest fills in the doc it is given (event IRIs, completed dates).
	// An edited pool (edited) has other titles and evidence: the writers
	// that ingest it update articles that others write at the same time.
	pool := func(edited bool) []*schema.Doc {
		docs := append(worldDocs()[:4], variedDocs(60)...)
		// One article in three also reports the meeting of the pair, at
		// one of three precisions, so that writers reconcile the same
		// event and names all the time.
		for i, d := range docs[4:] {
			if i%3 == 0 {
				d.Persons = append(d.Persons, son, lavrov)
				d.Events = append(d.Events, talks(date([]string{"--07-06", "2022-07", "2022-07-06"}[i%9/3])))
			}
		}
		if !edited {
			return docs
		}
		for _, d := range docs {
			for i := range d.Persons {
				d.Persons[i].Titles = append(d.Persons[i].Titles, "envoyé spécial")
			}
			for i := range d.Events {
				d.Events[i].Evidence.Sentence += " (mis à jour)"
			}
		}
		return docs
	}
	n := len(pool(false))
	shared := pgDatabase(t)
	var mu sync.Mutex
	var order []int // indices into pool(false), or n + index into pool(true), in commit order
	want := 0       // articles given to the writers
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		var mine []int
		for j := range n {
			if j%4 != w { // each article in three writers' sets
				mine = append(mine, j)
			}
		}
		if w%2 == 1 {
			slices.Reverse(mine)
		}
		if w%2 == 0 {
			// Then the edited version of half of them.
			for _, j := range mine[:len(mine)/2] {
				mine = append(mine, n+j)
			}
		}
		want += len(mine)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(shared, Options{Create: true})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			docs := append(pool(false), pool(true)...)
			byTag := map[string]int{}
			b := s.NewBatch(func(tag string, r IngestResult, err error) {
				if err != nil {
					errs <- fmt.Errorf("%s: %w", tag, err)
					return
				}
				mu.Lock() // called under the writer lock: the commit order
				order = append(order, byTag[tag])
				mu.Unlock()
			})
			b.MaxQuads = 300 + 200*w
			for i, j := range mine {
				tag := fmt.Sprintf("w%d-%d", w, i)
				byTag[tag] = j
				if err := b.Add(ctx, docs[j], tag); err != nil {
					errs <- err
					return
				}
			}
			if err := b.Flush(ctx); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(order) != want {
		t.Fatalf("%d commits, want %d", len(order), want)
	}
	seq, err := Open(pgDatabase(t), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer seq.Close()
	updated := 0
	for _, j := range order {
		r, err := seq.Ingest(ctx, append(pool(false), pool(true)...)[j])
		if err != nil {
			t.Fatal(err)
		}
		if r.Status == Updated {
			updated++
		}
	}
	if updated < n/2 {
		t.Fatalf("%d updates in the commit order, want at least %d: the test updates too little", updated, n/2)
	}
	conc, err := Open(shared, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer conc.Close()
	if n := len(quadSet(t, seq)); n < 1000 {
		t.Fatalf("only %d quads: the test ingests too little", n)
	}
	sameQuads(t, "sequential", seq, "concurrent", conc)
	// One event for the pair's 2022 meeting, fully dated, across all
	// writers.
	if d := meetingDates(t, conc, "bui-thanh-son"); len(d) != 2 {
		t.Errorf("Bùi Thanh Sơn's meeting dates = %v, want 2022-07-06 and 2025-04", d)
	}
}

// TestReingestByDigest: articles read again with the same facts are
// unchanged (found by their digest, before any reconciliation), the store
// untouched; an article whose facts changed is updated.
func TestReingestByDigest(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// Each article's status, in input order (a batch reports an
			// article when its transaction commits: not in input order).
			ingestAll := func(docs []*schema.Doc) []Status {
				st := make([]Status, len(docs))
				b := s.NewBatch(func(tag string, r IngestResult, err error) {
					if err != nil {
						t.Fatalf("%s: %v", tag, err)
					}
					var i int
					fmt.Sscan(tag, &i)
					st[i] = r.Status
				})
				for i, d := range docs {
					if err := b.Add(ctx, d, fmt.Sprint(i)); err != nil {
						t.Fatal(err)
					}
				}
				if err := b.Flush(ctx); err != nil {
					t.Fatal(err)
				}
				return st
			}
			ingestAll(worldDocs()[:4])
			before := quadSet(t, s)
			if got := ingestAll(worldDocs()[:4]); !slices.Equal(got, []Status{Unchanged, Unchanged, Unchanged, Unchanged}) {
				t.Errorf("re-ingest: %v, want all unchanged", got)
			}
			if after := quadSet(t, s); len(after) != len(before) {
				t.Errorf("re-ingest changed the store: %d quads, then %d", len(before), len(after))
			}
			docs := worldDocs()[:4]
			docs[2].Persons[1].Titles = []string{"ministre des Affaires étrangères"}
			if got := ingestAll(docs); !slices.Equal(got, []Status{Unchanged, Unchanged, Updated, Unchanged}) {
				t.Errorf("one article edited: %v, want it alone updated", got)
			}
		})
	}
}

// sameQuads reports every quad that only one of two stores holds, and
// checks each store's index against its names (checkIndex): two stores
// that went wrong alike would otherwise compare equal.
func sameQuads(t *testing.T, an string, a *Store, bn string, b *Store) {
	t.Helper()
	checkIndex(t, a)
	checkIndex(t, b)
	setDiff(t, quadSet(t, a), quadSet(t, b), "only in the "+an+" store", "only in the "+bn+" store")
}

// TestBatchedUpdatesEqualSingle ingests articles, then edited versions of
// them mixed with new articles, in a batch, and the same one transaction
// each: the stores must hold the same quads. The edits change titles,
// dates and participants; some updates share persons and meetings with
// each other or with the new articles around them (the batch commits
// before such an article), others share nothing (they go in one commit).
func TestBatchedUpdatesEqualSingle(t *testing.T) {
	ctx := context.Background()
	pair := func(i int) []schema.PersonT {
		return []schema.PersonT{
			{ID: fmt.Sprintf("vn%d", i), Name: fmt.Sprintf("Nguyen Van %c", 'A'+i), Nationality: "VN"},
			{ID: fmt.Sprintf("fr%d", i), Name: fmt.Sprintf("Jean %c", 'A'+i), Nationality: "FR"},
		}
	}
	meet := func(i int, d string) schema.EventT {
		return schema.EventT{Kind: "talks", Participants: []string{fmt.Sprintf("vn%d", i), fmt.Sprintf("fr%d", i)}, Date: date(d),
			Evidence: schema.Evidence{Rule: "t", Sentence: "s", Start: 1, End: 2, Confidence: 0.9}}
	}
	first := func() []*schema.Doc {
		var docs []*schema.Doc
		for i := 0; i < 4; i++ {
			docs = append(docs, article(fmt.Sprintf("i%d.txt", i), fmt.Sprintf("https://example.org/i/%d", i), nil, pair(i), meet(i, "2023-05")))
		}
		docs = append(docs, worldDocs()[:4]...)
		// A person named by one article only, which its edit renames.
		zed := schema.PersonT{ID: "zed", Name: "Alpha Zed", Nationality: "FR"}
		return append(docs, article("z.txt", "https://example.org/z", nil, append(pair(5), zed)))
	}
	second := func() []*schema.Doc {
		docs := first()
		docs[0].Persons[0].Titles = []string{"ministre"} // independent edits
		docs[1].Events[0].Date = date("2023-05-17")      // a date made precise
		docs[2].Events = nil                             // a meeting dropped
		docs[5].Persons[0].Titles = []string{"ministre"} // shares Son and Lavrov
		docs[6].Events[0].Date = date("2022-07-07")      // another day: another meeting
		docs[3].Persons = append(docs[3].Persons, son)   // a person added
		again := article("i9.txt", "https://example.org/i/9", nil, pair(1), meet(1, "2023-05-17"))
		other := article("n1.txt", "https://example.org/n/1", nil, pair(7), meet(7, "2021-01-02"))
		// Alpha Zed renamed by the only article that names him: a new
		// article's "Alpha Zed" is then an alternate name.
		docs[8].Persons[2].Name = "Gamma Zed"
		renamed := article("z2.txt", "https://example.org/z2", nil, []schema.PersonT{{ID: "zed", Name: "Alpha Zed", Nationality: "FR"}})
		// A new person, first named by a new article, then by an update
		// in another spelling: the update's is an alternate name.
		nq := schema.PersonT{ID: "nq", Name: "Nouveau Q", Nationality: "VN"}
		fresh := article("nq.txt", "https://example.org/nq", nil, []schema.PersonT{nq})
		nq.Name = "Autre Q"
		docs[0].Persons = append(docs[0].Persons, nq)
		return []*schema.Doc{fresh, docs[0], other, docs[1], again, docs[5], docs[2], docs[6], docs[8], renamed, docs[3], docs[4], docs[7]}
	}
	single, _ := Open(Mem, Options{})
	defer single.Close()
	for _, round := range [][]*schema.Doc{first(), second()} {
		for _, d := range round {
			if _, err := single.Ingest(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	// One by one on every store: bolt's split of a transaction that both
	// adds and removes (see apply) kept.
	for name, s := range stores(t) {
		for _, round := range [][]*schema.Doc{first(), second()} {
			for _, d := range round {
				if _, err := s.Ingest(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
		}
		t.Run("single/"+name, func(t *testing.T) { sameQuads(t, "mem", single, name, s) })
	}
	for _, max := range []int{1, 60, 100000} {
		t.Run(fmt.Sprint("max", max), func(t *testing.T) {
			for name, batched := range stores(t) {
				t.Run(name, func(t *testing.T) {
					updated := 0
					for _, round := range [][]*schema.Doc{first(), second()} {
						b := batched.NewBatch(func(tag string, r IngestResult, err error) {
							if err != nil {
								t.Fatalf("%s: %v", tag, err)
							}
							if r.Status == Updated {
								updated++
							}
						})
						b.MaxQuads = max
						for i, d := range round {
							if err := b.Add(ctx, d, fmt.Sprint(i)); err != nil {
								t.Fatal(err)
							}
						}
						if err := b.Flush(ctx); err != nil {
							t.Fatal(err)
						}
					}
					if updated != 7 {
						t.Errorf("%d articles updated, want 7", updated)
					}
					sameQuads(t, "single", single, "batched", batched)
				})
			}
		})
	}
}
