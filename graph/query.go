package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"

	"newsgraph/schema"
)

func init() {
	// Gizmo queries may use g.addDefaultNamespaces() and g.IRI("ng:met").
	voc.RegisterPrefix("ng:", schema.NS)
	voc.RegisterPrefix("ngid:", schema.Base())
	voc.RegisterPrefix("schema:", schema.SchemaOrg)
}

// UseBase makes b the namespace of minted resources (schema.SetBase) and
// of the ngid: prefix of Gizmo queries.
func UseBase(b string) error {
	if err := schema.SetBase(b); err != nil {
		return err
	}
	voc.RegisterPrefix("ngid:", b)
	return nil
}

// RecordedBase returns the base IRI the store records, "" when it records
// none.
func (s *Store) RecordedBase(ctx context.Context) (string, error) {
	vs, err := s.values(ctx, schema.StoreGraph, schema.StoreBase, schema.StoreGraph)
	if err != nil {
		return "", err
	}
	for _, v := range vs {
		if str, ok := v.(quad.String); ok {
			return string(str), nil
		}
	}
	return "", nil
}

// RecordBase records b as the store's base IRI.
func (s *Store) RecordBase(ctx context.Context, b string) error {
	return s.h.QuadWriter.AddQuad(quad.Quad{Subject: schema.StoreGraph, Predicate: schema.StoreBase, Object: quad.String(b), Label: schema.StoreGraph})
}

// ErrTimeout is returned when a query runs past its deadline.
var ErrTimeout = errors.New("query timed out")

// Gizmo runs a Gizmo (JavaScript) query in a fresh session and returns its
// results as JSON-ready values: a map of tags to values for each result, or
// the value given to g.emit. limit <= 0 means no limit. The context's
// deadline interrupts the query, loops included.
func (s *Store) Gizmo(ctx context.Context, q string, limit int) ([]any, error) {
	it, err := query.Execute(ctx, s.h.QuadStore, "gizmo", q, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, timeoutErr(ctx, err)
	}
	defer it.Close()
	var out []any
	for it.Next(ctx) {
		r := it.Result()
		if r == nil {
			continue
		}
		out = append(out, r)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		return out, timeoutErr(ctx, err)
	}
	if ctx.Err() != nil {
		return out, timeoutErr(ctx, ctx.Err())
	}
	return out, nil
}

func timeoutErr(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%v)", ErrTimeout, err)
	}
	return err
}
