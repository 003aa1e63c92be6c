package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"newsgraph/extract"
)

// Gold is the annotation of one article.
type Gold struct {
	Doc          string            `json:"doc"`
	DocDate      *string           `json:"doc_date"`
	Persons      []GoldPerson      `json:"persons"`
	Meetings     []GoldMeeting     `json:"meetings"`
	Partnerships []GoldPartnership `json:"partnerships"`
}

// GoldPerson is a person of a gold file.
type GoldPerson struct {
	ID       string   `json:"id"`
	Names    []string `json:"names"`
	Country  *string  `json:"country"`
	Titles   []string `json:"titles"`
	Required bool     `json:"required"`
}

// GoldMeeting is a meeting of a gold file.
type GoldMeeting struct {
	Participants     []string `json:"participants"`
	Kind             string   `json:"kind"`
	Date             *string  `json:"date"`
	DateAlternatives []string `json:"date_alternatives"`
	Place            *string  `json:"place"`
	PlaceAlts        []string `json:"place_alternatives"`
	Required         bool     `json:"required"`
}

// GoldPartnership is a partnership of a gold file.
type GoldPartnership struct {
	Countries []string `json:"countries"`
	Level     string   `json:"level"`
	Required  bool     `json:"required"`
}

// LoadGold reads the gold file of article path from dir: the article's
// base name with .json for .txt.
func LoadGold(dir, article string) (*Gold, error) {
	base := strings.TrimSuffix(filepath.Base(article), filepath.Ext(article)) + ".json"
	p := filepath.Join(dir, base)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var g Gold
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	return &g, nil
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// P is precision (1 when nothing was claimed and nothing missed).
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		if c.FN == 0 {
			return 1
		}
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R is recall.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Ratio is a number right out of a total.
type Ratio struct{ Right, Total int }

// Value is Right/Total, or 1 when Total is 0.
func (r Ratio) Value() float64 {
	if r.Total == 0 {
		return 1
	}
	return float64(r.Right) / float64(r.Total)
}

// RuleStats counts the facts a rule produced and how they scored.
type RuleStats struct {
	Facts, TP, FP int
}

// DocReport is the score of one article.
type DocReport struct {
	Doc                              string
	Persons, Meetings, Partnerships  Counts
	Nationality, MeetingDate         Ratio
	MeetingPlace                     Ratio
	Misses, FalsePositives, Mistakes []string
}

// Report is the score of a set of articles.
type Report struct {
	Docs                            []*DocReport
	Persons, Meetings, Partnerships Counts
	Nationality, MeetingDate        Ratio
	MeetingPlace                    Ratio
	Rules                           map[string]*RuleStats
	// Stages counts the misses, false positives and wrong values by the
	// stage of the extractor that produced them.
	Stages map[string]int
}

// NewReport returns an empty report.
func NewReport() *Report { return &Report{Rules: map[string]*RuleStats{}, Stages: map[string]int{}} }

// stageOf names the extractor stage behind a meeting's rule: the frame
// (delegations, "also present", the story's sides), the clause reader
// (verb and noun frames), or the sentence's trigger rules.
func stageOf(rule string) string {
	if strings.Contains(rule, "frame") {
		return "frame"
	}
	return "clause"
}

func (r *Report) rule(id string) *RuleStats {
	s, ok := r.Rules[id]
	if !ok {
		s = &RuleStats{}
		r.Rules[id] = s
	}
	return s
}

type pair [2]string

func mkpair(a, b string) pair {
	if a > b {
		a, b = b, a
	}
	return pair{a, b}
}

// Score scores one article's result against its gold and adds it to r.
func (r *Report) Score(res *extract.Result, g *Gold) *DocReport {
	dr := &DocReport{Doc: res.Doc.Name}
	// Persons.
	goldByName := map[string]*GoldPerson{}
	for i := range g.Persons {
		for _, n := range g.Persons[i].Names {
			goldByName[extract.Fold(n)] = &g.Persons[i]
		}
	}
	sysToGold := map[string]*GoldPerson{}
	matched := map[string]bool{}
	for _, p := range res.Persons {
		var gp *GoldPerson
		names := append([]string{p.Name}, p.Names...)
		for _, n := range names {
			if x, ok := goldByName[extract.Fold(n)]; ok {
				gp = x
				break
			}
		}
		rs := r.rule(p.Rule)
		rs.Facts++
		if gp == nil {
			dr.Persons.FP++
			rs.FP++
			dr.FalsePositives = append(dr.FalsePositives, fmt.Sprintf("[entity] person %q (%s)", p.Name, p.Rule))
			continue
		}
		sysToGold[p.ID] = gp
		if !gp.Required {
			continue
		}
		if matched[gp.ID] {
			continue // two system persons for one gold person: not a new hit
		}
		matched[gp.ID] = true
		dr.Persons.TP++
		rs.TP++
		want := ""
		if gp.Country != nil {
			want = *gp.Country
		}
		dr.Nationality.Total++
		if p.Country == want {
			dr.Nationality.Right++
		} else {
			dr.Mistakes = append(dr.Mistakes, fmt.Sprintf("[entity] nationality of %s: got %q (%s), want %q", gp.ID, p.Country, p.CountryBy, want))
		}
	}
	for _, gp := range g.Persons {
		if gp.Required && !matched[gp.ID] {
			dr.Persons.FN++
			dr.Misses = append(dr.Misses, fmt.Sprintf("[entity] person %s %q", gp.ID, gp.Names))
		}
	}
	// Meetings.
	required := map[pair]*GoldMeeting{}
	optional := map[pair]bool{}
	for i := range g.Meetings {
		m := &g.Meetings[i]
		for a := 0; a < len(m.Participants); a++ {
			for b := a + 1; b < len(m.Participants); b++ {
				k := mkpair(m.Participants[a], m.Participants[b])
				if m.Required {
					required[k] = m
				} else {
					optional[k] = true
				}
			}
		}
	}
	hit := map[pair]bool{}
	for _, m := range res.Meetings {
		if m.Planned {
			continue
		}
		for a := 0; a < len(m.Participants); a++ {
			for b := a + 1; b < len(m.Participants); b++ {
				rs := r.rule(m.Evidence.Rule)
				rs.Facts++
				ga, oka := sysToGold[m.Participants[a]]
				gb, okb := sysToGold[m.Participants[b]]
				desc := fmt.Sprintf("meeting %s–%s (%s) in %q", m.Participants[a], m.Participants[b], m.Evidence.Rule, short(m.Evidence.Sentence))
				if !oka || !okb {
					dr.Meetings.FP++
					rs.FP++
					dr.FalsePositives = append(dr.FalsePositives, "[entity] "+desc)
					continue
				}
				k := mkpair(ga.ID, gb.ID)
				if gm, ok := required[k]; ok {
					if hit[k] {
						continue
					}
					hit[k] = true
					dr.Meetings.TP++
					rs.TP++
					dr.MeetingDate.Total++
					if dateOK(m.Date.String(), gm) {
						dr.MeetingDate.Right++
					} else {
						want := "null"
						if gm.Date != nil {
							want = *gm.Date
						}
						dr.Mistakes = append(dr.Mistakes, fmt.Sprintf("[date] date of %s–%s: got %q (%s), want %s %v", k[0], k[1], m.Date.String(), m.Evidence.DateRule, want, gm.DateAlternatives))
					}
					dr.MeetingPlace.Total++
					if placeOK(m, gm) {
						dr.MeetingPlace.Right++
					} else {
						want := "null"
						if gm.Place != nil {
							want = *gm.Place
						}
						dr.Mistakes = append(dr.Mistakes, fmt.Sprintf("[place] place of %s–%s: got %q (%s), want %s %v", k[0], k[1], m.Place, m.PlaceRule, want, gm.PlaceAlts))
					}
					continue
				}
				if optional[k] {
					continue
				}
				dr.Meetings.FP++
				rs.FP++
				dr.FalsePositives = append(dr.FalsePositives, "["+stageOf(m.Evidence.Rule)+"] "+desc)
			}
		}
	}
	goldMatched := map[string]bool{}
	for _, gp := range sysToGold {
		goldMatched[gp.ID] = true
	}
	for k := range required {
		if !hit[k] {
			dr.Meetings.FN++
			// A meeting missed because a participant was not found is the
			// entity layer's; else no predicate paired them.
			stage := "clause"
			if !goldMatched[k[0]] || !goldMatched[k[1]] {
				stage = "entity"
			}
			dr.Misses = append(dr.Misses, fmt.Sprintf("[%s] meeting %s–%s", stage, k[0], k[1]))
		}
	}
	// Partnerships.
	preq := map[pair]bool{}
	popt := map[pair]bool{}
	for _, p := range g.Partnerships {
		if len(p.Countries) != 2 {
			continue
		}
		k := mkpair(p.Countries[0], p.Countries[1])
		if p.Required {
			preq[k] = true
		} else {
			popt[k] = true
		}
	}
	phit := map[pair]bool{}
	for _, p := range res.Partnerships {
		k := mkpair(p.Countries[0], p.Countries[1])
		rs := r.rule(p.Evidence.Rule)
		rs.Facts++
		switch {
		case preq[k]:
			if !phit[k] {
				phit[k] = true
				dr.Partnerships.TP++
				rs.TP++
			}
		case popt[k]:
		default:
			dr.Partnerships.FP++
			rs.FP++
			dr.FalsePositives = append(dr.FalsePositives, fmt.Sprintf("[frame] partnership %s–%s %s (%s) in %q", k[0], k[1], p.Level, p.Evidence.Rule, short(p.Evidence.Sentence)))
		}
	}
	for k := range preq {
		if !phit[k] {
			dr.Partnerships.FN++
			dr.Misses = append(dr.Misses, fmt.Sprintf("[frame] partnership %s–%s", k[0], k[1]))
		}
	}
	sort.Strings(dr.Misses)
	r.Docs = append(r.Docs, dr)
	r.Persons.add(dr.Persons)
	r.Meetings.add(dr.Meetings)
	r.Partnerships.add(dr.Partnerships)
	r.Nationality.Right += dr.Nationality.Right
	r.Nationality.Total += dr.Nationality.Total
	r.MeetingDate.Right += dr.MeetingDate.Right
	r.MeetingDate.Total += dr.MeetingDate.Total
	r.MeetingPlace.Right += dr.MeetingPlace.Right
	r.MeetingPlace.Total += dr.MeetingPlace.Total
	for _, l := range [][]string{dr.Misses, dr.FalsePositives, dr.Mistakes} {
		for _, x := range l {
			if st, _, ok := strings.Cut(strings.TrimPrefix(x, "["), "]"); ok && strings.HasPrefix(x, "[") {
				r.Stages[st]++
			}
		}
	}
	return dr
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > 110 {
		return string([]rune(s)[:107]) + "..."
	}
	return s
}

// dateOK reports whether a system date string is right for a gold meeting.
func dateOK(got string, gm *GoldMeeting) bool {
	if gm.Date == nil {
		return got == "" || slices.Contains(gm.DateAlternatives, got)
	}
	for _, w := range append([]string{*gm.Date}, gm.DateAlternatives...) {
		if got == w {
			return true
		}
		// A gold --MM-DD accepts any year.
		if strings.HasPrefix(w, "--") && len(got) == 10 && got[4:] == w[1:] {
			return true
		}
	}
	return false
}

// placeOK reports whether a system meeting's place is right for a gold
// meeting: one of the names of the system's place folds to the gold place
// or one of its alternatives; a null gold place wants no place (or an
// alternative).
func placeOK(m extract.Meeting, gm *GoldMeeting) bool {
	names := append([]string{m.Place}, m.PlaceNames...)
	if m.Place == "" {
		names = nil
	}
	want := map[string]bool{}
	for _, w := range gm.PlaceAlts {
		want[extract.Fold(w)] = true
	}
	if gm.Place == nil {
		if len(names) == 0 {
			return true
		}
	} else {
		want[extract.Fold(*gm.Place)] = true
	}
	for _, n := range names {
		if want[extract.Fold(n)] {
			return true
		}
	}
	return false
}

// Write prints the summary, and with verbose each document's misses, false
// positives and mistakes, and the per-rule table.
func (r *Report) Write(w io.Writer, verbose bool) error {
	if verbose {
		for _, d := range r.Docs {
			if len(d.Misses)+len(d.FalsePositives)+len(d.Mistakes) == 0 {
				continue
			}
			fmt.Fprintf(w, "== %s\n", d.Doc)
			for _, m := range d.Misses {
				fmt.Fprintf(w, "  miss  %s\n", m)
			}
			for _, m := range d.FalsePositives {
				fmt.Fprintf(w, "  false %s\n", m)
			}
			for _, m := range d.Mistakes {
				fmt.Fprintf(w, "  wrong %s\n", m)
			}
		}
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "articles: %d\t\t\t\t\t\t\t\n", len(r.Docs))
	fmt.Fprintln(tw, "\tP\tR\tF1\tTP\tFP\tFN\t")
	for _, row := range []struct {
		name string
		c    Counts
	}{{"persons", r.Persons}, {"meetings", r.Meetings}, {"partnerships", r.Partnerships}} {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t\n", row.name, row.c.P(), row.c.R(), row.c.F1(), row.c.TP, row.c.FP, row.c.FN)
	}
	fmt.Fprintf(tw, "nationality accuracy\t%.3f\t(%d/%d)\t\t\t\t\t\n", r.Nationality.Value(), r.Nationality.Right, r.Nationality.Total)
	fmt.Fprintf(tw, "meeting-date accuracy\t%.3f\t(%d/%d)\t\t\t\t\t\n", r.MeetingDate.Value(), r.MeetingDate.Right, r.MeetingDate.Total)
	fmt.Fprintf(tw, "meeting-place accuracy\t%.3f\t(%d/%d)\t\t\t\t\t\n", r.MeetingPlace.Value(), r.MeetingPlace.Right, r.MeetingPlace.Total)
	if err := tw.Flush(); err != nil {
		return err
	}
	if verbose {
		fmt.Fprintln(w)
		var st []string
		for _, k := range slices.Sorted(maps.Keys(r.Stages)) {
			st = append(st, fmt.Sprintf("%s %d", k, r.Stages[k]))
		}
		fmt.Fprintf(w, "errors by stage: %s\n\n", strings.Join(st, ", "))
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "rule\tfacts\tTP\tFP\t")
		ids := make([]string, 0, len(r.Rules))
		for id := range r.Rules {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			s := r.Rules[id]
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", id, s.Facts, s.TP, s.FP)
		}
		return tw.Flush()
	}
	return nil
}
