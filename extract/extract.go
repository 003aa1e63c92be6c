package extract

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Evidence says where a fact comes from and which rule produced it.
type Evidence struct {
	Rule       string  `json:"rule"`
	DateRule   string  `json:"date_rule,omitempty"`
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"` // byte offsets in the original file
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
}

// Person is a person named in an article.
type Person struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Names     []string `json:"names"` // every surface form, as written
	Country   string   `json:"country,omitempty"`
	CountryBy string   `json:"country_rule,omitempty"`
	Titles    []string `json:"titles,omitempty"`
	Rule      string   `json:"rule"`
	Known     bool     `json:"known"`
}

// Meeting is a meeting between persons.
type Meeting struct {
	Kind         string   `json:"kind"` // talks, meeting, phone_call, video_call, credentials, dialogue
	Participants []string `json:"participants"`
	Date         Date     `json:"-"`
	Place        string   `json:"place,omitempty"`
	PlaceNames   []string `json:"place_names,omitempty"` // other names of the same place
	PlaceRule    string   `json:"place_rule,omitempty"`
	Doc          int      `json:"doc"` // 0: the article; k: its k-th teaser
	Planned      bool     `json:"planned,omitempty"`
	Evidence     Evidence `json:"evidence"`
}

// Partnership is a named partnership between two countries.
type Partnership struct {
	Countries [2]string `json:"countries"`
	Level     string    `json:"level"`
	Doc       int       `json:"doc"`
	Evidence  Evidence  `json:"evidence"`
}

// Result is what an article says.
type Result struct {
	Doc *Document
	// Title is the article's headline, when its first line is one.
	Title        string
	Persons      []Person
	Meetings     []Meeting
	Partnerships []Partnership
	// Countries, Places and Organizations mentioned (codes and names).
	Countries     []string
	Places        []Place
	Organizations []string
}

// Place is a city named in an article.
type Place struct {
	Name    string
	Country string
}

// Extractor applies a rule set to articles. It is safe for concurrent use.
type Extractor struct {
	Rules *Rules
}

// New returns an extractor for the rules of dir (embedded rules when dir
// is empty).
func New(dir string) (*Extractor, error) {
	r, err := LoadRules(dir)
	if err != nil {
		return nil, err
	}
	return &Extractor{Rules: r}, nil
}

// Parse reads and normalizes an article. fallback is the publication date
// used when the file has no date line.
func (x *Extractor) Parse(name string, data []byte, fallback Date) (*Document, error) {
	return x.ParseContext(context.Background(), name, data, fallback)
}

// ParseContext is Parse stopped when ctx ends.
func (x *Extractor) ParseContext(ctx context.Context, name string, data []byte, fallback Date) (*Document, error) {
	doc, err := readInput(name, data, fallback)
	if err != nil {
		return nil, err
	}
	doc.Text, doc.offs = x.Rules.normalizeContext(ctx, string(data[doc.Body:]), doc.Body)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return doc, nil
}

// ParseText builds a document from an article read out of another format
// (an HTML page): raw is the file's bytes, text the article's text, and
// offs[i] the offset in raw of byte i of text. Evidence then points into
// raw. url and date are what the source states (date may be zero).
func (x *Extractor) ParseText(name string, raw []byte, text string, offs []int, url string, date Date) (*Document, error) {
	if strings.TrimSpace(text) == "" {
		return nil, &InputError{File: name, Msg: "no article text"}
	}
	if len(offs) != len(text) {
		return nil, fmt.Errorf("%s: %d offsets for %d bytes of text", name, len(offs), len(text))
	}
	doc := &Document{Name: name, Raw: raw, URL: url, Date: date, DateFromFile: !date.IsZero()}
	norm, noffs := x.Rules.normalize(text, 0)
	doc.Text = norm
	doc.offs = make([]int, len(noffs))
	for i, o := range noffs {
		switch {
		case o < len(offs):
			doc.offs[i] = offs[o]
		default:
			doc.offs[i] = len(raw)
		}
	}
	if len(offs) > 0 {
		doc.Body = offs[0]
	}
	return doc, nil
}

// ExtractBytes parses and extracts an article.
func (x *Extractor) ExtractBytes(name string, data []byte, fallback Date) (*Result, error) {
	doc, err := x.Parse(name, data, fallback)
	if err != nil {
		return nil, err
	}
	return x.Extract(doc), nil
}

// Extract finds the facts of a parsed article.
func (x *Extractor) Extract(doc *Document) *Result {
	res, _ := x.ExtractContext(context.Background(), doc)
	return res
}

// ExtractContext is Extract stopped when ctx ends (checked between the
// stages and between sentences): an interrupted batch stops within a
// fraction of a second even on a large article. The error is ctx's.
func (x *Extractor) ExtractContext(ctx context.Context, doc *Document) (*Result, error) {
	ds := &docState{r: x.Rules, doc: doc, text: doc.Text, vocab: map[string]bool{}, ctx: ctx}
	paras := zone(doc.Text)
	for pi, p := range paras {
		if p.Zone == ZoneMarker {
			continue
		}
		for si, s := range sentences(doc.Text, p, pi) {
			st := &sentState{Sentence: s}
			// A dateline opens a paragraph; it is not part of the sentence.
			if si == 0 && (p.Zone == ZoneLead || p.Zone == ZoneBody) {
				if dl, ok := parseDateline(doc.Text, s.Start, s.End); ok {
					st.Start = dl.End
					if p.Doc == 0 && ds.dl == nil {
						ds.dl = &dl
					}
				}
			}
			st.toks = s.toks
			if st.Start != s.Start {
				st.toks = tokenize(doc.Text, st.Start, st.End)
			}
			if !hasWord(st.toks) {
				continue // punctuation only: nothing to read
			}
			st.dates = findDates(st.toks)
			st.idx = len(ds.sents)
			ds.sents = append(ds.sents, st)
		}
	}
	for _, s := range ds.sents {
		for _, t := range s.toks {
			if t.Kind == tokWord && !t.Cap && len(t.Fold) >= 2 {
				ds.vocab[t.Fold] = true
			}
		}
	}
	ds.recognize()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// The article's dates are anchored on its dateline when it has a full
	// one, else on the publication date.
	anchors := map[int]Date{0: doc.Date}
	if dl, ok := ds.dateline(); ok {
		if dl.Day != 0 {
			ds.dlDate = anchorDate(dateMention{Date: Date{Year: dl.Year, Month: dl.Month, Day: dl.Day}}, doc.Date)
			if ds.dlDate.Year != 0 {
				anchors[0] = ds.dlDate
			}
		}
	}
	res := &Result{Doc: doc}
	for _, p := range paras {
		if p.Doc == 0 && p.Zone == ZoneTitle {
			res.Title = strings.Join(strings.Fields(doc.Text[p.Start:p.End]), " ")
			break
		}
		if p.Doc == 0 && (p.Zone == ZoneLead || p.Zone == ZoneBody) {
			break
		}
	}
	ds.buildFrames()
	ds.memberNationality()
	res.Meetings = ds.meetings(anchors)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ds.framePairs(res.Meetings)
	res.Partnerships = ds.partnerships()
	// Persons: one per id.
	byID := map[string]int{}
	for _, p := range ds.persons {
		if i, ok := byID[p.ID]; ok {
			q := &res.Persons[i]
			for _, n := range p.Names {
				q.Names = appendUniq(q.Names, n)
			}
			for _, t := range p.Titles {
				q.Titles = appendUniq(q.Titles, t)
			}
			if q.Country == "" {
				q.Country, q.CountryBy = p.Country, p.CountryBy
			}
			continue
		}
		byID[p.ID] = len(res.Persons)
		res.Persons = append(res.Persons, Person{
			ID: p.ID, Name: p.Name, Names: append([]string{}, p.Names...), Country: p.Country,
			CountryBy: p.CountryBy, Titles: append([]string{}, p.Titles...), Rule: p.Rule, Known: p.Known != nil,
		})
	}
	// Countries, places, organisations.
	cs := map[string]bool{}
	pl := map[string]Place{}
	orgs := map[string]bool{}
	for _, s := range ds.sents {
		for _, m := range s.mentions {
			for _, c := range m.countries() {
				cs[c] = true
			}
			switch m.Kind {
			case mCity:
				name := oneSpace(doc.Text[s.toks[m.I].Start:s.toks[m.J-1].End])
				pl[slug(name)] = Place{Name: name, Country: m.Code}
			case mOrg:
				orgs[m.Code] = true
			}
		}
	}
	for _, p := range res.Persons {
		if p.Country != "" {
			cs[p.Country] = true
		}
	}
	for _, p := range res.Partnerships {
		cs[p.Countries[0]], cs[p.Countries[1]] = true, true
	}
	res.Countries = slices.Sorted(maps.Keys(cs))
	for _, k := range slices.Sorted(maps.Keys(pl)) {
		res.Places = append(res.Places, pl[k])
	}
	res.Organizations = slices.Sorted(maps.Keys(orgs))
	return res, ctx.Err()
}

func hasWord(toks []token) bool {
	for _, t := range toks {
		if t.Kind == tokWord {
			return true
		}
	}
	return false
}

func appendUniq(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}
