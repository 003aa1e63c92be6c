package graph

import (
	"context"
	"database/sql"
	"fmt"

	cg "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// The lookups the commands are made of (subjectsUpTo, hasTriple,
// eachPair), answered on PostgreSQL by one SQL statement each over
// Cayley's tables, where Cayley's API has none: its quad iterator fixes
// one direction only, so "the persons of nationality VN" read every quad
// whose object is VN (every article's mention of it) and then asked the
// server for each subject's value, one query per subject. Here the
// predicate is in the WHERE clause, served by Cayley's (object, predicate,
// subject) and (subject, predicate, object) indexes, and the subjects'
// values come in the same statement.

// pgSubjects is subjectsUpTo on PostgreSQL: the distinct IRI subjects of
// (?, pred, obj), at most budget of them (0: all), in the order of their
// hashes, and whether that was all of them.
func (s *Store) pgSubjects(ctx context.Context, pred quad.IRI, obj quad.Value, budget int, fn func(quad.IRI)) (bool, error) {
	limit := ""
	if budget > 0 {
		limit = fmt.Sprintf(" LIMIT %d", budget+1) // one more says there are more
	}
	rows, err := s.pg.db.QueryContext(ctx, `SELECT n.value_string, n.iri FROM (
		SELECT DISTINCT subject_hash FROM quads WHERE object_hash = $1 AND predicate_hash = $2 ORDER BY subject_hash`+limit+`
	) q JOIN nodes n ON n.hash = q.subject_hash ORDER BY q.subject_hash`, pgHash(obj), pgHash(pred))
	if err != nil {
		return false, fmt.Errorf("subjects of %s %s: %w", quad.StringOf(pred), quad.StringOf(obj), err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v sql.NullString
		var iri sql.NullBool
		if err := rows.Scan(&v, &iri); err != nil {
			return false, err
		}
		if budget > 0 && n == budget {
			return false, nil
		}
		n++
		if v.Valid && iri.Bool {
			fn(quad.IRI(v.String))
		}
	}
	return true, rows.Err()
}

// pgHasTriple is hasTriple on PostgreSQL: whether a quad (subj, pred, obj)
// exists in any article.
func (s *Store) pgHasTriple(ctx context.Context, subj, pred quad.IRI, obj quad.Value) (bool, error) {
	var ok bool
	err := s.pg.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM quads WHERE subject_hash = $1 AND predicate_hash = $2 AND object_hash = $3)`,
		pgHash(subj), pgHash(pred), pgHash(obj)).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("%s %s %s: %w", quad.StringOf(subj), quad.StringOf(pred), quad.StringOf(obj), err)
	}
	return ok, nil
}

// pgPairIterator is pairIterator on PostgreSQL: Cayley's SQL iterator of
// the quads whose direction d is node and whose predicate is pred, both in
// its WHERE clause (Cayley's QuadIterator has only the first).
func pgPairIterator(qs *pgQS, d quad.Direction, node, pred cg.Ref) (cg.Iterator, bool) {
	n, ok1 := node.(csql.Value)
	p, ok2 := pred.(csql.Value)
	if !ok1 || !ok2 {
		return nil, false
	}
	sel := csql.AllQuads("")
	sel.WhereEq("", d.String()+"_hash", n)
	sel.WhereEq("", quad.Predicate.String()+"_hash", p)
	return qs.NewIterator(sel), true
}

// pgHash is a value's hash as Cayley's SQL tables hold it.
func pgHash(v quad.Value) []byte { return bytea(cg.HashOf(v)) }
