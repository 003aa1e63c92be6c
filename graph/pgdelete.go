package graph

import (
	"database/sql"

	cg "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// ApplyDeltas is Cayley v0.7.7's SQL ApplyDeltas (one transaction: the
// node counts raised and the quads added by pgRunTx, then the removals,
// then the counts lowered and the nodes left with none deleted) with the
// removals batched. Cayley's removes one quad per statement (an update of
// an article: a round trip for each of its hundred quads), lowers one
// node's count per statement, and ends every transaction that removes
// anything with DELETE FROM nodes WHERE refs <= 0, a scan of the whole
// nodes table. Here the quads go pgDeleteRows to a DELETE ... USING unnest(arrays)
// RETURNING (which says which were there), the counts as many to an
// UPDATE ... FROM unnest(arrays), and only the lowered nodes are checked for
// deletion. The result is Cayley's, row for row (TestPGWriterEqualsCayleys).
func (q *pgQS) ApplyDeltas(in []cg.Delta, opts cg.IgnoreOpts) error {
	deltas := graphlog.SplitDeltas(in)
	tx, err := q.db.Begin()
	if err != nil {
		return err
	}
	if err := q.applyDeltas(tx, deltas, opts); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Cayley keeps the store's quad and node counts once it counted them
	// and forgets them in its own ApplyDeltas only: an empty one, a
	// transaction with no statement, makes it count again.
	return q.QuadStore.ApplyDeltas(nil, opts)
}

func (q *pgQS) applyDeltas(tx *sql.Tx, deltas *graphlog.Deltas, opts cg.IgnoreOpts) error {
	if err := pgRunTx(tx, deltas.IncNode, deltas.QuadAdd, opts); err != nil {
		return err
	}
	if len(deltas.QuadDel) == 0 {
		return nil
	}
	// The quads to remove, each once: a second removal of the same quad in
	// one transaction finds nothing, as one statement each would.
	type key = [4]cg.ValueHash
	want := map[key]int{} // how many times each is removed
	var order []key
	for _, d := range deltas.QuadDel {
		k := key{d.Quad.Subject, d.Quad.Predicate, d.Quad.Object, d.Quad.Label}
		if want[k] == 0 {
			order = append(order, k)
		}
		want[k]++
	}
	found := map[key]bool{}
	var labelled [4][][]byte // the quads' hashes, by direction
	var unlabelled []key     // Cayley's HTTP API may write quads without a label
	flush := func() error {
		if len(labelled[0]) == 0 {
			return nil
		}
		res, err := tx.Query(`DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS v(s, p, o, l)
			WHERE q.subject_hash = v.s AND q.predicate_hash = v.p AND q.object_hash = v.o AND q.label_hash = v.l
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`,
			pq.Array(labelled[0]), pq.Array(labelled[1]), pq.Array(labelled[2]), pq.Array(labelled[3]))
		for i := range labelled {
			labelled[i] = labelled[i][:0]
		}
		if err != nil {
			return postgres.ConvError(err)
		}
		defer res.Close()
		for res.Next() {
			var hs [4]csql.NodeHash
			if err := res.Scan(&hs[0], &hs[1], &hs[2], &hs[3]); err != nil {
				return err
			}
			found[key{hs[0].ValueHash, hs[1].ValueHash, hs[2].ValueHash, hs[3].ValueHash}] = true
		}
		return res.Err()
	}
	for _, k := range order {
		if !k[3].Valid() {
			unlabelled = append(unlabelled, k)
			continue
		}
		for i := range k {
			labelled[i] = append(labelled[i], bytea(k[i]))
		}
		if len(labelled[0]) == pgDeleteRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, k := range unlabelled {
		res, err := tx.Exec(`DELETE FROM quads WHERE subject_hash = $1 AND predicate_hash = $2 AND object_hash = $3 AND label_hash IS NULL`,
			bytea(k[0]), bytea(k[1]), bytea(k[2]))
		if err != nil {
			return postgres.ConvError(err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n > 0 {
			found[k] = true
		}
	}
	// A removal that found no quad: an error, or with IgnoreMissing its
	// values' counts are not lowered for it.
	fix := map[cg.ValueHash]int{}
	for _, k := range order {
		missed := want[k]
		if found[k] {
			missed--
		}
		if missed == 0 {
			continue
		}
		if !opts.IgnoreMissing {
			return &cg.DeltaError{Err: cg.ErrQuadNotExist}
		}
		for _, h := range k {
			if h.Valid() {
				fix[h] += missed
			}
		}
	}
	var incs []int64
	var hashes [][]byte
	for _, n := range deltas.DecNode {
		if inc := n.RefInc + fix[n.Hash]; inc != 0 {
			incs, hashes = append(incs, int64(inc)), append(hashes, bytea(n.Hash))
		}
	}
	for len(hashes) > 0 {
		k := min(pgDeleteRows, len(hashes))
		if _, err := tx.Exec(`UPDATE nodes SET refs = nodes.refs + v.d FROM unnest($1::bigint[], $2::bytea[]) AS v(d, h) WHERE nodes.hash = v.h`,
			pq.Array(incs[:k]), pq.Array(hashes[:k])); err != nil {
			return postgres.ConvError(err)
		}
		if _, err := tx.Exec(`DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, pq.Array(hashes[:k])); err != nil {
			return postgres.ConvError(err)
		}
		incs, hashes = incs[k:], hashes[k:]
	}
	return nil
}

// pgDeleteRows is how many quads one DELETE statement removes, and how
// many nodes' counts one UPDATE lowers (each an array parameter).
const pgDeleteRows = 5000

// bytea is a hash as the tables hold it.
func bytea(h cg.ValueHash) []byte { return h[:] }
