package source_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsgraph/extract"
	"newsgraph/extract/source"
)

var update = flag.Bool("update", false, "rewrite ../../testdata/html/*.facts")

// facts lists an article's facts, one per line, without their evidence
// (offsets differ between a page and its text).
func facts(res *extract.Result) []string {
	var out []string
	for _, p := range res.Persons {
		out = append(out, fmt.Sprintf("person %s %s", p.ID, p.Country))
	}
	for _, m := range res.Meetings {
		ps := slices.Clone(m.Participants)
		slices.Sort(ps)
		out = append(out, fmt.Sprintf("meeting %s %s date=%s place=%s", m.Kind, strings.Join(ps, "+"), m.Date, m.Place))
	}
	for _, p := range res.Partnerships {
		out = append(out, fmt.Sprintf("partnership %s-%s %s", p.Countries[0], p.Countries[1], p.Level))
	}
	slices.Sort(out)
	return out
}

func extractOne(t *testing.T, x *extract.Extractor, path string) *extract.Result {
	t.Helper()
	var res *extract.Result
	source.Walk(context.Background(), []string{path}, source.Options{}, func(it source.Item) bool {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		var doc *extract.Document
		var err error
		if it.HTML() {
			d, _ := extract.ParseDate(it.Date)
			doc, err = x.ParseText(it.Name, it.Raw, it.Text, it.Offs, it.URL, d)
		} else {
			doc, err = x.Parse(it.Name, it.Raw, extract.Date{})
		}
		if err != nil {
			t.Fatal(err)
		}
		res = x.Extract(doc)
		return true
	})
	return res
}

// TestPagesEqualTheirText: each HTML fixture (the structure of a VNA,
// VietnamPlus or Courrier du Vietnam page: navigation, share bar, lead,
// captions, "Sur le même sujet", "Les plus lus", footer) gives the facts of
// the same article saved as text, which are the reviewed golden file; no
// fact comes from the boxes around the article, and evidence points at the
// sentence in the page.
func TestPagesEqualTheirText(t *testing.T) {
	x, err := extract.New("")
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob("../../testdata/html/*.html")
	if len(pages) < 3 {
		t.Fatalf("%d fixtures", len(pages))
	}
	boxes := []string{"xi-jinping", "luong-cuong", "ito-naoki", "nguyen-minh-trieu", "ouk-hoeunpisey", "pham-minh-chinh", "ignazio-la-russa", "tran-thanh-man", "saysomphone-phomvihane", "vu-viet-trang", "nguyen-thi-su", "ly-thuong-kiet", "to-lam"}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			fromPage := extractOne(t, x, page)
			fromText := extractOne(t, x, strings.TrimSuffix(page, ".html")+".txt")
			got, want := facts(fromPage), facts(fromText)
			if !slices.Equal(got, want) {
				t.Errorf("page facts differ from text facts:\npage:\n%s\ntext:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			golden := strings.TrimSuffix(page, ".html") + ".facts"
			if *update {
				os.WriteFile(golden, []byte(strings.Join(got, "\n")+"\n"), 0o644)
			}
			g, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(g)) != strings.Join(got, "\n") {
				t.Errorf("facts differ from %s:\n%s", golden, strings.Join(got, "\n"))
			}
			for _, p := range fromPage.Persons {
				if slices.Contains(boxes, p.ID) {
					t.Errorf("person %s comes from a box around the article", p.ID)
				}
			}
			raw := fromPage.Doc.Raw
			for _, m := range fromPage.Meetings {
				ev := m.Evidence
				if ev.Start < 0 || ev.End > len(raw) || ev.Start >= ev.End {
					t.Fatalf("evidence %d-%d outside the page", ev.Start, ev.End)
				}
				if w := strings.Fields(ev.Sentence)[0]; !strings.HasPrefix(string(raw[ev.Start:ev.End]), w) {
					t.Errorf("evidence %d-%d is %q, want the sentence %q", ev.Start, ev.End, raw[ev.Start:min(ev.End, ev.Start+40)], ev.Sentence[:min(len(ev.Sentence), 40)])
				}
			}
			if fromPage.Doc.URL == "" || !strings.HasPrefix(fromPage.Doc.URL, "https://") {
				t.Errorf("page URL %q, want its og:url", fromPage.Doc.URL)
			}
		})
	}
}
