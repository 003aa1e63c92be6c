package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad/nquads"
	"github.com/urfave/cli/v2"

	"newsgraph/extract"
	"newsgraph/extract/source"
	"newsgraph/schema"
)

var formats = []string{"nquads", "ntriples", "facts", "json"}

func rulesFlag() cli.Flag {
	return &cli.StringFlag{Name: "rules", Usage: "read rule files from `DIR`, each replacing the embedded file of the same name (see 'newsgraph rules dump')", EnvVars: []string{"NEWSGRAPH_RULES"}}
}

func dateFlag() cli.Flag {
	return &cli.StringFlag{Name: "date", Usage: "publication date `YYYY-MM[-DD]` for articles whose first line gives none"}
}

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract the facts of articles and print them (no store needed)",
		ArgsUsage: "FILE|DIR|URL|- ...",
		Description: `Reads articles and prints their facts on standard output: persons with
nationality and titles, meetings with participants, date and place,
partnerships between countries with their level. Each quad's label is the
article's IRI.

Inputs:
  FILE.txt, .md      a text article (optional url: header, " date YYYY-MM" line)
  FILE.html, .htm    an HTML page: its main text, title, URL and date
  FILE.jsonl, .ndjson[.gz]
                     one article per line: {"url","date","title","text" or "html"}
                     (see --fields)
  DIR                its files of the kinds above, recursively; others are
                     skipped and counted (--include, --exclude decide)
  URL                an http(s) page, fetched (--fetch-timeout, --max-article-bytes)
  -                  standard input: HTML, JSON Lines, or text articles
                     separated by lines holding only --delimiter (%%)

Bad inputs are reported on standard error as FILE: reason (FILE:LINE for a
JSON record) and the others go on; the exit code is then 3.

Examples:
  newsgraph extract testdata/seeds
  newsgraph extract --format facts --explain article.html
  newsgraph extract --date 2024-03 - < article.txt
  newsgraph extract --fields text=body,date=pubDate dump.jsonl.gz`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "nquads", Usage: "output format: " + strings.Join(formats, ", ")},
			&cli.BoolFlag{Name: "explain", Usage: "show, for each fact, the rule that produced it and the sentence it came from (facts and json formats; implies --format facts unless given)"},
			dateFlag(),
			rulesFlag(),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print the summary on standard error"},
		}, inputFlags()...),
		Action: runExtract,
	}
}

func loadExtractor(c *cli.Context) (*extract.Extractor, error) {
	x, err := extract.New(c.String("rules"))
	if err != nil {
		return nil, &exitError{code: exitFailure, err: fmt.Errorf("rules: %w", err)}
	}
	return x, nil
}

// streamInputs starts reading and extracting what extract is given:
// files, directories, standard input, JSON Lines dumps, URLs.
func streamInputs(c *cli.Context, ctx context.Context) (*stream, *extract.Extractor, error) {
	opt, err := sourceOptions(c)
	if err != nil {
		return nil, nil, err
	}
	return startStream(c, ctx, opt, nil, false)
}

// startStream starts reading the arguments with opt and extracting them,
// with the --date fallback and the --rules of c.
//
// With known set, inputs the store has ingested already are skipped
// (extracted.known) unless --reextract is given.
//
// With docs set, results hold their schema.Doc (see extractStream).
func startStream(c *cli.Context, ctx context.Context, opt source.Options, known func(string) bool, docs bool) (*stream, *extract.Extractor, error) {
	fallback, err := parseDateFlag(c)
	if err != nil {
		return nil, nil, err
	}
	x, err := loadExtractor(c)
	if err != nil {
		return nil, nil, err
	}
	var keys *inputKeys
	if known != nil {
		keys = newInputKeys(x, fallback, known)
		if keys != nil && c.Bool("reextract") {
			keys.known = func(string) bool { return false }
		}
	}
	return extractStream(ctx, x, c.Args().Slice(), opt, fallback, keys, docs), x, nil
}

func parseDateFlag(c *cli.Context) (extract.Date, error) {
	if c.String("date") == "" {
		return extract.Date{}, nil
	}
	d, err := extract.ParseDate(c.String("date"))
	if err != nil || d.Year == 0 || d.Month == 0 {
		return extract.Date{}, usageErr("--date %q: want YYYY-MM or YYYY-MM-DD", c.String("date"))
	}
	return d, nil
}

func runExtract(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageErr("extract: no input; give FILE, DIR or - (see 'newsgraph extract --help')")
	}
	format := c.String("format")
	if c.Bool("explain") && !c.IsSet("format") {
		format = "facts"
	}
	if !slices.Contains(formats, format) {
		return usageErr("--format %q: want one of %s", format, strings.Join(formats, ", "))
	}
	ctx, cancel := signalContext(c.Context)
	defer cancel()
	st, x, err := streamInputs(c, ctx)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(c.App.Writer, 64*1024)
	defer out.Flush()
	w := newFactWriter(out, format, c.Bool("explain"), x.Rules)
	start := time.Now()
	var failed, nFacts, nArticles int
	for r := range st.C {
		if r.err != nil {
			fmt.Fprintln(c.App.ErrWriter, r.err)
			failed++
			continue
		}
		nArticles++
		n, err := w.write(r.res)
		if err != nil {
			return err
		}
		nFacts += n
	}
	rep := st.Report()
	if err := w.close(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if msg := rep.String(); msg != "" {
		fmt.Fprintln(c.App.ErrWriter, msg)
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "extracted %d article(s), %d failed, %d facts in %s\n", nArticles, failed, nFacts, time.Since(start).Round(time.Millisecond))
	}
	if ctx.Err() != nil {
		return &exitError{code: exitFailure, err: errors.New("interrupted")}
	}
	if failed > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of %d input(s) failed", failed, failed+nArticles)}
	}
	if failed+nArticles == 0 {
		return &exitError{code: exitPartial, err: errors.New("no article read (see the skipped files above)")}
	}
	return nil
}

// factWriter writes extraction results in one format.
type factWriter struct {
	w       io.Writer
	format  string
	explain bool
	rules   *extract.Rules
	nq      *nquads.Writer
	seen    map[string]bool // N-Triples: triples already written
}

func newFactWriter(w io.Writer, format string, explain bool, rules *extract.Rules) *factWriter {
	fw := &factWriter{w: w, format: format, explain: explain, rules: rules}
	if format == "nquads" || format == "ntriples" {
		fw.nq = nquads.NewWriter(w)
		fw.seen = map[string]bool{}
	}
	return fw
}

// write writes one article's facts and returns how many it wrote.
func (fw *factWriter) write(res *extract.Result) (int, error) {
	switch fw.format {
	case "nquads", "ntriples":
		qs := toSchema(res, fw.rules).Quads()
		n := 0
		for _, q := range qs {
			if schema.IsIndex(q.Predicate) {
				continue // the store's lookup index, not a fact
			}
			if fw.format == "ntriples" {
				q.Label = nil
				k := q.NQuad()
				if fw.seen[k] {
					continue
				}
				fw.seen[k] = true
			}
			if err := fw.nq.WriteQuad(q); err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	case "json":
		return 1, writeJSON(fw.w, res, fw.explain)
	default:
		return writeFacts(fw.w, res, fw.explain)
	}
}

func (fw *factWriter) close() error {
	if fw.nq != nil {
		return fw.nq.Close()
	}
	return nil
}

// writeFacts prints one readable line per fact.
func writeFacts(w io.Writer, res *extract.Result, explain bool) (int, error) {
	doc := res.Doc
	names := map[string]string{}
	country := map[string]string{}
	for _, p := range res.Persons {
		names[p.ID] = p.Name
		country[p.ID] = p.Country
	}
	n := 0
	date := doc.Date.String()
	if date == "" {
		date = "unknown date"
	}
	fmt.Fprintf(w, "# %s (published %s)\n", doc.Name, date)
	for _, p := range res.Persons {
		c := p.Country
		if c == "" {
			c = "?"
		}
		fmt.Fprintf(w, "person      %s [%s] %s", p.Name, c, quoteList(p.Names))
		if len(p.Titles) > 0 {
			fmt.Fprintf(w, " titles=%s", quoteList(p.Titles))
		}
		fmt.Fprintln(w)
		if explain {
			fmt.Fprintf(w, "            rule %s; nationality %s\n", p.Rule, orDash(p.CountryBy))
		}
		n++
	}
	for _, m := range res.Meetings {
		var ps []string
		for _, id := range m.Participants {
			ps = append(ps, fmt.Sprintf("%s (%s)", names[id], orDash(country[id])))
		}
		label := "meeting"
		if m.Planned {
			label = "planned"
		}
		fmt.Fprintf(w, "%-11s %s %s on %s at %s", label, m.Kind, strings.Join(ps, " + "), orDash(m.Date.String()), orDash(m.Place))
		if m.Doc > 0 {
			fmt.Fprintf(w, " [teaser %d]", m.Doc)
		}
		fmt.Fprintln(w)
		if explain {
			explainEvidence(w, m.Evidence)
		}
		n++
	}
	for _, p := range res.Partnerships {
		fmt.Fprintf(w, "partnership %s–%s %s\n", p.Countries[0], p.Countries[1], p.Level)
		if explain {
			explainEvidence(w, p.Evidence)
		}
		n++
	}
	_, err := fmt.Fprintln(w)
	return n, err
}

func explainEvidence(w io.Writer, e extract.Evidence) {
	rule := e.Rule
	if e.DateRule != "" {
		rule += "; " + e.DateRule
	}
	fmt.Fprintf(w, "            rule %s; confidence %.2f; bytes %d-%d\n            %q\n", rule, e.Confidence, e.Start, e.End, strings.Join(strings.Fields(e.Sentence), " "))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

type jsonMeeting struct {
	extract.Meeting
	Date string `json:"date,omitempty"`
}

type jsonDoc struct {
	Doc          string                `json:"doc"`
	Date         string                `json:"date,omitempty"`
	Persons      []extract.Person      `json:"persons"`
	Meetings     []jsonMeeting         `json:"meetings"`
	Partnerships []extract.Partnership `json:"partnerships"`
	Countries    []string              `json:"countries"`
}

func writeJSON(w io.Writer, res *extract.Result, explain bool) error {
	jd := jsonDoc{Doc: res.Doc.Name, Date: res.Doc.Date.String(), Persons: res.Persons, Partnerships: res.Partnerships, Countries: res.Countries}
	if jd.Persons == nil {
		jd.Persons = []extract.Person{}
	}
	if jd.Partnerships == nil {
		jd.Partnerships = []extract.Partnership{}
	}
	jd.Meetings = []jsonMeeting{}
	for _, m := range res.Meetings {
		jd.Meetings = append(jd.Meetings, jsonMeeting{Meeting: m, Date: m.Date.String()})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(jd)
}
