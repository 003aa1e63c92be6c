package extract

import (
	"context"
	"strings"
	"unicode/utf8"
)

// mention kinds found in a sentence.
type mentionKind uint8

const (
	mCountry mentionKind = iota + 1 // country name
	mDemonym                        // nationality adjective
	mCity
	mOrg
	mTitle
	mPerson  // a named person
	mNominal // a title with a nationality standing for a person
)

// mention is an entity mention in a sentence, by token range [I, J).
type mention struct {
	Kind   mentionKind
	I, J   int
	Code   string // country code for countries, demonyms, cities
	Codes  []string
	Head   string // title head for titles and nominal mentions
	Person int    // index into docState.persons, -1 when unresolved
	Rule   string // the rule that recognised the person
	Prep   bool   // preceded by de, du, des, d' (a complement)
	Plural bool   // a title in the plural ("les ambassadeurs")
}

// countries returns the codes a country, demonym or compound names.
func (m mention) countries() []string {
	switch {
	case m.Kind != mCountry && m.Kind != mDemonym:
		return nil
	case len(m.Codes) > 0:
		return m.Codes
	}
	return []string{m.Code}
}

// sentState is a sentence with its tokens and mentions.
type sentState struct {
	Sentence
	idx          int // position in docState.sents
	toks         []token
	mentions     []mention
	dates        []dateMention
	neg, negRule string // the sentence's negation, computed once (see negation)
	negDone      bool
	fs           string // folded text, computed once (see folded)
	fpos         []int
}

// folded returns the sentence's folded text and token positions in it.
func (s *sentState) folded() (string, []int) {
	if s.fpos == nil {
		s.fs, s.fpos = foldedSentence(s.toks)
	}
	return s.fs, s.fpos
}

// personEnt is a person of one document (article or teaser).
type personEnt struct {
	ID        string
	Name      string   // preferred name
	Names     []string // surface forms as written in the original text
	Country   string
	CountryBy string // rule that set the country
	Titles    []string
	Known     *KnownPerson
	Rule      string
	tokens    []string // folded tokens of the longest name
	count     int
}

// addName records a spelling of the person's name, white space (a line
// break inside the name) made one space.
func (p *personEnt) addName(n string) { p.Names = appendUniq(p.Names, oneSpace(n)) }

// addTitle records a title as the text writes it ("Premier ministre"); two
// titles that differ only in case are one.
func (p *personEnt) addTitle(t string) {
	t = strings.TrimRight(oneSpace(t), " .,;:")
	if t == "" {
		return
	}
	for _, o := range p.Titles {
		if strings.EqualFold(o, t) {
			return
		}
	}
	p.Titles = append(p.Titles, t)
}

// oneSpace trims s and makes every run of white space one space.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// particles may stand inside a foreign name between capitalised words.
var particles = map[string]bool{"ben": true, "ould": true, "bin": true, "binti": true, "bint": true, "el": true, "al": true, "van": true, "von": true, "der": true, "da": true, "dos": true, "di": true, "ibn": true, "abu": true}

// romanceParticle reports "de", "De", "del", "do", "das" inside a name
// ("Marco Ribeiro de Sá", "Lucía Vidal De Montes"): the word after it is
// capitalised and is not followed by more text of a phrase.
func romanceParticle(toks []token, j int) bool {
	switch toks[j].Fold {
	case "de", "del", "do", "das", "la":
	default:
		return false
	}
	// "de la", "de l'" are a phrase, not a name: the word after the
	// particle is capitalised.
	return j+1 < len(toks) && toks[j+1].Space && toks[j+1].Kind == tokWord && toks[j+1].Cap
}

// vnSyllableOK are short Vietnamese syllables that are also French stop words.
var vnSyllableOK = map[string]bool{"son": true, "mai": true, "tan": true, "an": true, "ha": true, "nam": true, "hai": true, "van": true, "la": true, "le": true, "long": true}

// ambiguousSurnames are Vietnamese family names that are also common words;
// a two-syllable name starting with one needs a title before it.
var ambiguousSurnames = map[string]bool{"le": true, "la": true, "to": true, "ha": true, "do": true, "van": true, "mai": true, "ly": true, "ta": true, "lu": true, "cao": true, "chu": true, "thai": true, "lam": true, "tang": true}

type docState struct {
	r       *Rules
	doc     *Document
	text    string
	vocab   map[string]bool // words the article writes in lower case
	persons []*personEnt
	sents   []*sentState
	dl      *Dateline // the article's dateline, if any
	dlDate  Date      // its date, completed with the publication date
	// docsOf[p] is the set of documents (article, teasers) where person p
	// is mentioned; built after recognition.
	docsOf map[int]map[int]bool
	// frames are the documents' frames (frame.go), by document.
	frames map[int]*docFrame
	// Per-document answers computed once (each a scan of the document):
	// its sentences, the lead's date, the countries of the persons.
	byDoc      map[int][]*sentState
	leadDates  map[int]leadDate
	personPair map[int]countryPair
	ctx        context.Context // stops the sentence loops when done
}

type leadDate struct {
	d  Date
	ok bool
}

type countryPair struct {
	a, b string
	ok   bool
}

// stopped reports whether the extraction's context has ended.
func (ds *docState) stopped() bool { return ds.ctx != nil && ds.ctx.Err() != nil }

// isNameToken reports whether token t can be part of a person's name.
func (ds *docState) isNameToken(t token, vn bool) bool {
	if t.Kind != tokWord || !t.Cap {
		return false
	}
	if isUpperWord(t.Text) && utf8.RuneCountInString(t.Text) > 1 {
		return false
	}
	if ds.r.stopwords[t.Fold] && !(vn && vnSyllableOK[t.Fold]) {
		return false
	}
	if ds.vocab[t.Fold] && !vn {
		return false
	}
	if months[t.Fold] != 0 && !vn {
		return false
	}
	return true
}

// nameSpan returns the end (exclusive) of the capitalised name sequence
// starting at i, or i when there is none.
func (ds *docState) nameSpan(toks []token, i int) int {
	vn := ds.r.surnames[toks[i].Fold]
	if !ds.isNameToken(toks[i], vn) {
		return i
	}
	// A name does not start with a country, a city or an organisation
	// ("à Hanoï Sergueï Choïgou").
	if g := ds.r.gaz.match(toks, i); g != nil {
		for _, k := range []EntityKind{KindCountry, KindCity, KindOrg} {
			if g.stops(k) && !(vn && len(g.toks) == 1 && k == KindCity) {
				return i
			}
		}
	}
	j := i + 1
	for j < len(toks) && j-i <= maxNameTokens {
		t := toks[j]
		// A hyphen between two parts of one name: Diaz-Canel, Chan-o-cha.
		if (t.Text == "-") && !t.Space && j+1 < len(toks) && !toks[j+1].Space && toks[j+1].Kind == tokWord {
			if g := ds.r.gaz.match(toks, j+1); g != nil {
				if _, ok := g.has(KindCountry); ok {
					break
				}
			}
			j += 2
			continue
		}
		// Elided particles: D'Hose, O'Brien, N'Diaye.
		if t.Kind == tokWord && t.Cap && utf8.RuneCountInString(t.Text) == 1 && j+2 < len(toks) && (toks[j+1].Text == "'" || toks[j+1].Text == "’") && !toks[j+1].Space && !toks[j+2].Space && toks[j+2].Kind == tokWord && toks[j+2].Cap {
			j += 3
			continue
		}
		// Initials: Saud F.M. Alsuwelim, Michael R. Pompeo.
		if t.Kind == tokWord && t.Cap && utf8.RuneCountInString(t.Text) == 1 && j+1 < len(toks) && toks[j+1].Text == "." {
			j += 2
			continue
		}
		if t.Kind == tokWord && (particles[t.Fold] || romanceParticle(toks, j)) && !vn && j+1 < len(toks) && toks[j+1].Cap && toks[j+1].Kind == tokWord && ds.r.gaz.match(toks, j+1) == nil {
			j += 2 // the particle and the name after it ("de Sá")
			continue
		}
		if !t.Space && t.Kind == tokWord {
			break
		}
		if e := ds.r.gaz.match(toks, j); e != nil {
			if _, ok := e.has(KindPerson); !ok {
				_, city := e.has(KindCity)
				if !(vn && city && len(e.toks) == 1) && (!city || e.stops(KindCity) || len(e.ents) > 1) {
					break
				}
			}
		}
		// Inside a name, a word the article also writes in lower case is
		// still a name ("Thein Sein" and "au sein de").
		if !ds.isNameToken(t, vn) && !(t.Cap && ds.vocab[t.Fold] && !ds.r.stopwords[t.Fold] && !isUpperWord(t.Text)) {
			break
		}
		j++
	}
	// Do not end on a hyphen or an initial's dot.
	for j > i+1 && (toks[j-1].Kind == tokPunct) {
		j--
	}
	return j
}

// recognize finds the mentions of every sentence of the document.
func (ds *docState) recognize() {
	for _, s := range ds.sents {
		if ds.stopped() {
			return
		}
		ds.recognizeSentence(s)
	}
	// Second pass: single names and partial names of known persons of the
	// same document, nominal mentions and pronouns.
	ds.mergePersons()
	for _, s := range ds.sents {
		ds.resolveShortNames(s)
	}
	ds.indexPersons()
	for _, s := range ds.sents {
		ds.resolveNominals(s)
	}
	ds.indexPersons()
}

// indexPersons records in which documents each person is mentioned.
func (ds *docState) indexPersons() {
	ds.docsOf = map[int]map[int]bool{}
	for _, s := range ds.sents {
		for _, m := range s.mentions {
			if (m.Kind == mPerson || m.Kind == mNominal) && m.Person >= 0 {
				if ds.docsOf[m.Person] == nil {
					ds.docsOf[m.Person] = map[int]bool{}
				}
				ds.docsOf[m.Person][s.Doc] = true
			}
		}
	}
}

func (ds *docState) recognizeSentence(s *sentState) {
	toks := s.toks
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Kind != tokWord {
			i++
			continue
		}
		g := ds.r.gaz.match(toks, i)
		glen := 0
		if g != nil {
			glen = len(g.toks)
		}
		nend := i
		if t.Cap {
			nend = ds.nameSpan(toks, i)
		}
		// Known persons first.
		if g != nil {
			if e, ok := g.has(KindPerson); ok && glen >= nend-i {
				pi := ds.addPerson(s, i, i+glen, "person:gazetteer", ds.r.Persons[e.Ref])
				s.mentions = append(s.mentions, mention{Kind: mPerson, I: i, J: i + glen, Person: pi, Rule: "person:gazetteer"})
				i += glen
				continue
			}
		}
		// Compounds: russo-vietnamien, sino-vietnamiens, Vietnam-Russie.
		if code, ok := ds.r.gaz.prefixes[t.Fold]; ok && i+2 < len(toks) && toks[i+1].Text == "-" && !toks[i+1].Space {
			if g2 := ds.r.gaz.match(toks, i+2); g2 != nil {
				if e2, ok := g2.has(KindDemonym); ok {
					s.mentions = append(s.mentions, mention{Kind: mDemonym, I: i, J: i + 2 + len(g2.toks), Code: code, Codes: []string{code, e2.ID}})
					i += 2 + len(g2.toks)
					continue
				}
			}
		}
		if g != nil && glen >= nend-i {
			m := mention{I: i, J: i + glen, Person: -1}
			if e, ok := g.has(KindCountry); ok && (t.Cap || isUpperWord(t.Text)) {
				m.Kind, m.Code = mCountry, e.ID
			} else if e, ok := g.has(KindCity); ok && t.Cap {
				m.Kind, m.Code = mCity, e.ID
			} else if e, ok := g.has(KindOrg); ok && (t.Cap || isUpperWord(t.Text)) {
				m.Kind, m.Code = mOrg, e.ID
			} else if e, ok := g.has(KindDemonym); ok {
				m.Kind, m.Code = mDemonym, e.ID
			} else if e, ok := g.has(KindTitle); ok {
				m.Kind, m.Head, m.Plural = mTitle, e.ID, e.Plural
			}
			if m.Kind != 0 {
				m.Prep = i > 0 && isGenitive(toks, i)
				s.mentions = append(s.mentions, m)
				i += glen
				continue
			}
		}
		if nend > i {
			// "Samdech Thipadei Hun Manet": a known person inside the run
			// is the name, the words before it an honorific the lists lack.
			if k := ds.knownInside(toks, i, nend); k > i {
				i = k
				continue
			}
			if rule, ok := ds.acceptName(s, i, nend); ok {
				pi := ds.addPerson(s, i, nend, rule, nil)
				s.mentions = append(s.mentions, mention{Kind: mPerson, I: i, J: nend, Person: pi, Rule: rule})
				i = nend
				continue
			}
			// "le ministre de l'Économie Olaf Becker": the name may start
			// after the first capitalised word.
			i++
			continue
		}
		i++
	}
}

// knownInside returns the start of a known person's name that ends the
// capitalised run toks[i:j], or -1.
func (ds *docState) knownInside(toks []token, i, j int) int {
	for k := i + 1; k < j-1; k++ {
		if g := ds.r.gaz.match(toks, k); g != nil && k+len(g.toks) >= j {
			if _, ok := g.has(KindPerson); ok {
				return k
			}
		}
	}
	return -1
}

// abbrevDot reports whether the full stop at k ends an abbreviation or an
// initial (M., MM., V.) rather than a sentence.
func abbrevDot(toks []token, k int) bool {
	if k == 0 || toks[k-1].Kind != tokWord {
		return false
	}
	p := toks[k-1]
	return abbreviations[p.Fold] || (utf8.RuneCountInString(p.Text) == 1 && p.Cap)
}

// beforeArticle returns the index of the token before the articles la, l'
// that end at i-1.
func beforeArticle(toks []token, i int) int {
	k := i - 1
	for k >= 0 && (toks[k].Fold == "la" || toks[k].Fold == "l" || toks[k].Fold == "'") {
		k--
	}
	return k
}

// isGenitive reports whether the token at i follows de, du, des or d'.
func isGenitive(toks []token, i int) bool {
	k := beforeArticle(toks, i)
	if k < 0 {
		return false
	}
	switch toks[k].Fold {
	case "de", "du", "des", "d":
		return true
	}
	return false
}

// Caps on a person's name.
const (
	maxNameTokens = 16
	maxNameBytes  = 120
)

// acceptName decides whether the capitalised sequence toks[i:j] is a
// person's name, and by which rule.
func (ds *docState) acceptName(s *sentState, i, j int) (string, bool) {
	toks := s.toks
	// A name is a few words: a long capitalised run is a heading or
	// garbage, not a person (names are capped).
	if j-i > maxNameTokens || toks[j-1].End-toks[i].Start > maxNameBytes {
		return "", false
	}
	words := 0
	for k := i; k < j; k++ {
		if toks[k].Kind == tokWord && utf8.RuneCountInString(toks[k].Text) > 1 {
			words++
		}
	}
	if words < 2 {
		return "", false
	}
	// A name has two parts apart ("Sous-Comité" is one word).
	parts := 1
	for k := i + 1; k < j; k++ {
		if toks[k].Space && toks[k].Kind == tokWord {
			parts++
		}
	}
	if parts < 2 {
		return "", false
	}
	// Vietnamese name structure.
	if ds.r.surnames[toks[i].Fold] && words <= 4 {
		ok := true
		for k := i; k < j; k++ {
			if toks[k].Kind != tokWord || utf8.RuneCountInString(toks[k].Text) > 7 {
				ok = false
			}
		}
		if ok && (words >= 3 || !ambiguousSurnames[toks[i].Fold] || ds.titleBefore(toks, i)) {
			return "person:vietnamese", true
		}
	}
	if ds.titleBefore(toks, i) {
		if i > 0 && isGenitive(toks, i) {
			return "", false
		}
		if i >= 2 && toks[i-1].Kind == tokWord && !toks[i-1].Cap && ds.r.nameNouns[toks[i-1].Fold] && isGenitive(toks, i-1) && !titleEndsAt(s.mentions, i) {
			// "le président du groupe Charoen Pokphand": a complement.
			return "", false
		}
		return "person:title", true
	}
	if ds.titleAfter(toks, j) {
		return "person:apposition", true
	}
	return ds.acceptByContext(s, i, j)
}

func titleEndsAt(ms []mention, i int) bool {
	for _, m := range ms {
		if m.Kind == mTitle && m.J == i {
			return true
		}
	}
	return false
}

// titleBefore reports whether a title stands before token i in the same
// stretch of the sentence: "le président russe Vladimir Poutine",
// "le ministre sud-soudanais des Affaires étrangères ..., Monday Semaya Kumba".
func (ds *docState) titleBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-28; k-- {
		t := toks[k]
		if t.Text == ";" || t.Text == ":" || (t.Text == "." && !abbrevDot(toks, k)) {
			return false
		}
		if t.Kind == tokWord {
			if g := ds.r.gaz.match(toks, k); g != nil {
				if _, ok := g.has(KindTitle); ok {
					return true
				}
				if _, ok := g.has(KindPerson); ok {
					return false // another person's name comes between
				}
			}
			if verbAt(toks, k) {
				return false
			}
		}
	}
	return false
}

// titleAfter reports whether ", title" follows the name ending at j.
func (ds *docState) titleAfter(toks []token, j int) bool {
	if j >= len(toks) || toks[j].Text != "," {
		return false
	}
	for k := j + 1; k < len(toks) && k <= j+4; k++ {
		if _, ok := ds.titleAt(toks, k, false); ok {
			return true
		}
	}
	return false
}

// titleAt returns the length in tokens of the title that starts at token
// k; honorifics (M., Mme) count only when honorific is true.
func (ds *docState) titleAt(toks []token, k int, honorific bool) (int, bool) {
	if g := ds.r.gaz.match(toks, k); g != nil {
		if e, ok := g.has(KindTitle); ok && (honorific || e.ID != "honorific") {
			return len(g.toks), true
		}
	}
	return 0, false
}

// verbAt reports a conjugated verb at token k; "l'Est" and "Est" are the
// cardinal point, not the verb.
func verbAt(toks []token, k int) bool {
	t := toks[k]
	if t.Kind != tokWord || !isVerbCue(t.Fold) || t.Text == "à" || t.Text == "À" {
		return false
	}
	if t.Fold == "est" && (t.Cap && k > 0 || k > 0 && (toks[k-1].Fold == "l" || toks[k-1].Text == "'" || toks[k-1].Text == "’")) {
		return false
	}
	return true
}

// isVerbCue reports conjugated verbs that end a title stretch.
func isVerbCue(f string) bool {
	switch f {
	case "a", "ont", "est", "sont", "etait", "avait", "sera", "fut", "s", "se":
		return true
	}
	return false
}

// addPerson records a person mention of tokens [i, j) and returns the
// index of its entity in the document.
func (ds *docState) addPerson(s *sentState, i, j int, rule string, kp *KnownPerson) int {
	toks := s.toks
	var keys []string
	for k := i; k < j; k++ {
		if toks[k].Kind == tokWord {
			keys = append(keys, toks[k].Fold)
		}
	}
	surface := ds.text[toks[i].Start:toks[j-1].End]
	raw := ds.rawSpan(toks[i].Start, toks[j-1].End)
	var p *personEnt
	idx := -1
	for pi, q := range ds.persons {
		if kp != nil && q.Known != nil && q.Known.ID == kp.ID {
			p, idx = q, pi
			break
		}
		if kp == nil && sameName(q.tokens, keys) {
			p, idx = q, pi
			break
		}
	}
	if p == nil {
		p = &personEnt{Rule: rule, Known: kp, tokens: keys}
		if kp != nil {
			p.ID, p.Name, p.Country, p.CountryBy = kp.ID, kp.Name, kp.Country, "person:gazetteer"
		} else {
			p.ID, p.Name = slug(surface), oneSpace(surface)
			if rule == "person:vietnamese" {
				p.Country, p.CountryBy = "VN", "nationality:vietnamese-name"
			}
		}
		ds.persons = append(ds.persons, p)
		idx = len(ds.persons) - 1
	} else if kp == nil && len(keys) > len(p.tokens) {
		p.tokens = keys
		p.ID, p.Name = slug(surface), oneSpace(surface)
	}
	p.count++
	p.addName(raw)
	if surface != raw {
		p.addName(surface)
	}
	code, by, title := ds.nationality(s, i, j)
	// A Vietnamese name is Vietnamese unless a title or an apposition says
	// otherwise: a demonym merely near it ("le vice-ministre Hoang Xuan
	// Chien et des dirigeants du ministère russe") does not.
	vnName := strings.HasPrefix(p.CountryBy, "nationality:vietnamese")
	if code != "" && (p.CountryBy == "" || vnName && by != "nationality:context" || (p.Known == nil && strings.HasPrefix(by, "nationality:title"))) {
		p.Country, p.CountryBy = code, by
	}
	p.addTitle(title)
	return idx
}

func (ds *docState) rawSpan(start, end int) string {
	rs, re := ds.doc.Offset(start), ds.doc.Offset(end-1)
	_, n := utf8.DecodeRune(ds.doc.Raw[re:])
	re += n
	if rs < 0 || re > len(ds.doc.Raw) || rs >= re {
		return ds.text[start:end]
	}
	return strings.Join(strings.Fields(string(ds.doc.Raw[rs:re])), " ")
}

// nationality reads the country a person represents from the words around
// the mention [i, j): the title stretch before it ("le ministre vietnamien
// des Affaires étrangères", "l'ambassadeur du Vietnam en Égypte", "son
// homologue russe") or an apposition after it (", président du Burundi").
func (ds *docState) nationality(s *sentState, i, j int) (code, rule, title string) {
	toks := s.toks
	// The stretch before: back to the previous person, verb or clause end.
	lo := i
	for k := i - 1; k >= 0 && k >= i-30; k-- {
		t := toks[k]
		if t.Text == ";" || t.Text == ":" || (t.Text == "." && !abbrevDot(toks, k)) || verbAt(toks, k) || t.Fold == "avec" {
			break
		}
		// ", et Mme X": the apposition before the comma is the previous
		// person's.
		if t.Fold == "et" && k > 0 && toks[k-1].Text == "," {
			break
		}
		stop := false
		for _, m := range s.mentions {
			if m.Kind == mPerson && m.J == k+1 {
				stop = true
			}
		}
		if stop {
			break
		}
		lo = k
	}
	// The title nearest to the name: "le secrétaire général du Parti
	// communiste chinois et président de la Chine, Xi Jinping".
	// A title in the genitive ("président de la Chambre des
	// représentants") is part of the title before it.
	titleStart, anyTitle := -1, -1
	for k := lo; k < i; k++ {
		if n, ok := ds.titleAt(toks, k, false); ok {
			anyTitle = k
			if !isGenitive(toks, k) {
				titleStart = k
			}
			k += n - 1
		}
	}
	if titleStart < 0 {
		titleStart = anyTitle
	}
	if titleStart >= 0 {
		end := i
		for k := titleStart; k < i; k++ {
			if toks[k].Text == "," || toks[k].Text == "(" || (toks[k].Fold == "et" && k > titleStart && ds.titleNear(toks, k+1, 3)) {
				end = k
				break
			}
		}
		for end > titleStart+1 && (toks[end-1].Text == "," || toks[end-1].Text == "(" || toks[end-1].Text == ")") {
			end--
		}
		title = ds.text[toks[titleStart].Start:toks[end-1].End]
		if c := ds.countryIn(toks, titleStart, i); c != "" {
			return c, "nationality:title", title
		}
	}
	// Apposition after: ", président du Burundi", "(Russie)".
	if j+1 < len(toks) && (toks[j].Text == "," || toks[j].Text == "(") && toks[j+1].Fold != "et" && toks[j+1].Fold != "ou" {
		hi := j + 1
		hasTitle := false
		for k := j + 1; k < len(toks) && k <= j+30; k++ {
			t := toks[k]
			if t.Text == "," || t.Text == ";" || t.Text == ")" || verbAt(toks, k) || appositionEnd[t.Fold] {
				break
			}
			if t.Fold == "et" && k+1 < len(toks) && isArticle(toks[k+1].Fold) && ds.titleNear(toks, k+2, 3) {
				break // "X, ..., et le président Y": another person
			}
			if _, ok := ds.titleAt(toks, k, false); ok {
				hasTitle = true
			}
			hi = k + 1
		}
		if hasTitle || toks[j].Text == "(" {
			if c := ds.countryIn(toks, j+1, hi); c != "" {
				return c, "nationality:apposition", strings.TrimSpace(ds.text[toks[j+1].Start:toks[hi-1].End])
			}
		}
	}
	if lo < i {
		if c := ds.countryIn(toks, lo, i); c != "" {
			return c, "nationality:context", title
		}
	}
	return "", "", title
}

func (ds *docState) titleNear(toks []token, k, n int) bool {
	for x := k; x < len(toks) && x < k+n; x++ {
		if _, ok := ds.titleAt(toks, x, true); ok {
			return true
		}
	}
	return false
}

// countryIn returns the first nationality cue in toks[lo:hi]: a demonym,
// or a country named after de/du/d'/des.
func (ds *docState) countryIn(toks []token, lo, hi int) string {
	for k := lo; k < hi; k++ {
		if toks[k].Kind != tokWord {
			continue
		}
		g := ds.r.gaz.match(toks, k)
		if g == nil || k+len(g.toks) > hi {
			continue
		}
		if e, ok := g.has(KindDemonym); ok {
			return e.ID
		}
		if e, ok := g.has(KindCountry); ok && toks[k].Cap && isGenitive(toks, k) {
			return e.ID
		}
		if e, ok := g.has(KindOrg); ok && e.Country != "" && isGenitive(toks, k) {
			return e.Country // "du Parti communiste chinois", "du PCV"
		}
		k += len(g.toks) - 1
	}
	return ""
}

// appositionEnd are words that end an apposition's title.
var appositionEnd = map[string]bool{"lors": true, "pendant": true, "durant": true, "dans": true, "pour": true, "qui": true, "afin": true, "avec": true, "selon": true}

// resolveShortNames finds single family names and given names of the
// document's persons ("Lavrov", "MM Quang et Poutine", "Samdech Say Chhum").
func (ds *docState) resolveShortNames(s *sentState) {
	toks := s.toks
	taken := make([]bool, len(toks))
	for _, m := range s.mentions {
		for k := m.I; k < m.J; k++ {
			taken[k] = true
		}
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if taken[i] || t.Kind != tokWord || !t.Cap {
			continue
		}
		// A capitalised common word at the start of a sentence is not a
		// name unless the article never writes it in lower case.
		if ds.vocab[t.Fold] || ds.r.stopwords[t.Fold] && !vnSyllableOK[t.Fold] {
			continue
		}
		best := -1
		for pi, p := range ds.persons {
			if len(p.tokens) < 2 {
				continue
			}
			last := p.tokens[len(p.tokens)-1]
			if t.Fold == last || (p.Known != nil && p.Known.surnames[t.Fold]) || nearFamily(t.Fold, last) {
				if best >= 0 && best != pi {
					best = -2 // ambiguous
					break
				}
				best = pi
			}
		}
		if best < 0 {
			continue
		}
		p := ds.persons[best]
		// The given name or its initials before the family name: "Ivan
		// Sidorov", "I.P. Sidorov".
		lo := givenBefore(toks, i, p.tokens, taken)
		p.addName(ds.rawSpan(toks[lo].Start, t.End))
		p.count++
		s.mentions = append(s.mentions, mention{Kind: mPerson, I: lo, J: i + 1, Person: best, Rule: "person:short-name"})
	}
	sortMentions(s.mentions)
}

// givenBefore returns the start of the given names or initials of a
// person that stand before its family name at token i.
func givenBefore(toks []token, i int, names []string, taken []bool) int {
	lo := i
	for k := i - 1; k >= 0 && !taken[k]; k-- {
		t := toks[k]
		if t.Text == "." && k > 0 && toks[k-1].Kind == tokWord && utf8.RuneCountInString(toks[k-1].Text) == 1 && toks[k-1].Cap {
			continue // the dot of an initial
		}
		if t.Kind != tokWord || !t.Cap {
			break
		}
		ok := false
		for _, n := range names[:max(0, len(names)-1)] {
			if n == t.Fold || (utf8.RuneCountInString(t.Text) == 1 && strings.HasPrefix(n, t.Fold)) {
				ok = true
			}
		}
		if !ok {
			break
		}
		lo = k
	}
	return lo
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for k := i; k > 0 && ms[k].I < ms[k-1].I; k-- {
			ms[k], ms[k-1] = ms[k-1], ms[k]
		}
	}
}

// titleHolder finds the one person of the document whose titles include
// the bare title m, when m is a definite subject ("le Premier ministre a
// reçu", "la vice-présidente s'est entretenue").
func (ds *docState) titleHolder(s *sentState, m mention) (int, bool) {
	toks := s.toks
	if m.I == 0 || m.Plural {
		return 0, false
	}
	if d := toks[m.I-1].Fold; d != "le" && d != "la" && d != "l" && d != "'" {
		return 0, false
	}
	// a verb right after: the title is the subject
	if m.J >= len(toks) || !(isVerbCue(toks[m.J].Fold) || toks[m.J].Fold == "a") {
		return 0, false
	}
	phrase := fold(ds.text[toks[m.I].Start:toks[m.J-1].End])
	inSentence := map[int]bool{}
	for _, o := range s.mentions {
		if o.Kind == mPerson {
			inSentence[o.Person] = true // the others of the sentence are not its subject
		}
	}
	found := -1
	for pi, p := range ds.persons {
		if !ds.inDoc(pi, s.Doc) || inSentence[pi] {
			continue
		}
		for _, t := range p.Titles {
			if ft := fold(t); ft == phrase || strings.HasPrefix(ft, phrase+" ") {
				if found >= 0 && found != pi {
					return 0, false // two holders: ambiguous
				}
				found = pi
				break
			}
		}
	}
	return found, found >= 0
}

// resolveNominals turns "le Premier ministre singapourien", "son homologue
// russe", "le chef d'État vietnamien" into mentions of the one person of
// the document with that nationality (and title, when several).
func (ds *docState) resolveNominals(s *sentState) {
	toks := s.toks
	var add []mention
	for mi, m := range s.mentions {
		if m.Kind != mTitle || m.Head == "honorific" {
			continue
		}
		// A title directly followed by a person is that person's title.
		followed := false
		for _, n := range s.mentions[mi+1:] {
			if n.I > m.J+20 {
				break
			}
			if n.Kind != mPerson {
				continue
			}
			followed = true
			for k := m.J; k < n.I; k++ {
				if verbAt(toks, k) || toks[k].Text == ";" || toks[k].Text == ":" {
					followed = false // a verb between: another clause
				}
			}
			break
		}
		// A title in the genitive is another's complement ("l'envoyé du
		// chef du Parti"), unless a meeting governs it ("en l'honneur du
		// président finlandais").
		if followed || (m.Prep && !governedByEvent(toks, m)) || m.Plural {
			continue
		}
		// Nationality right after the title: demonym or du/de + country.
		code := ""
		end := m.J
		for k := m.J; k < len(toks) && k <= m.J+6; k++ {
			if toks[k].Text == "," || verbAt(toks, k) {
				break
			}
			if c := ds.countryIn(toks, k, min(len(toks), k+4)); c != "" {
				code = c
				end = k + 1
				break
			}
		}
		if code == "" {
			// A bare title as the subject ("le Premier ministre s'est
			// entretenu avec ..."): the one person of the document who
			// holds it.
			if pi, ok := ds.titleHolder(s, m); ok {
				add = append(add, mention{Kind: mNominal, I: m.I, J: m.J, Person: pi, Head: m.Head, Rule: "person:title-holder"})
			}
			continue
		}
		// Persons of the same document first (a teaser is a document),
		// else of the whole article.
		cands := []int{}
		for pi, p := range ds.persons {
			if p.Country == code && ds.inDoc(pi, s.Doc) {
				cands = append(cands, pi)
			}
		}
		if len(cands) == 0 {
			for pi, p := range ds.persons {
				if p.Country == code {
					cands = append(cands, pi)
				}
			}
		}
		if len(cands) > 1 {
			var same []int
			phrase := fold(ds.text[toks[m.I].Start:toks[m.J-1].End])
			for _, pi := range cands {
				for _, t := range ds.persons[pi].Titles {
					if strings.Contains(fold(t), phrase) {
						same = append(same, pi)
						break
					}
				}
			}
			cands = same
		}
		if len(cands) != 1 {
			continue
		}
		add = append(add, mention{Kind: mNominal, I: m.I, J: end, Person: cands[0], Code: code, Head: m.Head, Rule: "person:nominal"})
	}
	s.mentions = append(s.mentions, add...)
	sortMentions(s.mentions)
}
