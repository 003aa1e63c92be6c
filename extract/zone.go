package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ZoneKind is the part of an article a paragraph belongs to.
type ZoneKind uint8

// Zones of an article. A teaser of another article (after "Voir plus") has
// the same zones, numbered by its own Doc index.
const (
	ZoneTitle ZoneKind = iota + 1
	ZoneLead
	ZoneBody
	ZoneCaption
	ZoneMarker // "Voir plus", "Sur le même sujet" and other boilerplate
)

func (z ZoneKind) String() string {
	switch z {
	case ZoneTitle:
		return "title"
	case ZoneLead:
		return "lead"
	case ZoneBody:
		return "body"
	case ZoneCaption:
		return "caption"
	case ZoneMarker:
		return "marker"
	}
	return "?"
}

// Paragraph is a zoned block of the normalized text.
type Paragraph struct {
	Start, End int
	Zone       ZoneKind
	// Doc is 0 for the article itself and k >= 1 for the k-th teaser of
	// another article; a teaser is a small document of its own that does
	// not inherit the article's date or place.
	Doc int
}

var (
	captionRe = regexp.MustCompile(`(?i)(?:^|[\s.(])photos?\s*(?::|diffus|d'illustration|d’illustration|de|credit|\b[A-Z]{2,}\b)|\((?:à |a )?(?:droite|gauche|au centre|centre)\)|\(Photo|^\s*Photo\b|Photo\s*$|Photo\s*:|Crédit\s*:`)
	// markerRe is the other boilerplate of a page, ignored.
	markerRe       = regexp.MustCompile(`(?i)^\s*(?:commentaires?|autres|aucun commentaire\s*:?|enregistrer un commentaire|source|vna|vna/cvn|vov|\|)\s*[:.]?\s*$`)
	teaserMarkerRe = regexp.MustCompile(`(?i)^\s*(?:voir plus|sur le même sujet|sur le meme sujet|lire aussi|à lire aussi|a lire aussi|articles? liés?|autres articles|articles similaires|dans la même rubrique)\s*[:.]?\s*$`)
)

// zone splits the normalized text into paragraphs and gives each its zone.
func zone(text string) []Paragraph {
	type line struct{ start, end int }
	var lines []line
	for i := 0; i <= len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text) - i
		}
		lines = append(lines, line{i, i + j})
		i += j + 1
	}
	trimmed := func(l line) string { return strings.TrimSpace(text[l.start:l.end]) }
	// Hard-wrapped text: many lines of similar length that end mid-sentence.
	wrapped := 0
	for _, l := range lines {
		t := trimmed(l)
		n := utf8.RuneCountInString(t)
		if n >= 55 && n <= 100 && !endsSentence(t) {
			wrapped++
		}
	}
	hardWrap := wrapped >= 3
	// Build paragraphs from lines.
	var paras []Paragraph
	cur := -1
	for k, l := range lines {
		t := trimmed(l)
		if t == "" {
			cur = -1
			continue
		}
		if cur >= 0 {
			// Only the paragraph's last line decides: looking at the whole
			// paragraph again for every line would be quadratic.
			prev := trimmed(lines[k-1])
			first, _ := utf8.DecodeRuneInString(t)
			join := !endsSentence(prev) && !isCaption(prev) && (unicode.IsLower(first) || (hardWrap && utf8.RuneCountInString(prev) >= 30))
			if join && !isMarker(t) {
				paras[cur].End = l.end
				continue
			}
		}
		s := l.start + strings.Index(text[l.start:l.end], t)
		paras = append(paras, Paragraph{Start: s, End: s + len(t)})
		cur = len(paras) - 1
	}
	// Zones.
	doc := 0
	links := 0
	inTeasers := false
	prevKind := ZoneKind(0)
	var title string
	first := -1
	for i := range paras {
		p := &paras[i]
		t := text[p.Start:p.End]
		switch {
		case strings.HasPrefix(t, ">>") || strings.HasPrefix(t, "»"):
			// A link to another article: a one-line teaser of its own.
			// The article goes on after it.
			links++
			p.Zone = ZoneTitle
			p.Doc = -links
			continue
		case isTeaserMarker(t):
			p.Zone = ZoneMarker
			inTeasers = true
			prevKind = ZoneMarker
			p.Doc = doc
			continue
		case isMarker(t):
			p.Zone = ZoneMarker
		case isCaption(t):
			p.Zone = ZoneCaption
		case isTitleLike(t):
			p.Zone = ZoneTitle
		default:
			p.Zone = ZoneBody
		}
		if inTeasers && p.Zone != ZoneMarker {
			switch {
			case p.Zone == ZoneCaption && prevKind != ZoneCaption:
				doc++
			case p.Zone == ZoneTitle && prevKind != ZoneCaption && prevKind != ZoneTitle:
				doc++
			case doc == 0:
				doc++
			}
		}
		if p.Zone != ZoneMarker {
			prevKind = p.Zone
		}
		p.Doc = doc
		if first < 0 && p.Zone != ZoneMarker && p.Zone != ZoneCaption {
			first = i
			if p.Zone == ZoneTitle {
				title = Fold(t)
			}
		}
		if p.Zone == ZoneTitle && !inTeasers && i != first && Fold(t) != title {
			if len(strings.Fields(t)) >= 7 && i > 0 && paras[i-1].Zone != ZoneCaption && paras[i-1].Zone != ZoneTitle {
				// A long headline after body text: the page goes on with
				// another article, a document of its own. (Unless it is the
				// last paragraph: then it is the body's last sentence, cut
				// off where the excerpt ends.)
				if i == len(paras)-1 {
					p.Zone = ZoneBody
					continue
				}
				doc++
				p.Doc = doc
				inTeasers = true
				prevKind = ZoneTitle
			} else {
				// A short title-like line inside the body is a subheading.
				p.Zone = ZoneBody
			}
		}
	}
	// Links (">> title") are numbered after the teasers.
	for i := range paras {
		if paras[i].Doc < 0 {
			paras[i].Doc = doc - paras[i].Doc
		}
	}
	// Lead: the first body paragraph of each document.
	seen := map[int]bool{}
	for i := range paras {
		if paras[i].Zone == ZoneBody && !seen[paras[i].Doc] {
			seen[paras[i].Doc] = true
			paras[i].Zone = ZoneLead
		}
	}
	return paras
}

func endsSentence(t string) bool {
	t = strings.TrimRight(t, " ")
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:»\"”|…)", r)
}

func isCaption(t string) bool {
	if len(t) > 1200 || utf8.RuneCountInString(t) > 600 {
		return false
	}
	// Cheap tests first; the regular expression only for lines that
	// speak of a photo.
	lower := strings.ToLower(t)
	for _, pos := range []string{"(droite)", "(gauche)", "(à droite)", "(à gauche)", "(a droite)", "(a gauche)", "(au centre)", "(centre)", "crédit :", "crédit:"} {
		if strings.Contains(lower, pos) {
			return true
		}
	}
	if !strings.Contains(lower, "photo") {
		return false
	}
	return captionRe.MatchString(t)
}

// isMarker reports boilerplate lines ("Voir plus", "Commentaires").
func isMarker(t string) bool {
	return len(t) < 80 && (markerRe.MatchString(t) || teaserMarkerRe.MatchString(t))
}

// isTeaserMarker reports the lines after which teasers of other articles
// follow.
func isTeaserMarker(t string) bool { return len(t) < 80 && teaserMarkerRe.MatchString(t) }

func isTitleLike(t string) bool {
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 220 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(t))
	return !strings.ContainsRune(".!…", r)
}
