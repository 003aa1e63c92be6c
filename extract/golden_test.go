package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

// render writes a result as stable, readable text for golden files.
func render(res *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "published %s\n", orNone(res.Doc.Date.String()))
	for _, p := range res.Persons {
		fmt.Fprintf(&b, "person %s %q country=%s names=%q titles=%q rule=%s\n", p.ID, p.Name, orNone(p.Country), p.Names, p.Titles, p.Rule)
	}
	for _, m := range res.Meetings {
		planned := ""
		if m.Planned {
			planned = " planned"
		}
		fmt.Fprintf(&b, "meeting%s %s %s date=%s place=%s doc=%d rule=%s date-rule=%s bytes=%d-%d\n  %q\n", planned, m.Kind, strings.Join(m.Participants, "+"), orNone(m.Date.String()), orNone(m.Place), m.Doc, m.Evidence.Rule, orNone(m.Evidence.DateRule), m.Evidence.Start, m.Evidence.End, m.Evidence.Sentence)
	}
	for _, p := range res.Partnerships {
		fmt.Fprintf(&b, "partnership %s-%s %q rule=%s bytes=%d-%d\n  %q\n", p.Countries[0], p.Countries[1], p.Level, p.Evidence.Rule, p.Evidence.Start, p.Evidence.End, p.Evidence.Sentence)
	}
	fmt.Fprintf(&b, "countries %s\n", strings.Join(res.Countries, " "))
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// TestGolden extracts each seed article and compares with its golden
// file. Run with -update to rewrite them, then read the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed articles: %v", err)
	}
	x := &Extractor{Rules: rules(t)}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := x.ExtractBytes(filepath.Base(f), data, Date{})
			if err != nil {
				t.Fatal(err)
			}
			// Evidence offsets point at the sentence in the original file.
			for _, m := range res.Meetings {
				checkEvidence(t, data, m.Evidence)
			}
			for _, p := range res.Partnerships {
				checkEvidence(t, data, p.Evidence)
			}
			got := render(res)
			golden := filepath.Join("../testdata/golden", name+".facts")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -run TestGolden -update, then review the file)", err)
			}
			if got != string(want) {
				t.Errorf("extraction of %s differs from %s:\n%s", f, golden, diffLines(string(want), got))
			}
		})
	}
}

// checkEvidence verifies that the evidence bytes hold the sentence's first
// and last words.
func checkEvidence(t *testing.T, data []byte, e Evidence) {
	t.Helper()
	if e.Start < 0 || e.End > len(data) || e.Start >= e.End {
		t.Fatalf("evidence bytes %d-%d outside the file (%d bytes)", e.Start, e.End, len(data))
	}
	span := string(data[e.Start:e.End])
	words := strings.Fields(e.Sentence)
	if len(words) == 0 {
		t.Fatal("empty evidence sentence")
	}
	first := words[0]
	if !strings.HasPrefix(span, first) && !strings.HasPrefix(strings.ReplaceAll(span, "\u00a0", " "), first) {
		// Glued words were split: the first word may be glued in the original.
		if !strings.Contains(span[:min(len(span), len(first)+8)], first[:min(len(first), 2)]) {
			t.Errorf("evidence %d-%d %q does not start with %q", e.Start, e.End, span, first)
		}
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, c)
		}
	}
	return b.String()
}
