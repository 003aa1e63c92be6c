package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"newsgraph/extract"
	"newsgraph/extract/source"
	"newsgraph/schema"
)

// inputFlags are the flags of the commands that read articles (extract,
// ingest).
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "include", Usage: "in directories, read the files whose name (or path under the directory) matches `GLOB`, whatever their extension, and only those; repeatable"},
		&cli.StringSliceFlag{Name: "exclude", Usage: "in directories, skip the files matching `GLOB`; repeatable"},
		&cli.StringFlag{Name: "delimiter", Value: source.DefaultDelimiter, Usage: "on standard input, the `LINE` that separates articles"},
		&cli.Int64Flag{Name: "max-article-bytes", Aliases: []string{"max-bytes"}, Value: source.DefaultMaxBytes, Usage: "refuse an article, JSON record or fetched page larger than `N` bytes (extraction time and memory grow with the article)"},
		&cli.StringFlag{Name: "fields", Usage: "JSON Lines field names, `KEY=NAME[|NAME...],...` with KEY one of url, date, title, text, html (default url|link, date|published|published_at|datePublished, title|headline, text|content|body, html)"},
		&cli.DurationFlag{Name: "fetch-timeout", Value: 30 * time.Second, Usage: "give up fetching a URL after `DURATION`"},
		&cli.StringFlag{Name: "user-agent", Value: source.DefaultUserAgent, Usage: "the User-Agent header sent when fetching URLs"},
	}
}

// sourceOptions reads the input flags.
func sourceOptions(c *cli.Context) (source.Options, error) {
	opt := source.Options{
		Stdin:     c.App.Reader,
		Include:   c.StringSlice("include"),
		Exclude:   c.StringSlice("exclude"),
		Delimiter: c.String("delimiter"),
		MaxBytes:  c.Int64("max-article-bytes"),
		Fields:    source.DefaultFields,
		Fetch:     source.FetchOptions{Timeout: c.Duration("fetch-timeout"), UserAgent: c.String("user-agent")},
	}
	for _, g := range append(append([]string{}, opt.Include...), opt.Exclude...) {
		if _, err := filepath.Match(g, ""); err != nil {
			return opt, usageErr("glob %q: %v", g, err)
		}
	}
	if spec := c.String("fields"); spec != "" {
		for _, kv := range strings.Split(spec, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			names := strings.Split(v, "|")
			if !ok || v == "" {
				return opt, usageErr("--fields %q: want KEY=NAME[|NAME...] pairs separated by commas", spec)
			}
			switch k {
			case "url":
				opt.Fields.URL = names
			case "date":
				opt.Fields.Date = names
			case "title":
				opt.Fields.Title = names
			case "text":
				opt.Fields.Text = names
			case "html":
				opt.Fields.HTML = names
			default:
				return opt, usageErr("--fields: unknown key %q (want url, date, title, text or html)", k)
			}
		}
	}
	if opt.MaxBytes <= 0 {
		return opt, usageErr("--max-article-bytes %d: want a positive size", opt.MaxBytes)
	}
	return opt, nil
}

// extracted is one article's result, or why it has none.
type extracted struct {
	path string
	res  *extract.Result
	err  error
	// key is the input's key (inputKeys), known that the store holds it
	// already: the input was not extracted, and res is nil.
	key   string
	known bool
	// doc and digest are res as the store's Doc (toSchema, with Input set
	// to key) and its schema.DocDigest, when the stream was asked for them
	// (a stream an ingest writes): made by the extracting worker, so that
	// the one writer does not hash every article.
	doc    *schema.Doc
	digest string
}

// inputKeys tells an input the store has already ingested (see
// schema.Input), before it is extracted. An input's key hashes what its
// extraction depends on: the program itself (a new build extracts every
// input again, once), the rules, the fallback date, and the input's name,
// bytes and stated metadata.
type inputKeys struct {
	salt  []byte
	known func(key string) bool
}

// newInputKeys returns the input keys of x's rules and the fallback date,
// known by asking known; nil (no skipping) when the program cannot be read.
func newInputKeys(x *extract.Extractor, fallback extract.Date, known func(string) bool) *inputKeys {
	prog, err := programDigest()
	if err != nil {
		return nil
	}
	salt := fmt.Sprintf("newsgraph input 1\x00%s\x00%s\x00%s\x00", prog, x.Rules.Fingerprint, fallback.String())
	return &inputKeys{salt: []byte(salt), known: known}
}

// key returns the key of input it.
func (k *inputKeys) key(it source.Item) string {
	h := sha256.New()
	h.Write(k.salt)
	for _, f := range []string{it.Name, it.Text, it.URL, it.Date, it.Title} {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
	h.Write(it.Raw)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

var program struct {
	once   sync.Once
	digest string
	err    error
}

// programDigest is a hash of the running program's file.
func programDigest() (string, error) {
	program.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			program.err = err
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			program.err = err
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			program.err = err
			return
		}
		program.digest = hex.EncodeToString(h.Sum(nil))
	})
	return program.digest, program.err
}

// stream is a running extraction of inputs: results arrive in input order;
// Report, after the results channel is closed, says what was skipped.
type stream struct {
	C   <-chan extracted
	rep chan source.Report
}

// Report waits for the walk to end and returns its report.
func (s *stream) Report() source.Report { return <-s.rep }

// extractStream reads the inputs args name and extracts them on all cores.
// Memory is bounded: at most a few articles per core are in flight between
// the reader, the extractors and the consumer, whatever the size of the
// dump or directory.
//
// With keys set, an input whose key the store knows is not extracted: it
// arrives with known set.
//
// With docs set, every result also holds its schema.Doc and digest
// (extracted.doc).
func extractStream(ctx context.Context, x *extract.Extractor, args []string, opt source.Options, fallback extract.Date, keys *inputKeys, docs bool) *stream {
	return extractStreamN(ctx, x, args, opt, fallback, runtime.GOMAXPROCS(0), keys, docs)
}

func extractStreamN(ctx context.Context, x *extract.Extractor, args []string, opt source.Options, fallback extract.Date, workers int, keys *inputKeys, docs bool) *stream {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		it  source.Item
		out chan extracted
	}
	jobs := make(chan job, workers)
	order := make(chan chan extracted, 4*workers)
	rep := make(chan source.Report, 1)
	go func() {
		r := source.Walk(ctx, args, opt, func(it source.Item) bool {
			slot := make(chan extracted, 1)
			select {
			case order <- slot:
			case <-ctx.Done():
				return false
			}
			jobs <- job{it, slot}
			return true
		})
		close(jobs)
		close(order)
		rep <- r
	}()
	for range workers {
		go func() {
			for j := range jobs {
				var key string
				if keys != nil && j.it.Err == nil {
					key = keys.key(j.it)
					if keys.known(key) {
						j.out <- extracted{path: j.it.Name, key: key, known: true}
						continue
					}
				}
				r := extractItem(ctx, x, j.it, fallback)
				r.key = key
				if docs && r.err == nil {
					r.doc = toSchema(r.res, x.Rules)
					r.doc.Input = key
					r.digest = schema.DocDigest(r.doc)
				}
				j.out <- r
			}
		}()
	}
	out := make(chan extracted, workers)
	go func() {
		for slot := range order {
			out <- <-slot
		}
		close(out)
	}()
	return &stream{C: out, rep: rep}
}

// extractItem parses and extracts one input.
func extractItem(ctx context.Context, x *extract.Extractor, it source.Item, fallback extract.Date) extracted {
	if it.Err != nil {
		return extracted{path: it.Name, err: it.Err}
	}
	var stated extract.Date
	if it.Date != "" {
		d, err := extract.ParseDate(it.Date)
		if err != nil {
			return extracted{path: it.Name, err: fmt.Errorf("%s: %v", it.Name, err)}
		}
		stated = d
	}
	var doc *extract.Document
	var err error
	if it.HTML() {
		doc, err = x.ParseText(it.Name, it.Raw, it.Text, it.Offs, it.URL, stated)
	} else {
		fb := fallback
		if !stated.IsZero() {
			fb = stated
		}
		doc, err = x.ParseContext(ctx, it.Name, it.Raw, fb)
		if err == nil {
			if doc.URL == "" {
				doc.URL = it.URL
			}
			if !stated.IsZero() && !doc.DateFromFile {
				doc.DateFromFile = true
			}
		}
	}
	if err != nil {
		return extracted{path: it.Name, err: err}
	}
	res, err := x.ExtractContext(ctx, doc)
	if err != nil {
		return extracted{path: it.Name, err: fmt.Errorf("%s: %w", it.Name, err)}
	}
	return extracted{path: it.Name, res: res}
}
