package graph

import (
	"context"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"
)

// values returns the objects of (node, pred) through the (Subject,
// Predicate) index; with label set, only those of that article.
func (s *Store) values(ctx context.Context, node quad.Value, pred quad.IRI, label quad.Value) ([]quad.Value, error) {
	p := path.StartPath(s.h.QuadStore, node)
	if label != nil {
		p = p.LabelContext(label)
	}
	return p.Out(pred).Iterate(ctx).AllValues(s.h.QuadStore)
}

// subjects returns the subjects of (pred, node) through the (Object,
// Predicate) index.
func (s *Store) subjects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return path.StartPath(s.h.QuadStore, node).In(pred).Iterate(ctx).AllValues(s.h.QuadStore)
}
