package graph

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// rssFile is the process's resident file-backed memory (/proc), in kB.
func rssFile(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "RssFile:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// A bolt store's pages that the process reads do not stay in its memory
// past the budget: the watch lets go of them (they are read again from
// the page cache when needed, with the same content).
func TestReleaseMapped(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open(dir, Options{Create: true, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	b := s.NewBatch(func(tag string, r IngestResult, err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	for i := range 3000 {
		p := schema.PersonT{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Person Number%d", i), Nationality: "VN"}
		doc := article(fmt.Sprintf("a%d.txt", i), "", nil, []schema.PersonT{son, p})
		if err := b.Add(ctx, doc, doc.Article.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	st, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}

	// Open it again, with no budget at first: reading maps its pages.
	budget := releaseBudget.Load()
	defer releaseBudget.Store(budget)
	releaseBudget.Store(1 << 62)
	base := rssFile(t) // the program's own file pages
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	if err := s.AllQuads(ctx, func(quad.Quad) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	before := rssFile(t)
	if before-base < 4096 {
		t.Fatalf("reading the store mapped only %d kB", before-base)
	}
	// Now a budget of what the program had before it read the store.
	releaseBudget.Store(int64(base+1024) * 1024)
	after := before
	for i := 0; i < 100 && after-base > (before-base)/4; i++ {
		time.Sleep(releaseTick)
		after = rssFile(t)
	}
	t.Logf("store %d kB, %d quads; resident file pages %d kB, %d kB after reading it, %d kB after the release", st.Size()/1024, n, base, before, after)
	if after-base > (before-base)/4 {
		t.Errorf("resident file pages %d kB -> %d kB -> %d kB: the store's pages are not let go", base, before, after)
	}
	releaseBudget.Store(1 << 62)
	if m, _ := s.Count(ctx); m == 0 {
		t.Fatal("store empty after release")
	}
	k := 0
	if err := s.AllQuads(ctx, func(quad.Quad) error { k++; return nil }); err != nil || k != n {
		t.Fatalf("after release: %d quads (%v), want %d", k, err, n)
	}
}
