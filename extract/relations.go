package extract

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// foldedSentence is the folded text of a sentence's tokens, with for each
// token its byte position in the folded string.
func foldedSentence(toks []token) (string, []int) {
	var b strings.Builder
	pos := make([]int, len(toks))
	for i, t := range toks {
		if i > 0 && t.Space {
			b.WriteByte(' ')
		}
		pos[i] = b.Len()
		b.WriteString(t.Fold)
	}
	return b.String(), pos
}

// tokenAt returns the index of the token at folded byte position p.
func tokenAt(pos []int, p int) int {
	i := sort.SearchInts(pos, p+1) - 1
	if i < 0 {
		return 0
	}
	return i
}

var kindRank = map[string]int{"phone_call": 6, "video_call": 5, "credentials": 4, "dialogue": 3, "talks": 2, "meeting": 1}

// trigger is the meeting cue of a sentence.
type trigger struct {
	Kind string
	Rule string
	Tok  int // token index of the cue
}

func (ds *docState) findTrigger(s *sentState) (trigger, bool) {
	fs, pos := s.folded()
	var best trigger
	found := false
	first := -1
	for k := range ds.r.Triggers {
		p := &ds.r.Triggers[k]
		loc := p.Match(fs)
		if loc == nil {
			continue
		}
		tok := tokenAt(pos, loc[0])
		if !found || kindRank[p.Value] > kindRank[best.Kind] {
			best = trigger{Kind: p.Value, Rule: p.ID, Tok: tok}
			found = true
		}
		if kindRank[p.Value] <= 3 && (first < 0 || tok < first) {
			first = tok
		}
	}
	// The side split uses the verb or noun of the meeting itself, not the
	// "par téléphone" that qualifies it.
	if found && first >= 0 && kindRank[best.Kind] > 3 && first != best.Tok {
		best.Tok = first
	}
	return best, found
}

func (ds *docState) negation(s *sentState) (string, string) {
	if s.negDone {
		return s.neg, s.negRule
	}
	s.negDone = true
	s.neg, s.negRule = ds.findNegation(s)
	return s.neg, s.negRule
}

func (ds *docState) findNegation(s *sentState) (string, string) {
	fs, _ := s.folded()
	for k := range ds.r.Negations {
		p := &ds.r.Negations[k]
		if p.Match(fs) != nil {
			return p.Value, p.ID
		}
	}
	return "", ""
}

// afterTok returns the persons of the mentions after token k.
func afterTok(ms []mention, k int) []mention {
	var out []mention
	for _, m := range ms {
		if m.I > k {
			out = append(out, m)
		}
	}
	return out
}

// splitAtEt splits the participants after "entre" at the first "et" that
// follows the first of them.
func splitAtEt(toks []token, ms []mention) ([]int, []int) {
	if len(ms) == 0 {
		return nil, nil
	}
	et := -1
	for k := ms[0].J; k < len(toks); k++ {
		if toks[k].Fold == "et" {
			et = k
			break
		}
	}
	var a, b []int
	for _, m := range ms {
		if et < 0 || m.I < et {
			a = append(a, m.Person)
		} else {
			b = append(b, m.Person)
		}
	}
	return a, b
}

// bothCue reports "les deux dirigeants / parties / présidents ..." just
// before the cue at k.
func bothCue(toks []token, k int) bool {
	for i := k - 1; i >= 1 && i >= k-6; i-- {
		if toks[i].Fold == "deux" && (toks[i-1].Fold == "les" || toks[i-1].Fold == "ces") {
			return true
		}
	}
	return false
}

// bareTitleSubject reports a title without a name before the cue: "le
// Président s'est également entretenu avec ...".
func bareTitleSubject(s *sentState, k int) bool {
	for _, m := range s.mentions {
		if m.I >= k {
			break
		}
		if m.Kind == mTitle && m.Head != "honorific" && !m.Prep {
			return true
		}
	}
	return false
}

// bareTitleCountry returns the nationality said with the bare title that
// is the subject of the cue at k ("le chef de l'État vietnamien").
func bareTitleCountry(ds *docState, s *sentState, k int) string {
	for _, m := range s.mentions {
		if m.I >= k {
			break
		}
		if m.Kind == mTitle && m.Head != "honorific" && !m.Prep {
			return ds.countryIn(s.toks, m.J, min(k, m.J+6))
		}
	}
	return ""
}

// coordinated reports whether the participants after the cue k are
// coordinated ("X et Y", "X, Y et Z"), not scattered over the sentence.
func coordinated(s *sentState, parts []mention, k int) bool {
	toks := s.toks
	var after []mention
	for _, m := range parts {
		if k < 0 || m.I > k {
			after = append(after, m)
		}
	}
	for i := 1; i < len(after); i++ {
		// The title of the next person belongs to it: "A, et le ministre
		// d'État pour l'Asie et le Pacifique et pour le Bureau ..., B".
		start := after[i].I
		for _, t := range s.mentions {
			if t.Kind == mTitle && t.I >= after[i-1].J && t.J <= after[i].I {
				start = t.I
				break
			}
		}
		if start-after[i-1].J > 24 {
			return false
		}
		link := false
		for t := after[i-1].J; t < after[i].I; t++ {
			if toks[t].Kind == tokWord && isVerbCue(toks[t].Fold) {
				return false
			}
			if t < start && (toks[t].Fold == "et" || toks[t].Text == ",") {
				link = true
			}
		}
		if !link {
			return false
		}
	}
	return true
}

// pluralHeads are title heads that a meeting may name in the plural
// before listing the persons in the next sentence.
var pluralHeads = map[string]bool{"ambassador": true, "minister": true, "leader": true, "representative": true, "envoy": true, "director": true, "officer": true}

// listedAfter returns the persons a meeting names as a plural title ("les
// ambassadeurs de ...") and the next sentences list with the same title.
func (ds *docState) listedAfter(s *sentState, trig trigger) []int {
	head := ""
	for _, m := range s.mentions {
		if m.Kind == mTitle && m.I > trig.Tok-8 && pluralHeads[m.Head] && strings.HasSuffix(s.toks[m.J-1].Fold, "s") {
			head = m.Head
			break
		}
	}
	if head == "" {
		return nil
	}
	var out []int
	idx := s.idx
	for i := idx + 1; i < len(ds.sents) && i <= idx+2; i++ {
		o := ds.sents[i]
		if o.Doc != s.Doc {
			break
		}
		for mi, m := range o.mentions {
			if m.Kind != mPerson {
				continue
			}
			// the nearest title before the person, within a few tokens
			for k := mi - 1; k >= 0; k-- {
				t := o.mentions[k]
				if t.Kind == mPerson {
					break
				}
				if t.Kind == mTitle && t.Head != "honorific" {
					if t.Head == head && m.I-t.J <= 6 {
						out = append(out, m.Person)
					}
					break
				}
			}
		}
		if len(out) > 0 {
			break
		}
	}
	return out
}

// possessive reports "son entretien", "sa rencontre" at the cue k.
func possessive(toks []token, k int) bool {
	if k == 0 {
		return false
	}
	switch toks[k-1].Fold {
	case "son", "sa", "ses":
		return true
	}
	return false
}

// determined reports a cue noun with a determiner: "l'entretien", "leur
// entretien", "une réception", "du dialogue".
func determined(toks []token, k int) bool {
	if k == 0 {
		return false
	}
	p := toks[k-1].Fold
	if p == "'" && k > 1 {
		p = toks[k-2].Fold
	}
	switch p {
	case "l", "la", "le", "les", "leur", "leurs", "un", "une", "des", "du", "au", "aux", "cet", "cette", "ce", "ces", "son", "sa", "ses":
		return true
	}
	return false
}

// anaphoricNoun reports a meeting noun that points back at the story's
// meeting with a demonstrative: "cette rencontre", "ces entretiens".
func anaphoricNoun(toks []token, k int) bool {
	if k == 0 || toks[k].Kind != tokWord {
		return false
	}
	switch toks[k-1].Fold {
	case "cette", "cet", "ces":
		return true
	}
	return false
}

// argumentAfter reports a meeting noun followed by its own arguments:
// "cette rencontre entre A et B", "cet entretien avec A".
func argumentAfter(toks []token, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k+1].Fold {
	case "entre", "avec", "de", "du", "des", "d":
		return true
	}
	return false
}

// longBefore reports a date more than a month before the story's anchor
// (both known at least to the month).
func longBefore(d, anchor Date) bool {
	if d.Year == 0 || d.Month == 0 || anchor.Year == 0 || anchor.Month == 0 {
		return false
	}
	return (anchor.Year*12+anchor.Month)-(d.Year*12+d.Month) > 1
}

func indefiniteOrPossessive(f string) bool {
	switch f {
	case "un", "une", "des", "son", "sa", "ses":
		return true
	}
	return false
}

// passive reports a cue followed by "par": "coprésidées par X et Y".
func passive(toks []token, k int) bool {
	for i := k + 1; i < len(toks) && i <= k+2; i++ {
		if toks[i].Fold == "par" {
			return true
		}
	}
	return false
}

// subjectPronoun reports whether the cue at k has a pronoun subject
// ("Il s'est entretenu", "Elle a reçu").
func subjectPronoun(toks []token, k int) bool {
	for i := k - 1; i >= 0 && i >= k-6; i-- {
		switch toks[i].Fold {
		case "il", "elle":
			return i == 0 || toks[i-1].Text == "," || toks[i-1].Fold == "et"
		}
	}
	return false
}

// hasObjectPronoun reports "avec lui", "avec elle", "l'a reçu" after k.
func hasObjectPronoun(toks []token, k int) bool {
	for i := k; i < len(toks) && i <= k+6; i++ {
		if (toks[i].Fold == "lui" || toks[i].Fold == "elle" || toks[i].Fold == "eux") && i > 0 && toks[i-1].Fold == "avec" {
			return true
		}
	}
	return false
}

// eventNouns govern a genitive that is a participant: "en l'honneur du
// président X", "la visite du président X".
var eventNouns = map[string]bool{"creance": true, "figurees": true, "honneur": true, "visite": true, "rencontre": true, "entretien": true, "reception": true, "accueil": true, "delegation": true, "arrivee": true, "presence": true}

// governedByEvent reports whether the genitive before title t depends on
// a noun for a meeting or a visit.
func governedByEvent(toks []token, t mention) bool {
	k := beforeArticle(toks, t.I) - 1 // before the de, du, d'
	for k >= 0 && toks[k].Kind == tokPunct {
		k--
	}
	for ; k >= 0 && k >= t.I-5; k-- {
		if eventNouns[toks[k].Fold] || eventNouns[strings.TrimSuffix(toks[k].Fold, "s")] {
			return true
		}
		if toks[k].Kind == tokWord && !isArticle(toks[k].Fold) && !eventNouns[toks[k].Fold] {
			// the first noun decides; adjectives such as "officielle" are skipped
			if strings.HasSuffix(toks[k].Fold, "elle") || strings.HasSuffix(toks[k].Fold, "el") || strings.HasSuffix(toks[k].Fold, "iale") {
				continue
			}
			return false
		}
	}
	return false
}

func isArticle(f string) bool {
	switch f {
	case "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "sa", "son", "ses":
		return true
	}
	return false
}

// excluded reports whether the person mention m is not a participant:
// the host who invited, the one on whose behalf a message is passed, the
// one named as a complement of another's title ("l'envoyé spécial du
// secrétaire général To Lam").
func excluded(toks []token, ms []mention, m mention) bool {
	for _, t := range ms {
		// A plural title names a body ("la Chambre des représentants"),
		// not the person whose complement the name would be.
		if t.Kind == mTitle && t.J <= m.I && t.J >= m.I-14 && t.Head != "honorific" && !t.Plural {
			nearest := true
			for _, u := range ms {
				if u.Kind == mTitle && u.I > t.I && u.J <= m.I && u.Head != "honorific" && !u.Plural {
					nearest = false
				}
				if u.Kind == mPerson && u.I >= t.J && u.J <= m.I {
					nearest = false
				}
			}
			if nearest && t.Prep && !governedByEvent(toks, t) {
				return true
			}
		}
	}
	for k := m.I - 1; k >= 0 && k >= m.I-6; k-- {
		switch toks[k].Fold {
		case "invitation", "nom", "demande":
			return true
		case "part":
			if k+1 < len(toks) && (toks[k+1].Fold == "de" || toks[k+1].Fold == "du" || toks[k+1].Fold == "d") {
				return true
			}
		case "avec", "et", "a", "recu", "entre":
			return false
		}
	}
	return false
}

// counterpart returns the most mentioned person of the document whose
// country differs from that of person pi, or -1.
func (ds *docState) counterpart(pi int, doc int) int {
	c := ds.persons[pi].Country
	for _, unknown := range []bool{false, true} {
		best, bestCount := -1, 0
		tie := false
		for qi, q := range ds.persons {
			if qi == pi || q.Country == c || (q.Country == "") != unknown || !ds.inDoc(qi, doc) {
				continue
			}
			if q.count > bestCount {
				best, bestCount, tie = qi, q.count, false
			} else if q.count == bestCount {
				tie = true
			}
		}
		if tie {
			return -1
		}
		if best >= 0 {
			return best
		}
	}
	return -1
}

func (ds *docState) inDoc(pi, doc int) bool {
	if ds.docsOf != nil {
		return ds.docsOf[pi][doc]
	}
	for _, s := range ds.sents {
		if s.Doc != doc {
			continue
		}
		for _, m := range s.mentions {
			if (m.Kind == mPerson || m.Kind == mNominal) && m.Person == pi {
				return true
			}
		}
	}
	return false
}

// meetings extracts the meetings of every sentence, clause by clause.
func (ds *docState) meetings(anchors map[int]Date) []Meeting {
	var out []Meeting
	lastDate := map[int]Date{}
	// The meeting told last in each document, for "also present" sentences.
	type told struct {
		groups [][]int
		m      Meeting
	}
	last := map[int]*told{}
	for _, s := range ds.sents {
		if ds.stopped() {
			break
		}
		if s.Zone == ZoneMarker {
			continue
		}
		persons := hasPersonMention(s)
		if !persons && !strings.Contains(fsOf(s), "deux ") {
			continue // nobody named and no "les deux dirigeants"
		}
		preds := ds.predicates(s)
		meetingPreds, callSentence := 0, false
		for _, p := range preds {
			if p.Kind != "" {
				meetingPreds++
			}
			callSentence = callSentence || isCall(p.Kind)
		}
		if meetingPreds == 0 && !persons {
			continue
		}
		neg, negRule := "", ""
		if meetingPreds > 0 {
			neg, negRule = ds.negation(s)
		}
		if neg == "message" {
			continue
		}
		toks := s.toks
		var parts []mention
		seen := map[int]bool{}
		// Named mentions first, then nominal ones for persons not named.
		for _, kind := range []mentionKind{mPerson, mNominal} {
			for _, m := range s.mentions {
				if m.Kind != kind || m.Person < 0 || seen[m.Person] {
					continue
				}
				if excluded(toks, s.mentions, m) {
					continue
				}
				seen[m.Person] = true
				parts = append(parts, m)
			}
		}
		sortMentions(parts)
		emitted := false
		// The sentence's place, read once for all its meetings.
		var place placeRef
		var inSentence, placeRead bool
		emit := func(groups [][]int, kind, rule string, trigTok int, conf float64) {
			if len(groups) == 0 {
				return
			}
			trig := trigger{Kind: kind, Rule: rule, Tok: trigTok}
			date, dateRule := ds.meetingDate(s, trig, anchors)
			// "Le même jour": the day of the meeting told just before.
			if dateSources[dateRule] < dateSources["date:lead"] && strings.Contains(fsOf(s), "meme jour") {
				if d, ok := lastDate[s.Doc]; ok {
					date, dateRule = d, "date:same-day"
				}
			}
			if dateSources[dateRule] >= dateSources["date:paragraph"] {
				lastDate[s.Doc] = date
			}
			if !placeRead {
				place, inSentence = ds.meetingPlace(s)
				placeRead = true
			}
			place := place
			if callSentence && !inSentence {
				place = placeRef{} // the dateline's city is where the news was written
			}
			if !inSentence && dateRule == "date:sentence" && longBefore(date, anchors[s.Doc]) {
				// "En novembre 2012, X et Y ont discuté": a past meeting is
				// not one of the story's visit.
				place = placeRef{}
			}
			if s.Zone == ZoneCaption {
				conf -= 0.2
			}
			var kept [][]int
			for _, g := range groups {
				kept = append(kept, ds.sides(g)...)
			}
			if len(kept) == 0 {
				return
			}
			for _, g := range kept {
				mt := Meeting{
					Kind:       kind,
					Date:       date,
					Place:      place.Name,
					PlaceNames: place.Aliases,
					PlaceRule:  place.Rule,
					Doc:        s.Doc,
					Planned:    neg == "planned",
					Evidence:   ds.evidence(s, rule, conf),
				}
				mt.Evidence.DateRule = dateRule
				if mt.Planned {
					mt.Evidence.Rule += "+" + negRule
				}
				for _, pi := range g {
					mt.Participants = append(mt.Participants, ds.persons[pi].ID)
				}
				out = append(out, mt)
			}
			emitted = true
			if neg != "planned" {
				last[s.Doc] = &told{groups: kept, m: out[len(out)-1]}
			}
		}
		for pi, p := range preds {
			if p.Kind == "" || !persons {
				continue
			}
			c := clauseOf(toks, preds, pi)
			cparts := parts
			if len(preds) > 1 {
				cparts = clauseParts(parts, c, p.Tok)
				if len(cparts) == 0 && !c.Embedded {
					// "Lors de l'entretien, X a affirmé ...": a cue in a
					// fronted phrase has the sentence's persons.
					cparts = parts
				}
			}
			trig := trigger{Kind: p.Kind, Rule: p.Rule, Tok: p.Tok}
			rule := trig.Rule
			if p.frame != "" {
				rule += "+" + p.frame
			}
			if len(preds) > 1 {
				rule += "+clause"
			}
			// A meeting noun with its own arguments: "les rencontres de X
			// avec A et B".
			if p.roles["de"] {
				if a, b, ok := genitiveArgs(toks, cparts, p, c.End); ok {
					var groups [][]int
					for _, x := range a {
						for _, y := range b {
							groups = append(groups, []int{x, y})
						}
					}
					emit(groups, p.Kind, rule+"+de", p.Tok, 0.9)
					continue
				}
			}
			if c.Embedded && !p.roles["de"] && !possessive(toks, p.Tok) {
				// A meeting noun inside another predicate's object that has
				// no arguments of its own: not this sentence's meeting.
				if !anyIn(cparts, p.Tok+1, c.End) {
					continue
				}
			}
			if meetingPreds == 1 && anaphoricNoun(toks, p.Tok) && !argumentAfter(toks, p.Tok) {
				// "Cette rencontre s'inscrit dans la déclaration entre A et
				// B": the persons of the sentence are not its parties. (With
				// another meeting predicate, "En marge de cette rencontre, X
				// s'est entretenu avec Y", the clauses tell the parties.)
				if a, b, ok := ds.mainPair(s.Doc); ok {
					emit([][]int{{a, b}}, p.Kind, rule+"+frame:anaphor", p.Tok, 0.6)
				}
				continue
			}
			subjTok := p.Tok
			if pi > 0 && !c.Embedded && !anyIn(cparts, 0, p.Tok) {
				// A chained predicate with nobody named before it: its
				// subject is the sentence's ("Il s'est entretenu avec A et a
				// rencontré B et C").
				subjTok = preds[0].Tok
			}
			groups, how, ok := ds.pairs(s, trig, cparts, subjTok)
			if !ok && p.roles["par"] && len(cparts) == 1 && cparts[0].I > p.Tok {
				// "Accueilli par X, il a ...": the agent met the subject,
				// the story's other side.
				if c := ds.counterpart(cparts[0].Person, s.Doc); c >= 0 {
					groups, how, ok = [][]int{{cparts[0].Person, c}}, "+par-counterpart", true
				}
			}
			if !ok {
				continue
			}
			conf := 0.9
			if strings.HasSuffix(how, "+counterpart") {
				conf = 0.6
			}
			emit(groups, p.Kind, rule+how, p.Tok, conf)
		}
		if emitted {
			continue
		}
		// "Étaient également présents X et Y": they join the meeting told
		// just before, on their side.
		if _, _, ok := ds.cue(s, "present"); ok && persons {
			if t := last[s.Doc]; t != nil {
				var added, before []int
				inBefore := map[int]bool{}
				for _, g := range t.groups {
					for _, pi := range g {
						if !inBefore[pi] {
							inBefore[pi] = true
							before = append(before, pi)
						}
					}
				}
				for _, m := range parts {
					if !inBefore[m.Person] {
						added = append(added, m.Person)
					}
				}
				ds.sideNationality(added, before)
				if groups := ds.joinSides(added, before); len(groups) > 0 {
					for _, g := range groups {
						mt := t.m
						mt.Participants = []string{ds.persons[g[0]].ID, ds.persons[g[1]].ID}
						mt.Evidence = ds.evidence(s, "frames:present+frame", 0.8)
						mt.Evidence.DateRule = t.m.Evidence.DateRule
						out = append(out, mt)
					}
				}
			}
			continue
		}
		// "Les deux dirigeants ont eu des entretiens" with nobody named, or
		// "Cette rencontre s'inscrit dans ..." whose persons are not its
		// parties: the story's main pair.
		if meetingPreds > 0 && s.Zone != ZoneCaption {
			for _, p := range preds {
				if p.Kind == "" || !(bothCue(toks, p.Tok) && !persons || anaphoricNoun(toks, p.Tok)) {
					continue
				}
				if a, b, ok := ds.mainPair(s.Doc); ok {
					emit([][]int{{a, b}}, p.Kind, p.Rule+"+frame:anaphor", p.Tok, 0.6)
				}
				break
			}
		}
	}
	ds.leadEventDates(out)
	return mergeMeetings(out)
}

// leadEventDates gives the body meetings of the article that no sentence,
// paragraph or dateline dates the date of the lead's meeting when they
// share a participant with it, in a story that is not a visit's: the lead
// states the story's event ("Dans l'après-midi du 29 janvier, le président
// X a reçu les ambassadeurs de ..."), the body tells its parts ("En
// recevant l'ambassadrice d'Espagne, Y, le président ..."). A sentence
// that places itself at another moment (frames.tsv "shift": "Auparavant")
// keeps its own.
func (ds *docState) leadEventDates(ms []Meeting) {
	// Not with a dateline (it dates the story), nor in a visit's story (a
	// visit spans days: its other meetings are not on the lead's day).
	if !ds.dlDate.IsZero() || ds.frames[0] != nil && !ds.frames[0].Visit.zero() {
		return
	}
	// The sentence of each meeting, by its evidence's start (one pass).
	at := map[int]*sentState{}
	for _, s := range ds.sents {
		at[ds.doc.Offset(s.Start)] = s
	}
	var lead []Meeting
	for _, m := range ms {
		if m.Doc == 0 && m.Evidence.DateRule == "date:sentence" && m.Date.Day != 0 {
			if st := at[m.Evidence.Start]; st != nil && st.Zone == ZoneLead {
				lead = append(lead, m)
			}
		}
	}
	if len(lead) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.Doc != 0 || m.Planned || (m.Evidence.DateRule != "date:publication-month" && m.Evidence.DateRule != "") {
			continue
		}
		if st := at[m.Evidence.Start]; st != nil {
			if _, _, ok := ds.cue(st, "shift"); ok {
				continue
			}
		}
		for _, l := range lead {
			if sharesParticipant(*m, l) {
				m.Date, m.Evidence.DateRule = l.Date, "date:lead-event"
				break
			}
		}
	}
}

func sharesParticipant(a, b Meeting) bool {
	for _, x := range a.Participants {
		for _, y := range b.Participants {
			if x == y {
				return true
			}
		}
	}
	return false
}

// pairs reads the participants of one meeting predicate from the persons
// of its clause: the groups of persons who met, and the rule suffix.
func (ds *docState) pairs(s *sentState, trig trigger, parts []mention, subjTok int) ([][]int, string, bool) {
	toks := s.toks
	var left, right []int
	for _, m := range parts {
		if m.I < trig.Tok {
			left = append(left, m.Person)
		} else {
			right = append(right, m.Person)
		}
	}
	rule := ""
	var groups [][]int
	entre := -1
	for k := trig.Tok; k < len(toks) && k <= trig.Tok+20; k++ {
		if toks[k].Fold == "entre" {
			entre = k
			break
		}
	}
	var between []mention
	if entre >= 0 {
		between = afterTok(parts, entre)
	}
	var listed []int
	if len(left) == 1 && len(right) == 0 {
		listed = ds.listedAfter(s, trig)
	}
	pronoun := subjectPronoun(toks, subjTok)
	subject := pronoun || (len(left) == 0 && bareTitleSubject(s, trig.Tok))
	switch {
	case pronoun && len(left)+len(right) >= 1 && entre < 0:
		// "Accueilli par X, il a conclu ses entretiens par un tête-à-tête
		// avec Y": every named person met the subject.
		all := append(append([]int{}, left...), right...)
		c := ds.counterpart(all[0], s.Doc)
		if c < 0 {
			return nil, "", false
		}
		for _, b := range all {
			if b != c {
				groups = append(groups, []int{c, b})
			}
		}
		rule += "+subject-pronoun"
	case len(between) >= 2:
		// "entretien entre X et Y", "rencontres entre le Premier ministre
		// cambodgien et les hauts dirigeants vietnamiens : A, B, C".
		a, b := splitAtEt(toks, between)
		if len(a) > 0 && len(b) > 0 {
			for _, x := range a {
				for _, y := range b {
					groups = append(groups, []int{x, y})
				}
			}
		} else {
			groups = append(groups, append(a, b...))
		}
		rule += "+between"
	case len(left) > 0 && len(right) > 0:
		if possessive(toks, trig.Tok) {
			// "X a informé Y du résultat de son entretien avec Z":
			// the meeting is the subject's.
			left = left[:1]
		}
		for _, a := range left {
			for _, b := range right {
				groups = append(groups, []int{a, b})
			}
		}
		rule += "+sides"
	case len(left) >= 2 && hasObjectPronoun(toks, trig.Tok):
		// "X et Y ont eu des entrevues avec lui".
		c := ds.counterpart(left[0], s.Doc)
		if c < 0 {
			return nil, "", false
		}
		for _, a := range left {
			groups = append(groups, []int{a, c})
		}
		rule += "+pronoun"
	case len(left) >= 2 && coordinated(s, parts, -1):
		groups = append(groups, left)
		rule += "+group"
	case len(left)+len(right) == 2 && bothCue(toks, trig.Tok):
		// "X a accueilli Y, puis les deux dirigeants ont eu des
		// entretiens": the two named persons.
		groups = append(groups, append(append([]int{}, left...), right...))
		rule += "+both"
	case len(right) >= 2 && coordinated(s, parts, trig.Tok) && (trig.Kind == "dialogue" || isCall(trig.Kind) || determined(toks, trig.Tok) || passive(toks, trig.Tok)):
		// "Lors de l'entretien, X et Y ont...", "coprésidées par X et Y".
		groups = append(groups, right)
		rule += "+group"
	case len(left) == 0 && len(right) == 2 && (trig.Tok == 0 || trig.Tok == 1 && toks[0].Fold == "en") && strings.HasSuffix(toks[trig.Tok].Fold, "ant"):
		// "Recevant X, Y a salué ...", "En recevant X, Y a proposé ...":
		// the participle's subject is Y.
		groups = append(groups, right)
		rule += "+participle"
	case len(right) >= 1 && subject:
		// "Il a également rencontré A, B et C."
		c := ds.counterpart(right[0], s.Doc)
		if c < 0 {
			return nil, "", false
		}
		if code := bareTitleCountry(ds, s, trig.Tok); code != "" && ds.persons[c].Country != code {
			return nil, "", false // "le chef de l'État vietnamien" is not the foreign guest
		}
		for _, b := range right {
			if b != c {
				groups = append(groups, []int{c, b})
			}
		}
		rule += "+subject-pronoun"
	case len(listed) > 0:
		// "X a reçu les ambassadeurs de A, B et C", then the next
		// sentence names them: "l'ambassadeur de A, N1 ; ...".
		for _, b := range listed {
			if b != left[0] {
				groups = append(groups, []int{left[0], b})
			}
		}
		rule += "+listed"
	case len(left)+len(right) == 1 && s.Zone != ZoneCaption && s.Zone != ZoneTitle:
		one := append(left, right...)[0]
		if !ds.impliesCounterpart(s, trig) && !subject {
			return nil, "", false
		}
		c := ds.counterpart(one, s.Doc)
		if c < 0 {
			return nil, "", false
		}
		groups = append(groups, []int{one, c})
		rule += "+counterpart"
	default:
		return nil, "", false
	}
	return groups, rule, len(groups) > 0
}

// mainPair returns the story's two main persons of different countries:
// the most mentioned person with a country and its counterpart.
func (ds *docState) mainPair(doc int) (int, int, bool) {
	best := -1
	for pi, p := range ds.persons {
		if ds.inDoc(pi, doc) && p.Country != "" && (best < 0 || p.count > ds.persons[best].count) {
			best = pi
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	c := ds.counterpart(best, doc)
	return best, c, c >= 0
}

// evidence points at sentence s, in the original file.
func (ds *docState) evidence(s *sentState, rule string, conf float64) Evidence {
	return Evidence{Rule: rule, Sentence: ds.text[s.Start:s.End], Start: ds.doc.Offset(s.Start), End: ds.doc.Offset(s.End-1) + 1, Confidence: conf}
}

func hasPersonMention(s *sentState) bool { return personMentions(s) > 0 }

// impliesCounterpart reports whether a meeting sentence with one named
// person refers to the other one: a pronoun, "son homologue", or the
// meeting named with a definite article ("lors de l'entretien").
func (ds *docState) impliesCounterpart(s *sentState, trig trigger) bool {
	for k, t := range s.toks {
		switch t.Fold {
		case "lui", "homologue", "hote", "deux":
			return true
		}
		if k == trig.Tok && determined(s.toks, k) && !indefiniteOrPossessive(s.toks[k-1].Fold) {
			return true
		}
	}
	return false
}

func (ds *docState) meetingDate(s *sentState, trig trigger, anchors map[int]Date) (Date, string) {
	anchor := anchors[s.Doc]
	dates := s.dates
	best := -1
	bestDist := 1 << 30
	for k, d := range dates {
		dist := d.Tok - trig.Tok
		if dist < 0 {
			dist = -dist + 1 // prefer dates after the cue
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best >= 0 {
		m := dates[best]
		if m.HasWeekday && (anchor.Day == 0 || anchor.Year == 0) {
			// "lundi" with no full publication date: a full date of the
			// article that falls on that weekday.
			if d, ok := ds.dateOnWeekday(m.Weekday); ok {
				return d, "date:weekday"
			}
		}
		if d := anchorDate(m, anchor); !d.IsZero() {
			return d, "date:sentence"
		}
	}
	// The date of an earlier sentence of the same paragraph carries
	// forward ("Le 4 juin, X a visité Hanoi. Accueilli par Y, il ...");
	// "le lendemain" is the day after it.
	if d, ok := ds.paragraphDate(s, anchor); ok {
		return d, "date:paragraph"
	}
	// A teaser, a caption or a title: the date its lead gives.
	if s.Doc > 0 || s.Zone == ZoneCaption || s.Zone == ZoneTitle {
		if d, ok := ds.leadDate(s.Doc, anchor); ok {
			return d, "date:lead"
		}
	}
	if s.Doc == 0 {
		if f := ds.frames[0]; f != nil && !f.Ended.IsZero() {
			// The dateline is written after the visit: its meetings are
			// known only to the month.
			return Date{Year: f.Ended.Year, Month: f.Ended.Month}, "date:visit-ended"
		}
		if !ds.dlDate.IsZero() {
			return ds.dlDate, "date:dateline"
		}
		if ds.doc.Date.Year != 0 && ds.doc.Date.Month != 0 {
			return Date{Year: ds.doc.Date.Year, Month: ds.doc.Date.Month}, "date:publication-month"
		}
	}
	return Date{}, ""
}

// docSents returns the sentences of document doc (indexed once: a page
// of teasers is thousands of documents).
func (ds *docState) docSents(doc int) []*sentState {
	if ds.byDoc == nil {
		ds.byDoc = map[int][]*sentState{}
		for _, s := range ds.sents {
			ds.byDoc[s.Doc] = append(ds.byDoc[s.Doc], s)
		}
	}
	return ds.byDoc[doc]
}

// leadDate returns the first date of the first lead sentence of document
// doc, computed once per document.
func (ds *docState) leadDate(doc int, anchor Date) (Date, bool) {
	if ld, ok := ds.leadDates[doc]; ok {
		return ld.d, ld.ok
	}
	var ld leadDate
	for _, o := range ds.docSents(doc) {
		if o.Zone != ZoneLead {
			continue
		}
		for _, m := range o.dates {
			if d := anchorDate(m, anchor); !d.IsZero() {
				ld = leadDate{d, true}
				break
			}
		}
		break
	}
	if ds.leadDates == nil {
		ds.leadDates = map[int]leadDate{}
	}
	ds.leadDates[doc] = ld
	return ld.d, ld.ok
}

// paragraphDate returns the date of the nearest earlier sentence of the
// same paragraph, shifted by one day when s says "le lendemain".
func (ds *docState) paragraphDate(s *sentState, anchor Date) (Date, bool) {
	idx := s.idx
	shift := nextDays(s.toks)
	for i := idx - 1; i >= 0; i-- {
		o := ds.sents[i]
		if o.Doc != s.Doc || o.Para != s.Para {
			break
		}
		dates := o.dates
		for k := len(dates) - 1; k >= 0; k-- {
			d := anchorDate(dates[k], anchor)
			if d.IsZero() {
				continue
			}
			if shift > 0 && d.Day != 0 {
				y := d.Year
				if y == 0 {
					y = 2001 // a year without 29 February; the year is dropped again below
				}
				t := time.Date(y, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC).AddDate(0, 0, shift)
				d.Month, d.Day = int(t.Month()), t.Day()
				if d.Year != 0 {
					d.Year = t.Year()
				}
			}
			return d, true
		}
		shift += nextDays(o.toks)
	}
	return Date{}, false
}

// nextDays counts "le lendemain" (the day after) in toks.
func nextDays(toks []token) int {
	n := 0
	for k, t := range toks {
		if t.Fold == "lendemain" && k > 0 && toks[k-1].Fold == "le" {
			n++
		}
	}
	return n
}

func fsOf(s *sentState) string {
	fs, _ := s.folded()
	return fs
}

// dateOnWeekday returns the only full date of the article that falls on wd.
func (ds *docState) dateOnWeekday(wd time.Weekday) (Date, bool) {
	var found []Date
	for _, o := range ds.sents {
		for _, m := range o.dates {
			d := m.Date
			if m.Rel || m.HasWeekday || d.Year == 0 || d.Day == 0 {
				continue
			}
			if time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC).Weekday() == wd {
				dup := false
				for _, f := range found {
					dup = dup || f == d
				}
				if !dup {
					found = append(found, d)
				}
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Date{}, false
}

func (ds *docState) dateline() (Dateline, bool) {
	if ds.dl == nil {
		return Dateline{}, false
	}
	return *ds.dl, true
}

// meetingPlace returns the place of the meetings of sentence s: the place
// the sentence names (true), refined by its document's frame, else the
// frame's place (false).
func (ds *docState) meetingPlace(s *sentState) (placeRef, bool) {
	place, inSentence := ds.sentencePlace(s)
	f := ds.frames[s.Doc]
	switch {
	case f == nil:
	case inSentence:
		place = f.refine(place)
	default:
		place = f.place(ds.r.Home)
	}
	return place, inSentence
}

// mergeMeetings keeps one meeting per participant set: the first found,
// completed by later ones (a date, a place, a more specific kind).
func mergeMeetings(ms []Meeting) []Meeting {
	var out []Meeting
	idx := map[string]int{}
	for _, m := range ms {
		ps := append([]string{}, m.Participants...)
		sort.Strings(ps)
		ps = uniq(ps)
		if len(ps) < 2 {
			continue
		}
		m.Participants = ps
		key := strings.Join(ps, "|")
		if m.Planned {
			key = "planned:" + key
		}
		if i, ok := idx[key]; ok {
			o := &out[i]
			if dateRank(m) > dateRank(*o) {
				o.Date = m.Date
				o.Evidence.DateRule = m.Evidence.DateRule
			}
			if placeRank(m) > placeRank(*o) && !(isCall(o.Kind) && placeRank(m) < 2) {
				// (A call told first takes no place from the frame.)
				o.Place, o.PlaceNames, o.PlaceRule = m.Place, m.PlaceNames, m.PlaceRule
			}
			if kindRank[m.Kind] > kindRank[o.Kind] {
				o.Kind = m.Kind
			}

			if m.Evidence.Confidence > o.Evidence.Confidence {
				o.Evidence.Confidence = m.Evidence.Confidence
			}
			continue
		}
		idx[key] = len(out)
		out = append(out, m)
	}
	// A planned meeting that also happened is not kept as planned.
	var res []Meeting
	for _, m := range out {
		if m.Planned {
			if _, ok := idx[strings.Join(m.Participants, "|")]; ok {
				continue
			}
		}
		res = append(res, m)
	}
	return res
}

func isCall(kind string) bool { return kind == "phone_call" || kind == "video_call" }

func uniq(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// placeRank orders the places of two reports of one meeting: the place
// its own sentence names beats the frame's.
func placeRank(m Meeting) int {
	switch {
	case m.Place == "":
		return 0
	case strings.HasPrefix(m.PlaceRule, "place:sentence") || m.PlaceRule == "place:unlisted-city":
		return 2
	}
	return 1
}

// dateRank orders the dates of two reports of one meeting: a date read in
// the meeting's own sentence beats one from the lead, the dateline or the
// publication month; then the more precise wins.
func dateRank(m Meeting) int {
	return dateSources[m.Evidence.DateRule]*10 + datePrecision(m.Date)
}

// dateSources ranks where a meeting's date was read: 4 and up are the
// meeting's own text (its sentence, paragraph or the meeting told just
// before), below are article-wide fallbacks.
var dateSources = map[string]int{"date:sentence": 5, "date:weekday": 5, "date:paragraph": 4, "date:same-day": 4, "date:lead": 3, "date:dateline": 2, "date:visit-ended": 2, "date:lead-event": 3, "date:publication-month": 1}

func datePrecision(d Date) int {
	n := 0
	if d.Year != 0 {
		n++
	}
	if d.Month != 0 {
		n++
	}
	if d.Day != 0 {
		n += 2
	}
	return n
}

// partnerships extracts the partnerships between two countries.
func (ds *docState) partnerships() []Partnership {
	var out []Partnership
	top := ds.topCountries()
	for _, s := range ds.sents {
		if s.Zone == ZoneMarker {
			continue
		}
		fs, pos := s.folded()
		for k := range ds.r.Levels {
			p := &ds.r.Levels[k]
			loc := p.Match(fs)
			if loc == nil {
				continue
			}
			startTok := tokenAt(pos, loc[0])
			endTok := tokenAt(pos, loc[1]-1) + 1
			a, b, how := ds.partnershipCountries(s, startTok, endTok, top)
			if a == "" || b == "" || a == b {
				break
			}
			conf := 0.9
			if how == "doc" {
				conf = 0.6
			}
			out = append(out, Partnership{
				Countries: [2]string{a, b},
				Level:     p.Value,
				Doc:       s.Doc,
				Evidence:  ds.evidence(s, p.ID+"+"+how, conf),
			})
			break
		}
	}
	// One partnership per pair, at the highest level stated.
	rank := map[string]int{"comprehensive strategic partnership": 5, "special relationship": 4, "strategic partnership": 3, "comprehensive partnership": 2, "priority partner": 1}
	var res []Partnership
	idx := map[string]int{}
	for _, p := range out {
		c := []string{p.Countries[0], p.Countries[1]}
		sort.Strings(c)
		p.Countries = [2]string{c[0], c[1]}
		key := c[0] + "|" + c[1]
		if i, ok := idx[key]; ok {
			if rank[p.Level] > rank[res[i].Level] {
				res[i].Level = p.Level
				res[i].Evidence = p.Evidence
			}
			continue
		}
		idx[key] = len(res)
		res = append(res, p)
	}
	return res
}

// topCountries returns the countries of the main article by number of
// mentions, most mentioned first.
func (ds *docState) topCountries() []string {
	count := map[string]int{}
	for _, s := range ds.sents {
		if s.Doc != 0 {
			continue
		}
		for _, m := range s.mentions {
			for _, c := range m.countries() {
				count[c]++
			}
		}
	}
	var cs []string
	for c := range count {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if count[cs[i]] != count[cs[j]] {
			return count[cs[i]] > count[cs[j]]
		}
		return cs[i] < cs[j]
	})
	return cs
}

// partnershipCountries finds the two countries of a partnership named by
// toks[lo:hi] of the sentence.
func (ds *docState) partnershipCountries(s *sentState, lo, hi int, top []string) (string, string, string) {
	toks := s.toks
	// A bloc right after the level: "partenariat stratégique ASEAN-Russie".
	for _, m := range s.mentions {
		if m.I >= hi && m.I <= hi+1 && m.Kind == mOrg {
			return "", "", ""
		}
	}
	var after []mention
	var all []mention
	for _, m := range s.mentions {
		if m.Kind != mCountry && m.Kind != mDemonym {
			continue
		}
		all = append(all, m)
		if m.I >= hi && m.I <= hi+6 {
			after = append(after, m)
		}
	}
	// Compound right after: Vietnam-Russie, Vietnam – France, russo-vietnamien.
	if len(after) > 0 {
		m := after[0]
		if len(m.Codes) == 2 {
			return m.Codes[0], m.Codes[1], "compound"
		}
		if len(after) > 1 {
			n := after[1]
			between := ""
			for k := m.J; k < n.I; k++ {
				between += toks[k].Fold
			}
			if between == "-" || between == "et" || between == "etl" || between == "etla" || between == "etle" || between == "etles" {
				return m.Code, n.Code, "compound"
			}
		}
		// "avec la Russie", "entre le Vietnam et la Russie"
		prev := ""
		if m.I > 0 {
			prev = toks[m.I-1].Fold
			if (prev == "la" || prev == "le" || prev == "les" || prev == "l" || prev == "'") && m.I > 1 {
				prev = toks[m.I-2].Fold
				if prev == "l" && m.I > 2 {
					prev = toks[m.I-3].Fold
				}
			}
		}
		if prev == "avec" || prev == "et" {
			home := ""
			for k := len(all) - 1; k >= 0; k-- {
				// Not another partner of the same subject ("la coopération
				// avec la Biélorussie et le partenariat avec la Russie").
				if all[k].I < lo && all[k].Code != m.Code && !afterWord(toks, all[k].I, "avec") {
					home = all[k].Code
					break
				}
			}
			if home == "" && ds.r.Home != m.Code {
				home = ds.r.Home
			}
			if home == "" {
				home = firstOther(top, m.Code)
			}
			if home != "" {
				return home, m.Code, "with"
			}
		}
	}
	// "les deux pays": the story's two countries, not an incidental third
	// one nearby.
	if fs, _ := s.folded(); strings.Contains(fs, "deux pays") || strings.Contains(fs, "deux nations") {
		if f := ds.frames[s.Doc]; f != nil && f.Pair[0] != "" {
			return f.Pair[0], f.Pair[1], "frame"
		}
		if a, b, ok := ds.personCountries(s.Doc); ok {
			// No meeting tells the pair: the countries of the story's
			// persons, most mentioned first.
			return a, b, "frame+persons"
		}
		if s.Doc == 0 && len(top) >= 2 {
			return top[0], top[1], "frame+doc"
		}
	}
	codes := []string{}
	seen := map[string]bool{}
	// Nearest first.
	sorted := append([]mention{}, all...)
	dist := func(m mention) int {
		if m.I >= hi {
			return m.I - hi
		}
		return lo - m.J + 1
	}
	sort.SliceStable(sorted, func(i, j int) bool { return dist(sorted[i]) < dist(sorted[j]) })
	// A country named as a place ("avant une réunion au Japon") is not a
	// party when two others are named.
	var parties []mention
	for _, m := range sorted {
		if m.Kind != mCountry || !locative(toks, m.I) {
			parties = append(parties, m)
		}
	}
	if n := len(codesOf(parties)); n >= 2 {
		sorted = parties
	}
	for _, m := range sorted {
		for _, c := range m.countries() {
			if !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	switch {
	case len(codes) >= 2:
		return codes[0], codes[1], "sentence"
	case len(codes) == 1:
		if h := ds.r.Home; h != "" && codes[0] != h {
			return h, codes[0], "sentence+home"
		}
		if o := firstOther(top, codes[0]); o != "" {
			return o, codes[0], "sentence+doc"
		}
	case len(top) >= 2 && s.Doc == 0:
		return top[0], top[1], "doc"
	}
	return "", "", ""
}

// personCountries returns the two countries whose persons the document
// mentions most, when two stand out from a third.
func (ds *docState) personCountries(doc int) (string, string, bool) {
	p, ok := ds.personPair[doc]
	if !ok {
		p.a, p.b, p.ok = ds.countPersonCountries(doc)
		if ds.personPair == nil {
			ds.personPair = map[int]countryPair{}
		}
		ds.personPair[doc] = p
	}
	return p.a, p.b, p.ok
}

func (ds *docState) countPersonCountries(doc int) (string, string, bool) {
	count := map[string]int{}
	for _, s := range ds.docSents(doc) {
		for _, m := range s.mentions {
			if (m.Kind == mPerson || m.Kind == mNominal) && m.Person >= 0 {
				if c := ds.persons[m.Person].Country; c != "" {
					count[c]++
				}
			}
		}
	}
	var cs []string
	for c := range count {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	if len(cs) < 2 || len(cs) > 2 && count[cs[2]] == count[cs[1]] {
		return "", "", false
	}
	return cs[0], cs[1], true
}

// codesOf returns the distinct countries of mentions.
func codesOf(ms []mention) []string {
	var out []string
	for _, m := range ms {
		for _, c := range m.countries() {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// afterWord reports whether the mention at token i follows word (past an
// article): "avec la Russie".
func afterWord(toks []token, i int, word string) bool {
	k := beforeArticle(toks, i)
	return k >= 0 && toks[k].Fold == word
}

func firstOther(top []string, not string) string {
	for _, c := range top {
		if c != not {
			return c
		}
	}
	return ""
}
