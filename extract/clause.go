package extract

import "sort"

// The clause reader. A sentence may hold several predicates ("a rendu
// hommage au président H, a eu des entretiens avec le président A et a
// rencontré B"): each meeting cue gets the arguments of its own clause, and
// the objects of predicates that are not meetings are nobody's participants.
// The predicates and their argument frames are data (triggers.tsv for the
// meeting cues and their kinds, frames.tsv for the frames and the
// predicates that are not meetings); this file is the interpreter.

// predicate is a cue of a sentence: a meeting cue (Kind set) or a
// predicate that is not a meeting (Kind "").
type predicate struct {
	Kind  string // meeting kind; "" for a predicate that is not a meeting
	Rule  string // triggers:N or frames:N
	Tok   int    // the cue's first token
	End   int    // the token after the cue
	roles map[string]bool
	frame string // the frames.tsv line that gave roles, "" for the default
}

// clause is the stretch of a sentence that holds a meeting cue's
// arguments: tokens [Start, End), and whether the cue's subject is the
// sentence's (a chained predicate or a noun inside another predicate's
// object).
type clause struct {
	Start, End int
	// SubjectEnd > 0 when the sentence's subject (the persons before its
	// first predicate) is the cue's subject.
	SubjectEnd int
	Embedded   bool // the cue is inside another predicate's object
}

// predicates returns the predicates of s in token order. The cues of one
// meeting ("s'est entretenu par téléphone avec") are one predicate of the
// most specific kind, placed at its verb or noun.
func (ds *docState) predicates(s *sentState) []predicate {
	fs, pos := s.folded()
	var cues []predicate
	for k := range ds.r.Triggers {
		p := &ds.r.Triggers[k]
		for _, loc := range p.MatchAll(fs) {
			cues = append(cues, predicate{Kind: p.Value, Rule: p.ID, Tok: tokenAt(pos, loc[0]), End: tokenAt(pos, loc[1]-1) + 1})
		}
	}
	switch {
	case len(cues) == 0:
		return nil // no meeting: the other predicates do not matter
	case len(cues) == 1 && personMentions(s) < 2:
		// One cue and at most one person: no arguments to tell apart.
		ds.setFrames(s, cues)
		return cues
	}
	others := matchPredicates(ds.r.frames.other, fs, pos)
	sort.SliceStable(cues, func(i, j int) bool { return cues[i].Tok < cues[j].Tok })
	// Merge overlapping or adjacent cues into one predicate.
	var merged []predicate
	for _, c := range cues {
		if n := len(merged); n > 0 && c.Tok <= merged[n-1].End+2 && !between(others, merged[n-1].End, c.Tok) {
			m := &merged[n-1]
			m.End = max(m.End, c.End)
			if kindRank[c.Kind] > kindRank[m.Kind] {
				if kindRank[m.Kind] <= 3 {
					// keep the verb's position, take the specific kind
					m.Kind, m.Rule = c.Kind, c.Rule
				} else {
					*m = predicate{Kind: c.Kind, Rule: c.Rule, Tok: m.Tok, End: m.End}
				}
			}
			continue
		}
		merged = append(merged, c)
	}
	// A qualifier standing apart ("... avec Y au téléphone") gives its kind
	// to the meeting predicate of its clause.
	for i, m := range merged {
		if kindRank[m.Kind] > 3 {
			if j := nearestVerb(merged, i, others); j >= 0 {
				if kindRank[m.Kind] > kindRank[merged[j].Kind] {
					merged[j].Kind, merged[j].Rule = m.Kind, m.Rule
				}
				merged[i].Kind = "" // absorbed
			}
		}
	}
	var out []predicate
	for _, m := range merged {
		if m.Kind != "" {
			out = append(out, m)
		}
	}
	ds.setFrames(s, out)
	// A predicate that is not a meeting but overlaps a meeting cue is the
	// cue itself ("rendu visite" against "rendu hommage" is told apart by
	// the patterns).
	meetings := len(out)
	for _, o := range others {
		overlap := false
		for _, m := range out[:meetings] {
			if o.Tok < m.End && m.Tok < o.End {
				overlap = true
			}
		}
		if !overlap {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Tok < out[j].Tok })
	return out
}

// matchPredicates returns a predicate for every match of the patterns,
// in token order.
func matchPredicates(ps []Pattern, fs string, pos []int) []predicate {
	var out []predicate
	for k := range ps {
		p := &ps[k]
		for _, loc := range p.MatchAll(fs) {
			out = append(out, predicate{Rule: p.ID, Tok: tokenAt(pos, loc[0]), End: tokenAt(pos, loc[1]-1) + 1, roles: p.roles})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Tok < out[j].Tok })
	return out
}

// nearestVerb returns the index of the meeting predicate of rank 3 or less
// nearest to merged[i] with no other predicate between them, or -1.
func nearestVerb(merged []predicate, i int, others []predicate) int {
	best, bestDist := -1, 1<<30
	for j, m := range merged {
		if j == i || kindRank[m.Kind] > 3 || m.Kind == "" {
			continue
		}
		lo, hi := m.End, merged[i].Tok
		if m.Tok > merged[i].Tok {
			lo, hi = merged[i].End, m.Tok
		}
		if between(others, lo, hi) {
			continue
		}
		if d := hi - lo; d < bestDist {
			best, bestDist = j, d
		}
	}
	return best
}

// between reports a predicate of ps that starts in [lo, hi).
func between(ps []predicate, lo, hi int) bool {
	for _, p := range ps {
		if p.Tok >= lo && p.Tok < hi {
			return true
		}
	}
	return false
}

// defaultRoles is the frame of a cue that no frames.tsv line names.
var defaultRoles = map[string]bool{"subj": true, "obj": true, "avec": true, "entre": true}

// setFrames gives each meeting predicate the roles of the first frame of
// frames.tsv whose cue matches at it (or a token before or after it: "des
// rencontres de", "reçu par"), else the default frame. The sentence is
// searched once for all its predicates.
func (ds *docState) setFrames(s *sentState, preds []predicate) {
	var found []predicate
	if len(ds.r.frames.meeting) > 0 {
		fs, pos := s.folded()
		for k := range ds.r.frames.meeting {
			f := &ds.r.frames.meeting[k]
			for _, loc := range f.MatchAll(fs) {
				found = append(found, predicate{Rule: f.ID, Tok: tokenAt(pos, loc[0]), roles: f.roles})
			}
		}
	}
	for i := range preds {
		preds[i].roles, preds[i].frame = defaultRoles, ""
		for _, f := range found { // in file order: the first line wins
			if f.Tok >= preds[i].Tok-1 && f.Tok <= preds[i].Tok+1 {
				preds[i].roles, preds[i].frame = f.roles, f.Rule
				break
			}
		}
	}
}

// boundary reports a token that ends a clause: a comma, a semicolon, a
// colon, "et", "puis", "avant de", "après avoir".
func boundary(toks []token, k int) bool {
	switch toks[k].Text {
	case ",", ";", ":":
		return true
	}
	switch toks[k].Fold {
	case "et", "puis", "avant", "apres":
		return true
	}
	return false
}

// clauseOf returns the clause of the meeting predicate preds[i] in s.
func clauseOf(toks []token, preds []predicate, i int) clause {
	p := preds[i]
	c := clause{Start: 0, End: len(toks)}
	if i > 0 {
		prev := preds[i-1]
		c.Start = p.Tok
		c.Embedded = true
		for k := p.Tok - 1; k >= prev.End; k-- {
			if boundary(toks, k) {
				c.Start, c.Embedded = k+1, false
				break
			}
		}
		c.SubjectEnd = preds[0].Tok
		// The subject ends at the first boundary before the first
		// predicate's cue only when it is a participle clause ("Arrivé à
		// Hanoi, X a ..."): keep every person before the first cue.
	}
	if i+1 < len(preds) {
		next := preds[i+1]
		c.End = next.Tok
		// A cue in a fronted phrase ("Lors d'une réception pour X, le
		// président Y a affirmé ...") takes the main clause's subject.
		fronted := i == 0 && p.Tok <= 4
		for k := next.Tok - 1; k >= p.End && !fronted; k-- {
			if boundary(toks, k) {
				c.End = k
				break
			}
		}
	}
	return c
}

// clauseParts keeps of the sentence's participants those of clause c: the
// persons inside it, and the sentence's subject when the clause has no
// subject of its own.
func clauseParts(parts []mention, c clause, cue int) []mention {
	ownSubject := anyIn(parts, c.Start, cue)
	var out []mention
	for _, m := range parts {
		switch {
		case m.I >= c.Start && m.I < c.End:
			out = append(out, m)
		case !ownSubject && c.SubjectEnd > 0 && m.I < c.SubjectEnd:
			out = append(out, m)
		}
	}
	return out
}

// anyIn reports a mention of ms that starts in [lo, hi).
func anyIn(ms []mention, lo, hi int) bool {
	for _, m := range ms {
		if m.I >= lo && m.I < hi {
			return true
		}
	}
	return false
}

// genitiveArgs reads a meeting noun's own arguments ("les rencontres de X
// avec A et B"): the persons in the genitive right after the cue, and those
// after "avec" in the clause.
func genitiveArgs(toks []token, parts []mention, p predicate, end int) (a, b []int, ok bool) {
	avec := -1
	for k := p.End; k < end && k < len(toks); k++ {
		if toks[k].Fold == "avec" {
			avec = k
			break
		}
	}
	if avec < 0 {
		return nil, nil, false
	}
	for _, m := range parts {
		switch {
		case m.I >= p.End && m.I < avec && m.I <= p.End+8:
			a = append(a, m.Person)
		case m.I > avec && m.I < end:
			b = append(b, m.Person)
		}
	}
	return a, b, len(a) > 0 && len(b) > 0
}

// personMentions counts the person mentions of s.
func personMentions(s *sentState) int {
	n := 0
	for _, m := range s.mentions {
		if (m.Kind == mPerson || m.Kind == mNominal) && m.Person >= 0 {
			n++
		}
	}
	return n
}
