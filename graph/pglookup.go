package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	cg "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"newsgraph/schema"
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

// pgQuadsOf is quadsOf on PostgreSQL: the quads whose direction d is v,
// in two statements, the quads' hashes and then their distinct values.
// Cayley's iterator asks the server for each value of each quad in a query
// of its own (past a cache of 1,024 values): an update of one article,
// which reads its old quads, was about fifty round trips.
func (s *Store) pgQuadsOf(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	rows, err := s.pg.db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE `+d.String()+`_hash = $1`, pgHash(v))
	if err != nil {
		return nil, fmt.Errorf("quads of %s: %w", quad.StringOf(v), err)
	}
	defer rows.Close()
	var hashes [][4][]byte
	distinct := map[string]bool{}
	for rows.Next() {
		var h [4][]byte
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			return nil, err
		}
		hashes = append(hashes, h)
		for _, b := range h {
			if b != nil {
				distinct[string(b)] = true
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(hashes) == 0 {
		return nil, nil
	}
	vals, err := s.pgValues(ctx, distinct)
	if err != nil {
		return nil, fmt.Errorf("quads of %s: %w", quad.StringOf(v), err)
	}
	out := make([]quad.Quad, 0, len(hashes))
	for _, h := range hashes {
		q := quad.Quad{Subject: vals[string(h[0])], Predicate: vals[string(h[1])], Object: vals[string(h[2])]}
		if h[3] != nil {
			q.Label = vals[string(h[3])]
		}
		if q.Subject == nil || q.Predicate == nil || q.Object == nil || (h[3] != nil && q.Label == nil) {
			return nil, fmt.Errorf("quads of %s: a quad names a value the nodes table lacks", quad.StringOf(v))
		}
		out = append(out, q)
	}
	return out, nil
}

// pgValues reads the values of a set of node hashes (as strings) from
// Cayley's nodes table, as Cayley's NameOf decodes a row, all in one
// statement.
func (s *Store) pgValues(ctx context.Context, set map[string]bool) (map[string]quad.Value, error) {
	hashes := make([][]byte, 0, len(set))
	for h := range set {
		hashes = append(hashes, []byte(h))
	}
	rows, err := s.pg.db.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1::bytea[])`, pq.Array(hashes))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]quad.Value, len(hashes))
	for rows.Next() {
		var (
			hash, data     []byte
			str, typ, lang sql.NullString
			iri, bnode, vb sql.NullBool
			vint           sql.NullInt64
			vfloat         sql.NullFloat64
			vtime          csql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vb, &vfloat, &vtime); err != nil {
			return nil, err
		}
		var val quad.Value
		switch {
		case str.Valid && iri.Bool:
			val = quad.IRI(str.String)
		case str.Valid && bnode.Bool:
			val = quad.BNode(str.String)
		case str.Valid && lang.Valid:
			val = quad.LangString{Value: quad.String(unescapeNull(str.String)), Lang: lang.String}
		case str.Valid && typ.Valid:
			val = quad.TypedString{Value: quad.String(unescapeNull(str.String)), Type: quad.IRI(typ.String)}
		case str.Valid:
			val = quad.String(unescapeNull(str.String))
		case vint.Valid:
			val = quad.Int(vint.Int64)
		case vb.Valid:
			val = quad.Bool(vb.Bool)
		case vfloat.Valid:
			val = quad.Float(vfloat.Float64)
		case vtime.Valid:
			val = quad.Time(vtime.Time)
		default:
			if val, err = pquads.UnmarshalValue(data); err != nil {
				return nil, fmt.Errorf("a value of the nodes table: %w", err)
			}
		}
		out[string(hash)] = val
	}
	return out, rows.Err()
}

// unescapeNull undoes the escape of NUL bytes in Cayley's value_string.
func unescapeNull(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }

// pgIndexOf is indexOf on PostgreSQL: the IndexGraph quads of all the
// nodes in one statement, their values in a second.
func (s *Store) pgIndexOf(ctx context.Context, nodes []quad.IRI) (map[quad.IRI]map[quad.Quad]bool, error) {
	byHash := make(map[string]quad.IRI, len(nodes))
	hashes := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		h := pgHash(n)
		byHash[string(h)] = n
		hashes = append(hashes, h)
	}
	preds := map[string]quad.IRI{string(pgHash(schema.Key)): schema.Key, string(pgHash(schema.SearchTerm)): schema.SearchTerm}
	rows, err := s.pg.db.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash FROM quads
		WHERE subject_hash = ANY($1::bytea[]) AND predicate_hash IN ($2, $3) AND label_hash = $4`,
		pq.Array(hashes), pgHash(schema.Key), pgHash(schema.SearchTerm), pgHash(schema.IndexGraph))
	if err != nil {
		return nil, fmt.Errorf("the index of %d nodes: %w", len(nodes), err)
	}
	defer rows.Close()
	var found [][3][]byte
	objects := map[string]bool{}
	for rows.Next() {
		var h [3][]byte
		if err := rows.Scan(&h[0], &h[1], &h[2]); err != nil {
			return nil, err
		}
		found = append(found, h)
		objects[string(h[2])] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	out := map[quad.IRI]map[quad.Quad]bool{}
	if len(found) == 0 {
		return out, nil
	}
	vals, err := s.pgValues(ctx, objects)
	if err != nil {
		return nil, fmt.Errorf("the index of %d nodes: %w", len(nodes), err)
	}
	for _, h := range found {
		node, pred, obj := byHash[string(h[0])], preds[string(h[1])], vals[string(h[2])]
		if obj == nil {
			return nil, fmt.Errorf("the index of %s: a quad names a value the nodes table lacks", node)
		}
		m := out[node]
		if m == nil {
			m = map[quad.Quad]bool{}
			out[node] = m
		}
		m[quad.Quad{Subject: node, Predicate: pred, Object: obj, Label: schema.IndexGraph}] = true
	}
	return out, nil
}
