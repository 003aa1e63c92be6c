package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"newsgraph/graph"
	"newsgraph/schema"
)

// bulkLoad is an ingest --bulk: the PostgreSQL store to fill and the
// temporary bolt store the articles are ingested into first.
type bulkLoad struct {
	target *graph.Store
	local  *graph.Store
	dir    string
	db     string
}

// openBulk opens the target of ingest --bulk, which must be an empty
// PostgreSQL store, and a new bolt store in a temporary directory, with
// the target's base.
func openBulk(c *cli.Context) (*bulkLoad, error) {
	if _, err := sourceOptions(c); err != nil {
		return nil, err // a bad flag creates no store
	}
	db := c.String("db")
	if backend, _, err := graph.ParseSpec(db); err == nil && backend != "postgres" {
		return nil, usageErr("--bulk fills a PostgreSQL store (--db postgres://...); %s is written directly by a plain ingest", db)
	}
	target, err := openStore(c, true)
	if err != nil {
		return nil, err
	}
	empty, err := target.Empty(context.Background())
	if err != nil {
		target.Close()
		return nil, &exitError{code: exitFailure, err: err}
	}
	if !empty {
		target.Close()
		return nil, usageErr("--bulk fills an empty store, and %s holds articles: ingest without --bulk to add to it", db)
	}
	dir, err := os.MkdirTemp("", "newsgraph-bulk-")
	if err != nil {
		target.Close()
		return nil, &exitError{code: exitFailure, err: fmt.Errorf("--bulk: a temporary directory: %w", err)}
	}
	local, err := graph.Open(filepath.Join(dir, "db"), graph.Options{Create: true, NoSync: true})
	if err == nil {
		err = local.RecordBase(context.Background(), schema.Base())
	}
	if err != nil {
		target.Close()
		os.RemoveAll(dir)
		return nil, &exitError{code: exitFailure, err: fmt.Errorf("--bulk: the temporary store: %w", err)}
	}
	local.SetAliases(gazetteerAliases())
	return &bulkLoad{target: target, local: local, dir: dir, db: db}, nil
}

// copy copies the local store into the target, telling progress every
// million quads unless quiet.
func (b *bulkLoad) copy(ctx context.Context, w io.Writer, quiet bool) error {
	total, _ := b.local.Count(ctx) // with its base record, which is not copied
	if !quiet {
		fmt.Fprintf(w, "copying the articles' quads into %s in one transaction...\n", b.db)
	}
	next := 1000000
	n, err := b.target.CopyFrom(ctx, b.local, func(n int) {
		if !quiet && n >= next {
			fmt.Fprintf(w, "  %d of %d quads\n", n, total)
			next += 1000000
		}
	})
	if errors.Is(err, graph.ErrNotEmpty) {
		return fmt.Errorf("--bulk: another writer wrote to %s meanwhile; nothing was copied: ingest without --bulk", b.db)
	}
	if err != nil {
		return fmt.Errorf("--bulk: %w", err)
	}
	if !quiet {
		fmt.Fprintf(w, "copied %d quads\n", n)
	}
	return nil
}

// close closes both stores and removes the temporary one.
func (b *bulkLoad) close() {
	b.local.Close()
	b.target.Close()
	os.RemoveAll(b.dir)
}
