package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	cg "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/julienschmidt/httprouter"
)

// pgRoutes serves, on a PostgreSQL store, the Cayley routes that need a
// live quad store over the store's own handle: Cayley's HTTP command
// closes the store it sets its routes up with (harmless for bolt, whose
// shared key-value store ignores the Close, fatal for the SQL store's
// connections). The v2 API is Cayley's own handler; the v1 writes are
// Cayley's, written again here (same requests, same answers).
func (s *Store) pgRoutes(mux *http.ServeMux, opt ServeOptions) {
	api := cayleyhttp.NewAPIv2(&cg.Handle{QuadStore: s.h.QuadStore, QuadWriter: s.h.QuadWriter})
	api.SetReadOnly(!opt.Writable)
	api.SetQueryTimeout(opt.Timeout)
	r := httprouter.New()
	api.RegisterOn(r)
	mux.Handle("/api/v2/", r)
	mux.HandleFunc("POST /api/v1/write", func(w http.ResponseWriter, r *http.Request) { s.v1Write(w, r, opt, false) })
	mux.HandleFunc("POST /api/v1/delete", func(w http.ResponseWriter, r *http.Request) { s.v1Write(w, r, opt, true) })
	mux.HandleFunc("POST /api/v1/write/file/nquad", func(w http.ResponseWriter, r *http.Request) { s.v1WriteNQuads(w, r, opt) })
}

// v1Write is Cayley's /api/v1/write and /api/v1/delete: a JSON list of
// {subject, predicate, object, label}.
func (s *Store) v1Write(w http.ResponseWriter, r *http.Request, opt ServeOptions, del bool) {
	if !opt.Writable {
		httpError(w, http.StatusForbidden, "read-only: this server does not change the store (serve --writable)")
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		httpError(w, http.StatusRequestEntityTooLarge, err.Error())
		return
	}
	var in []struct {
		Subject, Predicate, Object, Label string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	var qs []quad.Quad
	for i, jq := range in {
		q := quad.Quad{Subject: quad.StringToValue(jq.Subject), Predicate: quad.StringToValue(jq.Predicate),
			Object: quad.StringToValue(jq.Object), Label: quad.StringToValue(jq.Label)}
		if !q.IsValid() {
			httpError(w, http.StatusBadRequest, fmt.Sprintf("invalid quad at index %d. %s", i, q))
			return
		}
		qs = append(qs, q)
	}
	s.writeQuads(w, r, qs, del)
}

// v1WriteNQuads is Cayley's /api/v1/write/file/nquad: an N-Quads file in
// the form field NQuadFile.
func (s *Store) v1WriteNQuads(w http.ResponseWriter, r *http.Request, opt ServeOptions) {
	if !opt.Writable {
		httpError(w, http.StatusForbidden, "read-only: this server does not change the store (serve --writable)")
		return
	}
	f, _, err := r.FormFile("NQuadFile")
	if err != nil {
		httpError(w, http.StatusBadRequest, "couldn't read file: "+err.Error())
		return
	}
	defer f.Close()
	var qs []quad.Quad
	dec := nquads.NewReader(f, false)
	for {
		q, err := dec.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			httpError(w, http.StatusBadRequest, err.Error())
			return
		}
		qs = append(qs, q)
	}
	s.writeQuads(w, r, qs, false)
}

// writeQuads adds (or deletes) quads under the writer lock and answers as
// Cayley does.
func (s *Store) writeQuads(w http.ResponseWriter, r *http.Request, qs []quad.Quad, del bool) {
	unlock, _, err := s.lockWriters(r.Context())
	if err != nil {
		httpError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	defer unlock()
	tx := cg.NewTransactionN(len(qs))
	for _, q := range qs {
		if del {
			tx.RemoveQuad(q)
		} else {
			tx.AddQuad(q)
		}
	}
	if err := s.h.QuadWriter.ApplyTransaction(tx); err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	verb := "wrote"
	if del {
		verb = "deleted"
	}
	fmt.Fprintf(w, "{\"result\": \"Successfully %s %d quads.\"}", verb, len(qs))
}
