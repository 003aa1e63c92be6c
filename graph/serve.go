package graph

import (
	"fmt"
	"strings"

	hkv "github.com/hidal-go/hidalgo/kv"
	"net/http"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/cmd/cayley/command"
	cg "github.com/cayleygraph/cayley/graph"
	"github.com/spf13/viper"

	"newsgraph/graph/internal/cayleyui"
)

var (
	prepareOnce sync.Once
	prepareErr  error
)

// PrepareUI installs the embedded web UI files and checks that every page
// will find what it needs; the error says what is missing and how to build
// a binary that has it. The work is done once per process.
func PrepareUI() error {
	prepareOnce.Do(func() {
		if _, err := cayleyui.Install(); err != nil {
			prepareErr = fmt.Errorf("web UI files: %w", err)
			return
		}
		prepareErr = cayleyui.Check()
	})
	return prepareErr
}

var registerOnce sync.Once

// ServeOptions configure Serve and Handler.
type ServeOptions struct {
	Addr     string        // host:port, default 127.0.0.1:64210
	Writable bool          // allow the write page and API to change the store
	Timeout  time.Duration // per-query timeout (default 30s)
	// AllowHosts are the Host names requests may name besides the loopback
	// ones (localhost, 127.0.0.1, ::1): anything else is refused, which
	// defeats DNS rebinding.
	AllowHosts []string
	// CORSOrigin is the one origin (scheme://host[:port]) whose pages may
	// call the API from a browser; "" allows none but the server's own.
	CORSOrigin string
	MaxBody    int64 // bytes per request body (default 1 MiB)
	MaxQueries int   // queries running at once; more are answered 503 (default 4)
	// QueryMemory is the heap a query may grow by before it is stopped
	// (default 512 MiB).
	QueryMemory uint64
}

func (o *ServeOptions) defaults() {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:64210"
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.MaxQueries <= 0 {
		o.MaxQueries = 4
	}
	if o.QueryMemory == 0 {
		o.QueryMemory = 512 << 20
	}
}

// noCloseKV is the store's key-value database as Cayley's HTTP routes see
// it: their handle closes it when the route setup returns, and this Close
// leaves it open for the store.
type noCloseKV struct{ hkv.KV }

func (noCloseKV) Close() error { return nil }

var (
	routesOnce sync.Once
	routesErr  error
	vocabOnce  sync.Once
)

// cayleyRoutes registers Cayley's HTTP API and UI routes (v1 and v2, the
// pages, their files) on http.DefaultServeMux, over this store, without
// letting Cayley listen: its HTTP command is run with an address it cannot
// listen on, after it has set the routes up. Once per process.
func (s *Store) cayleyRoutes(opt ServeOptions) error {
	routesOnce.Do(func() {
		// The pages need the UI files (the serve command checks them
		// first); the API does not.
		_ = PrepareUI()
		qs := s.h.QuadStore
		db := s.db
		var pgURL string
		if s.pg != nil {
			pgURL = s.pg.url
		}
		registerOnce.Do(func() {
			cg.RegisterQuadStore("newsgraph-shared", cg.QuadStoreRegistration{
				NewFunc: func(string, cg.Options) (cg.QuadStore, error) {
					if pgURL != "" {
						// PostgreSQL: a quad store of its own, which
						// Cayley closes when its setup returns; the routes
						// that would use it (v1 writes, v2) are served over
						// the store's own handle (pgRoutes).
						return cg.NewQuadStore(pgBackend, pgURL, nil)
					}
					if db != nil {
						// A second quad store over the same database, which
						// Cayley may close.
						return openKV(noCloseKV{db}, kvOptions(false))
					}
					return qs, nil // a memory store: its Close is harmless
				},
				InitFunc:     func(string, cg.Options) error { return nil },
				IsPersistent: true,
			})
		})
		viper.Set(command.KeyBackend, "newsgraph-shared")
		viper.Set(command.KeyAddress, "")
		viper.Set(command.KeyReadOnly, !opt.Writable)
		cmd := command.NewHttpCmd()
		cmd.Flags().String("memprofile", "", "")
		cmd.Flags().String("cpuprofile", "", "")
		cmd.SetArgs([]string{"--host", "127.0.0.1:99999", "--timeout", opt.Timeout.String()})
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.Execute()
		if err == nil || !strings.Contains(err.Error(), "invalid port") {
			routesErr = fmt.Errorf("serve: setting up Cayley's routes: %v", err)
		}
		vocabOnce.Do(func() {
			// The vocabulary at the path of its namespace (…/ns#met is a
			// term of the document …/ns), for RDF tools that dereference it.
			http.HandleFunc("/ns", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
				WriteVocabulary(w)
			})
		})
	})
	return routesErr
}

// Handler returns the guarded HTTP handler of Serve: the analyst's page
// under /ng/ and Cayley's API and UI, behind newsgraph's rules (see guard).
func (s *Store) Handler(opt ServeOptions) (http.Handler, error) {
	opt.defaults()
	if err := s.cayleyRoutes(opt); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/ng/", s.pageHandler())
	if s.pg != nil {
		s.pgRoutes(mux, opt)
	}
	mux.Handle("/", http.DefaultServeMux) // Cayley's console, API and files
	return newGuard(s, opt, mux), nil
}

// Serve runs the guarded HTTP API and web UI over this store until the
// process ends, from its own http.Server (timeouts, header limit).
func (s *Store) Serve(opt ServeOptions) error {
	opt.defaults()
	h, err := s.Handler(opt)
	if err != nil {
		return err
	}
	return newHTTPServer(opt.Addr, h, opt.Timeout).ListenAndServe()
}

// newHTTPServer is serve's http.Server: header, read, write and idle
// timeouts (a trickling client is cut off) and a header size limit.
func newHTTPServer(addr string, h http.Handler, queryTimeout time.Duration) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      queryTimeout + 15*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
