package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/schema"
)

// foldTable caches foldRune for the Latin, Latin Extended and Vietnamese
// letters: NFD decomposition per rune is the costly part of folding.
var foldTable = func() []string {
	t := make([]string, 0x2100)
	for r := rune(0x80); r < 0x2100; r++ {
		t[r] = foldRuneSlow(r)
	}
	return t
}()

// foldRune returns the folded form of r: lower case, without diacritics,
// typographic apostrophes as ASCII ones, ligatures spelled out.
func foldRune(r rune) string {
	if r >= 0x80 && r < 0x2100 {
		return foldTable[r]
	}
	return foldRuneSlow(r)
}

func foldRuneSlow(r rune) string {
	switch r {
	case '’', '‘', 'ʼ', '`', '´':
		return "'"
	case '–', '—', '‑', '‐':
		return "-"
	case '\u00a0', '\u202f', '\u2009':
		return " "
	}
	return schema.FoldLetter(r)
}

// fold returns s lower-cased and without diacritics (NFD, marks removed).
func fold(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(unicode.ToLower(r)))
			continue
		}
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// Fold is the name folding of the evaluation guidelines: Unicode NFD, marks
// removed, lower case, punctuation and hyphens to spaces, spaces collapsed.
func Fold(s string) string { return schema.FoldKey(s) }

// slug returns the ASCII id form of s: folded words joined by '-'.
func slug(s string) string { return strings.ReplaceAll(Fold(s), " ", "-") }

// Slug is the id form used for persons and places: ASCII, lower case,
// words joined by '-' (Bùi Thanh Sơn -> bui-thanh-son).
func Slug(s string) string { return slug(s) }

// tokKind classifies tokens.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNumber
	tokPunct
)

// token is a word, a number or one punctuation character of a sentence.
type token struct {
	Start, End int // byte offsets in the normalized text
	Text       string
	Fold       string
	Kind       tokKind
	Cap        bool // first letter upper case
	Space      bool // preceded by white space (or start)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text[start:end] into tokens, offsets relative to text.
func tokenize(text string, start, end int) []token { return scan(text, start, end, true) }

// maxPunctRun is the longest run of punctuation tokens that scan keeps: a
// longer run (a line of dots or dashes, or a file of nothing else) keeps its
// first maxPunctRun-1 marks and its last one, so that a text's tokens, and
// the memory they take, grow with its words and not with its punctuation.
// No rule looks at more than a few marks in a row; the sentence splitter
// sees the last mark before the next word as before.
const maxPunctRun = 16

// scan is tokenize; without withFold the tokens' Fold is left empty (the
// glue repair folds only the few words it looks up).
func scan(text string, start, end int, withFold bool) []token {
	toks := make([]token, 0, (end-start)/6+1)
	i := start
	space := true
	run := 0 // punctuation tokens in a row
	for i < end {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:end])
		}
		if r == ' ' || r == '\n' || r >= utf8.RuneSelf && (unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f') || r == '\t' || r == '\r' {
			space = true
			i += n
			continue
		}
		if isWordRune(r) {
			j := i
			digits := true
			for j < end {
				r2, n2 := rune(text[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(text[j:end])
				}
				if !isWordRune(r2) {
					break
				}
				if !unicode.IsDigit(r2) {
					digits = false
				}
				j += n2
			}
			t := token{Start: i, End: j, Text: text[i:j], Space: space}
			if withFold {
				t.Fold = fold(t.Text)
			}
			if digits {
				t.Kind = tokNumber
			} else {
				t.Kind = tokWord
				t.Cap = unicode.IsUpper(r)
			}
			toks = append(toks, t)
			run = 0
			i = j
		} else {
			t := token{Start: i, End: i + n, Text: text[i : i+n], Kind: tokPunct, Space: space}
			if withFold {
				t.Fold = foldRune(r)
			}
			if run++; run > maxPunctRun {
				toks[len(toks)-1] = t // the run's last mark replaces the one before
			} else {
				toks = append(toks, t)
			}
			i += n
		}
		space = false
	}
	return toks
}

// EntityKind says what a gazetteer phrase names.
type EntityKind uint8

// Kinds of gazetteer entities.
const (
	KindCountry EntityKind = iota + 1
	KindDemonym
	KindCity
	KindOrg
	KindPerson
	KindTitle
)

func (k EntityKind) String() string {
	switch k {
	case KindCountry:
		return "country"
	case KindDemonym:
		return "demonym"
	case KindCity:
		return "city"
	case KindOrg:
		return "organization"
	case KindPerson:
		return "person"
	case KindTitle:
		return "title"
	}
	return "unknown"
}

// Entity is what a gazetteer phrase stands for.
type Entity struct {
	Kind EntityKind
	ID   string // ISO code, person id, title head, organisation id
	Name string // the phrase as written in the rules
	Ref  int    // index into Rules.Persons for known persons
	// Plural marks the generated plural form of a title.
	Plural bool
	// Country is the country of a national organisation.
	Country string
	// Weak marks a generated place name (world_cities.tsv): it is a
	// place only where it stands alone, never inside a run of
	// capitalised words ("David Cameron", "Juan Manuel Santos").
	Weak bool
}

type gazEntry struct {
	toks []string
	ents []Entity
}

// gazetteer matches folded token sequences, longest first.
type gazetteer struct {
	byFirst  map[string][]*gazEntry
	byPhrase map[string]*gazEntry
	prefixes map[string]string // compound prefix -> ISO code
}

func newGazetteer() *gazetteer {
	return &gazetteer{byFirst: map[string][]*gazEntry{}, byPhrase: map[string]*gazEntry{}, prefixes: map[string]string{}}
}

func (g *gazetteer) add(phrase string, e Entity) {
	toks := tokenize(phrase, 0, len(phrase))
	if len(toks) == 0 {
		return
	}
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Fold
	}
	k := strings.Join(keys, "\x00")
	if ent, ok := g.byPhrase[k]; ok {
		for _, x := range ent.ents {
			if x.Kind == e.Kind && x.ID == e.ID {
				return
			}
		}
		ent.ents = append(ent.ents, e)
		return
	}
	ent := &gazEntry{toks: keys, ents: []Entity{e}}
	g.byPhrase[k] = ent
	g.byFirst[keys[0]] = append(g.byFirst[keys[0]], ent)
}

// has reports whether phrase is an entry, of any kind.
func (g *gazetteer) has(phrase string) bool {
	toks := tokenize(phrase, 0, len(phrase))
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Fold
	}
	_, ok := g.byPhrase[strings.Join(keys, "\x00")]
	return ok
}

func (g *gazetteer) addPrefix(p, code string) { g.prefixes[p] = code }

func (g *gazetteer) finish() {
	for _, l := range g.byFirst {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].toks) > len(l[j].toks) })
	}
}

// match returns the longest entry matching toks at i, or nil. Words must be
// whole tokens; hyphens and apostrophes must match exactly.
func (g *gazetteer) match(toks []token, i int) *gazEntry {
	for _, e := range g.byFirst[toks[i].Fold] {
		if i+len(e.toks) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(e.toks); k++ {
			if toks[i+k].Fold != e.toks[k] {
				ok = false
				break
			}
		}
		if ok {
			return e
		}
	}
	return nil
}

// stops reports whether the entry ends or refuses a name run: a country, an
// organisation or a hand-listed city does, a generated city does not.
func (e *gazEntry) stops(k EntityKind) bool {
	x, ok := e.has(k)
	return ok && !(k == KindCity && x.Weak)
}

func (e *gazEntry) has(k EntityKind) (Entity, bool) {
	for _, x := range e.ents {
		if x.Kind == k {
			return x, true
		}
	}
	return Entity{}, false
}
