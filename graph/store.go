package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley"
	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cbolt "github.com/cayleygraph/cayley/graph/kv/bolt" // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"    // registers "memstore"
	_ "github.com/cayleygraph/cayley/writer"            // registers the "single" quad writer
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// ErrLocked is returned when another process holds the store.
var ErrLocked = errors.New("store is locked by another process")

// ErrDamaged is returned when a store's files cannot be read as a store.
var ErrDamaged = errors.New("store damaged")

// Mem is the spec of an in-memory store.
const Mem = "mem:"

// Options tune Open.
type Options struct {
	// Create initializes a missing store (default for ingest).
	Create bool
	// NoSync skips fsync on bolt commits (faster, less durable).
	NoSync bool
	// LockWait is how long to wait for a locked store (default 2s).
	LockWait time.Duration
}

// Store is an open Cayley store.
type Store struct {
	h *cayley.Handle
	// db is the bolt key-value store under h (nil for memory stores):
	// serve builds Cayley's HTTP routes over a second quad store on it.
	db hkv.KV
	// aliases are the gazetteer's names for nodes (SetAliases).
	aliases AliasFunc
	// pg is the PostgreSQL side of a shared store (nil otherwise).
	pg *pgState
	// kvIdx are a bolt store's indexes (nil otherwise).
	kvIdx *kvIndexes
	// stopWatch ends the watch over a bolt store's mapped pages (see
	// watchMapped); nil for other stores.
	stopWatch func()
}

func init() {
	// The kv store's indexes, written into a store when it is created (a
	// store keeps the list it was made with).
	//
	// Cayley's own two, (Subject, Predicate) and (Object, Predicate,
	// Subject), keep under one key the list of every quad with those
	// values, whatever its label: a country or a minister named in every
	// article has one list as long as the archive, which every commit that
	// adds to it reads and writes back whole, and which every write of an
	// existing article (an update, a removal) reads and walks quad by quad
	// to find its own. Both grow with the corpus, so ingest and update
	// grew faster than it. Here the label is part of both keys: a key
	// holds one quad (and its dead copies), prefix scans answer the same
	// questions (a subject's quads, an object's, a subject and
	// predicate's: pairIterator), and no key grows with the number of
	// articles. In (Subject, Predicate, Label, Object) the label comes
	// before the object, so a subject's values under a predicate come in
	// the order their articles were first stored (an article's node is
	// made once, and its id only grows), which firstValues relies on.
	//
	// A (Label, Subject) index makes "all quads of an article" an index
	// lookup (the per-article replace).
	kv.DefaultQuadIndexes = []kv.QuadIndex{
		{Dirs: []quad.Direction{quad.Subject, quad.Predicate, quad.Label, quad.Object}},
		{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject, quad.Label}},
		{Dirs: []quad.Direction{quad.Label, quad.Subject}},
	}
}

// ParseSpec maps a store spec to a Cayley backend and address:
// "mem:" is memstore, "bolt:DIR" or a plain DIR is bolt, a
// postgres:// or postgresql:// URL is Cayley's SQL backend on PostgreSQL.
func ParseSpec(spec string) (backend, addr string, err error) {
	switch {
	case spec == "":
		return "", "", errors.New("empty store path; give --db DIR or --db mem:")
	case spec == Mem || spec == "memstore:":
		return "memstore", "", nil
	case strings.HasPrefix(spec, "bolt:"):
		return "bolt", strings.TrimPrefix(spec, "bolt:"), nil
	case strings.HasPrefix(spec, "postgres://"), strings.HasPrefix(spec, "postgresql://"):
		return "postgres", spec, nil
	case strings.Contains(spec, "://"):
		return "", "", fmt.Errorf("store %q: unsupported backend (want a directory for bolt, a postgres:// URL, or mem:)", spec)
	}
	return "bolt", spec, nil
}

// Open opens (and with opt.Create initializes) the store named by spec.
func Open(spec string, opt Options) (*Store, error) {
	backend, addr, err := ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	if backend == "postgres" {
		return openPostgres(addr, opt)
	}
	s := &Store{}
	if backend == "bolt" {
		if err := prepareBolt(addr, opt); err != nil {
			return nil, err
		}
	}
	opts := cg.Options{}
	if backend == "bolt" {
		opts = kvOptions(opt.NoSync)
	}
	h, db, err := openWithTimeout(backend, addr, opts, opt.lockWait())
	if backend == "bolt" && opt.Create && errors.Is(err, cg.ErrNotInitialized) {
		// A store whose creation an older version left half done (killed
		// before its metadata was written): it holds nothing, so it is
		// made again, and opened.
		if err := os.Remove(filepath.Join(addr, "indexes.bolt")); err != nil {
			return nil, err
		}
		if err := createBolt(addr); err != nil {
			return nil, err
		}
		h, db, err = openWithTimeout(backend, addr, opts, opt.lockWait())
	}
	if err != nil {
		return nil, err
	}
	s.h, s.db = h, db
	if b, ok := h.QuadStore.(*boltQS); ok {
		s.kvIdx = b.idx
	}
	if b, ok := db.(interface{ DB() *bolt.DB }); ok {
		s.stopWatch = watchMapped(b.DB())
	}
	return s, nil
}

func (o Options) lockWait() time.Duration {
	if o.LockWait > 0 {
		return o.LockWait
	}
	return 2 * time.Second
}

// prepareBolt creates the directory and the database when asked, and fails
// fast when another process holds the file.
func prepareBolt(dir string, opt Options) error {
	file := filepath.Join(dir, "indexes.bolt")
	if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
		if !opt.Create {
			return fmt.Errorf("no store at %s (run 'newsgraph ingest' first, or give --db)", dir)
		}
		// Do not scatter a database into a folder that holds other things.
		if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
			return fmt.Errorf("%s is a folder that is not a newsgraph store (no indexes.bolt); give --db a new or empty folder", dir)
		} else if err == nil {
			// an empty folder: fine
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: %w", dir, err)
		}
		return createBolt(dir)
	} else if err != nil {
		return err
	}
	return checkLock(file, opt.lockWait())
}

// createBolt initialises a bolt store in a temporary directory beside dir
// and renames it into place: a kill at any moment leaves either no store
// or a whole one, never a store that no command can open.
func createBolt(dir string) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".creating-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed; what a failure leaves
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := cg.InitQuadStore("bolt", tmp, nil); err != nil && !errors.Is(err, cg.ErrDatabaseExists) {
		return fmt.Errorf("create store %s: %w", dir, err)
	}
	if err := syncFile(filepath.Join(tmp, "indexes.bolt")); err != nil {
		return err
	}
	// The empty folder given as --db, if any, makes way (os.Remove removes
	// only an empty one); the whole store then appears at once.
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("create store %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("create store %s: %w", dir, err)
	}
	return syncFile(parent)
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// checkLock tries bolt's own lock (flock) on file and releases it at once.
func checkLock(file string, wait time.Duration) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: %w (a running 'newsgraph serve' or ingest?); stop it or use another --db", filepath.Dir(file), ErrLocked)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openWithTimeout opens the store, giving up when the backend blocks (bolt
// waits forever for a lock taken between our check and its open).
func openWithTimeout(backend, addr string, opts cg.Options, wait time.Duration) (*cayley.Handle, hkv.KV, error) {
	type res struct {
		h   *cayley.Handle
		db  hkv.KV
		err error
	}
	ch := make(chan res, 1)
	go func() {
		defer func() {
			// bolt panics on some corrupted files.
			if p := recover(); p != nil {
				ch <- res{nil, nil, fmt.Errorf("%v", p)}
			}
		}()
		if backend != "bolt" {
			h, err := cayley.NewGraph(backend, addr, opts)
			ch <- res{h, nil, err}
			return
		}
		// What cayley.NewGraph does for bolt, keeping the key-value store.
		db, err := cbolt.Open(addr, opts)
		if err != nil {
			ch <- res{nil, nil, err}
			return
		}
		qs, err := openKV(db, opts)
		if err != nil {
			db.Close()
			ch <- res{nil, nil, err}
			return
		}
		qw, err := cg.NewQuadWriter("single", qs, cg.Options{})
		if err != nil {
			qs.Close()
			ch <- res{nil, nil, err}
			return
		}
		ch <- res{&cayley.Handle{QuadStore: qs, QuadWriter: qw}, db, nil}
	}()
	select {
	case r := <-ch:
		if r.err != nil {
			if backend == "bolt" {
				return nil, nil, fmt.Errorf("%w: %s: %w (restore it from a backup made with 'newsgraph export', or remove it and ingest again)", ErrDamaged, addr, r.err)
			}
			return nil, nil, fmt.Errorf("open %s store %s: %w", backend, addr, r.err)
		}
		return r.h, r.db, nil
	case <-time.After(wait + 3*time.Second):
		return nil, nil, fmt.Errorf("%s: %w; stop the other process or use another --db", addr, ErrLocked)
	}
}

// kvOptions are the options of Cayley's kv store on bolt.
func kvOptions(nosync bool) cg.Options {
	opts := cg.Options{}
	if nosync {
		opts["nosync"] = true
	}
	if os.Getenv("NEWSGRAPH_BLOOM") == "" {
		// Cayley's kv store builds, at every open, a bloom filter of every
		// quad (a scan of the whole store, and two 100-million-entry
		// filters, 370 MB): an open would cost the store's size in time,
		// and any process a fixed third of a gigabyte. Without it a
		// write's "is this quad there" is an index lookup. NEWSGRAPH_BLOOM=1
		// turns it back on (for comparison: bench/scale.sh).
		opts[kv.OptNoBloom] = true
	}
	return opts
}

// openKV opens Cayley's kv quad store on db, with newsgraph's planner.
func openKV(db hkv.KV, opts cg.Options) (cg.QuadStore, error) {
	qs, err := kv.New(db, opts)
	if err != nil {
		return nil, err
	}
	kqs := qs.(*kv.QuadStore)
	idx, err := readKVIndexes(context.Background(), db, kqs)
	if err != nil {
		qs.Close()
		return nil, err
	}
	return &boltQS{QuadStore: kqs, idx: idx}, nil
}

// Close closes the store.
func (s *Store) Close() error {
	if s.h == nil {
		return nil
	}
	if s.stopWatch != nil {
		s.stopWatch()
	}
	err := s.h.Close()
	s.h = nil
	if s.pg != nil {
		s.pg.db.Close()
	}
	return err
}

// Count returns the number of quads in the store.
func (s *Store) Count(ctx context.Context) (int64, error) {
	// bolt and memory count quads exactly either way (bolt's exact count
	// would also count its nodes, a scan of them all); PostgreSQL estimates
	// them unless asked for the exact count.
	st, err := s.h.QuadStore.Stats(ctx, s.pg != nil)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a bolt store nothing was written to yet
	}
	if err != nil {
		return 0, err
	}
	return st.Quads.Size, nil
}

// quadsOf returns the quads whose direction d is v.
func (s *Store) quadsOf(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	if s.pg != nil {
		return s.pgQuadsOf(ctx, d, v)
	}
	return s.cayleyQuadsOf(ctx, d, v)
}

// cayleyQuadsOf is quadsOf by Cayley's quad iterator, on any store.
func (s *Store) cayleyQuadsOf(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	qs := s.h.QuadStore
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil, nil
	}
	it := qs.QuadIterator(d, ref)
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		out = append(out, qs.Quad(it.Result()))
	}
	return out, it.Err()
}

// AllQuads calls fn for every quad of the store.
func (s *Store) AllQuads(ctx context.Context, fn func(quad.Quad) error) error {
	r := cg.NewQuadStoreReader(s.h.QuadStore)
	defer r.Close()
	for {
		q, err := r.ReadQuad()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}
