package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a span of the normalized text.
type Sentence struct {
	Start, End int
	Para       int // index into the paragraphs
	Zone       ZoneKind
	Doc        int
	toks       []token // the sentence's tokens, shared with the paragraph's
}

// Dateline is the "Hanoï, 6 juillet (VNA) -" opening of a news item.
type Dateline struct {
	Start, End int
	Place      string // as written; "" when none
	Day, Month int
	Year       int
}

// abbreviations end with a full stop that does not end a sentence (folded).
var abbreviations = map[string]bool{
	"m": true, "mm": true, "mme": true, "mmes": true, "mlle": true, "dr": true, "pr": true,
	"st": true, "ste": true, "no": true, "n°": true, "av": true, "apr": true, "cf": true,
	"p": true, "ex": true, "vol": true, "art": true, "env": true, "gen": true, "col": true,
	"lt": true, "cdt": true, "jr": true, "sr": true, "s.e": true, "hon": true, "etc": false,
}

var (
	agencyRe = `(?:VNA|AFP|VOV|VOVWORLD|VOV5|AKP|Xinhua|Reuters|TASS|CVN|APS|Prensa Latina|NDO|VNA/CVN|VNA/VI|VNS|Sputnik)`
	// Place, day month [year] (AGENCY) -
	agencyInRe = regexp.MustCompile(`\(\s*` + agencyRe + `\s*\)|^\s*` + agencyRe + `\s`)
	datelineRe = regexp.MustCompile(`^\s*(?:` + agencyRe + `\s+)?([\p{Lu}][\p{L}'’\- ]{1,40}?)?\s*,?\s*(?:le\s+)?(?:(\d{1,2})(?:er)?\s*([\p{L}]{3,9})(?:\s+(\d{4}))?)?\s*(?:\(\s*` + agencyRe + `\s*\))?\s*[-–—]+\s*`)
)

// parseDateline reads a dateline at the start of text[start:end].
func parseDateline(text string, start, end int) (Dateline, bool) {
	// Every dateline ends with a dash within its first hundred bytes.
	if head := text[start:min(end, start+120)]; !strings.ContainsAny(head, "-–—") {
		return Dateline{}, false
	}
	m := datelineRe.FindStringSubmatchIndex(text[start:end])
	if m == nil {
		return Dateline{}, false
	}
	whole := text[start : start+m[1]]
	hasAgency := agencyInRe.MatchString(whole)
	dl := Dateline{Start: start, End: start + m[1]}
	if m[2] >= 0 {
		dl.Place = strings.TrimSpace(text[start+m[2] : start+m[3]])
	}
	if m[4] >= 0 {
		mon := monthNumber(fold(text[start+m[6] : start+m[7]]))
		if mon == 0 {
			return Dateline{}, false
		}
		dl.Day = atoi(text[start+m[4] : start+m[5]])
		dl.Month = mon
		if m[8] >= 0 {
			dl.Year = atoi(text[start+m[8] : start+m[9]])
		}
	}
	if !hasAgency && !(dl.Day > 0 && dl.Place != "") {
		return Dateline{}, false
	}
	if dl.Place != "" && utf8.RuneCountInString(dl.Place) > 30 {
		return Dateline{}, false
	}
	return dl, true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
		}
	}
	return n
}

// creditRe finds the photo credit that ends a caption.
var creditRe = regexp.MustCompile(`(?i)[.\s]*(?:\(\s*)?Photos?\s*(?::|diffusée|d['’]illustration|\s[A-Z]{2,}|$).*$`)

// sentences splits a paragraph into sentences.
func sentences(text string, p Paragraph, pi int) []Sentence {
	start, end := p.Start, p.End
	if p.Zone == ZoneCaption {
		if m := creditRe.FindStringIndex(text[start:end]); m != nil && m[0] > 0 {
			end = start + m[0]
		}
	}
	var out []Sentence
	toks := tokenize(text, start, end)
	ti := 0 // first token of the current sentence
	emit := func(s, e int) {
		for s < e && (text[s] == ' ' || text[s] == '\n') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n') {
			e--
		}
		tj := ti
		for tj < len(toks) && toks[tj].End <= e {
			tj++
		}
		if e > s {
			st := toks[ti:tj:tj]
			if len(st) > 0 {
				st[0].Space = true // a sentence starts fresh
			}
			out = append(out, Sentence{Start: s, End: e, Para: pi, Zone: p.Zone, Doc: p.Doc, toks: st})
		}
		ti = tj
	}
	s := start
	for i, t := range toks {
		if t.Kind != tokPunct || !strings.Contains(".!?…", t.Text) {
			continue
		}
		if i+1 >= len(toks) {
			continue
		}
		next := toks[i+1]
		if next.Text == "." || next.Text == "»" || next.Text == ")" || next.Text == "\"" {
			continue
		}
		nextStartsSentence := (next.Kind == tokWord && next.Cap) || next.Kind == tokNumber || next.Text == "«" || next.Text == "\"" || next.Text == "-" || next.Text == "–"
		if !nextStartsSentence {
			continue
		}
		if t.Text == "." && i > 0 {
			prev := toks[i-1]
			if prev.Kind == tokWord && !toks[i].Space {
				if abbreviations[prev.Fold] {
					continue
				}
				// Initials: V.Titov, F.M. Alsuwelim, J.-C.
				if utf8.RuneCountInString(prev.Text) == 1 && prev.Cap {
					continue
				}
			}
			if prev.Kind == tokNumber && next.Kind == tokNumber && !next.Space {
				continue
			}
			// "- VNA" and similar credits are not sentences of their own.
		}
		emit(s, t.End)
		s = t.End
	}
	emit(s, end)
	return out
}

// isUpperWord reports whether s is written in capitals (an acronym).
func isUpperWord(s string) bool {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			if !unicode.IsUpper(c) {
				return false
			}
			n++
		}
	}
	return n >= 2
}
