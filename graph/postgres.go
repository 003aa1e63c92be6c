package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cayleygraph/cayley"
	cg "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // Cayley's SQL backend on PostgreSQL (lib/pq)
)

// PostgreSQL, the shared store: Cayley's SQL backend, reached by a
// postgres:// URL, which several newsgraph processes (on several machines)
// read and write at once.
//
// Writers are serialised by one PostgreSQL advisory lock (writerLockKey),
// held by a writer from its first read for reconciliation until its
// transaction is committed: the cross-article reconciliation (one event
// per meeting, the first name kept, partial dates completed) reads what
// the other writers committed and writes on that basis, as a single writer
// would, so N concurrent ingests give the store one sequential ingest in
// their commit order gives. Readers (query, path, serve) take no lock.
// The lock is held per transaction (a batch of up to 10,000 quads, a few
// hundred articles), while extraction runs outside it on every writer, so
// writers overlap in all but the store writes themselves. Serialisable
// transactions with retries were the other choice: they would abort and
// redo whole batches whenever two writers touch the same person, which in
// news is nearly always.

// writerLockKey is the advisory lock's key ("newsgraph" as a number).
const writerLockKey = 0x6e657773677261

type pgState struct {
	url   string
	db    *sql.DB
	mu    sync.Mutex
	depth int
	conn  *sql.Conn
}

// openPostgres opens (and with opt.Create initialises) a store in the
// PostgreSQL database of url, with the indexes newsgraph needs.
// pgIdleConns is how many idle connections to the server a store keeps.
const pgIdleConns = 16

func openPostgres(url string, opt Options) (*Store, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", redact(url), err)
	}
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: cannot reach the PostgreSQL server: %w", redact(url), err)
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", redact(url), err)
	}
	if !exists && !opt.Create {
		db.Close()
		return nil, fmt.Errorf("no store in %s (run 'newsgraph ingest --db URL' first)", redact(url))
	}
	if opt.Create {
		// A writer makes sure of the tables and of the label index (the
		// per-article replace reads an article's quads by label, and
		// Cayley's SQL schema has no index that starts with it), under the
		// writer lock: two writers creating the store at once would
		// otherwise race in PostgreSQL's catalogue.
		if err := pgPrepare(ctx, db, url); err != nil {
			db.Close()
			return nil, err
		}
	}
	// Idle connections kept open: a Gizmo path nests its SQL queries (an
	// outer one's rows open while an inner one runs), so it holds several
	// connections at once, and with database/sql's default of two idle
	// ones every further query opened a new connection, a new server
	// process (the partners-of-vietnam example: 335 queries, 1.1 s of
	// the server's time, 3.9 s of the command's).
	h, err := cayley.NewGraph(pgBackend, url, cg.Options{"maxidleconnections": pgIdleConns})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", redact(url), err)
	}
	if sq, ok := h.QuadStore.(*csql.QuadStore); ok {
		h.QuadStore = &pgQS{QuadStore: sq, db: db} // see pgQS: Cayley's SQL iterators, guarded
		// The writer Cayley made writes through sq; this one through pgQS's
		// ApplyDeltas (batched removals), with the same options.
		if h.QuadWriter, err = cg.NewQuadWriter("single", h.QuadStore, nil); err != nil {
			h.Close()
			db.Close()
			return nil, fmt.Errorf("store %s: %w", redact(url), err)
		}
	}
	return &Store{h: h, pg: &pgState{db: db, url: url}}, nil
}

// pgPrepare creates Cayley's tables when missing and newsgraph's label
// index, under the writer lock.
func pgPrepare(ctx context.Context, db *sql.DB, url string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, writerLockKey); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, writerLockKey)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if err := cg.InitQuadStore(pgBackend, url, nil); err != nil && !errors.Is(err, cg.ErrDatabaseExists) {
			return fmt.Errorf("create store %s: %w", redact(url), err)
		}
	}
	if _, err := conn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS newsgraph_label_index ON quads (label_hash, subject_hash)`); err != nil {
		return fmt.Errorf("store %s: label index: %w", redact(url), err)
	}
	// What a store made by an earlier version has and newsgraph does
	// without (see pgUnneeded), dropped once: ALTER TABLE locks the table,
	// so only when there is something to drop.
	for _, u := range pgUnneeded {
		var there bool
		if err := conn.QueryRowContext(ctx, u.exists).Scan(&there); err != nil {
			return fmt.Errorf("store %s: %w", redact(url), err)
		}
		if there {
			if _, err := conn.ExecContext(ctx, u.drop); err != nil {
				return fmt.Errorf("store %s: %s: %w", redact(url), u.drop, err)
			}
		}
	}
	return nil
}

// pgUnneeded are parts of Cayley's PostgreSQL schema that newsgraph's
// stores do without, for the writes' sake: each quad row inserted paid for
// them (3,000 articles, 351k quads, on the 2-core machine, each change
// alone against the schema before it, in fresh databases: 72.4 and 74.3 s
// with them all, 58.6 and 58.3 s without the foreign keys, 54.3 s without
// the osp index too).
//
//   - The four foreign keys from quads to nodes: each checked every quad's
//     four values in the nodes table and locked their rows (FOR KEY
//     SHARE, a write to the node's row). The node rows are kept by the
//     writer's reference counts (Cayley's, on every store flavour; its
//     CockroachDB one has no foreign keys either), which
//     TestPostgresNodesComplete checks after adds, replaces and removals.
//   - The (object, subject, predicate) index: no lookup of newsgraph's or of
//     Cayley's planner fixes an object and a subject without the
//     predicate often enough to pay an eighth index entry a quad; such a
//     query uses the (object, predicate, subject) one.
//
// New stores are created without the foreign keys (the registration's
// NoForeignKeys); the index is Cayley's and is dropped after it is made.
var pgUnneeded = []struct{ exists, drop string }{
	{`SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f')`,
		`ALTER TABLE quads DROP CONSTRAINT IF EXISTS subject_hash_fk, DROP CONSTRAINT IF EXISTS predicate_hash_fk,
			DROP CONSTRAINT IF EXISTS object_hash_fk, DROP CONSTRAINT IF EXISTS label_hash_fk`},
	{`SELECT to_regclass('osp_index') IS NOT NULL`, `DROP INDEX IF EXISTS osp_index`},
}

// redact hides a password in a URL for messages.
func redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		if j := strings.Index(url[i+3:], "@"); j >= 0 {
			if k := strings.Index(url[i+3:i+3+j], ":"); k >= 0 {
				return url[:i+3+k+1] + "***" + url[i+3+j:]
			}
		}
	}
	return url
}

// Shared reports whether other processes may write the store at once
// (PostgreSQL), so that nothing read from it may be cached across writes.
func (s *Store) Shared() bool { return s.pg != nil }

// lockWriters takes the store's writer lock (reentrant within the
// process) and returns its release; on a store only this process writes
// (bolt, memory) it does nothing. fresh reports that the lock was taken
// now, so that what the caller read before may be stale.
func (s *Store) lockWriters(ctx context.Context) (unlock func(), fresh bool, err error) {
	p := s.pg
	if p == nil {
		return func() {}, false, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.depth == 0 {
		conn, err := p.db.Conn(ctx)
		if err != nil {
			return nil, false, err
		}
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, writerLockKey); err != nil {
			conn.Close()
			return nil, false, fmt.Errorf("taking the store's writer lock: %w", err)
		}
		p.conn, fresh = conn, true
	}
	p.depth++
	return func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.depth--; p.depth == 0 {
			p.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, writerLockKey)
			p.conn.Close()
			p.conn = nil
		}
	}, fresh, nil
}
