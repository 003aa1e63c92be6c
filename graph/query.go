package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
	"github.com/cayleygraph/quad/voc"

	"newsgraph/schema"
)

func init() {
	// Gizmo queries may use g.addDefaultNamespaces() and g.IRI("ng:met").
	voc.RegisterPrefix("ng:", schema.NS)
	voc.RegisterPrefix("ngid:", schema.Base)
	voc.RegisterPrefix("schema:", schema.SchemaOrg)
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
