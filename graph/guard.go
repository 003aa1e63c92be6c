package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/query"
)

// guard puts newsgraph's rules in front of Cayley's HTTP stack, which as
// it comes answers any origin (CORS *), any Host, unbounded bodies and
// queries, and reports errors with HTTP 200:
//
//   - Host must be a loopback name or one of AllowHosts (421 otherwise):
//     a page on another site cannot reach the server through DNS rebinding;
//   - a request that names another Origin than the server's own or
//     CORSOrigin is refused (403) and no CORS header is ever sent for any
//     other origin: a web page elsewhere reads and changes nothing;
//   - bodies are limited to MaxBody (413);
//   - writes (v1 write and delete, v2 write and delete) need Writable
//     (403 "read-only") and either a non-simple content type or the
//     server's own Origin (Cayley's write page posts form-encoded JSON),
//     which is what a cross-site form cannot send;
//   - queries (v1 and v2) run at most MaxQueries at once (503 beyond),
//     under the request's context (a client that leaves stops its query),
//     Timeout, and a memory budget (the query is stopped when the heap has
//     grown by QueryMemory since it began); the shape endpoint is not
//     served;
//   - pages carry X-Frame-Options: DENY and a frame-ancestors CSP;
//   - an error Cayley writes with status 200 goes out as 400.
type guard struct {
	s     *Store
	opt   ServeOptions
	inner http.Handler
	slots chan struct{}
}

func newGuard(s *Store, opt ServeOptions, inner http.Handler) *guard {
	return &guard{s: s, opt: opt, inner: inner, slots: make(chan struct{}, opt.MaxQueries)}
}

func (g *guard) allowedHost(h string) bool {
	host := h
	if hh, _, err := net.SplitHostPort(h); err == nil {
		host = hh
	}
	host = strings.Trim(strings.ToLower(host), "[]")
	switch host {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, a := range g.opt.AllowHosts {
		if strings.EqualFold(a, host) || strings.EqualFold(a, h) {
			return true
		}
	}
	return false
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func isWrite(path string) bool {
	switch {
	case strings.HasPrefix(path, "/api/v1/write"), path == "/api/v1/delete",
		strings.HasPrefix(path, "/api/v2/write"), strings.HasPrefix(path, "/api/v2/delete"),
		strings.HasPrefix(path, "/api/v2/node/delete"):
		return true
	}
	return false
}

func simpleContentType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data":
		return true
	}
	return false
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.allowedHost(r.Host) {
		httpError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not served (serve --allow-host)", r.Host))
		return
	}
	own := "http://" + r.Host
	origin := r.Header.Get("Origin")
	sameOrigin := origin == own
	allowedOrigin := sameOrigin || (g.opt.CORSOrigin != "" && origin == g.opt.CORSOrigin)
	if origin != "" && !allowedOrigin {
		httpError(w, http.StatusForbidden, fmt.Sprintf("origin %q may not use this server (serve --cors-origin)", origin))
		return
	}
	if r.Method == http.MethodOptions {
		if origin != "" && !sameOrigin {
			g.corsHeaders(w, origin)
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if r.ContentLength > g.opt.MaxBody {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes; the limit is %d", r.ContentLength, g.opt.MaxBody))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, g.opt.MaxBody)
	path := r.URL.Path
	if isWrite(path) {
		if !g.opt.Writable {
			httpError(w, http.StatusForbidden, "read-only: this server does not change the store (serve --writable)")
			return
		}
		if simpleContentType(r.Header.Get("Content-Type")) && !sameOrigin {
			httpError(w, http.StatusUnsupportedMediaType, "a write needs a JSON or N-Quads content type")
			return
		}
	}
	if strings.HasPrefix(path, "/api/v1/shape/") {
		httpError(w, http.StatusNotFound, "the query shape endpoint is not served")
		return
	}
	isQuery := strings.HasPrefix(path, "/api/v1/query/") || strings.HasPrefix(path, "/api/v2/query") || strings.HasPrefix(path, "/ng/api/")
	if isQuery {
		select {
		case g.slots <- struct{}{}:
			defer func() { <-g.slots }()
		default:
			httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("%d queries are running; try again", g.opt.MaxQueries))
			return
		}
	}
	out := &statusWriter{ResponseWriter: w, cors: origin != "" && !sameOrigin, origin: origin, g: g}
	if !strings.HasPrefix(path, "/api/") {
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
	}
	if strings.HasPrefix(path, "/api/v1/query/") {
		g.v1Query(out, r, strings.TrimPrefix(path, "/api/v1/query/"))
		return
	}
	if isQuery {
		ctx, stop := g.budget(r.Context())
		defer stop()
		r = r.WithContext(ctx)
	}
	if rewrite := g.pageRewrite(r); rewrite != nil {
		rec := &bufferWriter{header: http.Header{}, code: http.StatusOK}
		g.inner.ServeHTTP(rec, r)
		for k, v := range rec.header {
			if k != "Content-Length" {
				out.Header()[k] = v
			}
		}
		body := rec.buf.String()
		ct := rec.header.Get("Content-Type")
		if ct == "" {
			ct = http.DetectContentType([]byte(body))
			out.Header().Set("Content-Type", ct)
		}
		if rec.code == http.StatusOK && strings.HasPrefix(ct, "text/html") {
			body = rewrite(body)
		}
		out.WriteHeader(rec.code)
		io.WriteString(out, body)
		return
	}
	g.inner.ServeHTTP(out, r)
}

// pageRewrite returns the change made to one of Cayley's HTML pages, or nil:
// every page gets a link to the analyst's page; on a read-only server the
// write page says that it is, and its fields and buttons are disabled.
func (g *guard) pageRewrite(r *http.Request) func(string) string {
	if r.Method != http.MethodGet || !(r.URL.Path == "/" || strings.HasPrefix(r.URL.Path, "/ui/")) {
		return nil
	}
	write := r.URL.Path == "/ui/write"
	return func(page string) string {
		link := `<a id="ng-analyst-link" href="/ng/" style="position:fixed;top:12px;right:16px;z-index:2000;background:#fff;padding:4px 10px;border-radius:4px;font-weight:bold">Analyst page &rarr;</a>`
		page = strings.Replace(page, "<body>", "<body>"+link, 1)
		if write && !g.opt.Writable {
			banner := `<div id="ng-read-only" class="alert alert-warning" role="alert" style="margin-top:12px"><strong>This server is read-only.</strong> Writes and deletes are refused; start it with <code>newsgraph serve --writable</code> to change the store from this page.</div>`
			page = strings.Replace(page, `id="main">`, `id="main">`+banner, 1)
			page = strings.ReplaceAll(page, "<button id=", "<button disabled id=")
			page = strings.ReplaceAll(page, "<input id=", "<input disabled id=")
		}
		return page
	}
}

// bufferWriter holds a response so that the guard can change it.
type bufferWriter struct {
	header http.Header
	code   int
	buf    strings.Builder
}

func (b *bufferWriter) Header() http.Header         { return b.header }
func (b *bufferWriter) WriteHeader(code int)        { b.code = code }
func (b *bufferWriter) Write(p []byte) (int, error) { return b.buf.Write(p) }

func (g *guard) corsHeaders(w http.ResponseWriter, origin string) {
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	w.Header().Set("Vary", "Origin")
}

// budget returns a context that ends when the query's timeout passes or
// the heap grows by QueryMemory (checked every 20 ms).
func (g *guard) budget(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(parent, g.opt.Timeout)
	start := heapBytes()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if h := heapBytes(); h > start && h-start > g.opt.QueryMemory {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel() }
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		return s[0].Value.Uint64()
	}
	return 0
}

// v1Query answers /api/v1/query/LANG as Cayley does ({"result": [...]}),
// under the request's context, the timeout and the memory budget.
func (g *guard) v1Query(w http.ResponseWriter, r *http.Request, lang string) {
	if r.Method != http.MethodPost {
		httpError(w, http.StatusMethodNotAllowed, "POST the query")
		return
	}
	l := query.GetLanguage(lang)
	if l == nil || l.HTTP == nil {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q", lang))
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("query larger than %d bytes", g.opt.MaxBody))
			return
		}
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		fmt.Sscan(v, &limit)
	}
	ctx, stop := g.budget(r.Context())
	defer stop()
	ses := l.HTTP(g.s.h.QuadStore)
	it, err := ses.Execute(ctx, string(body), query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		g.queryError(w, ctx, err)
		return
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil || ctx.Err() != nil {
		if err == nil {
			err = ctx.Err()
		}
		g.queryError(w, ctx, err)
		return
	}
	// As Cayley answers it, without a JSON content type: its query page
	// parses the text itself.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	json.NewEncoder(w).Encode(map[string]any{"result": out})
}

func (g *guard) queryError(w http.ResponseWriter, ctx context.Context, err error) {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("query stopped after %s", g.opt.Timeout))
	case ctx.Err() != nil:
		httpError(w, http.StatusServiceUnavailable, fmt.Sprintf("query stopped: it took more than %d MiB of memory, or its client left", g.opt.QueryMemory>>20))
	default:
		httpError(w, http.StatusBadRequest, err.Error())
	}
}

// statusWriter strips CORS headers Cayley sets for origins newsgraph does
// not allow, and turns an error body written with status 200 into a 400.
type statusWriter struct {
	http.ResponseWriter
	cors   bool
	origin string
	g      *guard
	wrote  bool
}

func (sw *statusWriter) fixHeaders() {
	h := sw.Header()
	for k := range h {
		if strings.HasPrefix(k, "Access-Control-") {
			h.Del(k)
		}
	}
	if sw.cors {
		sw.g.corsHeaders(sw.ResponseWriter, sw.origin)
	}
}

func (sw *statusWriter) WriteHeader(code int) {
	if sw.wrote || code == http.StatusOK {
		return // a 200 is decided at the first Write: Cayley writes some errors with it
	}
	sw.wrote = true
	sw.fixHeaders()
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *statusWriter) Write(b []byte) (int, error) {
	if !sw.wrote {
		sw.wrote = true
		code := http.StatusOK
		if t := strings.TrimLeft(string(b[:min(len(b), 32)]), " \t\r\n"); strings.HasPrefix(t, `{"error"`) {
			code = http.StatusBadRequest
		}
		sw.fixHeaders()
		sw.ResponseWriter.WriteHeader(code)
	}
	return sw.ResponseWriter.Write(b)
}
