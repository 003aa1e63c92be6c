package graph

import (
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"strconv"

	"github.com/cayleygraph/quad"
)

// The analyst's page: plain HTML, CSS and JavaScript written for it (no
// library, so nothing to vendor or fetch: the graph is SVG drawn by the
// page's own code), embedded in the binary, served under /ng/ beside
// Cayley's console, which keeps /. Its JSON API, under /ng/api/, answers
// what the CLI's --format json prints, from the same structs and encoder
// (WriteJSON):
//
//	GET /ng/api/search?q=NAME[&limit=N]  SearchResult ('newsgraph search --format json')
//	GET /ng/api/node?id=IRI              NodeView ('newsgraph timeline --format json')
//	GET /ng/api/node?q=NAME              the same, NAME resolved as path and timeline do;
//	                                     404 with "did you mean" candidates when unclear

//go:embed page
var pageFiles embed.FS

// pageHandler serves the page and its API.
func (s *Store) pageHandler() http.Handler {
	mux := http.NewServeMux()
	files, _ := fs.Sub(pageFiles, "page")
	mux.Handle("GET /ng/", http.StripPrefix("/ng/", http.FileServer(http.FS(files))))
	mux.HandleFunc("GET /ng/api/search", s.apiSearch)
	mux.HandleFunc("GET /ng/api/node", s.apiNode)
	mux.HandleFunc("GET /ng/api/", func(w http.ResponseWriter, r *http.Request) {
		httpError(w, http.StatusNotFound, "no such API call: see /ng/api/search and /ng/api/node")
	})
	return mux
}

// apiError is the body of an API error: what went wrong and, for a name
// that resolves to nothing clear, the candidates ("did you mean").
type apiError struct {
	Error      string      `json:"error"`
	Candidates []Candidate `json:"candidates,omitempty"`
}

func writeAPI(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	WriteJSON(w, v)
}

func (s *Store) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" {
		writeAPI(w, http.StatusBadRequest, apiError{Error: "search: give a name as ?q="})
		return
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	res, err := s.Search(r.Context(), q, min(max(limit, 0), 100))
	if err != nil {
		writeAPI(w, http.StatusInternalServerError, apiError{Error: err.Error()})
		return
	}
	writeAPI(w, http.StatusOK, res)
}

func (s *Store) apiNode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var iri quad.IRI
	switch id, q := r.URL.Query().Get("id"), r.URL.Query().Get("q"); {
	case id != "":
		iri = quad.IRI(id)
		if ok, err := s.exists(ctx, iri); err != nil {
			writeAPI(w, http.StatusInternalServerError, apiError{Error: err.Error()})
			return
		} else if !ok {
			writeAPI(w, http.StatusNotFound, apiError{Error: id + ": no such node in the store"})
			return
		}
	case q != "":
		var err error
		if iri, err = s.Resolve(ctx, q); err != nil {
			code := http.StatusNotFound
			if !errors.Is(err, ErrNotFound) {
				code = http.StatusConflict // ambiguous: the candidates say which
			}
			res, _ := s.Search(ctx, q, 10)
			e := apiError{Error: err.Error()}
			if res != nil {
				e.Candidates = res.Results
			}
			writeAPI(w, code, e)
			return
		}
	default:
		writeAPI(w, http.StatusBadRequest, apiError{Error: "node: give ?id=IRI or ?q=NAME"})
		return
	}
	v, err := s.View(ctx, iri, ViewLatest)
	if err != nil {
		writeAPI(w, http.StatusInternalServerError, apiError{Error: err.Error()})
		return
	}
	writeAPI(w, http.StatusOK, v)
}
