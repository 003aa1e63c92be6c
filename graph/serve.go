package graph

import (
	"fmt"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/cmd/cayley/command"
	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/spf13/viper"
)

// sharedKV hands our open kv store to Cayley's HTTP command, keeping the
// kv methods the query optimiser uses; closing it is our job, not theirs.
type sharedKV struct{ *kv.QuadStore }

func (sharedKV) Close() error { return nil }

// sharedQS does the same for any other quad store.
type sharedQS struct{ cg.QuadStore }

func (sharedQS) Close() error { return nil }

var registerOnce sync.Once

// ServeOptions configure Serve.
type ServeOptions struct {
	Addr     string        // host:port, default 127.0.0.1:64210
	Writable bool          // allow the write page and API to change the store
	Timeout  time.Duration // per-query timeout (default 30s)
}

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
	qs := s.h.QuadStore
	registerOnce.Do(func() {
		cg.RegisterQuadStore("newsgraph-shared", cg.QuadStoreRegistration{
			NewFunc: func(string, cg.Options) (cg.QuadStore, error) {
				if k, ok := qs.(*kv.QuadStore); ok {
					return sharedKV{k}, nil
				}
				return sharedQS{qs}, nil
			},
			UpgradeFunc:  nil,
			InitFunc:     func(string, cg.Options) error { return nil },
			IsPersistent: true,
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
