package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The page's API answers what the CLI's --format json prints (the same
// structs through WriteJSON), and says "did you mean" on no clear match.
func TestPageAPI(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir()+"/db", Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	searchStore(t, s)
	h, err := s.Handler(ServeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (int, string, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	want := func(v any) string {
		var b bytes.Buffer
		WriteJSON(&b, v)
		return b.String()
	}
	res, _ := s.Search(ctx, "Poutin", 10)
	view, _ := s.View(ctx, "https://newsgraph.dev/person/vladimir-putin", ViewLatest)
	tests := []struct {
		path, ctype string
		code        int
		body        string // the whole body, or "" to check contains
		contains    string
	}{
		{"/ng/api/search?q=Poutin", "application/json", 200, want(res), ""},
		{"/ng/api/node?q=Poutin", "application/json", 200, want(view), ""},
		{"/ng/api/node?id=https%3A%2F%2Fnewsgraph.dev%2Fperson%2Fvladimir-putin", "application/json", 200, want(view), ""},
		{"/ng/api/node?q=Vladimir+L%C3%A9nine", "application/json", 404, "", `did you mean Vladimir Poutine`},
		{"/ng/api/node?q=Nguyen", "application/json", 409, "", `ambiguous`},
		{"/ng/api/node?id=https%3A%2F%2Fexample.org%2Fnothing", "application/json", 404, "", `no such node`},
		{"/ng/api/search", "application/json", 400, "", `?q=`},
		{"/ng/api/nothing", "application/json", 404, "", `no such API call`},
		{"/ng/", "text/html", 200, "", `<form id="search-form"`},
		{"/ng/app.js", "text/javascript", 200, "", `function drawGraph`},
	}
	if cayleyPages(t) {
		tests = append(tests, struct {
			path, ctype string
			code        int
			body        string
			contains    string
		}{"/", "text/html", 200, "", `href="/ng/"`}) // Cayley's console links to the page
	}
	for _, tt := range tests {
		code, ctype, body := get(tt.path)
		if code != tt.code || !strings.HasPrefix(ctype, tt.ctype) {
			t.Errorf("GET %s: %d %s, want %d %s (%.200s)", tt.path, code, ctype, tt.code, tt.ctype, body)
		}
		if tt.body != "" && body != tt.body {
			t.Errorf("GET %s:\n got %.300s\nwant %.300s", tt.path, body, tt.body)
		}
		if tt.contains != "" && !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s: no %q in %.300s", tt.path, tt.contains, body)
		}
	}
	// The view carries each meeting's evidence.
	var v NodeView
	_, _, body := get("/ng/api/node?q=Poutin")
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range v.Meetings {
		for _, p := range m.Participants {
			if p.Name == "Nguyễn Phú Trọng" && m.Date == "2018-09-07" && len(m.Sources) == 1 && m.Sources[0].URL == "https://example.org/c" && m.Sources[0].Rule == "t" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no 2018-09-07 meeting with Nguyễn Phú Trọng and its source in %+v", v.Meetings)
	}
}

// cayleyPages reports whether Cayley's UI files are there for its pages
// (go generate ./graph/... copies them; .ci/run does it first): without
// them the pages cannot be served, and a plain 'go test ./...' on a fresh
// checkout leaves their checks to CI and the browser test.
func cayleyPages(t *testing.T) bool {
	if err := PrepareUI(); err != nil {
		t.Logf("Cayley's pages not checked: %v", err)
		return false
	}
	return true
}

// The write page of a read-only server says so and disables its forms.
func TestReadOnlyWritePage(t *testing.T) {
	if !cayleyPages(t) {
		t.Skip("Cayley's UI files are missing: go generate ./graph/...")
	}
	s, err := Open(t.TempDir()+"/db", Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, writable := range []bool{false, true} {
		h, err := s.Handler(ServeOptions{Writable: writable})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/ui/write", nil))
		page := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(page, "Write a quad") {
			t.Fatalf("write page: %d %.200s", rec.Code, page)
		}
		says := strings.Contains(page, "This server is read-only") && strings.Contains(page, `<button disabled id="add_quad"`)
		if says == writable {
			t.Errorf("writable=%v: the page says read-only: %v", writable, says)
		}
	}
}
