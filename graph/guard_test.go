package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The HTTP hardening suite: hostile requests against the real guarded
// handler of serve (Cayley's routes over a real bolt store).
func TestServeGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs runaway queries; skipped with -short")
	}
	s, err := Open(t.TempDir()+"/db", Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seedStore(t, s)
	// A small memory budget, so that the heap-filling query reaches it well
	// before its timeout even on a loaded machine.
	opt := ServeOptions{Timeout: 1500 * time.Millisecond, MaxBody: 4096, MaxQueries: 2, QueryMemory: 16 << 20, CORSOrigin: "http://analyst.example"}
	h, err := s.Handler(opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	own := srv.URL // http://127.0.0.1:PORT

	do := func(method, path, body string, hdr map[string]string) (*http.Response, string, time.Duration) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		for k, v := range hdr {
			if k == "Host" {
				req.Host = v
				continue
			}
			req.Header.Set(k, v)
		}
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b), time.Since(start)
	}
	lavrov := `g.V("<https://newsgraph.dev/person/sergei-lavrov>").Both("<https://newsgraph.dev/ns#met>").Out("<http://schema.org/name>").All()`
	runaway := `while (true) {}`
	// 64 KiB more heap a turn, so that it passes the budget long before
	// the timeout, even on a loaded machine (short strings took more than
	// the 1.5 s there).
	hog := `var c = "some text to fill the heap "; for (var i = 0; i < 11; i++) { c = c + c; } var a = []; while (true) { a.push(c + a.length); }`

	tests := []struct {
		name     string
		method   string
		path     string
		body     string
		hdr      map[string]string
		status   int
		contains string
		absent   string
	}{
		{"a query from the server's own page", "POST", "/api/v1/query/gizmo", lavrov, map[string]string{"Origin": own}, 200, "Bùi Thanh Sơn", ""},
		{"a query with no Origin (not a browser)", "POST", "/api/v1/query/gizmo", lavrov, nil, 200, "Bùi Thanh Sơn", ""},
		{"a foreign page gets no data", "POST", "/api/v1/query/gizmo", lavrov, map[string]string{"Origin": "http://evil.example"}, 403, "may not use", "Bùi"},
		{"a foreign page cannot read v2 either", "GET", "/api/v2/read?format=json", "", map[string]string{"Origin": "http://evil.example"}, 403, "", "sergei"},
		{"DNS rebinding: a foreign Host is refused", "POST", "/api/v1/query/gizmo", lavrov, map[string]string{"Host": "evil.example:80"}, 421, "not served", "Bùi"},
		{"an oversized body", "POST", "/api/v1/query/gizmo", strings.Repeat("1;", 5000), nil, 413, "limit", ""},
		{"an oversized v2 query is refused, not cut", "POST", "/api/v2/query?lang=gizmo", strings.Repeat("1;", 5000), map[string]string{"Content-Type": "application/javascript"}, 413, "", ""},
		{"writes on a read-only server", "POST", "/api/v1/write", `[{"subject":"<a>","predicate":"<b>","object":"<c>"}]`, map[string]string{"Content-Type": "application/json"}, 403, "read-only", ""},
		{"v2 delete on a read-only server", "POST", "/api/v2/node/delete", `<https://newsgraph.dev/country/VN>`, map[string]string{"Content-Type": "application/n-quads"}, 403, "read-only", ""},
		{"the shape endpoint is not served", "POST", "/api/v1/shape/gizmo", runaway, nil, 404, "not served", ""},
		{"a runaway v1 query stops at its timeout", "POST", "/api/v1/query/gizmo", runaway, nil, 503, "stopped", ""},
		{"a runaway v2 query stops at its timeout", "POST", "/api/v2/query?lang=gizmo", runaway, map[string]string{"Content-Type": "application/javascript"}, 400, "", ""},
		{"a query that fills the heap stops at its budget", "POST", "/api/v1/query/gizmo", hog, nil, 503, "memory", ""},
		{"a syntax error is a 400, not a 200", "POST", "/api/v1/query/gizmo", "g.V(", nil, 400, "error", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body, took := do(tc.method, tc.path, tc.body, tc.hdr)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d (%s)", resp.StatusCode, tc.status, body[:min(len(body), 200)])
			}
			if tc.contains != "" && !strings.Contains(body, tc.contains) {
				t.Errorf("body lacks %q: %s", tc.contains, body[:min(len(body), 200)])
			}
			if tc.absent != "" && strings.Contains(body, tc.absent) {
				t.Errorf("body has %q", tc.absent)
			}
			if acao := resp.Header.Get("Access-Control-Allow-Origin"); acao != "" {
				t.Errorf("CORS header %q sent to %v", acao, tc.hdr["Origin"])
			}
			if took > opt.Timeout+3*time.Second {
				t.Errorf("took %s; the timeout is %s", took, opt.Timeout)
			}
		})
	}

	t.Run("the one allowed origin gets its CORS header, never *", func(t *testing.T) {
		resp, body, _ := do("POST", "/api/v1/query/gizmo", lavrov, map[string]string{"Origin": "http://analyst.example"})
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "http://analyst.example" || !strings.Contains(body, "Bùi") {
			t.Errorf("status %d, ACAO %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		resp, _, _ = do("OPTIONS", "/api/v1/query/gizmo", "", map[string]string{"Origin": "http://evil.example"})
		if resp.StatusCode != 403 || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight of a foreign origin: %d, ACAO %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
	})

	t.Run("pages cannot be framed", func(t *testing.T) {
		resp, _, _ := do("GET", "/", "", nil)
		if resp.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("headers %v", resp.Header)
		}
	})

	t.Run("concurrent runaways: the excess is answered 503 at once", func(t *testing.T) {
		var wg sync.WaitGroup
		for range opt.MaxQueries {
			wg.Add(1)
			go func() { defer wg.Done(); do("POST", "/api/v1/query/gizmo", runaway, nil) }()
		}
		time.Sleep(300 * time.Millisecond)
		resp, body, took := do("POST", "/api/v1/query/gizmo", lavrov, nil)
		if resp.StatusCode != 503 || took > time.Second {
			t.Errorf("status %d after %s: %s", resp.StatusCode, took, body)
		}
		wg.Wait()
		if resp, _, _ := do("POST", "/api/v1/query/gizmo", lavrov, nil); resp.StatusCode != 200 {
			t.Errorf("after the runaways: %d", resp.StatusCode)
		}
	})

	t.Run("a client that leaves stops its query", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/query/gizmo", strings.NewReader(runaway))
		http.DefaultClient.Do(req)
		// The slot is free again well before the query's own timeout.
		time.Sleep(300 * time.Millisecond)
		var ok int
		for range opt.MaxQueries {
			if resp, _, _ := do("POST", "/api/v1/query/gizmo", lavrov, nil); resp.StatusCode == 200 {
				ok++
			}
		}
		if ok != opt.MaxQueries {
			t.Errorf("%d of %d queries answered after the client left", ok, opt.MaxQueries)
		}
	})
}

// TestServeSlowClient: a client that trickles its headers is cut off by
// the server's header timeout.
func TestServeSlowClient(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the header timeout; skipped with -short")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(l.Addr().String(), http.NotFoundHandler(), 30*time.Second)
	srv.ReadHeaderTimeout = 500 * time.Millisecond
	go srv.Serve(l)
	defer srv.Close()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = bufio.NewReader(c).ReadString('\n')
	if err == nil && time.Since(start) > 4*time.Second {
		t.Fatal("the connection stayed open")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("cut off after %s; the header timeout is 500ms", took)
	}
}
