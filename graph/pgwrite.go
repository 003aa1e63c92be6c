package graph

import (
	"database/sql"
	"strconv"
	"strings"

	cg "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
)

// pgBackend is Cayley's PostgreSQL flavour with newsgraph's writer: the
// same tables, indexes, queries and node reference counts (a store it
// writes is an ordinary Cayley PostgreSQL store, which the stock backend
// reads), but each transaction's nodes and quads are inserted with
// multi-row INSERT statements of up to pgRows rows instead of one
// statement (one round trip to the server) per node and per quad, which
// held Cayley's PostgreSQL ingest to about 4,000 quads a second.
const pgBackend = "newsgraph-postgres"

// pgRows is how many rows one INSERT carries (PostgreSQL allows 65,535
// parameters a statement; a node row has at most 6).
const pgRows = 1000

func init() {
	csql.Register(pgBackend, csql.Registration{
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       postgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		NoForeignKeys:      true, // see pgUnneeded
		Error:              postgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: pgRunTx,
	})
}

// pgRunTx is Cayley's postgres.RunTx (node reference counts upserted, then
// the quads inserted; deletes are Cayley's own, after it), in batches.
func pgRunTx(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cg.IgnoreOpts) error {
	// Nodes, grouped by the columns their value type fills. A node appears
	// once per transaction (graphlog.SplitDeltas sums its references), so
	// one statement never updates a row twice.
	groups := map[csql.ValueType][][]interface{}{}
	var order []csql.ValueType
	for _, n := range nodes {
		if n.RefInc < 0 {
			panic("unexpected node update")
		}
		key, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return err
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], append([]interface{}{n.RefInc}, values...))
	}
	for _, key := range order {
		cols := "refs, hash, " + strings.Join(key.Columns(), ", ")
		rows := groups[key]
		for len(rows) > 0 {
			chunk := rows[:min(pgRows, len(rows))]
			rows = rows[len(chunk):]
			q, args := insertRows("INSERT INTO nodes("+cols+") VALUES ", chunk, "")
			if _, err := tx.Exec(q+` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs;`, args...); err != nil {
				return postgres.ConvError(err)
			}
		}
	}
	end := ";"
	if opts.IgnoreDup {
		end = " ON CONFLICT DO NOTHING;"
	}
	var rows [][]interface{}
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		q, args := insertRows("INSERT INTO quads(subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES ", rows, "now()")
		rows = rows[:0]
		if _, err := tx.Exec(q+end, args...); err != nil {
			if e := postgres.ConvError(err); e != err {
				return e
			}
			if strings.Contains(err.Error(), "23505") || strings.Contains(err.Error(), "duplicate key") {
				return &cg.DeltaError{Err: cg.ErrQuadExists}
			}
			return err
		}
		return nil
	}
	for _, d := range quads {
		if d.Del {
			panic("unexpected quad delete")
		}
		rows = append(rows, quadRow(d, 0))
		if len(rows) == pgRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// insertRows writes "prefix ($1, $2, ...), (...)" for rows, each row ended
// by extra (a literal such as now()) when it is not empty.
func insertRows(prefix string, rows [][]interface{}, extra string) (string, []interface{}) {
	var b strings.Builder
	b.WriteString(prefix)
	var args []interface{}
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, v)
			b.WriteString("$" + strconv.Itoa(len(args)))
		}
		if extra != "" {
			b.WriteString(", " + extra)
		}
		b.WriteByte(')')
	}
	return b.String(), args
}

// quadRow is the row of a quad's value hashes (subject, predicate, object,
// label: NULL when it has none), with room for extra more columns.
func quadRow(d graphlog.QuadUpdate, extra int) []any {
	row := make([]any, 0, len(quad.Directions)+extra)
	for _, h := range d.Quad.Dirs() {
		row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
	}
	return row
}
