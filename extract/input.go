package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Date is a calendar date known at some precision: a zero field is unknown.
// A date with Year and Month but no Day is a gYearMonth; one with Month and
// Day but no Year is a gMonthDay.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// Before reports whether d comes before e, comparing year, month and day.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// String writes the date in the XML Schema form of its precision:
// 2022-07-06, 2022-07, --07-06 or 2022; "" when nothing is known.
func (d Date) String() string {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Year != 0 && d.Month != 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	case d.Year != 0:
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

// XSDType is the local name of the XML Schema datatype of the date's
// precision: date, gYearMonth, gMonthDay or gYear.
func (d Date) XSDType() string {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return "date"
	case d.Year != 0 && d.Month != 0:
		return "gYearMonth"
	case d.Month != 0 && d.Day != 0:
		return "gMonthDay"
	case d.Year != 0:
		return "gYear"
	}
	return ""
}

// ParseDate reads YYYY-MM-DD, YYYY-MM, --MM-DD or YYYY.
func ParseDate(s string) (Date, error) {
	m := dateArgRe.FindStringSubmatch(s)
	if m == nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM, --MM-DD or YYYY", s)
	}
	var d Date
	d.Year, _ = strconv.Atoi(m[1])
	d.Month, _ = strconv.Atoi(m[2] + m[4])
	d.Day, _ = strconv.Atoi(m[3] + m[5])
	if d.Month > 12 || (d.Month == 0 && d.Day != 0) || d.Day > daysIn(d.Month, d.Year) {
		return Date{}, fmt.Errorf("date %q: no such day", s)
	}
	return d, nil
}

var dateArgRe = regexp.MustCompile(`^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$`)

func daysIn(month, year int) int {
	switch month {
	case 0:
		return 31
	case 2:
		if year == 0 || (year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// InputError is an article that cannot be read.
type InputError struct {
	File string
	Line int // 0 when the whole file is concerned
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Document is one article, read and normalized.
type Document struct {
	Name string // file name as given
	Raw  []byte // the file's bytes, untouched
	URL  string // from the header, if any
	// Date is the publication date from a first line " date YYYY-MM[-DD]",
	// or the fallback given to Parse; zero when unknown.
	Date Date
	// DateFromFile reports whether Date came from the file itself.
	DateFromFile bool
	// Body is the byte offset in Raw where the article text starts.
	Body int
	// Text is the normalized text; Offset maps its bytes back to Raw.
	Text string
	offs []int
}

// Offset returns the byte offset in Raw of byte i of Text.
func (d *Document) Offset(i int) int {
	if i < 0 {
		return d.Body
	}
	if i >= len(d.offs) {
		return len(d.Raw)
	}
	return d.offs[i]
}

var (
	headerLineRe = regexp.MustCompile(`^[a-z][a-z-]*:\s`)
	dateLineRe   = regexp.MustCompile(`^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b`)
	// A first line that starts like a date line but is not one.
	badDateLineRe = regexp.MustCompile(`^\s*date\s+\d`)
	// A header line with an empty value ("url:").
	bareHeaderRe = regexp.MustCompile(`^[a-z][a-z-]*:\s*$`)
)

// readInput reads an article: it checks the encoding, skips a BOM and an optional
// header (`url: ...`, `retrieved-as: ...`, up to a `---` line), reads the
// publication date from a first line ` date YYYY-MM[-DD]` (fallback is used
// when there is none) and normalizes the text.
// trailingGarbage reports text glued to a date ("2022-07-06garbage"): the
// date must end the word.
func trailingGarbage(rest []byte) bool {
	if len(rest) == 0 {
		return false
	}
	r, _ := utf8.DecodeRune(rest)
	if r == '-' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
		return true // "2022-07-06garbage" read as 2022-07 and "-06garbage"
	}
	return !unicode.IsSpace(r) && !unicode.IsPunct(r)
}

func readInput(name string, data []byte, fallback Date) (*Document, error) {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) || len(data) >= 4 && (data[1] == 0 && data[3] == 0 || data[0] == 0 && data[2] == 0) && data[0] != data[1] {
		return nil, &InputError{File: name, Line: 1, Msg: "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &InputError{File: name, Line: 1 + bytes.Count(data[:i], []byte("\n")), Msg: fmt.Sprintf("binary file (NUL byte at offset %d); want UTF-8 text", i)}
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, &InputError{File: name, Line: 1 + bytes.Count(data[:i], []byte("\n")), Msg: fmt.Sprintf("invalid UTF-8 at byte %d; convert the file to UTF-8", i)}
	}
	doc := &Document{Name: name, Raw: data, Date: fallback}
	pos := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		pos = 3
	}
	// Optional header.
	if headerLineRe.Match(data[pos:min(len(data), pos+64)]) || bareHeaderRe.Match(data[pos:min(len(data), pos+64)]) {
		p := pos
		closed := false
		for lines := 0; p < len(data) && lines < 40; lines++ {
			end := bytes.IndexByte(data[p:], '\n')
			var line []byte
			next := len(data)
			if end < 0 {
				line = data[p:]
			} else {
				line = data[p : p+end]
				next = p + end + 1
			}
			line = bytes.TrimRight(line, "\r")
			if string(bytes.TrimSpace(line)) == "---" {
				pos = next
				closed = true
				break
			}
			if bytes.HasPrefix(line, []byte("url:")) {
				doc.URL = string(bytes.TrimSpace(line[4:]))
			}
			if !headerLineRe.Match(line) && !bareHeaderRe.Match(line) && len(bytes.TrimSpace(line)) > 0 {
				break
			}
			p = next
		}
		if !closed && p >= len(data) {
			return nil, &InputError{File: name, Line: 1, Msg: "only a header (url: ...) and no article text; the header ends with a line '---' and the text follows"}
		}
	}
	// Optional date line.
	lineEnd := bytes.IndexByte(data[pos:], '\n')
	if lineEnd < 0 {
		lineEnd = len(data) - pos
	}
	if m := dateLineRe.FindSubmatchIndex(data[pos : pos+lineEnd]); m != nil {
		var d Date
		d.Year, _ = strconv.Atoi(string(data[pos+m[2] : pos+m[3]]))
		d.Month, _ = strconv.Atoi(string(data[pos+m[4] : pos+m[5]]))
		if m[6] >= 0 {
			d.Day, _ = strconv.Atoi(string(data[pos+m[6] : pos+m[7]]))
		}
		if d.Month >= 1 && d.Month <= 12 && d.Day <= daysIn(d.Month, d.Year) && d.Year >= 1 && (m[6] < 0 || d.Day >= 1) && !trailingGarbage(data[pos+m[1]:pos+lineEnd]) {
			doc.Date = d
			doc.DateFromFile = true
			pos += m[1]
		} else {
			return nil, &InputError{File: name, Line: 1 + bytes.Count(data[:pos], []byte("\n")), Msg: fmt.Sprintf("date line %q: no such date (want \" date YYYY-MM\" or \" date YYYY-MM-DD\")", strings.TrimSpace(string(data[pos:pos+min(lineEnd, m[1]+12)])))}
		}
	} else if badDateLineRe.Match(data[pos : pos+lineEnd]) {
		return nil, &InputError{File: name, Line: 1 + bytes.Count(data[:pos], []byte("\n")), Msg: fmt.Sprintf("date line %q: want \" date YYYY-MM\" or \" date YYYY-MM-DD\"", strings.TrimSpace(string(data[pos:pos+min(lineEnd, 40)])))}
	}
	doc.Body = pos
	if len(bytes.TrimSpace(bytes.TrimPrefix(data[pos:], []byte("\ufeff")))) == 0 {
		return nil, &InputError{File: name, Msg: "no article text (empty file, or only a header or date line)"}
	}
	return doc, nil
}
