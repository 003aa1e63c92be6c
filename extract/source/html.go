package source

import (
	"bytes"
	"fmt"
	"html"
	"sort"
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
		Focus:           trafilatura.FavorRecall,
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
	blocks := blocksOf(res.ContentNode)
	span := blocks
	if d := collapse(res.Metadata.Description); d != "" {
		span = append([]string{d}, blocks...)
	}
	blocks = inPageOrder(append(blocks, captionsWithin(data, span, vis)...), vis)
	if p.Title != "" && (len(blocks) == 0 || !strings.HasPrefix(collapse(blocks[0]), collapse(p.Title))) {
		add(p.Title)
		cursor = 0 // the title is in <head> and in <h1>; the body comes after either
	}
	// The lead (sapo) often sits outside the element the library takes
	// for the body; the page's description repeats it. It is the article's
	// when the page shows it and the body does not hold it already.
	if d := collapse(res.Metadata.Description); len(d) > 40 && vis.find(d, 0) >= 0 && !containsBlock(blocks, d) {
		add(d)
	}
	for _, para := range blocks {
		add(para)
	}
	if b.Len() == 0 {
		return nil, fmt.Errorf("no article text in the HTML page")
	}
	p.Text, p.Offs = b.String(), offs
	return p, nil
}

// captionsWithin returns the photo captions (figcaption, or an element
// whose class names a caption) that the page shows between the first and
// the last block of the article: the library drops them, but they are the
// article's (and may name who met whom).
func captionsWithin(data []byte, blocks []string, vis visible) []string {
	lo, hi := -1, -1
	for _, b := range blocks {
		if at := vis.find(b, 0); at >= 0 {
			if lo < 0 || at < lo {
				lo = at
			}
			hi = max(hi, at+len(b))
		}
	}
	if lo < 0 {
		return nil
	}
	root, err := xhtml.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var out []string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == xhtml.ElementNode && (n.Data == "figcaption" || strings.Contains(strings.ToLower(attr(n, "class")), "caption")) {
			if t := collapse(textOf(n)); t != "" {
				if at := vis.find(t, lo); at >= 0 && at+len(t) <= hi {
					out = append(out, t)
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// inPageOrder drops repeated blocks and puts the others in the order the
// page shows them (the library's recall pass may add the lead after the
// body, or twice).
func inPageOrder(blocks []string, vis visible) []string {
	type placed struct {
		text string
		at   int
	}
	var out []placed
	seen := map[string]bool{}
	for _, b := range blocks {
		if seen[b] {
			continue
		}
		seen[b] = true
		at := vis.find(b, 0)
		if at < 0 {
			at = len(vis.text) + len(out) // not found: after the others, in order
		}
		out = append(out, placed{b, at})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	res := make([]string, len(out))
	for i, p := range out {
		res[i] = p.text
	}
	return res
}

// containsBlock reports whether one of blocks holds s.
func containsBlock(blocks []string, s string) bool {
	for _, b := range blocks {
		if strings.Contains(b, s) || strings.Contains(s, b) && len(b) > len(s)/2 {
			return true
		}
	}
	return false
}

// blocksOf returns the text of each block (paragraph, heading, list item,
// caption) of the extracted content, in order.
func blocksOf(n *xhtml.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			cur.WriteString(n.Data)
			return
		case xhtml.ElementNode:
			if n.Data == "br" {
				cur.WriteByte(' ')
				return
			}
			if blockTag[n.Data] || n.Data == "head" || n.Data == "list" || n.Data == "item" {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return out
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
