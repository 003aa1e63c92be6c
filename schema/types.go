package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Date is a typed date literal: Value in the lexical form of Type.
type Date struct {
	Value string
	Type  quad.IRI // XSDDate, XSDGYearMonth, XSDGMonthDay or XSDGYear
}

// Literal returns the date as a quad value.
func (d Date) Literal() quad.Value {
	return quad.TypedString{Value: quad.String(d.Value), Type: d.Type}
}

// YearLiteral returns the date's year as an xsd:integer, ok false when the
// date has none (a gMonthDay).
func (d Date) YearLiteral() (quad.Value, bool) {
	if d.Type == XSDGMonthDay || len(d.Value) < 4 || !allDigits(d.Value[:4]) {
		return nil, false
	}
	return quad.TypedString{Value: quad.String(strings.TrimLeft(d.Value[:4], "0")), Type: XSDInteger}, true
}

// DateOf returns the Date of an XML Schema lexical form: 2022-07-06,
// 2022-07, --07-06 or 2022. ok is false for anything else.
func DateOf(s string) (Date, bool) {
	switch {
	case len(s) == 7 && strings.HasPrefix(s, "--") && allDigits(s[2:4]+s[5:7]) && s[4] == '-':
		return Date{s, XSDGMonthDay}, true
	case len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]+s[5:7]+s[8:]):
		return Date{s, XSDDate}, true
	case len(s) == 7 && s[4] == '-' && allDigits(s[:4]+s[5:]):
		return Date{s, XSDGYearMonth}, true
	case len(s) == 4 && allDigits(s):
		return Date{s, XSDGYear}, true
	}
	return Date{}, false
}

// ValidIRI reports whether s can be written as an absolute IRI in
// N-Quads: a scheme, and none of the characters the grammar forbids.
func ValidIRI(s string) bool {
	i := strings.Index(s, ":")
	if i <= 0 {
		return false
	}
	for k, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || k > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	for _, c := range s {
		if c <= ' ' || strings.ContainsRune("<>\"{}|^`\\", c) {
			return false
		}
	}
	return true
}

// Keys returns the lookup keys of names: folded (NFD without marks, lower
// case, punctuation to spaces), de-duplicated and sorted. They are stored
// as ns#key so that a name given on the command line finds its node
// through the object index.
func Keys(names ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := FoldKey(n)
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sortStrings(out)
	return out
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// Evidence is where a fact comes from.
type Evidence struct {
	Rule       string
	Sentence   string
	Start, End int // byte offsets in the article file
	Confidence float64
}

// Article is a news article, the label of every quad it states.
type Article struct {
	ID        string // see ArticleID
	Name      string // the file name, as schema:name
	URL       string
	Title     string
	Published *Date
}

// ArticleID returns the id of an article: a hash of its URL when it has
// one (an edited article keeps its IRI, and a re-ingest replaces its
// facts), else a hash of its text (two different articles are two
// articles, whatever their file names, and the same text twice is one).
func ArticleID(url, text string) string {
	if url != "" {
		return hashID("url:" + url)
	}
	return hashID("text:" + text)
}

// LegacyArticleID is the id versions before content identity gave an
// article without a URL: a hash of its file's base name. 'newsgraph
// migrate' uses it to find an article's old copy.
func LegacyArticleID(url, baseName string) string {
	if url != "" {
		return hashID("url:" + url)
	}
	return hashID("file:" + baseName)
}

// LegacyOn is the predicate of event dates before schema:startDate.
const LegacyOn = quad.IRI(NS + "on")

func hashID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// PersonT is a person.
type PersonT struct {
	ID          string
	Name        string
	Alternates  []string
	Nationality string // ISO code, "" when unknown
	Titles      []string
}

// CountryT is a country.
type CountryT struct {
	Code       string
	Name       string // French name
	Alternates []string
}

// PlaceT is a city or other place.
type PlaceT struct {
	ID      string
	Name    string
	Country string
}

// OrganizationT is an international body or other organisation.
type OrganizationT struct {
	ID   string
	Name string
}

// EventT is a meeting between persons, or a planned one.
type EventT struct {
	// IRI, when set, names the event instead of the IRI derived from its
	// participants and date (an event already known from another article).
	IRI          quad.IRI
	Kind         string
	Participants []string // person ids
	Date         *Date
	Place        string // place id, "" when unknown
	Planned      bool
	Evidence     Evidence
}

// ID returns the event's id: a hash of its sorted participants and its
// date, so that two articles reporting the same meeting name one event.
func (e EventT) ID() string {
	ps := append([]string{}, e.Participants...)
	sortStrings(ps)
	d := ""
	if e.Date != nil {
		d = e.Date.Value
	}
	st := ""
	if e.Planned {
		st = "planned"
	}
	return hashID(append(ps, d, st)...)
}

// Node returns the event's IRI: IRI when set, else the one derived from
// its participants and date.
func (e EventT) Node() quad.IRI {
	if e.IRI != "" {
		return e.IRI
	}
	return EventIRI(e.ID())
}

// PartnershipT is a partnership between two countries.
type PartnershipT struct {
	A, B     string // ISO codes
	Level    string
	Evidence Evidence
}

// Doc is everything one article states.
type Doc struct {
	// Input is the key of the input the doc was extracted from (see
	// Input), "" when not known. It is not one of the doc's facts: Quads
	// leaves it out, and the store writes it beside the digest.
	Input         string
	Article       Article
	Persons       []PersonT
	Countries     []CountryT
	Places        []PlaceT
	Organizations []OrganizationT
	Events        []EventT
	Partnerships  []PartnershipT
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for k := i; k > 0 && s[k] < s[k-1]; k-- {
			s[k], s[k-1] = s[k-1], s[k]
		}
	}
}

// Quads returns the quads of the article, each labelled with the article's
// IRI, in a deterministic order without duplicates. The store's index of
// the names (IndexQuads) is not among them: the store makes it.
func (d *Doc) Quads() []quad.Quad {
	label := ArticleIRI(d.Article.ID)
	var out []quad.Quad
	seen := map[[4]string]bool{}
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
		k := [4]string{quad.StringOf(s), quad.StringOf(p), quad.StringOf(o)}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, q)
	}
	str := func(s string) quad.Value { return quad.String(s) }
	// French text as written (headlines, titles, sentences, the French
	// names of countries) is tagged @fr, English terms @en; names of
	// persons, places and organisations are proper names and carry no tag.
	fr := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "fr"} }
	en := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }

	add(label, Type, NewsArticle)
	if d.Article.Name != "" {
		add(label, Name, str(d.Article.Name))
	}
	if d.Article.URL != "" {
		if ValidIRI(d.Article.URL) {
			add(label, URL, quad.IRI(d.Article.URL))
		} else {
			add(label, URL, str(d.Article.URL)) // not an IRI N-Quads can carry
		}
	}
	if d.Article.Title != "" {
		add(label, Headline, fr(d.Article.Title))
	}
	if d.Article.Published != nil {
		add(label, DatePublished, d.Article.Published.Literal())
	}
	for _, c := range d.Countries {
		iri := CountryIRI(c.Code)
		add(iri, Type, Country)
		add(iri, Name, fr(c.Name))
		add(iri, Identifier, str(c.Code))
		for _, a := range c.Alternates {
			if a != c.Name {
				add(iri, AlternateName, en(a)) // the gazetteer's English name
			}
		}
		add(label, Mentions, iri)
	}
	for _, p := range d.Places {
		iri := PlaceIRI(p.ID)
		add(iri, Type, Place)
		if p.Name != "" {
			add(iri, Name, str(p.Name))
		}
		if p.Country != "" {
			add(iri, ContainedInPlace, CountryIRI(p.Country))
		}
	}
	for _, o := range d.Organizations {
		iri := OrganizationIRI(o.ID)
		add(iri, Type, Organization)
		add(iri, Name, str(o.Name))
		add(label, Mentions, iri)
	}
	for _, p := range d.Persons {
		iri := PersonIRI(p.ID)
		add(iri, Type, Person)
		if p.Name != "" {
			add(iri, Name, str(p.Name))
		}
		for _, a := range p.Alternates {
			if a != p.Name {
				add(iri, AlternateName, str(a))
			}
		}
		if p.Nationality != "" {
			add(iri, Nationality, CountryIRI(p.Nationality))
		}
		for _, t := range p.Titles {
			add(iri, JobTitle, fr(t))
		}
		add(label, Mentions, iri)
	}
	evidence := func(subject quad.IRI, e Evidence) {
		iri := EvidenceIRI(hashID(d.Article.ID, quad.StringOf(subject), e.Rule, strconv.Itoa(e.Start), strconv.Itoa(e.End)))
		add(subject, HasEvidence, iri)
		add(iri, Type, EvidenceType)
		add(iri, Rule, str(e.Rule))
		add(iri, Sentence, fr(e.Sentence))
		add(iri, Start, quad.TypedString{Value: quad.String(strconv.Itoa(e.Start)), Type: XSDInteger})
		add(iri, End, quad.TypedString{Value: quad.String(strconv.Itoa(e.End)), Type: XSDInteger})
		add(iri, Confidence, quad.TypedString{Value: quad.String(strconv.FormatFloat(e.Confidence, 'f', 2, 64)), Type: XSDDecimal})
		add(iri, IsPartOf, label)
	}
	for _, e := range d.Events {
		iri := e.Node()
		add(iri, Type, Event)
		add(iri, Kind, str(e.Kind))
		if e.Planned {
			add(iri, EventStatus, EventScheduled)
		}
		for _, p := range e.Participants {
			add(iri, Attendee, PersonIRI(p))
		}
		if e.Date != nil {
			add(iri, StartDate, e.Date.Literal())
			if y, ok := e.Date.YearLiteral(); ok {
				add(iri, Year, y)
			}
		}
		if e.Place != "" {
			add(iri, Location, PlaceIRI(e.Place))
		}
		evidence(iri, e.Evidence)
		if !e.Planned {
			for _, a := range e.Participants {
				for _, b := range e.Participants {
					if a != b {
						add(PersonIRI(a), Met, PersonIRI(b))
					}
				}
			}
		}
	}
	for _, p := range d.Partnerships {
		iri := PartnershipIRI(p.A, p.B)
		add(iri, Type, Partnership)
		add(iri, Level, en(p.Level))
		add(iri, Participant, CountryIRI(p.A))
		add(iri, Participant, CountryIRI(p.B))
		evidence(iri, p.Evidence)
		add(CountryIRI(p.A), Partner, CountryIRI(p.B))
		add(CountryIRI(p.B), Partner, CountryIRI(p.A))
	}
	return out
}
