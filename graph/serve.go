package graph

import (
	"fmt"
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

// ServeOptions configure Serve.
type ServeOptions struct {
	Addr     string        // host:port, default 127.0.0.1:64210
	Writable bool          // allow the write page and API to change the store
	Timeout  time.Duration // per-query timeout (default 30s)
}

var vocabOnce sync.Once

// Serve runs Cayley's HTTP API (v1 and v2) and its web UI (query,
// visualize and write pages) over this store until the process ends. It
// can run once per process.
func (s *Store) Serve(opt ServeOptions) error {
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:64210"
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if err := PrepareUI(); err != nil {
		return err
	}
	qs := s.h.QuadStore
	registerOnce.Do(func() {
		cg.RegisterQuadStore("newsgraph-shared", cg.QuadStoreRegistration{
			// The store itself, not a wrapper: cayley's kv iterators
			// type-assert *kv.QuadStore. The HTTP command closes it only
			// when the server stops, that is when the process ends.
			NewFunc: func(string, cg.Options) (cg.QuadStore, error) {
				return qs, nil
			},
			UpgradeFunc:  nil,
			InitFunc:     func(string, cg.Options) error { return nil },
			IsPersistent: true,
		})
	})
	vocabOnce.Do(func() {
		// The vocabulary at the path of its namespace (…/ns#met is a term
		// of the document …/ns), for RDF tools that dereference it.
		http.HandleFunc("/ns", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
			WriteVocabulary(w)
		})
	})
	viper.Set(command.KeyBackend, "newsgraph-shared")
	viper.Set(command.KeyAddress, "")
	viper.Set(command.KeyReadOnly, !opt.Writable)
	cmd := command.NewHttpCmd()
	// The command reads these flags, which normally live on cayley's root
	// command; without them it dereferences nil.
	cmd.Flags().String("memprofile", "", "")
	cmd.Flags().String("cpuprofile", "", "")
	cmd.SetArgs([]string{"--host", opt.Addr, "--timeout", opt.Timeout.String()})
	if err := cmd.Execute(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
