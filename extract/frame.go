package extract

import (
	"unicode/utf8"
)

// The document frame. A news story states once, for all its sentences,
// where the visit takes place (in the headline, the lead or the arrival
// sentence, often only a country), who leads a delegation and which two
// countries it is about. Sentence facts that do not repeat these take them
// from the frame of their document (the article, or each teaser on its
// own).

// placeRef is a place named in the text: a city or a country.
type placeRef struct {
	Name    string // as written
	Code    string // the country it is (or is in)
	City    bool
	Rule    string
	Aliases []string // other names of the same place
}

func (p placeRef) zero() bool { return p.Name == "" }

// docFrame is the frame of one document.
type docFrame struct {
	Doc   int
	Visit placeRef // the visit's place stated once
	Where placeRef // the dateline's place (the article only)
	// Cities are the cities the opening (title, lead, first paragraph)
	// names, the first of each country.
	Cities    []placeRef
	cityRank  []int // 0 a locative city of the opening, 1 another of the opening, 2 a locative city of the body, 3 another
	visitLine int   // the frames.tsv line that found Visit
	// Head is the person who leads the delegation of the story, -1 when
	// none is named.
	Head int
	// Guest is the person the visit sentence names before its cue (the
	// visitor), -1 when none.
	Guest int
	// Ended is the day the opening says the visit ended on, when it comes
	// before the dateline's day.
	Ended Date
	// Pair is the story's two countries, from its main meeting (set after
	// the meetings are read).
	Pair [2]string
}

// place returns the place a meeting of the document takes when its own
// sentence names none: the visit's place, refined to the dateline's city
// when that city is in the visit's country; else the dateline's place.
func (f *docFrame) place(home string) placeRef {
	v, w := f.Visit, f.Where
	switch {
	case !w.zero() && w.City && w.Code != "" && w.Code != home && (v.zero() || v.Code != w.Code):
		// A dateline abroad: the story is told where it happens.
		return w
	case !v.zero() && !v.City:
		return f.refine(v)
	case !v.zero():
		return v
	}
	return w
}

// refine turns a country into the city of that country that the dateline
// or the opening names, keeping the country as an alternative name.
func (f *docFrame) refine(v placeRef) placeRef {
	if v.City {
		return v
	}
	if w := f.Where; !w.zero() && w.City && w.Code == v.Code {
		w.Rule = v.Rule + "+dateline-city"
		w.Aliases = append(w.Aliases, v.Name)
		return w
	}
	for _, c := range f.Cities {
		if c.Code == v.Code {
			c.Rule = v.Rule + "+city"
			c.Aliases = append(c.Aliases, v.Name)
			return c
		}
	}
	return v
}

// addCity records a city of the document: the best-ranked one of each
// country is kept.
func (f *docFrame) addCity(p placeRef, rank int) {
	for i, c := range f.Cities {
		if c.Code == p.Code {
			if rank < f.cityRank[i] {
				f.Cities[i], f.cityRank[i] = p, rank
			}
			return
		}
	}
	f.Cities = append(f.Cities, p)
	f.cityRank = append(f.cityRank, rank)
}

// buildFrames reads the frame of every document of the article.
func (ds *docState) buildFrames() {
	ds.frames = map[int]*docFrame{}
	get := func(doc int) *docFrame {
		f := ds.frames[doc]
		if f == nil {
			f = &docFrame{Doc: doc, Head: -1, Guest: -1}
			ds.frames[doc] = f
		}
		return f
	}
	get(0)
	if ds.dl != nil && ds.dl.Place != "" {
		ds.frames[0].Where = ds.placeNamed(ds.dl.Place, "place:dateline")
	}
	firstBody := map[int]int{} // doc -> paragraph of its first body paragraph
	for _, s := range ds.sents {
		f := get(s.Doc)
		if s.Zone == ZoneBody {
			if _, ok := firstBody[s.Doc]; !ok {
				firstBody[s.Doc] = s.Para
			}
		}
		fs, pos := s.folded()
		opening := s.Zone == ZoneTitle || s.Zone == ZoneLead || (s.Zone == ZoneBody && firstBody[s.Doc] == s.Para)
		for _, m := range s.mentions {
			if m.Kind != mCity || ds.postOf(s, m) {
				continue
			}
			rank := 3
			switch {
			case opening && locative(s.toks, m.I):
				rank = 0
			case opening:
				rank = 1
			case locative(s.toks, m.I):
				rank = 2
			}
			f.addCity(ds.placeOf(s, m, "place:city"), rank)
		}
		if opening {
			// The first visit line of frames.tsv that names a place wins.
			for k, p := range ds.r.frames.cues["visit"] {
				if !f.Visit.zero() && f.visitLine <= k {
					break
				}
				for _, loc := range p.MatchAll(fs) {
					cue := tokenAt(pos, loc[0])
					if pl, ok := ds.locativeAfter(s, cue); ok && !ds.plannedSentence(s) {
						f.Visit, f.visitLine = pl, k
						for _, m := range s.mentions {
							if m.Kind == mPerson && m.Person >= 0 && m.I < cue {
								f.Guest = m.Person
								break
							}
						}
						break
					}
				}
			}
		}
		if opening && s.Doc == 0 && f.Ended.IsZero() && !ds.dlDate.IsZero() {
			if _, _, ok := ds.cue(s, "ended"); ok {
				for _, m := range s.dates {
					if d := anchorDate(m, ds.dlDate); d.Day != 0 && d.Before(ds.dlDate) {
						f.Ended = d
						break
					}
				}
			}
		}
		if f.Head < 0 {
			if lo, hi, ok := ds.cue(s, "head"); ok {
				f.Head = headNear(s, lo, hi)
			}
		}
	}
	// "La délégation" stands for its head in the sentences that do not name
	// him.
	for _, s := range ds.sents {
		f := ds.frames[s.Doc]
		if f == nil || f.Head < 0 {
			continue
		}
		named := false
		for _, m := range s.mentions {
			if (m.Kind == mPerson || m.Kind == mNominal) && m.Person == f.Head {
				named = true
			}
		}
		if named {
			continue
		}
		for k, t := range s.toks {
			if t.Fold != "delegation" || k == 0 || !definite(s.toks[k-1].Fold) {
				continue
			}
			// "la délégation vietnamienne" is the other side's when the
			// head is not Vietnamese.
			if c := ds.countryIn(s.toks, k+1, min(len(s.toks), k+3)); c != "" && c != ds.persons[f.Head].Country {
				continue
			}
			s.mentions = append(s.mentions, mention{Kind: mNominal, I: k, J: k + 1, Person: f.Head, Rule: "person:delegation"})
			sortMentions(s.mentions)
			break
		}
	}
}

func definite(f string) bool {
	switch f {
	case "la", "cette", "sa", "l", "'", "leur":
		return true
	}
	return false
}

// headNear returns the person a delegation cue at toks[i:j] names: the
// first person after it ("conduite par X", "chef de la délégation, X"),
// else the last before it ("X, chef de la délégation").
func headNear(s *sentState, i, j int) int {
	for _, m := range s.mentions {
		if m.Kind == mPerson && m.I >= j && m.I <= j+12 {
			return m.Person
		}
	}
	best := -1
	for _, m := range s.mentions {
		if m.Kind == mPerson && m.J <= i && m.J >= i-8 {
			best = m.Person
		}
	}
	return best
}

// locativeAfter returns the first city or country after token k that
// follows a preposition of place ("à Vientiane", "au Japon", "en France").
func (ds *docState) locativeAfter(s *sentState, k int) (placeRef, bool) {
	for _, m := range s.mentions {
		if m.I < k || m.I > k+14 {
			continue
		}
		if m.Kind != mCity && m.Kind != mCountry {
			continue
		}
		if !locative(s.toks, m.I) {
			continue
		}
		return ds.placeOf(s, m, "place:visit"), true
	}
	return placeRef{}, false
}

// locative reports a preposition of place before token i.
func locative(toks []token, i int) bool {
	k := beforeArticle(toks, i)
	if k < 0 {
		return false
	}
	switch toks[k].Fold {
	case "a", "en", "au", "aux", "dans", "vers":
		return true
	}
	return false
}

// placeOf returns the place of a city or country mention.
func (ds *docState) placeOf(s *sentState, m mention, rule string) placeRef {
	name := oneSpace(ds.text[s.toks[m.I].Start:s.toks[m.J-1].End])
	p := placeRef{Name: name, Code: m.Code, City: m.Kind == mCity, Rule: rule}
	if !p.City {
		p.Aliases = ds.countryNames(m.Code)
	}
	return p
}

// countryNames returns the gazetteer's names of a country.
func (ds *docState) countryNames(code string) []string {
	if c := ds.r.Countries[code]; c != nil {
		return []string{c.NameFR, c.NameEN}
	}
	return nil
}

// placeNamed returns the place of a name as written (a dateline's).
func (ds *docState) placeNamed(name, rule string) placeRef {
	p := placeRef{Name: name, Rule: rule}
	toks := tokenize(name, 0, len(name))
	if g := ds.r.gaz.match(toks, 0); g != nil && len(g.toks) == len(toks) {
		if e, ok := g.has(KindCity); ok {
			p.Code, p.City = e.ID, true
		} else if e, ok := g.has(KindCountry); ok {
			p.Code, p.Aliases = e.ID, ds.countryNames(e.ID)
		}
	}
	if p.Code == "" {
		p.City = true // a dateline names a city
	}
	return p
}

// postOf reports a place that is part of a title, not where something
// happens: "l'ambassadeur du Vietnam au Laos", "le consul général à
// Shanghai".
func (ds *docState) postOf(s *sentState, m mention) bool {
	for _, t := range s.mentions {
		if t.Kind == mTitle && t.Head != "honorific" && t.J <= m.I && t.J >= m.I-6 {
			for _, o := range s.mentions {
				if o.Kind == mPerson && o.I >= t.J && o.J <= m.I {
					return false
				}
			}
			for k := t.J; k < m.I; k++ {
				if boundary(s.toks, k) || verbAt(s.toks, k) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// sentencePlace returns the place a meeting sentence names itself: a city
// after a preposition of place, else a country after one ("lors de sa
// visite au Laos"), else any city of the sentence.
func (ds *docState) sentencePlace(s *sentState) (placeRef, bool) {
	var country, city placeRef
	for _, m := range s.mentions {
		if (m.Kind == mCity || m.Kind == mCountry) && ds.postOf(s, m) {
			continue
		}
		if m.Kind == mCity && locative(s.toks, m.I) {
			return ds.placeOf(s, m, "place:sentence"), true
		}
		if m.Kind == mCountry && country.zero() && locative(s.toks, m.I) && len(m.Codes) == 0 {
			country = ds.placeOf(s, m, "place:sentence-country")
		}
		if m.Kind == mCity && city.zero() {
			city = ds.placeOf(s, m, "place:sentence")
		}
	}
	if p, ok := ds.unlistedCity(s); ok {
		return p, true
	}
	if !country.zero() {
		return country, true
	}
	if !city.zero() {
		return city, true
	}
	return placeRef{}, false
}

// sides returns the pairs of different sides of a group of participants:
// persons of the same country are one side and do not meet each other (a
// host's colleagues present at a ceremony meet the guest, not each other);
// a person of unknown country may be of either side. A group all of one
// country gives nothing.
func (ds *docState) sides(g []int) [][]int {
	var out [][]int
	for a := 0; a < len(g); a++ {
		for b := a + 1; b < len(g); b++ {
			ca, cb := ds.persons[g[a]].Country, ds.persons[g[b]].Country
			if ca != "" && ca == cb {
				continue
			}
			out = append(out, []int{g[a], g[b]})
		}
	}
	if len(out) == len(g)*(len(g)-1)/2 {
		return [][]int{g} // nobody left out: the group as it is
	}
	return out
}

// cue returns the tokens [lo, hi) of the first match in s of the frame
// cues of kind (present, head, members) in frames.tsv.
func (ds *docState) cue(s *sentState, kind string) (lo, hi int, ok bool) {
	fs, pos := s.folded()
	for k := range ds.r.frames.cues[kind] {
		if loc := ds.r.frames.cues[kind][k].Match(fs); loc != nil {
			return tokenAt(pos, loc[0]), tokenAt(pos, loc[1]-1) + 1, true
		}
	}
	return 0, 0, false
}

// joinSides pairs the persons a "present" sentence names with the
// participants of the other side of the meeting before: a person meets
// those of another country, never their own side.
func (ds *docState) joinSides(added []int, before []int) [][]int {
	var out [][]int
	for _, x := range added {
		cx := ds.persons[x].Country
		if cx == "" {
			continue
		}
		for _, y := range before {
			if y == x {
				continue
			}
			if cy := ds.persons[y].Country; cy != "" && cy != cx {
				out = append(out, []int{x, y})
			}
		}
	}
	return out
}

// framePairs sets each document's pair of countries from its first meeting
// between persons of two countries.
func (ds *docState) framePairs(ms []Meeting) {
	country := map[string]string{}
	for _, p := range ds.persons {
		if p.Country != "" {
			country[p.ID] = p.Country
		}
	}
	for _, m := range ms {
		f := ds.frames[m.Doc]
		if f == nil || f.Pair[0] != "" || m.Planned {
			continue
		}
		a, b := country[m.Participants[0]], country[m.Participants[len(m.Participants)-1]]
		if a != "" && b != "" && a != b {
			f.Pair = [2]string{a, b}
		}
	}
	for i := range ms {
		if m := &ms[i]; m.Place == "" && !m.Planned && !isCall(m.Kind) {
			if c, ok := ds.frames[m.Doc].storyCity(m.Participants, country); ok {
				m.Place, m.PlaceNames, m.PlaceRule = c.Name, c.Aliases, "place:story-city"
			}
		}
	}
}

// storyCity returns the city a meeting that no sentence, visit or dateline
// places takes: the best-ranked city the story puts something in ("à
// City") in the country of one of its participants ("Plus tôt dans la
// journée, X a déposé des fleurs … à Moscou"), when no other such city
// ranks as high.
func (f *docFrame) storyCity(participants []string, country map[string]string) (placeRef, bool) {
	if f == nil {
		return placeRef{}, false
	}
	of := map[string]bool{}
	for _, p := range participants {
		of[country[p]] = true
	}
	best, rank, tie := placeRef{}, 99, false
	for i, c := range f.Cities {
		r := f.cityRank[i]
		if !of[c.Code] || r%2 == 1 {
			continue // not a participant's country, or not "à City"
		}
		switch {
		case r < rank:
			best, rank, tie = c, r, false
		case r == rank:
			tie = true
		}
	}
	return best, !best.zero() && !tie
}

// plannedSentence reports a sentence about a plan or an invitation.
func (ds *docState) plannedSentence(s *sentState) bool {
	neg, _ := ds.negation(s)
	return neg == "planned"
}

// memberNationality gives the persons a delegation lists ("Le chef du
// gouvernement lao est accompagné du ministre X ; du ministre Y") the
// country of the person or nationality they accompany, when their own
// mention says none.
func (ds *docState) memberNationality() {
	for _, s := range ds.sents {
		if !hasPersonMention(s) {
			continue
		}
		cue, _, ok := ds.cue(s, "members")
		if !ok {
			continue
		}
		c := ds.memberCountry(s, cue)
		if c == "" {
			continue
		}
		for _, m := range s.mentions {
			if m.Kind != mPerson || m.I < cue || m.Person < 0 {
				continue
			}
			if q := ds.persons[m.Person]; q.Country == "" || q.CountryBy == "nationality:context" {
				q.Country, q.CountryBy = c, "nationality:delegation"
			}
		}
	}
}

// memberCountry returns the country of the delegation whose members the
// cue at token cue lists: the first person before it with a country, a
// nationality said before it, else the country of the document's
// delegation head, else of its visitor.
func (ds *docState) memberCountry(s *sentState, cue int) string {
	for _, m := range s.mentions {
		if m.I >= cue {
			break
		}
		if (m.Kind == mPerson || m.Kind == mNominal) && m.Person >= 0 && ds.persons[m.Person].Country != "" {
			return ds.persons[m.Person].Country
		}
	}
	if c := ds.countryIn(s.toks, 0, cue); c != "" {
		return c
	}
	if f := ds.frames[s.Doc]; f != nil && f.Head >= 0 {
		return ds.persons[f.Head].Country
	} else if f != nil && f.Guest >= 0 {
		return ds.persons[f.Guest].Country
	}
	return ""
}

// sideNationality gives the persons a "present" sentence adds, whose
// country no mention says, the country of the meeting's foreign side
// (a Vietnamese name has its own already).
func (ds *docState) sideNationality(added, before []int) {
	foreign := ""
	for _, y := range before {
		if c := ds.persons[y].Country; c != "" && c != ds.r.Home {
			if foreign != "" && foreign != c {
				return
			}
			foreign = c
		}
	}
	if foreign == "" {
		return
	}
	for _, x := range added {
		if q := ds.persons[x]; q.Country == "" {
			q.Country, q.CountryBy = foreign, "nationality:side"
		}
	}
}

// unlistedCity returns a city the gazetteer lacks, by its shape: one
// capitalised word after "à", not a person, title or known entity, and
// followed by a comma, a full stop, a date or a preposition ("a rencontré
// à Anning, dans la province du Yunnan").
func (ds *docState) unlistedCity(s *sentState) (placeRef, bool) {
	toks := s.toks
	taken := map[int]bool{}
	for _, m := range s.mentions {
		for k := m.I; k < m.J; k++ {
			taken[k] = true
		}
	}
	for k := 1; k+1 < len(toks); k++ {
		t := toks[k]
		if toks[k-1].Fold != "a" || toks[k-1].Text == "a" || t.Kind != tokWord || !t.Cap || taken[k] || isUpperWord(t.Text) {
			continue
		}
		if utf8.RuneCountInString(t.Text) < 3 || ds.r.stopwords[t.Fold] || ds.vocab[t.Fold] || ds.r.lexicon[t.Fold] || months[t.Fold] != 0 {
			continue
		}
		if ds.r.gaz.match(toks, k) != nil {
			continue
		}
		n := toks[k+1]
		if n.Text == "," || n.Text == "." || n.Text == ";" || n.Kind == tokNumber || n.Fold == "le" || n.Fold == "dans" || n.Fold == "en" || n.Fold == "au" || n.Fold == "lors" || n.Fold == "pour" {
			return placeRef{Name: t.Text, City: true, Rule: "place:unlisted-city"}, true
		}
	}
	return placeRef{}, false
}
