package extract

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// edit replaces text[Pos:Pos+Del] with Ins.
type edit struct {
	Pos, Del int
	Ins      string
}

// applyEdits applies non-overlapping edits to text whose bytes map to the
// original through offs (len(offs) == len(text)+1). Inserted bytes map to
// the original offset of the first replaced byte.
func applyEdits(text string, offs []int, edits []edit) (string, []int) {
	if len(edits) == 0 {
		return text, offs
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
	var b strings.Builder
	b.Grow(len(text) + len(edits))
	out := make([]int, 0, len(offs)+len(edits))
	last := 0
	for _, e := range edits {
		if e.Pos < last || e.Pos+e.Del > len(text) {
			continue // overlapping or out of range: skip
		}
		b.WriteString(text[last:e.Pos])
		out = append(out, offs[last:e.Pos]...)
		b.WriteString(e.Ins)
		for range len(e.Ins) {
			out = append(out, offs[e.Pos])
		}
		last = e.Pos + e.Del
	}
	b.WriteString(text[last:])
	out = append(out, offs[last:]...)
	return b.String(), out
}

// findNoise finds scraping noise: the Vietnamese image placeholders that
// the VNA site leaves in the text ("ảnh 1", with the spaces and dash
// before it, and "Nhập mô tả cho ảnh", "describe the image").
func findNoise(text string) [][2]int {
	var out [][2]int
	const alt = "Nhập mô tả cho ảnh"
	for from := 0; ; {
		i := strings.Index(text[from:], "ảnh")
		if i < 0 {
			break
		}
		i += from
		from = i + len("ảnh")
		if strings.HasSuffix(text[:from], alt) {
			out = append(out, [2]int{from - len(alt), from})
			continue
		}
		// "ảnh 12"
		j := from
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		j++
		k := j
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k == j {
			continue
		}
		// Back over spaces and one dash: "Titre - ảnh 1".
		s := i
		for s > 0 && text[s-1] == ' ' {
			s--
		}
		if s > 0 && text[s-1] == '-' {
			s--
			for s > 0 && text[s-1] == ' ' {
				s--
			}
		} else if s > 3 && text[s-3:s] == "–" {
			s -= 3
			for s > 0 && text[s-1] == ' ' {
				s--
			}
		}
		if len(out) > 0 && s < out[len(out)-1][1] {
			s = out[len(out)-1][1]
		}
		out = append(out, [2]int{s, k})
		from = k
	}
	return out
}

// normalize cleans s (which starts at byte base of the original file) and
// returns the clean text with, for each byte, its offset in the original.
// It keeps the text's lines; it repairs glued words, drops image
// placeholders, and maps exotic spaces to plain ones.
func (r *Rules) normalize(s string, base int) (string, []int) {
	return r.normalizeContext(context.Background(), s, base)
}

// normalizeContext is normalize stopped between its rounds when ctx ends
// (the text is then returned as far as it got).
func (r *Rules) normalizeContext(ctx context.Context, s string, base int) (string, []int) {
	// Stage 1: characters.
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
				continue
			}
			b.WriteByte('\n')
			offs = append(offs, base+i)
		case c == '\t' || c == '\u00a0' || c == '\u202f' || c == '\u2009' || c == '\u2007' || c == '\u3000':
			b.WriteByte(' ')
			offs = append(offs, base+i)
		case c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\ufeff' || c == '\u00ad':
			// dropped
		case c == 0x1b:
			// A terminal escape sequence ("\x1b[31m"): dropped whole, so
			// that nothing stored or printed can drive a terminal.
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= 0x30 && s[j] <= 0x3f || s[j] >= 0x20 && s[j] <= 0x2f) {
					j++
				}
				if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
					j++
				}
			}
			i = j
			continue
		case c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f:
			// Other control characters: dropped.
		default:
			b.WriteString(s[i : i+n])
			for k := range n {
				offs = append(offs, base+i+k)
			}
		}
		i += n
	}
	offs = append(offs, base+len(s))
	text := b.String()

	// Stages 2 and 3, repeated until nothing changes so that normalizing
	// twice gives the same text: noise, then glued words and punctuation
	// (a split can reveal another glued word).
	for round := 0; round < 8 && ctx.Err() == nil; round++ {
		var edits []edit
		noise := findNoise(text)
		for _, m := range noise {
			edits = append(edits, edit{Pos: m[0], Del: m[1] - m[0], Ins: "\n"})
		}
		// Glue repairs in the same pass, away from the noise they would
		// overlap.
		for _, e := range r.glueEdits(text) {
			inside := false
			for _, m := range noise {
				if e.Pos >= m[0]-1 && e.Pos <= m[1]+1 {
					inside = true
					break
				}
			}
			if !inside {
				edits = append(edits, e)
			}
		}
		if len(edits) == 0 {
			break
		}
		text, offs = applyEdits(text, offs, edits)
	}
	return text, offs
}

// gluePrefixes are function words that the scraper glues to the next word
// (unentretien, aucours, Lesdeux, Ilsont, dupartenariat).
var gluePrefixes = []string{
	"afin", "aux", "au", "avec", "ces", "ce", "cette", "dans", "des", "de", "du", "deux",
	"elles", "elle", "en", "est", "et", "ils", "il", "la", "les", "leurs", "leur", "le", "ne",
	"ont", "par", "pas", "plus", "pour", "que", "qui", "sa", "se", "ses", "son", "sont", "sur",
	"tous", "tout", "une", "un", "a", "à", "l", "d",
}

// glueSuffixes are function words glued to the previous word (espéraitque,
// aapportés is handled as a prefix "a").
var glueSuffixes = []string{"que", "qui", "des", "les", "et", "de", "une", "dans", "pour", "avec"}

// camelExceptions are word starts that legitimately carry an inner capital.
var camelExceptions = []string{"mc", "mac", "petro", "vin", "viet", "vietin", "vietcom", "tech", "i", "e", "d", "l", "youtube", "linked", "face", "whats", "power", "post"}

// glueEdits finds glued words in text and returns the insertions of a
// space that repair them.
func (r *Rules) glueEdits(text string) []edit {
	// A large text (over glueChunk bytes) is read in chunks, so that the
	// tokens of one chunk are all that is held at once; an article of
	// ordinary size in one pass, which is faster.
	chunks := [][2]int{{0, len(text)}}
	if len(text) > glueWhole {
		chunks = glueChunks(text)
	}
	return r.glueEditsIn(text, chunks)
}

// glueEditsIn is glueEdits over the given chunks of text.
func (r *Rules) glueEditsIn(text string, chunks [][2]int) []edit {
	// The article's own vocabulary: words written in lower case, with counts.
	vocab := map[string]int{}
	var toks []token
	for _, c := range chunks {
		toks = scan(text, c[0], c[1], false)
		for _, t := range toks {
			if t.Kind == tokWord && !t.Cap && len(t.Text) >= 2 && utf8.RuneCountInString(t.Text) >= 2 {
				vocab[fold(t.Text)]++
			}
		}
	}
	known := func(w string) bool {
		return r.lexicon[w] || vocab[w] > 0
	}
	var edits []edit
	for _, c := range chunks {
		if len(chunks) > 1 {
			toks = scan(text, c[0], c[1], false)
		}
		edits = r.glueChunkEdits(toks, vocab, known, edits)
	}
	return edits
}

// A text over glueWhole bytes is repaired chunk by chunk; glueChunk is the
// length after which a long line is cut.
const (
	glueWhole = 1 << 20
	glueChunk = 64 << 10
)

// glueChunks cuts text into [start, end) chunks at line breaks, and long
// lines after glueChunk bytes at white space (or, with none, at an ASCII
// mark outside words): glue never spans either.
func glueChunks(text string) [][2]int {
	var out [][2]int
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		for end-start > glueChunk {
			rest := text[start+glueChunk : end]
			sp := strings.IndexAny(rest, " \t")
			if sp < 0 {
				sp = strings.IndexFunc(rest, func(r rune) bool { return r < utf8.RuneSelf && !isWordRune(r) })
			}
			if sp < 0 {
				break
			}
			cut := start + glueChunk + sp + 1
			out = append(out, [2]int{start, cut})
			start = cut
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// glueChunkEdits appends the glue repairs of one chunk's tokens.
func (r *Rules) glueChunkEdits(toks []token, vocab map[string]int, known func(string) bool, edits []edit) []edit {
	for i, t := range toks {
		if t.Kind != tokWord {
			// Missing space after a comma or semicolon: "entretien,tenu".
			if (t.Text == "," || t.Text == ";") && i+1 < len(toks) && !toks[i+1].Space && toks[i+1].Kind == tokWord && i > 0 && toks[i-1].Kind == tokWord {
				edits = append(edits, edit{Pos: t.End, Ins: " "})
			}
			// Missing space after a full stop between words: "aujourd'hui.Le".
			if t.Text == "." && i+1 < len(toks) && i > 0 && !toks[i+1].Space && toks[i+1].Kind == tokWord && toks[i+1].Cap &&
				toks[i-1].Kind == tokWord && !toks[i-1].Cap && utf8.RuneCountInString(toks[i-1].Text) >= 2 {
				edits = append(edits, edit{Pos: t.End, Ins: " "})
			}
			continue
		}
		// camelCase glue: leVietnam, russeDmitri, NguyenXuan, SergueïLavrov.
		if pos, ok := camelSplit(t.Text); ok {
			left := fold(t.Text[:pos])
			exc := false
			for _, e := range camelExceptions {
				if left == e {
					exc = true
					break
				}
			}
			if !exc {
				edits = append(edits, edit{Pos: t.Start + pos, Ins: " "})
				continue
			}
		}
		n := utf8.RuneCountInString(t.Text)
		if n < 4 || n > 40 || t.Kind != tokWord {
			continue // glued words are short; long tokens are not text
		}
		if t.Cap && !isLowerAfterFirst(t.Text) {
			continue
		}
		w := fold(t.Text)
		if r.lexicon[w] || vocab[w] > 1 {
			continue
		}
		if bp := r.splitGlued(t.Text, known); bp > 0 && bp < len(t.Text) {
			edits = append(edits, edit{Pos: t.Start + bp, Ins: " "})
		}
	}
	return edits
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func isLowerAfterFirst(s string) bool {
	first := true
	for _, c := range s {
		if first {
			first = false
			continue
		}
		if unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// camelSplit returns the byte position of an inner capital letter that
// follows a lower-case letter, when there is exactly one such position
// and both sides have at least two letters (or the left is a one-letter
// elision such as l or d... which are not glued this way).
func camelSplit(s string) (int, bool) {
	prevLower := false
	pos := -1
	count := 0
	i := 0
	for _, c := range s {
		if unicode.IsUpper(c) && prevLower {
			if pos < 0 {
				pos = i
			}
			count++
		}
		prevLower = unicode.IsLower(c)
		i += utf8.RuneLen(c)
	}
	if pos <= 0 || count > 1 {
		return 0, false
	}
	if utf8.RuneCountInString(s[:pos]) < 2 || utf8.RuneCountInString(s[pos:]) < 2 {
		return 0, false
	}
	return pos, true
}

// splitGlued returns the byte position in word (as written) where it
// splits into a function word and a known word, or two known words; 0 when
// it does not split. Function words must match as written (accents
// included): "sûreté" does not start with "sur".
func (r *Rules) splitGlued(word string, known func(string) bool) int {
	lw := word
	if !isLowerASCII(word) {
		lw = strings.ToLower(word)
	}
	best := 0
	for _, p := range gluePrefixes {
		if len(p) < len(lw)-1 && strings.HasPrefix(lw, p) {
			rest := fold(lw[len(p):])
			if utf8.RuneCountInString(rest) >= 3 && known(rest) || r.lexicon[rest] && len(rest) >= 2 {
				if len(p) > best {
					best = len(p)
				}
			}
		}
	}
	if best > 0 {
		return best
	}
	for _, sfx := range glueSuffixes {
		if len(sfx) < len(lw)-3 && strings.HasSuffix(lw, sfx) {
			head := fold(lw[:len(lw)-len(sfx)])
			if len(head) < 4 || !known(head) {
				continue
			}
			// "grande", "seconde": a word plus a feminine e is not glue.
			if (sfx == "de" || sfx == "et") && !r.lexicon[head] {
				continue
			}
			// "nouvelles", "annuelles": a feminine plural, not "nouvel les".
			if sfx == "les" && strings.HasSuffix(head, "l") {
				continue
			}
			return len(lw) - len(sfx)
		}
	}
	// two known content words: "partenariatstratégique"
	for k := 4; k <= len(lw)-4; k++ {
		if !utf8.RuneStart(lw[k]) {
			continue
		}
		if known(fold(lw[:k])) && known(fold(lw[k:])) && utf8.RuneCountInString(lw[k:]) >= 4 && utf8.RuneCountInString(lw[:k]) >= 4 {
			return k
		}
	}
	return 0
}
