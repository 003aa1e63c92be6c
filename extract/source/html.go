package source

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	xhtml "golang.org/x/net/html"
)

// Page is the article of an HTML page.
type Page struct {
	Title string
	URL   string    // og:url or the canonical link, "" when the page names none
	Date  time.Time // publication date from the page's metadata, zero when none
	// Text is the article: the title, then its paragraphs, separated by
	// blank lines. Offs[i] is the offset in the HTML of byte i of Text
	// (len(Offs) == len(Text)).
	Text string
	Offs []int
}

// LooksLikeHTML reports whether data starts like an HTML document.
func LooksLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 512)], "\ufeff \t\r\n")
	lower := bytes.ToLower(head[:min(len(head), 64)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<!--", "<body", "<meta", "<title"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return p != "<!--" || bytes.Contains(bytes.ToLower(head), []byte("<html"))
		}
	}
	return false
}

// ReadHTML extracts the article of an HTML page.
func ReadHTML(data []byte) (*Page, error) {
	res, err := trafilatura.Extract(bytes.NewReader(data), trafilatura.Options{
		ExcludeComments: true,
		Deduplicate:     true,
		Focus:           trafilatura.Balanced,
	})
	if err != nil {
		return nil, fmt.Errorf("no article found in the HTML page (%v)", err)
	}
	p := &Page{Title: strings.TrimSpace(res.Metadata.Title), URL: strings.TrimSpace(res.Metadata.URL), Date: res.Metadata.Date}
	vis := visibleText(data)
	var b strings.Builder
	var offs []int
	cursor := 0
	add := func(s string) {
		s = collapse(s)
		if s == "" {
			return
		}
		if b.Len() > 0 {
			// The blank line between paragraphs points where the next
			// paragraph starts.
			at := len(data)
			if i := vis.find(s, cursor); i >= 0 {
				at = vis.offs[i]
			}
			b.WriteString("\n\n")
			offs = append(offs, at, at)
		}
		i := vis.find(s, cursor)
		if i < 0 {
			i = vis.find(s, 0)
		}
		for k := 0; k < len(s); k++ {
			switch {
			case i >= 0:
				offs = append(offs, vis.offs[i+k])
			case len(offs) > 0:
				offs = append(offs, offs[len(offs)-1])
			default:
				offs = append(offs, 0)
			}
		}
		if i >= 0 {
			cursor = i + len(s)
		}
		b.WriteString(s)
	}
	text := strings.TrimSpace(res.ContentText)
	if p.Title != "" && !strings.HasPrefix(collapse(text), collapse(p.Title)) {
		add(p.Title)
		cursor = 0 // the title is in <head> and in <h1>; the body comes after either
	}
	for _, para := range strings.Split(text, "\n") {
		add(para)
	}
	if b.Len() == 0 {
		return nil, fmt.Errorf("no article text in the HTML page")
	}
	p.Text, p.Offs = b.String(), offs
	return p, nil
}

// visible is the text a browser shows of a page, whitespace collapsed, with
// the offset in the HTML of each of its bytes.
type visible struct {
	text string
	offs []int
}

// find returns the index in v.text of s at or after from, or -1.
func (v visible) find(s string, from int) int {
	if from > len(v.text) {
		return -1
	}
	if i := strings.Index(v.text[from:], s); i >= 0 {
		return from + i
	}
	return -1
}

// visibleText decodes the text nodes of an HTML page (not scripts, styles
// or comments), entities resolved and whitespace collapsed, keeping each
// byte's offset in the page.
func visibleText(data []byte) visible {
	var b strings.Builder
	var offs []int
	space := true
	emit := func(s string, at int) {
		for _, r := range s {
			if unicode.IsSpace(r) || r == '\u00a0' {
				if !space {
					b.WriteByte(' ')
					offs = append(offs, at)
					space = true
				}
				continue
			}
			n := utf8.RuneLen(r)
			b.WriteRune(r)
			for range n {
				offs = append(offs, at)
			}
			space = false
		}
	}
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	pos := 0
	skip := ""
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tt == xhtml.StartTagToken && (tag == "script" || tag == "style" || tag == "noscript" || tag == "template"):
				skip = tag
			case tt == xhtml.EndTagToken && tag == skip:
				skip = ""
			}
			if blockTag[tag] {
				emit(" ", start)
			}
		case xhtml.TextToken:
			if skip != "" {
				continue
			}
			// Entities resolved one by one, each decoded byte pointing at
			// its entity.
			for i := 0; i < len(raw); {
				if raw[i] == '&' {
					if j := bytes.IndexByte(raw[i:min(len(raw), i+12)], ';'); j > 0 {
						emit(html.UnescapeString(string(raw[i:i+j+1])), start+i)
						i += j + 1
						continue
					}
				}
				_, n := utf8.DecodeRune(raw[i:])
				emit(string(raw[i:i+n]), start+i)
				i += n
			}
		}
	}
	return visible{text: b.String(), offs: offs}
}

var blockTag = map[string]bool{"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "td": true, "tr": true, "figcaption": true, "section": true, "article": true, "header": true, "footer": true, "blockquote": true, "title": true}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	var b strings.Builder
	space := true
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}
