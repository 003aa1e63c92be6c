package extract

import "time"

var months = map[string]int{
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
	"juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
	"novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
}

func monthNumber(folded string) int { return months[folded] }

// dateMention is a date expression of a sentence, not yet anchored.
type dateMention struct {
	Start, End int // byte offsets in the normalized text
	Tok        int // index of its first token
	Date       Date
	// Relative days from the anchor (hier = -1, aujourd'hui = 0), valid
	// when Rel is true.
	Rel     bool
	RelDays int
	// Weekday alone ("ce mardi"), resolved against the anchor.
	Weekday    time.Weekday
	HasWeekday bool
}

// findDates reads the date expressions of a token list.
func findDates(toks []token) []dateMention {
	var out []dateMention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.Kind == tokNumber && len(t.Text) <= 2 || t.Kind == tokWord && isOrdinalDay(t.Fold):
			// D [er] [et|au|-|/ D2] month [year]
			day := atoi(t.Text)
			j := i + 1
			if j < len(toks) && toks[j].Fold == "er" {
				j++
			}
			// range: "2 et 3 février", "25-26 mars", "du 29 novembre au 2 décembre"
			if j+1 < len(toks) && (toks[j].Fold == "et" || toks[j].Fold == "au" || toks[j].Text == "-" || toks[j].Text == "–") && toks[j+1].Kind == tokNumber && len(toks[j+1].Text) <= 2 {
				j += 2
			}
			if j < len(toks) && months[toks[j].Fold] != 0 && day >= 1 && day <= 31 {
				d := Date{Month: months[toks[j].Fold], Day: day}
				end := toks[j].End
				if j+1 < len(toks) && toks[j+1].Kind == tokNumber && len(toks[j+1].Text) == 4 {
					d.Year = atoi(toks[j+1].Text)
					end = toks[j+1].End
					j++
				}
				if d.Day > daysIn(d.Month, d.Year) {
					continue
				}
				// "du 29 novembre au 2 décembre 2024": the year of the end
				// applies to the start.
				if d.Year == 0 && j+3 < len(toks) && toks[j+1].Fold == "au" && toks[j+2].Kind == tokNumber && months[toks[j+3].Fold] != 0 {
					if j+4 < len(toks) && toks[j+4].Kind == tokNumber && len(toks[j+4].Text) == 4 {
						d.Year = atoi(toks[j+4].Text)
						if months[toks[j+3].Fold] < d.Month {
							d.Year--
						}
						end = toks[j+4].End
						j += 4
					} else {
						end = toks[j+3].End
						j += 3
					}
				}
				out = append(out, dateMention{Start: t.Start, End: end, Tok: i, Date: d})
				i = j
			}
		case t.Kind == tokWord && months[t.Fold] != 0 && !t.Cap && i > 0 && isMonthLead(toks[i-1].Fold):
			// "fin octobre 2018", "en mars", "début juin"
			d := Date{Month: months[t.Fold]}
			end := t.End
			if i+1 < len(toks) && toks[i+1].Kind == tokNumber && len(toks[i+1].Text) == 4 {
				d.Year = atoi(toks[i+1].Text)
				end = toks[i+1].End
			}
			out = append(out, dateMention{Start: toks[i-1].Start, End: end, Tok: i - 1, Date: d})
		case t.Fold == "hier" && !t.Cap || t.Fold == "hier" && (i+1 < len(toks) && toks[i+1].Kind == tokWord):
			out = append(out, dateMention{Start: t.Start, End: t.End, Tok: i, Rel: true, RelDays: -1})
		case t.Fold == "aujourd" && i+2 < len(toks) && toks[i+2].Fold == "hui":
			// "d'aujourd'hui" is an adjective ("le monde d'aujourd'hui").
			if i >= 2 && toks[i-1].Text == "'" && toks[i-2].Fold == "d" {
				continue
			}
			out = append(out, dateMention{Start: t.Start, End: toks[i+2].End, Tok: i, Rel: true})
		case t.Kind == tokWord && !t.Cap:
			if wd, ok := weekdays[t.Fold]; ok {
				// a weekday followed by a day number is handled by the number
				if i+1 < len(toks) && toks[i+1].Kind == tokNumber || i+2 < len(toks) && toks[i+1].Text == "," && toks[i+2].Kind == tokNumber {
					continue
				}
				out = append(out, dateMention{Start: t.Start, End: t.End, Tok: i, Weekday: wd, HasWeekday: true})
			}
		}
	}
	return out
}

// isOrdinalDay reports "1er", the first of the month.
func isOrdinalDay(f string) bool { return f == "1er" }

func isMonthLead(f string) bool {
	switch f {
	case "fin", "debut", "mi", "courant", "en", "depuis", "d", "de":
		return true
	}
	return false
}

// anchorDate completes a date mention: the year comes from the anchor with
// a past bias (a 28 December event in a January article is of the previous
// year); relative days and weekdays need a full anchor date.
func anchorDate(m dateMention, anchor Date) Date {
	switch {
	case m.Rel:
		if anchor.Day == 0 || anchor.Year == 0 {
			return Date{}
		}
		t := time.Date(anchor.Year, time.Month(anchor.Month), anchor.Day, 12, 0, 0, 0, time.UTC).AddDate(0, 0, m.RelDays)
		return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	case m.HasWeekday:
		if anchor.Day == 0 || anchor.Year == 0 {
			return Date{}
		}
		t := time.Date(anchor.Year, time.Month(anchor.Month), anchor.Day, 12, 0, 0, 0, time.UTC)
		for t.Weekday() != m.Weekday {
			t = t.AddDate(0, 0, -1)
		}
		return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	d := m.Date
	if d.Year != 0 || anchor.Year == 0 {
		if d.Year == 0 && d.Day == 0 {
			return Date{} // a month without a year says nothing
		}
		return d
	}
	d.Year = anchor.Year
	if d.Month > anchor.Month && anchor.Month != 0 {
		d.Year--
	}
	return d
}
