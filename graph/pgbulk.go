package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	cg "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"newsgraph/schema"
)

// ErrNotEmpty is CopyFrom's refusal of a store that holds articles.
var ErrNotEmpty = errors.New("the store is not empty")

// copyChunk is how many quads CopyFrom hands the writer at a time.
const copyChunk = 20000

// Empty reports whether a PostgreSQL store holds no quad but its own
// metadata (StoreGraph): what CopyFrom needs of its target.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	if s.pg == nil {
		return false, errors.New("Empty: not a PostgreSQL store")
	}
	var any bool
	err := s.pg.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quads WHERE label_hash IS NULL OR label_hash <> $1)`, pgHash(schema.StoreGraph)).Scan(&any)
	return !any, err
}

// CopyFrom writes every quad of src but its metadata into s, an empty
// PostgreSQL store, in one transaction under the writer lock: the store
// is either src's whole graph or left empty. It is the bulk path of a
// first load (ingest --bulk): the articles are ingested into a local bolt
// store, where reconciling each with what came before is a lookup in the
// process, and then copied here. Inserting rows one by one into the quads
// table's six indexes costs PostgreSQL about 32 µs a row (a 10k-article
// store: 30 s of the 32 s an INSERT ... SELECT of its rows takes; 1.5 s
// with no index), so the copy drops the table's secondary indexes, COPYs
// the rows in, and builds the indexes again from their own definitions,
// all in the transaction (readers of the store wait for it). The values
// are COPYed, with their reference counts summed per chunk of copyChunk
// quads, into a temporary table and summed into the nodes table at the
// end. progress, if not nil, is told the quads copied so far after each
// chunk. It returns how many it copied.
func (s *Store) CopyFrom(ctx context.Context, src *Store, progress func(n int)) (int, error) {
	if s.pg == nil {
		return 0, errors.New("copy: the target is not a PostgreSQL store")
	}
	unlock, _, err := s.lockWriters(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	empty, err := s.Empty(ctx)
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	if !empty {
		return 0, ErrNotEmpty
	}
	tx, err := s.pg.conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	defer tx.Rollback()
	n, err := pgCopy(ctx, tx, src, progress)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("copy (nothing was written): %w", err)
	}
	// The planner's statistics, for tables that went from empty to full.
	if _, err := s.pg.db.ExecContext(ctx, `ANALYZE quads; ANALYZE nodes`); err != nil {
		return n, fmt.Errorf("copy: analyze: %w", err)
	}
	return n, nil
}

// nodeColumns are the columns of Cayley's nodes table, in the order
// pgCopy writes them.
var nodeColumns = []string{"hash", "refs", "value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

// pgCopy is CopyFrom's work in tx.
func pgCopy(ctx context.Context, tx *sql.Tx, src *Store, progress func(n int)) (int, error) {
	// The secondary indexes of the quads table (not the primary key, nor
	// an index that backs a constraint), to build again after the rows.
	rows, err := tx.QueryContext(ctx, `SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		WHERE x.indrelid = 'quads'::regclass AND NOT x.indisprimary
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`)
	if err != nil {
		return 0, err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return 0, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+pq.QuoteIdentifier(name)); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE newsgraph_copy_nodes (LIKE nodes) ON COMMIT DROP`); err != nil {
		return 0, err
	}
	copyRows := func(table string, cols []string, rows [][]any) error {
		st, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := st.ExecContext(ctx, r...); err != nil {
				st.Close()
				return err
			}
		}
		if _, err := st.ExecContext(ctx); err != nil {
			st.Close()
			return err
		}
		return st.Close()
	}
	now := time.Now()
	col := map[string]int{}
	for i, c := range nodeColumns {
		col[c] = i
	}
	n := 0
	deltas := make([]cg.Delta, 0, copyChunk)
	write := func() error {
		if len(deltas) == 0 {
			return nil
		}
		d := graphlog.SplitDeltas(deltas)
		nodes := make([][]any, 0, len(d.IncNode))
		for _, u := range d.IncNode {
			key, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: u.Hash}, u.Val)
			if err != nil {
				return err
			}
			row := make([]any, len(nodeColumns))
			row[0], row[1] = vals[0], u.RefInc
			for i, c := range key.Columns() {
				row[col[c]] = vals[i+1]
			}
			nodes = append(nodes, row)
		}
		quads := make([][]any, 0, len(d.QuadAdd))
		for _, u := range d.QuadAdd {
			quads = append(quads, append(quadRow(u, 1), now))
		}
		if err := copyRows("newsgraph_copy_nodes", nodeColumns, nodes); err != nil {
			return err
		}
		if err := copyRows("quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}, quads); err != nil {
			return err
		}
		n += len(deltas)
		deltas = deltas[:0]
		if progress != nil {
			progress(n)
		}
		return nil
	}
	err = src.AllQuads(ctx, func(q quad.Quad) error {
		if q.Label == schema.StoreGraph {
			return nil // the target has its own
		}
		deltas = append(deltas, cg.Delta{Quad: q, Action: cg.Add})
		if len(deltas) == copyChunk {
			return write()
		}
		return nil
	})
	if err == nil {
		err = write()
	}
	if err != nil {
		return 0, err
	}
	cols := strings.Join(nodeColumns, ", ")
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (`+cols+`)
		SELECT DISTINCT ON (hash) hash, sum(refs) OVER (PARTITION BY hash), `+strings.Join(nodeColumns[2:], ", ")+`
		FROM newsgraph_copy_nodes ORDER BY hash
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`); err != nil {
		return 0, fmt.Errorf("the values: %w", err)
	}
	for i, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return 0, fmt.Errorf("index %s: %w", names[i], err)
		}
	}
	return n, nil
}
