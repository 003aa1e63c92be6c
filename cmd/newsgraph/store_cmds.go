package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/urfave/cli/v2"

	"newsgraph/extract"
	"newsgraph/graph"
	"newsgraph/schema"
)

// defaultDB is the store used when neither --db nor NEWSGRAPH_DB is given.
const defaultDB = "newsgraph.db"

func dbFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", Value: defaultDB, EnvVars: []string{"NEWSGRAPH_DB"},
		Usage: "the store: a bolt `DIR` (created by ingest), a postgres://USER@HOST:PORT/DB URL (a store several processes share), or mem: for an in-memory store"}
}

// openStore opens the --db store; create is for ingest.
func openStore(c *cli.Context, create bool) (*graph.Store, error) {
	s, err := graph.Open(c.String("db"), graph.Options{Create: create, NoSync: c.Bool("nosync")})
	if err != nil {
		if errors.Is(err, graph.ErrLocked) {
			return nil, &exitError{code: exitLocked, err: err}
		}
		if errors.Is(err, graph.ErrDamaged) {
			return nil, &exitError{code: exitDamaged, err: err}
		}
		return nil, &exitError{code: exitFailure, err: err}
	}
	if err := storeBase(c, s, create); err != nil {
		s.Close()
		return nil, err
	}
	s.SetAliases(gazetteerAliases())
	return s, nil
}

// storeBase makes the process use the base IRI the store records, and a
// writer record it in a store that records none: one store never mixes two
// bases. A store made before bases were recorded has the default one.
func storeBase(c *cli.Context, s *graph.Store, write bool) error {
	ctx := context.Background()
	recorded, err := s.RecordedBase(ctx)
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	flag := c.String("base")
	if recorded != "" {
		if flag != "" && flag != recorded {
			return usageErr("--base %s: the store %s was made with base %s; one store never mixes two (use another --db)", flag, c.String("db"), recorded)
		}
		return graph.UseBase(recorded)
	}
	b := flag
	if b == "" {
		b = schema.DefaultBase
	}
	if n, _ := s.Count(ctx); n > 0 && b != schema.DefaultBase {
		return usageErr("--base %s: the store %s already holds data with the default base %s", b, c.String("db"), schema.DefaultBase)
	}
	if write {
		if err := s.RecordBase(ctx, b); err != nil {
			return &exitError{code: exitFailure, err: err}
		}
	}
	return graph.UseBase(b)
}

// signalContext is cancelled by Ctrl-C or SIGTERM.
func signalContext(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// writerGC sets the collector for a long write (ingest): with Go's default
// (GOGC=100) a 10k-article ingest spent about a fifth of its CPU time
// collecting a heap of a few hundred MB. Collecting at four times the live
// heap, or near 512 MiB, whichever comes first (measured with 640 MiB,
// three alternated pairs of 10k ingests: CPU time 0.78, 0.79, 0.82 of the
// default's, wall time 0.85, 0.88, 1.07 on a shared machine, peak RSS
// 730-760 MB against 490-500). 512 MiB leaves room for the store's mapped
// pages, which the store keeps under 320 MB (graph/release.go): the
// process stays under 1 GiB. GOGC or GOMEMLIMIT in the environment win.
func writerGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(writerGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(writerMemoryLimit)
	}
}

const (
	writerGCPercent   = 400
	writerMemoryLimit = 512 << 20
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "extract articles and write their facts into the store",
		ArgsUsage: "FILE|DIR|URL|- ...",
		Description: `Extracts each article and writes its facts into the store, each article
whole in one transaction (several articles to a transaction). Inputs are read as for 'newsgraph extract': text and HTML files,
directories, JSON Lines dumps (.jsonl, .ndjson, optionally .gz), http(s)
URLs, and standard input (several articles separated by lines of --delimiter).

An article is identified by its URL (a url: header, a record's url field,
the page's og:url or canonical link, the URL fetched), else by its text.
Ingesting the same article again adds nothing; an edited article with the
same URL replaces its old quads. The same person, country or place is one
node across articles, and the same meeting reported by two articles is one
event with both as sources.

Progress goes to standard error (a count on a terminal, a line every 100
articles otherwise), then a summary. Bad inputs are named with the reason
(FILE:LINE for a JSON record) and the others go on (exit code 3).

A first load of an empty PostgreSQL store goes faster with --bulk: the
articles are ingested into a temporary bolt store (in $TMPDIR, about 40 KB
an article), where reconciling each article with the earlier ones is a
lookup inside the process instead of queries to the server, and the whole
store is then copied into PostgreSQL in one transaction: all or nothing,
and the store's other writers and readers wait for it. The result is the
store a plain ingest makes. An interrupted --bulk copies nothing. A store
that holds articles is refused: add to it without --bulk.

Memory: the Go heap is collected when it is four times its live size
(GOGC=400) or nears 512 MiB (GOMEMLIMIT), whichever comes first, so that a
long ingest spends less time collecting and stays bounded; GOGC and
GOMEMLIMIT in the environment override both.

Examples:
  newsgraph ingest testdata/seeds
  newsgraph ingest --db /data/news.db articles/ dump.jsonl.gz
  newsgraph ingest --bulk --db postgres://team@db.example.org/news archive/
  newsgraph ingest https://example.org/article.html
  printf 'first article\n%%%%\nsecond article\n' | newsgraph ingest -`,
		Flags: append([]cli.Flag{dbFlag(), dateFlag(), rulesFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress, only errors and the summary"},
			&cli.BoolFlag{Name: "reextract", Usage: "extract every input, even those ingested before from the same bytes, rules and program (which are otherwise skipped as unchanged)"},
			&cli.BoolFlag{Name: "nosync", Usage: "skip fsync after each article (bulk loads: faster, but a power loss can damage the store)"},
			&cli.BoolFlag{Name: "bulk", Usage: "first load of an empty PostgreSQL store: ingest into a temporary local bolt store (in $TMPDIR), then copy it over in one transaction"},
		}, inputFlags()...),
		Action: runIngest,
	}
}

type ingestSummary struct {
	New, Updated, Unchanged, Failed int
	Added, Removed                  int
	Known                           int // unchanged without extracting
}

// storeRun is a store being written from streamed inputs (ingest,
// migrate): the flags are read before the store is opened, so that a bad
// flag creates nothing.
type storeRun struct {
	s      *graph.Store
	st     *stream
	x      *extract.Extractor
	ctx    context.Context
	cancel context.CancelFunc
}

// With skipKnown, inputs the store has ingested already are not extracted
// again (see inputKeys); with docs, results hold their schema.Doc and
// digest (see extractStream).
func openStream(c *cli.Context, create, skipKnown, docs bool) (*storeRun, error) {
	if _, err := sourceOptions(c); err != nil {
		return nil, err // a bad flag creates no store
	}
	s, err := openStore(c, create)
	if err != nil {
		return nil, err
	}
	return openStreamOn(c, s, skipKnown, docs)
}

// openStreamOn is openStream on a store already open, which it closes
// when it fails.
func openStreamOn(c *cli.Context, s *graph.Store, skipKnown, docs bool) (*storeRun, error) {
	opt, err := sourceOptions(c)
	if err != nil {
		s.Close()
		return nil, err
	}
	ctx, cancel := signalContext(c.Context)
	var known func(string) bool
	if skipKnown {
		known = func(key string) bool { return s.KnownInput(ctx, key) }
	}
	st, x, err := startStream(c, ctx, opt, known, docs)
	if err != nil {
		cancel()
		s.Close()
		return nil, err
	}
	return &storeRun{s: s, st: st, x: x, ctx: ctx, cancel: cancel}, nil
}

func (r *storeRun) close() {
	r.cancel()
	r.s.Close()
}

func runIngest(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageErr("ingest: no input; give FILE, DIR or - (see 'newsgraph ingest --help')")
	}
	writerGC()
	var run *storeRun
	var bulk *bulkLoad
	if c.Bool("bulk") {
		b, err := openBulk(c)
		if err != nil {
			return err
		}
		defer b.close()
		bulk = b
		if run, err = openStreamOn(c, b.local, true, true); err != nil {
			return err
		}
	} else {
		var err error
		if run, err = openStream(c, true, true, true); err != nil {
			return err
		}
	}
	defer run.close()
	s, st, ctx := run.s, run.st, run.ctx
	start := time.Now()
	prog := newProgress(c.App.ErrWriter, 0, c.Bool("quiet"))
	var sum ingestSummary
	done := 0
	// New articles are written a few thousand quads at a time; each article
	// is still all in one transaction (see graph.Batch).
	batch := s.NewBatch(func(tag string, res graph.IngestResult, err error) {
		if err != nil {
			prog.clear()
			fmt.Fprintf(c.App.ErrWriter, "%s: %v\n", tag, err)
			sum.Failed++
			return
		}
		switch res.Status {
		case graph.New:
			sum.New++
		case graph.Updated:
			sum.Updated++
		case graph.Unchanged:
			sum.Unchanged++
		}
		sum.Added += res.Added
		sum.Removed += res.Removed
	})
	for r := range st.C {
		if ctx.Err() != nil {
			continue // drain: every committed article stays committed
		}
		if r.err != nil {
			done++
			prog.clear()
			fmt.Fprintln(c.App.ErrWriter, r.err)
			sum.Failed++
			prog.update(done)
			continue
		}
		done++
		if r.known {
			// Ingested before from the same input, rules and program.
			sum.Unchanged++
			sum.Known++
			prog.update(done)
			continue
		}
		if err := batch.AddDigest(ctx, r.doc, r.path, r.digest); err != nil {
			prog.clear()
			fmt.Fprintf(c.App.ErrWriter, "%s: %v\n", r.path, err)
			sum.Failed++
		}
		prog.update(done)
	}
	if err := batch.Flush(context.Background()); err != nil {
		fmt.Fprintf(c.App.ErrWriter, "%v\n", err)
	}
	prog.clear()
	if msg := st.Report().String(); msg != "" {
		fmt.Fprintln(c.App.ErrWriter, msg)
	}
	if bulk != nil {
		if ctx.Err() != nil {
			return &exitError{code: exitFailure, err: errors.New("interrupted; nothing was copied into the store (--bulk copies at the end)")}
		}
		if err := bulk.copy(ctx, c.App.ErrWriter, c.Bool("quiet")); err != nil {
			return &exitError{code: exitFailure, err: err}
		}
		s = bulk.target
	}
	total, _ := s.Count(context.Background())
	known := ""
	if sum.Known > 0 {
		known = fmt.Sprintf("%d input(s) ingested before, not extracted again; ", sum.Known)
	}
	fmt.Fprintf(c.App.ErrWriter, "articles: %d new, %d updated, %d unchanged, %d failed; facts: +%d -%d quads; store %s: %d quads; %s%s\n",
		sum.New, sum.Updated, sum.Unchanged, sum.Failed, sum.Added, sum.Removed, c.String("db"), total, known, time.Since(start).Round(time.Millisecond))
	if ctx.Err() != nil {
		return &exitError{code: exitFailure, err: errors.New("interrupted; the articles ingested so far are committed")}
	}
	if sum.Failed > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of %d article(s) failed", sum.Failed, done)}
	}
	return nil
}

// progress reports on long batches: a bar on a terminal, a plain line
// every 100 articles otherwise.
type progress struct {
	w      io.Writer
	total  int
	tty    bool
	quiet  bool
	start  time.Time
	last   time.Time
	drawn  bool
	stepAt int
}

// newProgress reports on a batch of total articles (0: not known ahead,
// the reader streams them).
func newProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{w: w, total: total, quiet: quiet || total == 1, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done int) {
	if p.quiet {
		return
	}
	if p.tty {
		if time.Since(p.last) < 100*time.Millisecond && (p.total == 0 || done < p.total) {
			return
		}
		p.last = time.Now()
		if p.total == 0 {
			if done > 1 {
				fmt.Fprintf(p.w, "\r%d articles %s", done, time.Since(p.start).Round(time.Second))
				p.drawn = true
			}
			return
		}
		const width = 30
		fill := width * done / p.total
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d articles %s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, p.total, time.Since(p.start).Round(time.Second))
		p.drawn = true
		return
	}
	if done-p.stepAt >= 100 {
		p.stepAt = done
		if p.total == 0 {
			fmt.Fprintf(p.w, "ingested %d articles (%s)\n", done, time.Since(p.start).Round(time.Second))
			return
		}
		fmt.Fprintf(p.w, "ingested %d/%d articles (%s)\n", done, p.total, time.Since(p.start).Round(time.Second))
	}
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Gizmo query over the store",
		ArgsUsage: "[QUERY|-]",
		Description: `Runs a Gizmo (JavaScript) query, given as the argument, with --file, or on
standard input. Results are JSON lines by default, or a table. Each query
runs in a fresh session, stopped after --timeout. g.addDefaultNamespaces()
makes the prefixes ng: (https://newsgraph.dev/ns#), ngid: (https://newsgraph.dev/)
and schema: usable with g.IRI("ng:met").

Examples (see the README for more):
  newsgraph query 'g.V("<https://newsgraph.dev/person/sergei-lavrov>").Both("<https://newsgraph.dev/ns#met>").Out("<http://schema.org/name>").All()'
  newsgraph query --format table --file questions/partners.js`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the query from `FILE`"},
			&cli.StringFlag{Name: "format", Value: "json", Usage: "json (one result per line) or table"},
			&cli.IntFlag{Name: "limit", Value: 1000, Usage: "at most `N` results (0: no limit)"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "stop the query after `DURATION` (0: no limit)"},
		},
		Action: func(c *cli.Context) error {
			q, err := readQuery(c)
			if err != nil {
				return err
			}
			if f := c.String("format"); f != "json" && f != "table" {
				return usageErr("--format %q: want json or table", f)
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx, cancel := context.WithCancel(c.Context)
			if d := c.Duration("timeout"); d > 0 {
				ctx, cancel = context.WithTimeout(c.Context, d)
			}
			defer cancel()
			limit := c.Int("limit")
			ask := limit
			if limit > 0 {
				ask = limit + 1 // one more tells whether --limit cut the output
			}
			res, err := s.Gizmo(ctx, q, ask)
			if hint := prefixHint(q); hint != "" && (err != nil || len(res) == 0) {
				fmt.Fprintln(c.App.ErrWriter, "newsgraph: hint: "+hint)
			}
			if err != nil {
				if errors.Is(err, graph.ErrTimeout) {
					return &exitError{code: exitFailure, err: fmt.Errorf("query stopped after %s (--timeout): %w", c.Duration("timeout"), err)}
				}
				return &exitError{code: exitFailure, err: fmt.Errorf("query: %w", err)}
			}
			cut := limit > 0 && len(res) > limit
			if cut {
				res = res[:limit]
				defer fmt.Fprintf(c.App.ErrWriter, "newsgraph: output cut at %d results (--limit); --limit 0 shows them all\n", limit)
			}
			if c.String("format") == "table" {
				return writeTable(c.App.Writer, res)
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			for _, r := range res {
				if err := enc.Encode(r); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// prefixUse finds a prefixed name in a Gizmo string ("ng:met", 'ngid:…').
var prefixUse = regexp.MustCompile(`["'](ng|ngid|schema|rdf):[A-Za-z][^"']*`)

// prefixHint says what is wrong with a query that writes "ng:met" without
// declaring the prefix: Gizmo then looks for a node named "ng:met", and
// finds nothing, without an error.
func prefixHint(q string) string {
	m := prefixUse.FindStringSubmatch(q)
	if m == nil || strings.Contains(q, "addDefaultNamespaces") || strings.Contains(q, `addNamespace("`+m[1]+`"`) || strings.Contains(q, `addNamespace('`+m[1]+`'`) {
		return ""
	}
	return fmt.Sprintf("the query writes the prefix %s: but does not declare it: start it with g.addDefaultNamespaces(); (ng:, ngid:, schema:, rdf:), or Gizmo looks for a node literally named %q", m[1], strings.Trim(m[0], `"'`))
}

// maxQueryBytes bounds a query's text: compiling it is not covered by
// --timeout, so a huge query could take the machine's memory first.
const maxQueryBytes = 1 << 20

func readQuery(c *cli.Context) (string, error) {
	q, err := readQueryText(c)
	if err == nil && len(q) > maxQueryBytes {
		return "", usageErr("query: %d bytes; a query is at most %d bytes", len(q), maxQueryBytes)
	}
	return q, err
}

func readQueryText(c *cli.Context) (string, error) {
	switch {
	case c.String("file") != "":
		if c.NArg() > 0 {
			return "", usageErr("query: give the query as an argument or with --file, not both")
		}
		b, err := os.ReadFile(c.String("file"))
		if err != nil {
			return "", usageErr("%v", err)
		}
		return string(b), nil
	case c.NArg() == 0 || c.Args().First() == "-":
		b, err := io.ReadAll(io.LimitReader(c.App.Reader, maxQueryBytes+1))
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(string(b)) == "" {
			return "", usageErr("query: no query; give it as an argument, with --file, or on standard input")
		}
		return string(b), nil
	case c.NArg() > 1:
		return "", usageErr("query: want one QUERY argument (quote it)")
	}
	return c.Args().First(), nil
}

// writeTable prints results as aligned columns, one per tag, rows sorted.
func writeTable(w io.Writer, res []any) error {
	cols := map[string]bool{}
	for _, r := range res {
		if m, ok := r.(map[string]any); ok {
			for k := range m {
				cols[k] = true
			}
		} else {
			cols["value"] = true
		}
	}
	var names []string
	for k := range cols {
		names = append(names, k)
	}
	sort.Strings(names)
	// "id" first: it is the node the path ends on.
	for i, n := range names {
		if n == "id" {
			names = append([]string{"id"}, append(names[:i:i], names[i+1:]...)...)
			break
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	var rows []string
	for _, r := range res {
		var row []string
		m, ok := r.(map[string]any)
		for _, n := range names {
			var v any
			if ok {
				v = m[n]
			} else if n == "value" {
				v = r
			}
			row = append(row, cell(v))
		}
		rows = append(rows, strings.Join(row, "\t"))
	}
	// Sorted: Gizmo's order depends on how the store was written, and the
	// same store should give the same table.
	sort.Strings(rows)
	for _, r := range rows {
		fmt.Fprintln(tw, r)
	}
	fmt.Fprintf(tw, "(%d results)\n", len(res))
	return tw.Flush()
}

// typedLit matches Gizmo's JSON form of a typed literal.
var typedLit = regexp.MustCompile(`^"(.*)"\^\^<[^>]*>$`)

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if m := typedLit.FindStringSubmatch(x); m != nil {
			return m[1] // a table shows the date, not its datatype
		}
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func pathCommand() *cli.Command {
	return &cli.Command{
		Name:      "path",
		Usage:     "follow edges from a node without writing JavaScript",
		ArgsUsage: "NAME HOP... | --between NAME NAME",
		Description: `Follows hops from the node NAME names (a name, an alias, a folded form, an
id or an IRI). A hop is met, nationality, partner, participant, location,
type, mentions, jobTitle, name, alternateName, or <IRI>; ^HOP follows it
backwards (^nationality: the persons of a country).

--between A B prints the shortest chains from A to B over met, nationality
and partner edges (each both ways), every met hop with its meetings: event,
date and source articles.

Examples:
  newsgraph path "Bui Thanh Son" met
  newsgraph path "Bui Thanh Son" met nationality
  newsgraph path Russie ^nationality met
  newsgraph path --between "Bui Thanh Son" "Vladimir Poutine"`,
		Flags: []cli.Flag{dbFlag(),
			&cli.BoolFlag{Name: "between", Usage: "shortest chains between the two NAMEs"},
			&cli.IntFlag{Name: "max-depth", Value: 6, Usage: "longest chain --between looks for"},
			&cli.IntFlag{Name: "limit", Value: 50, Usage: "at most `N` paths"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
		},
		Action: runPath,
	}
}

func runPath(c *cli.Context) error {
	args := c.Args().Slice()
	if c.Bool("between") && len(args) != 2 {
		return usageErr("path --between: want two NAMEs")
	}
	if !c.Bool("between") && len(args) < 2 {
		return usageErr("path: want NAME and at least one HOP (see 'newsgraph path --help')")
	}
	if f := c.String("format"); f != "text" && f != "json" {
		return usageErr("--format %q: want text or json", f)
	}
	var hops []graph.Hop
	if !c.Bool("between") {
		for _, a := range args[1:] {
			h, err := graph.ParseHop(a)
			if err != nil {
				return usageErr("%v", err)
			}
			hops = append(hops, h)
		}
	}
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := c.Context
	from, err := s.Resolve(ctx, args[0])
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	var paths []graph.Path
	var literals []quad.Value
	if c.Bool("between") {
		to, err := s.Resolve(ctx, args[1])
		if err != nil {
			return &exitError{code: exitFailure, err: err}
		}
		paths, err = s.Between(ctx, from, to, c.Int("max-depth"), c.Int("limit"))
		if err != nil {
			return err
		}
		if len(paths) == 0 {
			fmt.Fprintf(c.App.ErrWriter, "no chain of at most %d steps between %s and %s\n", c.Int("max-depth"), s.Label(ctx, from), s.Label(ctx, to))
			return &exitError{code: exitFailure, err: errors.New("no path")}
		}
	} else {
		paths, literals, err = s.Follow(ctx, from, hops, c.Int("limit"))
		if err != nil {
			return err
		}
	}
	if c.String("format") == "json" {
		return writePathsJSON(c.App.Writer, ctx, s, paths, literals)
	}
	w := c.App.Writer
	for _, p := range paths {
		fmt.Fprintln(w, s.Label(ctx, p[0].From))
		for _, st := range p {
			arrow := "-" + st.Hop.Name + "->"
			if st.Hop.Reverse && st.Hop.Predicate != schema.Met && st.Hop.Predicate != schema.Partner {
				arrow = "<-" + strings.TrimPrefix(st.Hop.Name, "^") + "-"
			}
			fmt.Fprintf(w, "  %s %s\n", arrow, s.Label(ctx, st.To))
			for _, m := range st.Meetings {
				fmt.Fprintf(w, "      %s %s%s  event %s  sources: %s\n", orDash(m.Date), m.Kind, placeSuffix(m.Place), m.Event, sourceNames(ctx, s, m.Sources))
			}
		}
	}
	for _, l := range literals {
		fmt.Fprintln(w, quad.StringOf(l))
	}
	if len(paths) == 0 && len(literals) == 0 {
		fmt.Fprintf(c.App.ErrWriter, "%s: nothing along %s\n", s.Label(ctx, from), strings.Join(args[1:], " "))
	}
	return nil
}

func placeSuffix(p string) string {
	if p == "" {
		return ""
	}
	return " at " + p
}

// sourceNames names the articles by their file names (schema:name).
func sourceNames(ctx context.Context, s *graph.Store, is []quad.IRI) string {
	names := make([]string, len(is))
	for i, x := range is {
		names[i] = s.Label(ctx, x)
	}
	return strings.Join(names, ", ")
}

func writePathsJSON(w io.Writer, ctx context.Context, s *graph.Store, paths []graph.Path, literals []quad.Value) error {
	type meeting struct {
		Event   string   `json:"event"`
		Kind    string   `json:"kind,omitempty"`
		Date    string   `json:"date,omitempty"`
		Place   string   `json:"place,omitempty"`
		Sources []string `json:"sources"`
	}
	type step struct {
		From     string    `json:"from"`
		FromName string    `json:"from_name"`
		Hop      string    `json:"hop"`
		To       string    `json:"to"`
		ToName   string    `json:"to_name"`
		Meetings []meeting `json:"meetings,omitempty"`
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range paths {
		var out []step
		for _, st := range p {
			js := step{From: string(st.From), FromName: s.Label(ctx, st.From), Hop: st.Hop.Name, To: string(st.To), ToName: s.Label(ctx, st.To)}
			for _, m := range st.Meetings {
				mm := meeting{Event: string(m.Event), Kind: m.Kind, Date: m.Date, Place: m.Place}
				for _, src := range m.Sources {
					mm.Sources = append(mm.Sources, string(src))
				}
				js.Meetings = append(js.Meetings, mm)
			}
			out = append(out, js)
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	for _, l := range literals {
		if err := enc.Encode(map[string]string{"value": quad.StringOf(l)}); err != nil {
			return err
		}
	}
	return nil
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write the whole graph as N-Quads, N-Triples, Turtle, TriG, JSON-LD, GraphML or DOT; or the vocabulary",
		Description: `N-Quads and TriG keep each quad's article as its named graph; N-Triples and
Turtle drop the graphs (and the duplicates that leaves), so every triple is in
the default graph. Literals are written with full datatype IRIs, so strict
RDF parsers accept the output. JSON-LD is compacted with a @context (schema:,
ng:, ngid:, xsd:), one named graph per article. GraphML has every IRI node and
IRI-to-IRI edge; DOT is the picture of who met whom (persons, meetings,
dates), for Graphviz: 'dot -Tsvg'. The store's lookup keys (ng:key) are
never exported. --format vocab writes the vocabulary of the ng: terms
(RDFS/OWL, labels and comments in English and French) and needs no store.

Examples:
  newsgraph export --format trig --out all.trig
  newsgraph export --format ntriples | serdi -i ntriples -
  newsgraph export --format vocab

With --out FILE the export is written to a temporary file and renamed, so the
file is never half-written.`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Value: "nquads", Usage: "one of " + strings.Join(graph.Formats, ", ")},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of standard output"},
		},
		Action: func(c *cli.Context) error {
			if !slices.Contains(graph.Formats, c.String("format")) {
				return usageErr("--format %q: want one of %s", c.String("format"), strings.Join(graph.Formats, ", "))
			}
			if c.NArg() > 0 {
				return usageErr("export: unexpected argument %q (use --out FILE)", c.Args().First())
			}
			var s *graph.Store // the vocabulary needs no store
			if c.String("format") != "vocab" {
				var err error
				if s, err = openStore(c, false); err != nil {
					return err
				}
				defer s.Close()
			}
			if out := c.String("out"); out != "" {
				ctx, cancel := signalContext(c.Context)
				defer cancel()
				n, err := s.ExportFile(ctx, out, c.String("format"))
				if err != nil {
					return &exitError{code: exitFailure, err: fmt.Errorf("export: %w", err)}
				}
				fmt.Fprintf(c.App.ErrWriter, "wrote %d %s records to %s\n", n, c.String("format"), out)
				return nil
			}
			_, err := s.Export(c.Context, c.App.Writer, c.String("format"))
			return err
		},
	}
}

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the analyst's page, Cayley's HTTP API and web UI over the store",
		Description: `Serves the analyst's page at /ng/ (search a name, a person's or a country's
meetings as a graph and a timeline, filters, the evidence of every fact, CSV
downloads; its JSON API at /ng/api/search and /ng/api/node), Cayley's web UI
at / (query, visualize and write pages, for Gizmo) and Cayley's HTTP API (v1
and v2), on 127.0.0.1:64210 by default, from newsgraph's own HTTP server,
which guards Cayley's:

  - only loopback Host names are answered, and those given by --allow-host
    (no DNS rebinding);
  - no web page of another origin may use it: its requests are refused and
    no CORS header is sent, unless --cors-origin names that origin;
  - bodies are limited (--max-body); at most --max-queries queries run at
    once (503 beyond); each query stops at --timeout, when its client
    leaves, or when it grows the heap by --query-memory; the query shape
    endpoint is not served;
  - the store is read-only unless --writable, and a write needs a JSON or
    N-Quads content type (or the server's own page);
  - pages cannot be framed; errors carry real HTTP status codes;
  - header, read, write and idle timeouts bound slow clients.

The vocabulary of the ng: terms is served at /ns. The store stays locked
while serve runs: stop it before 'newsgraph ingest'.

Examples:
  newsgraph serve
  newsgraph serve --writable --addr 127.0.0.1:8080
  newsgraph serve --addr 0.0.0.0:64210 --allow-host graph.example.org`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:64210", Usage: "`HOST:PORT` to listen on"},
			&cli.BoolFlag{Name: "writable", Usage: "let the write page and API change the store"},
			&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "per-query timeout"},
			&cli.StringSliceFlag{Name: "allow-host", Usage: "also answer requests for `HOST` (besides localhost, 127.0.0.1, ::1); repeatable"},
			&cli.StringFlag{Name: "cors-origin", Usage: "let pages of `ORIGIN` (scheme://host[:port]) call the API from a browser"},
			&cli.Int64Flag{Name: "max-body", Value: 1 << 20, Usage: "largest request body in `BYTES`"},
			&cli.IntFlag{Name: "max-queries", Value: 4, Usage: "queries running at once (`N`); more are answered 503"},
			&cli.IntFlag{Name: "query-memory", Value: 512, Usage: "stop a query that grows the heap by more than `MIB` MiB"},
		},
		Action: func(c *cli.Context) error {
			if err := graph.PrepareUI(); err != nil {
				return &exitError{code: exitFailure, err: fmt.Errorf("serve: %w", err)}
			}
			host, _, err := net.SplitHostPort(c.String("addr"))
			if err != nil {
				return usageErr("--addr %q: want HOST:PORT", c.String("addr"))
			}
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				fmt.Fprintf(c.App.ErrWriter, "warning: serving on %s, which other machines can reach; only --allow-host names and loopback names are answered\n", c.String("addr"))
			}
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			mode := "read-only"
			if c.Bool("writable") {
				mode = "writable"
			}
			fmt.Fprintf(c.App.ErrWriter, "serving %s (%s): the analyst's page on http://%s/ng/ , Cayley's console on http://%s/ ; Ctrl-C to stop\n", c.String("db"), mode, c.String("addr"), c.String("addr"))
			return s.Serve(graph.ServeOptions{
				Addr: c.String("addr"), Writable: c.Bool("writable"), Timeout: c.Duration("timeout"),
				AllowHosts: c.StringSlice("allow-host"), CORSOrigin: c.String("cors-origin"),
				MaxBody: c.Int64("max-body"), MaxQueries: c.Int("max-queries"), QueryMemory: uint64(c.Int("query-memory")) << 20,
			})
		},
	}
}

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count the store's nodes by type and quads by predicate",
		Description: `Counts the store's articles, its nodes by rdf:type and its quads by
predicate. To find a name in the store, use 'newsgraph search'.

A bolt store keeps these counts up to date at every ingest, so stats reads
one record. On PostgreSQL and in memory, and on a bolt store written since
its last ingest by 'newsgraph load' or Cayley's API, it reads the whole
store instead (slow on a large one; the next ingest counts again).

Example:
   newsgraph stats --db news.db`,
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			s, err := openStore(c, false)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Stats(c.Context)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(c.App.Writer, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintf(tw, "quads\t%d\t\n", st.Quads)
			fmt.Fprintf(tw, "articles\t%d\t\n", st.Articles)
			fmt.Fprintf(tw, "nodes\t%d\t\n", st.Nodes)
			fmt.Fprintf(tw, "persons who met (pairs)\t%d\t\n", st.MetPairs)
			fmt.Fprintf(tw, "partner countries (pairs)\t%d\t\n", st.Partners)
			fmt.Fprintln(tw, "\t\t")
			fmt.Fprintln(tw, "type\tnodes\t")
			for _, k := range sortedByCount(st.ByType) {
				fmt.Fprintf(tw, "%s\t%d\t\n", k, st.ByType[k])
			}
			fmt.Fprintln(tw, "\t\t")
			fmt.Fprintln(tw, "predicate\tquads\t")
			for _, k := range sortedByCount(st.ByPred) {
				fmt.Fprintf(tw, "%s\t%d\t\n", k, st.ByPred[k])
			}
			return tw.Flush()
		},
	}
}

func sortedByCount(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}

func timelineCommand() *cli.Command {
	return &cli.Command{
		Name:      "timeline",
		Usage:     "the meetings of a person, or of a country's people, in date order",
		ArgsUsage: "NAME",
		Description: `NAME is a person (name, alias, id) or a country (name, ISO code). For a
country, the meetings of every person of that nationality are listed.
Dates without a year (--MM-DD) come after the dated ones, undated last.
NAME is resolved as 'newsgraph search' finds it (Poutin, Fédération de
Russie); --format json prints the analyst page's /ng/api/node answer: the
person or country with its meetings and their evidence.

--limit N keeps the N latest meetings with a year (text and svg), still in
date order: a country's full timeline in a large archive is hundreds of
thousands of meetings, and the latest are found without reading them all
(by the calendar, from next year back, for a country with more than 500
persons in the store). Such a country's timeline shows its 100 latest
meetings unless --limit is given: --limit 0 lists every one (a scan of all
its persons' meetings, minutes in an archive of a million articles). The
json answer, like the page, has such a country's 100 latest meetings and
the persons in them ("latest": 100); with --limit 0, every meeting and
person.

Examples:
   newsgraph timeline "Pham Minh Chinh"
   newsgraph timeline --limit 20 Vietnam
   newsgraph timeline --format svg Vietnam > vietnam.svg
   newsgraph timeline --format json Poutin`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text, json or svg (a picture of the timeline)"},
			&cli.IntFlag{Name: "limit", Usage: "only the `N` latest meetings with a year (text and svg; 0: every meeting; default: every meeting, but the 100 latest of a country with more than 500 persons)"},
		},
		Action: runTimeline,
	}
}

func runTimeline(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErr("timeline: want one NAME")
	}
	f := c.String("format")
	if f != "text" && f != "json" && f != "svg" {
		return usageErr("--format %q: want text, json or svg", f)
	}
	limit := c.Int("limit")
	if limit < 0 {
		return usageErr("--limit %d: want a number of meetings (0: all)", limit)
	}
	if limit > 0 && f == "json" {
		return usageErr("--limit N is for --format text and svg: the json answer is the page's (--limit 0: with every meeting)")
	}
	s, err := openStore(c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := c.Context
	who, err := s.Resolve(ctx, c.Args().First())
	if err != nil {
		return &exitError{code: exitFailure, err: err}
	}
	if f == "json" {
		// The page's /ng/api/node answer, byte for byte; --limit 0 with
		// every meeting of a long timeline too.
		latest := graph.ViewLatest
		if c.IsSet("limit") {
			latest = 0
		}
		v, err := s.View(ctx, who, latest)
		if err != nil {
			return err
		}
		return graph.WriteJSON(c.App.Writer, v)
	}
	country := strings.HasPrefix(string(who), string(schema.CountryIRI("")))
	auto := false // the limit chosen for a long timeline, not asked for
	if !c.IsSet("limit") {
		long, err := s.LongTimeline(ctx, who)
		if err != nil {
			return err
		}
		if long {
			limit, auto = graph.ViewLatest, true
		}
	}
	var ms []graph.Meeting
	if limit > 0 {
		ms, err = s.LatestMeetings(ctx, who, limit)
	} else {
		people := []quad.IRI{who}
		if country {
			people, err = s.PeopleOf(ctx, who)
			if err != nil {
				return err
			}
		}
		ms, _, err = s.MeetingsOfAll(ctx, people)
	}
	if err != nil {
		return err
	}
	title := s.Label(ctx, who)
	switch f {
	case "svg":
		self := who
		if country {
			self = "" // a country: name every participant
		}
		return writeTimelineSVG(c.App.Writer, ctx, s, title, self, ms)
	}
	w := c.App.Writer
	if auto {
		fmt.Fprintf(w, "%s: the %d latest meeting(s) with a year (a country of many persons: --limit 0 lists every meeting)\n", title, len(ms))
	} else if limit > 0 {
		fmt.Fprintf(w, "%s: the %d latest meeting(s) with a year (--limit)\n", title, len(ms))
	} else {
		fmt.Fprintf(w, "%s: %d meeting(s)\n", title, len(ms))
	}
	labels := map[quad.IRI]string{} // a country's persons recur in its meetings
	for _, m := range ms {
		var names []string
		for _, p := range m.Participants {
			l, ok := labels[p]
			if !ok {
				l = s.Label(ctx, p)
				labels[p] = l
			}
			names = append(names, l)
		}
		fmt.Fprintf(w, "%-10s  %-11s %s%s\n", orDash(m.Date), m.Kind, strings.Join(names, " + "), placeSuffix(m.Place))
	}
	return nil
}
