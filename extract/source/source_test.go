package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func collect(t *testing.T, args []string, opt Options) ([]Item, Report) {
	t.Helper()
	var items []Item
	rep := Walk(context.Background(), args, opt, func(it Item) bool {
		items = append(items, it)
		return true
	})
	return items, rep
}

func names(items []Item) []string {
	var out []string
	for _, it := range items {
		s := it.Name
		if it.Err != nil {
			s += " ERR " + it.Err.Error()
		}
		out = append(out, s)
	}
	return out
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // item names
		texts []string // first bytes of each Raw
	}{
		{"one article", "Le ministre a reçu.\n", []string{"-"}, []string{"Le ministre"}},
		{"two articles", "Premier article.\n%%\nSecond article.\n", []string{"-#1", "-#2"}, []string{"Premier", "Second"}},
		{"delimiter with spaces, empty parts dropped", "%%\nA.\n  %%  \n\n%%\nB.\n%%\n", []string{"-#1", "-#2"}, []string{"A.", "B."}},
		{"a JSON Lines stream", `{"text":"Un."}` + "\n" + `{"text":"Deux."}` + "\n", []string{"-:1", "-:2"}, []string{"Un.", "Deux."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, _ := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(tc.in)})
			if got := names(items); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("items %v, want %v", got, tc.want)
			}
			for i, it := range items {
				if !bytes.HasPrefix(bytes.TrimSpace(it.Raw), []byte(tc.texts[i])) {
					t.Errorf("item %d: %q, want it to start with %q", i, it.Raw, tc.texts[i])
				}
			}
		})
	}
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	dump := strings.Join([]string{
		`{"url":"https://example.org/a","date":"2024-03-05","title":"Titre A","text":"Le ministre a reçu son homologue."}`,
		`{"url":"https://example.org/b","published":"2024-03-06T10:00:00+07:00","text":"Deuxième article."}`,
		`not json`,
		``,
		`{"url":"https://example.org/c","date":"2024-13-01","text":"Mauvaise date."}`,
		`{"url":"https://example.org/d","text":42}`,
		`{"url":"https://example.org/e"}`,
		`{"text":"Dernier article, sans fin de ligne."}`,
	}, "\n")
	plain := write(t, dir, "dump.jsonl", dump)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(dump))
	zw.Close()
	gzPath := write(t, dir, "dump.ndjson.gz", gz.String())
	for _, p := range []string{plain, gzPath} {
		items, _ := collect(t, []string{p}, Options{})
		got := names(items)
		want := []string{
			p + ":1", p + ":2",
			p + ":3 ERR " + p + ":3: not a JSON object",
			p + ":5 ERR " + p + `:5: field "date": date "2024-13-01"`,
			p + ":6 ERR " + p + `:6: field "text" is a float64, want a string`,
			p + ":7 ERR " + p + ":7: no article text",
			p + ":8",
		}
		if len(got) != len(want) {
			t.Fatalf("%s: items\n%s\nwant\n%s", p, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("item %d = %q, want prefix %q", i, got[i], want[i])
			}
		}
		if items[0].URL != "https://example.org/a" || items[0].Date != "2024-03-05" || !strings.HasPrefix(string(items[0].Raw), "Titre A\n\nLe ministre") {
			t.Errorf("record 1 = %+v", items[0])
		}
		if items[1].Date != "2024-03-06" {
			t.Errorf("record 2 date %q, want the RFC 3339 time's day", items[1].Date)
		}
	}
	// Other field names.
	p := write(t, dir, "other.jsonl", `{"link":"u","pubDate":"2024-01","body":"Texte."}`+"\n")
	opt := Options{Fields: Fields{URL: []string{"link"}, Date: []string{"pubDate"}, Text: []string{"body"}}}
	items, _ := collect(t, []string{p}, opt)
	if len(items) != 1 || items[0].Err != nil || items[0].Date != "2024-01" || items[0].URL != "u" {
		t.Errorf("configured fields: %+v", items)
	}
	// A record over the size limit is named; the next one is read.
	p = write(t, dir, "big.jsonl", `{"text":"`+strings.Repeat("x", 5000)+`"}`+"\n"+`{"text":"petit"}`+"\n")
	items, _ = collect(t, []string{p}, Options{MaxBytes: 1000})
	if got := names(items); len(got) != 2 || !strings.Contains(got[0], "limit 1000") || items[1].Err != nil {
		t.Errorf("size limit: %v", got)
	}
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Article A.")
	write(t, dir, "B.TXT", "Article B.")
	write(t, dir, "c.md", "Article C.")
	write(t, dir, "d.html", "<html><body><article><h1>D</h1><p>Le ministre a reçu le 5 mars à Hanoï son homologue, et ils ont parlé longuement de la coopération entre les deux pays.</p></article></body></html>")
	write(t, dir, "noext", "Article sans extension.")
	write(t, dir, "e.pdf", "%PDF-1.4")
	write(t, dir, "f.png", "\x89PNG")
	write(t, dir, ".hidden.txt", "caché")
	write(t, dir, ".git/config", "x")
	write(t, dir, "sub/g.txt", "Article G.")
	write(t, dir, "sub/h.article", "Article H.")

	items, rep := collect(t, []string{dir}, Options{})
	var got []string
	for _, it := range items {
		rel, _ := filepath.Rel(dir, it.Name)
		got = append(got, rel)
	}
	if want := "B.TXT a.txt c.md d.html noext sub/g.txt"; strings.Join(got, " ") != want {
		t.Errorf("read %v, want %s", got, want)
	}
	if !items[3].HTML() {
		t.Errorf("d.html not read as HTML")
	}
	if rep.Skipped["hidden"] != 2 || rep.Skipped["unknown extension .pdf"] != 1 || rep.Skipped["unknown extension .png"] != 1 || rep.Skipped["unknown extension .article"] != 1 {
		t.Errorf("skipped %v", rep.Skipped)
	}
	if s := rep.String(); !strings.Contains(s, "skipped 5 file(s)") {
		t.Errorf("report %q", s)
	}

	// --include reads what it names, and only that; --exclude skips.
	items, rep = collect(t, []string{dir}, Options{Include: []string{"*.article", "*.txt"}, Exclude: []string{"sub/g.txt"}})
	got = nil
	for _, it := range items {
		rel, _ := filepath.Rel(dir, it.Name)
		got = append(got, rel)
	}
	if want := "a.txt sub/h.article"; strings.Join(got, " ") != want {
		t.Errorf("with globs read %v, want %s", got, want)
	}
	if rep.Skipped["excluded"] != 1 {
		t.Errorf("excluded count %v", rep.Skipped)
	}

	// A missing argument is named and the others go on.
	items, _ = collect(t, []string{filepath.Join(dir, "nope.txt"), filepath.Join(dir, "a.txt")}, Options{})
	if got := names(items); len(got) != 2 || !strings.Contains(got[0], "no such file") || items[1].Err != nil {
		t.Errorf("missing file: %v", got)
	}
}

func TestFetch(t *testing.T) {
	var gotUA string
	page := `<!DOCTYPE html><html><head><title>T</title><meta property="og:url" content="https://example.org/canonical"></head><body><article><h1>Titre</h1><p>Le ministre a reçu le 5 mars à Hanoï son homologue, et ils ont parlé longuement de la coopération entre les deux pays.</p></article></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/page", http.StatusFound) })
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "Un article en texte.") })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, strings.Repeat("x", 5000)) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	it := Fetch(context.Background(), srv.URL+"/moved", FetchOptions{UserAgent: "test-agent"}, 1<<20)
	if it.Err != nil || !it.HTML() || it.URL != "https://example.org/canonical" || gotUA != "test-agent" {
		t.Errorf("redirected page: err %v html %v url %q ua %q", it.Err, it.HTML(), it.URL, gotUA)
	}
	it = Fetch(context.Background(), srv.URL+"/text", FetchOptions{}, 1<<20)
	if it.Err != nil || it.HTML() || it.URL != srv.URL+"/text" || string(it.Raw) != "Un article en texte." {
		t.Errorf("text page: %+v", it)
	}
	if it := Fetch(context.Background(), srv.URL+"/big", FetchOptions{}, 1000); it.Err == nil || !strings.Contains(it.Err.Error(), "limit 1000") {
		t.Errorf("size limit: %v", it.Err)
	}
	if it := Fetch(context.Background(), srv.URL+"/gone", FetchOptions{}, 1000); it.Err == nil || !strings.Contains(it.Err.Error(), "404") {
		t.Errorf("404: %v", it.Err)
	}
}
