package extract

import (
	"strings"
	"unicode/utf8"
)

// The entity layer: one person per real person of a document. The
// recognizer proposes names by their shape (capitalised runs with particles,
// initials, patronymics, Vietnamese name structure) and by their context
// (a title, an apposition, a coordination with a person, an argument of a
// meeting verb); the functions here decide which variants name the same
// person and which bare names to accept.

// sameName reports whether two folded token lists name the same person:
// equal; one a run of the other of at least two words; the same first and
// last words around a patronymic or a middle name ("Ivan Petrovich
// Sidorov", "Ivan Sidorov"); initials of the other's given names before the
// same family name ("I. P. Sidorov"); or one letter apart in a long family
// name after the same given name ("Sayavong", "Sayavongh").
func sameName(a, b []string) bool {
	if strings.Join(a, " ") == strings.Join(b, " ") {
		return true
	}
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	ja, jb := " "+strings.Join(a, " ")+" ", " "+strings.Join(b, " ")+" "
	if strings.HasSuffix(ja, jb) || (strings.Contains(ja, jb) && len(b) >= len(a)-1) {
		return true
	}
	la, lb := a[len(a)-1], b[len(b)-1]
	if !(la == lb && len(la) >= 3) && !nearFamily(la, lb) {
		return false
	}
	// the same given name around a patronymic or a middle name
	if a[0] == b[0] && len(a[0]) >= 2 && len(a) <= len(b)+1 {
		return true
	}
	// initials of the other's given names
	return initials(b[:len(b)-1], a[:len(a)-1]) || initials(a[:len(a)-1], b[:len(b)-1])
}

// nearFamily reports two long family names one letter apart: a misspelt
// or transliterated second mention ("Sayavong", "Sayavongh").
func nearFamily(a, b string) bool {
	return len(a) >= 6 && len(b) >= 6 && oneEdit(a, b)
}

// initials reports whether the words of ini are one-letter initials of
// the first words of names, in order ("i p" of "ivan petrovich").
func initials(ini, names []string) bool {
	if len(ini) == 0 || len(names) == 0 {
		return false
	}
	for k, w := range ini {
		if utf8.RuneCountInString(w) != 1 {
			return false
		}
		// "V.V. Volodin" for "Viatcheslav Volodine": a patronymic's initial
		// may stand where the other form has none.
		if k < len(names) && (!strings.HasPrefix(names[k], w) || len(names[k]) < 2) {
			return false
		}
	}
	return true
}

// oneEdit reports whether a and b differ by one inserted, deleted or
// replaced byte.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// meetingArgCue are the words after which a capitalised name is an argument
// of a meeting: "a reçu X Y", "s'est entretenu avec X Y".
var meetingArgCue = map[string]bool{"avec": true, "recu": true, "recue": true, "reçu": true, "rencontre": true, "accueilli": true, "accueillie": true, "recoit": true, "recevant": true, "rencontrant": true, "entre": true}

// acceptByContext accepts a capitalised run toks[i:j] of two or three
// words as a foreign name without a title next to it: coordinated with a
// person of the sentence ("X et Y", "X, Y et Z"), or the argument of a
// meeting verb ("a reçu X Y", "avec X Y").
func (ds *docState) acceptByContext(s *sentState, i, j int) (string, bool) {
	toks := s.toks
	words := 0
	for k := i; k < j; k++ {
		if toks[k].Kind == tokWord {
			if utf8.RuneCountInString(toks[k].Text) < 2 || ds.r.lexicon[toks[k].Fold] {
				return "", false
			}
			words++
		}
	}
	if words < 2 || words > 4 {
		return "", false
	}
	if i > 0 {
		p := toks[i-1]
		if p.Fold == "et" || p.Text == "," {
			for _, m := range s.mentions {
				if m.Kind == mPerson && m.J == i-1 {
					return "person:coordinated", true
				}
			}
		}
		if meetingArgCue[p.Fold] {
			return "person:argument", true
		}
	}
	// "Yoon Suk-yeol et Nguyen Xuan Phuc ont échangé": coordinated with a
	// person named after it (known, or of Vietnamese name shape).
	if j+1 < len(toks) && toks[j].Fold == "et" {
		if g := ds.r.gaz.match(toks, j+1); g != nil {
			if _, ok := g.has(KindPerson); ok {
				return "person:coordinated", true
			}
		}
		if ds.r.surnames[toks[j+1].Fold] && toks[j+1].Cap {
			if e := ds.nameSpan(toks, j+1); e-(j+1) >= 3 {
				return "person:coordinated", true
			}
		}
	}
	return "", false
}

// nameKeys returns the folded word lists of every name of person p.
func (p *personEnt) nameKeys() [][]string {
	keys := [][]string{p.tokens}
	if p.Known != nil {
		for _, n := range append([]string{p.Known.Name}, p.Known.Aliases...) {
			keys = append(keys, strings.Fields(Fold(n)))
		}
	}
	for _, n := range p.Names {
		keys = append(keys, strings.Fields(Fold(n)))
	}
	return keys
}

// samePerson reports whether two persons of a document are one: one of
// their names (pk, qk: their nameKeys) names the other, and their countries
// agree.
func samePerson(p, q *personEnt, pk, qk [][]string) bool {
	if p.Known != nil && q.Known != nil {
		return p.Known.ID == q.Known.ID
	}
	if p.Country != "" && q.Country != "" && p.Country != q.Country {
		return false
	}
	for _, a := range pk {
		for _, b := range qk {
			if len(a) >= 2 && len(b) >= 2 && sameName(a, b) {
				return true
			}
		}
	}
	return false
}

// mergePersons makes one person of the variants of a name that the
// recognizer met separately ("V.V. Volodin" before "Viatcheslav Volodine"
// of the gazetteer): the later is merged into the earlier, or into the
// known person, and every mention follows.
func (ds *docState) mergePersons() {
	n := len(ds.persons)
	into := make([]int, n)
	keys := make([][][]string, n)
	for i, p := range ds.persons {
		into[i], keys[i] = i, p.nameKeys()
	}
	for j := 1; j < n; j++ {
		for i := 0; i < j; i++ {
			if into[i] != i || !samePerson(ds.persons[i], ds.persons[j], keys[i], keys[j]) {
				continue
			}
			a, b := i, j
			if ds.persons[j].Known != nil && ds.persons[i].Known == nil {
				a, b = j, i
			}
			ds.absorb(a, b)
			keys[a] = append(keys[a], keys[b]...)
			into[b] = a
			for k := range into {
				if into[k] == b {
					into[k] = a
				}
			}
			break
		}
	}
	merged := false
	for i := range into {
		merged = merged || into[i] != i
	}
	if !merged {
		return
	}
	for _, s := range ds.sents {
		for k := range s.mentions {
			if m := &s.mentions[k]; (m.Kind == mPerson || m.Kind == mNominal) && m.Person >= 0 {
				m.Person = into[m.Person]
			}
		}
	}
}

// absorb merges person b into person a.
func (ds *docState) absorb(a, b int) {
	p, q := ds.persons[a], ds.persons[b]
	for _, n := range q.Names {
		p.addName(n)
	}
	for _, t := range q.Titles {
		p.addTitle(t)
	}
	if p.Country == "" {
		p.Country, p.CountryBy = q.Country, q.CountryBy
	}
	if p.Known == nil && len(q.tokens) > len(p.tokens) {
		p.tokens, p.ID, p.Name = q.tokens, q.ID, q.Name
	}
	p.count += q.count
	q.count = 0
	q.ID = p.ID // a stale index still names the same person
}
