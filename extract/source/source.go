package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Item is one article as a source gives it.
type Item struct {
	// Name is what messages call it: a path, "-" (or "-#2" for the second
	// article of standard input), "FILE:LINE" for a JSON Lines record, or
	// the URL fetched.
	Name string
	// Raw is the article's bytes as read: a text article (with an optional
	// "url:" header and " date" line), or an HTML page when Text is set.
	Raw []byte
	// Text, for an HTML page, is its article text; Offs maps each byte of
	// Text to its offset in Raw.
	Text string
	Offs []int
	// URL, Date ("YYYY-MM-DD" or "YYYY-MM") and Title are what the source
	// itself states: a record's fields, the page's metadata, the URL
	// fetched. Empty when it states none.
	URL, Date, Title string
	// Err is why the article could not be read; the other fields but Name
	// are then empty.
	Err error
}

// HTML reports whether the item is an HTML page.
func (it Item) HTML() bool { return it.Text != "" }

// Fields names the JSON Lines fields read, each a list of accepted names
// tried in order.
type Fields struct {
	URL, Date, Title, Text, HTML []string
}

// DefaultFields are the field names of a JSON Lines record: url, date (or
// published), title, text (or html).
var DefaultFields = Fields{
	URL:   []string{"url", "link"},
	Date:  []string{"date", "published", "published_at", "datePublished"},
	Title: []string{"title", "headline"},
	Text:  []string{"text", "content", "body"},
	HTML:  []string{"html"},
}

// Options says how to read inputs.
type Options struct {
	Stdin io.Reader
	// Include and Exclude are globs matched against a file's name and its
	// path under the directory walked. A file matching Include is read even
	// with an unknown extension (as text or HTML by its content); one
	// matching Exclude is skipped. They apply to directory walks, not to
	// files named as arguments.
	Include, Exclude []string
	Fields           Fields
	// Delimiter is the line that separates articles on standard input.
	Delimiter string
	// MaxBytes bounds one article, one JSON record and one fetched page.
	MaxBytes int64
	Fetch    FetchOptions
}

// DefaultDelimiter separates articles on standard input: a line of its own.
const DefaultDelimiter = "%%"

// DefaultMaxBytes is the default size limit of one article (8 MiB: a
// news article is some kilobytes; an HTML page some hundreds).
const DefaultMaxBytes = 8 << 20

// Report counts what a walk read and skipped.
type Report struct {
	Items   int
	Skipped map[string]int // reason -> files
}

// String is the report's one-line summary of skipped files, "" when none.
func (r Report) String() string {
	if len(r.Skipped) == 0 {
		return ""
	}
	var reasons []string
	n := 0
	for why, k := range r.Skipped {
		reasons = append(reasons, fmt.Sprintf("%d %s", k, why))
		n += k
	}
	sort.Strings(reasons)
	return fmt.Sprintf("skipped %d file(s): %s (--include GLOB reads them)", n, strings.Join(reasons, ", "))
}

func (r *Report) skip(why string) {
	if r.Skipped == nil {
		r.Skipped = map[string]int{}
	}
	r.Skipped[why]++
}

// kind is how a file is read.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindJSONL
	kindJSONLGzip
	kindSniff // no extension: text or HTML by content
)

func kindOf(name string) (kind, string) {
	lower := strings.ToLower(name)
	for _, s := range []string{".jsonl.gz", ".ndjson.gz"} {
		if strings.HasSuffix(lower, s) {
			return kindJSONLGzip, s
		}
	}
	ext := filepath.Ext(lower)
	switch ext {
	case ".txt", ".text", ".md":
		return kindText, ext
	case ".html", ".htm", ".xhtml":
		return kindHTML, ext
	case ".jsonl", ".ndjson":
		return kindJSONL, ext
	case "":
		return kindSniff, ""
	}
	return kindUnknown, ext
}

// Walk reads the inputs args stand for, in order, and hands each article to
// yield; it stops early when yield returns false or ctx ends. An argument
// is "-" (standard input), an http(s) URL, a file, or a directory (its
// files, recursively, in name order).
func Walk(ctx context.Context, args []string, opt Options, yield func(Item) bool) Report {
	if opt.Fields.Text == nil && opt.Fields.HTML == nil && opt.Fields.URL == nil {
		opt.Fields = DefaultFields
	}
	if opt.Delimiter == "" {
		opt.Delimiter = DefaultDelimiter
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	w := &walker{ctx: ctx, opt: opt, yield: yield}
	for _, a := range args {
		if !w.arg(a) {
			break
		}
	}
	return w.rep
}

type walker struct {
	ctx   context.Context
	opt   Options
	yield func(Item) bool
	rep   Report
}

func (w *walker) emit(it Item) bool {
	if w.ctx.Err() != nil {
		return false
	}
	w.rep.Items++
	return w.yield(it)
}

func (w *walker) fail(name string, err error) bool {
	return w.emit(Item{Name: name, Err: fmt.Errorf("%s: %w", name, err)})
}

func (w *walker) arg(a string) bool {
	switch {
	case a == "-":
		return w.stdin()
	case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
		return w.emit(Fetch(w.ctx, a, w.opt.Fetch, w.opt.MaxBytes))
	}
	st, err := os.Stat(a)
	if err != nil {
		return w.fail(a, pathErr(err))
	}
	if !st.IsDir() {
		k, _ := kindOf(a)
		if k == kindUnknown {
			k = kindSniff // named on the command line: read it
		}
		return w.file(a, k)
	}
	var files []string
	kinds := map[string]kind{}
	err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable sub-directory is named; the walk goes on.
			if !w.fail(p, pathErr(err)) {
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(a, p)
		if p != a && strings.HasPrefix(d.Name(), ".") {
			w.rep.skip("hidden")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			w.rep.skip("not a regular file")
			return nil
		}
		if matchAny(w.opt.Exclude, d.Name(), rel) {
			w.rep.skip("excluded")
			return nil
		}
		k, ext := kindOf(d.Name())
		included := matchAny(w.opt.Include, d.Name(), rel)
		switch {
		case len(w.opt.Include) > 0 && !included:
			w.rep.skip("not included")
			return nil
		case k == kindUnknown && !included:
			w.rep.skip("unknown extension " + ext)
			return nil
		case k == kindUnknown:
			k = kindSniff
		}
		files = append(files, p)
		kinds[p] = k
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipAll) {
		if !w.fail(a, err) {
			return false
		}
	}
	sort.Strings(files)
	for _, f := range files {
		if !w.file(f, kinds[f]) {
			return false
		}
	}
	return w.ctx.Err() == nil
}

func matchAny(globs []string, name, rel string) bool {
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
		if ok, _ := filepath.Match(g, filepath.ToSlash(rel)); ok {
			return true
		}
	}
	return false
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (w *walker) file(p string, k kind) bool {
	switch k {
	case kindJSONL, kindJSONLGzip:
		f, err := os.Open(p)
		if err != nil {
			return w.fail(p, pathErr(err))
		}
		defer f.Close()
		var r io.Reader = f
		if k == kindJSONLGzip {
			gz, err := gzip.NewReader(f)
			if err != nil {
				return w.fail(p, fmt.Errorf("not gzip data: %v", err))
			}
			defer gz.Close()
			r = gz
		}
		return w.jsonl(p, r)
	}
	data, err := readLimited(p, w.opt.MaxBytes)
	if err != nil {
		return w.fail(p, err)
	}
	if k == kindHTML || k == kindSniff && LooksLikeHTML(data) {
		return w.emit(htmlItem(p, data))
	}
	return w.emit(Item{Name: p, Raw: data})
}

func readLimited(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, pathErr(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, pathErr(err)
	}
	if int64(len(data)) > max {
		size := int64(len(data))
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		return nil, fmt.Errorf("too large (%d bytes; limit %d, --max-article-bytes)", size, max)
	}
	return data, nil
}

// htmlItem reads an HTML page into an item.
func htmlItem(name string, data []byte) Item {
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	p, err := ReadHTML(data)
	if err != nil {
		return Item{Name: name, Err: fmt.Errorf("%s: %w", name, err)}
	}
	it := Item{Name: name, Raw: data, Text: p.Text, Offs: p.Offs, URL: p.URL, Title: p.Title}
	if !p.Date.IsZero() {
		it.Date = p.Date.Format("2006-01-02")
	}
	return it
}

// stdin reads standard input: an HTML page, a JSON Lines stream (its first
// byte is "{"), or text articles separated by delimiter lines.
func (w *walker) stdin() bool {
	if w.opt.Stdin == nil {
		return w.fail("-", errors.New("no standard input"))
	}
	br := bufio.NewReaderSize(w.opt.Stdin, 64<<10)
	head, _ := br.Peek(512)
	if t := bytes.TrimLeft(head, "\ufeff \t\r\n"); len(t) > 0 && t[0] == '{' {
		return w.jsonl("-", br)
	}
	data, err := io.ReadAll(io.LimitReader(br, w.opt.MaxBytes+1))
	if err != nil {
		return w.fail("-", err)
	}
	if int64(len(data)) > w.opt.MaxBytes {
		return w.fail("-", fmt.Errorf("too large (more than %d bytes; limit %d, --max-article-bytes)", w.opt.MaxBytes, w.opt.MaxBytes))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return w.fail("-", errors.New("nothing on standard input"))
	}
	if LooksLikeHTML(data) {
		return w.emit(htmlItem("-", data))
	}
	parts := splitDelimited(data, w.opt.Delimiter)
	if len(parts) == 0 {
		return w.fail("-", fmt.Errorf("nothing on standard input but %q lines", w.opt.Delimiter))
	}
	for i, part := range parts {
		name := "-"
		if len(parts) > 1 {
			name = fmt.Sprintf("-#%d", i+1)
		}
		if !w.emit(Item{Name: name, Raw: part}) {
			return false
		}
	}
	return true
}

// splitDelimited splits data at the lines that hold only delim; empty
// parts are dropped.
func splitDelimited(data []byte, delim string) [][]byte {
	var parts [][]byte
	start := 0
	for pos := 0; pos < len(data); {
		end := bytes.IndexByte(data[pos:], '\n')
		next := len(data)
		line := data[pos:]
		if end >= 0 {
			line, next = data[pos:pos+end], pos+end+1
		}
		if string(bytes.TrimSpace(line)) == delim {
			if len(bytes.TrimSpace(data[start:pos])) > 0 {
				parts = append(parts, data[start:pos])
			}
			start = next
		}
		pos = next
	}
	if len(bytes.TrimSpace(data[start:])) > 0 {
		parts = append(parts, data[start:])
	}
	return parts
}

// jsonl reads one article per line of r; a bad record is an item with
// Err named FILE:LINE.
func (w *walker) jsonl(name string, r io.Reader) bool {
	br := bufio.NewReaderSize(r, 256<<10)
	for line := 1; ; line++ {
		rec, err := readLine(br, w.opt.MaxBytes)
		if err == io.EOF && len(rec) == 0 {
			return true
		}
		at := fmt.Sprintf("%s:%d", name, line)
		switch {
		case errors.Is(err, errLongLine):
			if !w.emit(Item{Name: at, Err: fmt.Errorf("%s: record too large (more than %d bytes; limit %d, --max-article-bytes)", at, w.opt.MaxBytes, w.opt.MaxBytes)}) {
				return false
			}
			continue
		case err != nil && err != io.EOF:
			return w.fail(at, err)
		}
		if len(bytes.TrimSpace(rec)) == 0 {
			if err == io.EOF {
				return true
			}
			continue
		}
		if !w.emit(w.record(at, rec)) {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

var errLongLine = errors.New("line too long")

// readLine reads one line, dropping (and reporting) a line longer than max.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	long := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if int64(len(buf)+len(chunk)) > max {
				long, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			if long {
				return nil, errLongLine
			}
			return bytes.TrimRight(buf, "\r\n"), nil
		default:
			if long {
				return nil, errLongLine
			}
			return buf, err
		}
	}
}

// record reads one JSON Lines record.
func (w *walker) record(at string, rec []byte) Item {
	var m map[string]any
	if err := json.Unmarshal(rec, &m); err != nil {
		return Item{Name: at, Err: fmt.Errorf("%s: not a JSON object: %v", at, jsonErr(err))}
	}
	f := w.opt.Fields
	str := func(names []string) (string, string, error) {
		for _, n := range names {
			v, ok := m[n]
			if !ok || v == nil {
				continue
			}
			s, ok := v.(string)
			if !ok {
				return "", n, fmt.Errorf("field %q is a %T, want a string", n, v)
			}
			return s, n, nil
		}
		return "", "", nil
	}
	fail := func(err error) Item { return Item{Name: at, Err: fmt.Errorf("%s: %w", at, err)} }
	url, _, err := str(f.URL)
	if err != nil {
		return fail(err)
	}
	date, dateField, err := str(f.Date)
	if err != nil {
		return fail(err)
	}
	if date != "" {
		d, ok := normDate(date)
		if !ok {
			return fail(fmt.Errorf("field %q: date %q: want YYYY-MM-DD, YYYY-MM or an RFC 3339 time", dateField, date))
		}
		date = d
	}
	title, _, err := str(f.Title)
	if err != nil {
		return fail(err)
	}
	text, _, err := str(f.Text)
	if err != nil {
		return fail(err)
	}
	page, _, err := str(f.HTML)
	if err != nil {
		return fail(err)
	}
	switch {
	case strings.TrimSpace(text) != "":
		raw := text
		if title != "" && !strings.HasPrefix(strings.TrimSpace(text), strings.TrimSpace(title)) {
			raw = title + "\n\n" + text
		}
		return Item{Name: at, Raw: []byte(raw), URL: url, Date: date, Title: title}
	case strings.TrimSpace(page) != "":
		it := htmlItem(at, []byte(page))
		if it.Err == nil {
			if url != "" {
				it.URL = url
			}
			if date != "" {
				it.Date = date
			}
		}
		return it
	}
	return fail(fmt.Errorf("no article text (fields %s)", strings.Join(slices.Concat(f.Text, f.HTML), ", ")))
}

func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	return err.Error()
}

var dateRe = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?$`)

// normDate reads a record's date: YYYY-MM-DD, YYYY-MM or an RFC 3339 time
// (its calendar day as written).
func normDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := dateRe.FindStringSubmatch(s); m != nil {
		layout, v := "2006-01", s
		if m[3] != "" {
			layout = "2006-01-02"
		}
		if _, err := time.Parse(layout, v); err != nil {
			return "", false
		}
		return s, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format("2006-01-02"), true
	}
	return "", false
}
