package main

import (
	"path/filepath"
	"strings"

	"newsgraph/extract"
	"newsgraph/schema"
)

// toSchema maps an extraction result to the schema's types: the one place
// where the extractor's facts become the graph's vocabulary.
func toSchema(res *extract.Result, rules *extract.Rules) *schema.Doc {
	doc := res.Doc
	base := filepath.Base(doc.Name)
	switch {
	case strings.HasPrefix(doc.Name, "-"):
		base = "stdin" + strings.TrimPrefix(doc.Name, "-")
	case strings.Contains(doc.Name, "://"):
		base = doc.Name
	}
	d := &schema.Doc{Article: schema.Article{ID: schema.ArticleID(doc.URL, doc.Text), Name: base, URL: doc.URL, Title: res.Title}}
	if doc.DateFromFile {
		if sd, ok := schema.DateOf(doc.Date.String()); ok {
			d.Article.Published = &sd
		}
	}
	for _, c := range res.Countries {
		ct := schema.CountryT{Code: c, Name: c}
		if info, ok := rules.Countries[c]; ok {
			ct.Name = info.NameFR
			if info.NameEN != "" {
				ct.Alternates = append(ct.Alternates, info.NameEN)
			}
		}
		d.Countries = append(d.Countries, ct)
	}
	placeID := map[string]string{}
	for _, p := range res.Places {
		id := extract.Slug(p.Name)
		placeID[extract.Fold(p.Name)] = id
		d.Places = append(d.Places, schema.PlaceT{ID: id, Name: p.Name, Country: p.Country})
	}
	for _, o := range res.Organizations {
		d.Organizations = append(d.Organizations, schema.OrganizationT{ID: o, Name: strings.ToUpper(o)})
	}
	for _, p := range res.Persons {
		d.Persons = append(d.Persons, schema.PersonT{ID: p.ID, Name: p.Name, Alternates: p.Names, Nationality: p.Country, Titles: p.Titles})
	}
	for _, m := range res.Meetings {
		e := schema.EventT{Kind: m.Kind, Participants: m.Participants, Planned: m.Planned, Evidence: evidence(m.Evidence)}
		if sd, ok := schema.DateOf(m.Date.String()); ok {
			e.Date = &sd
		}
		if m.Place != "" {
			id, ok := placeID[extract.Fold(m.Place)]
			if !ok {
				id = extract.Slug(m.Place)
				placeID[extract.Fold(m.Place)] = id
				d.Places = append(d.Places, schema.PlaceT{ID: id, Name: m.Place})
			}
			e.Place = id
		}
		d.Events = append(d.Events, e)
	}
	for _, p := range res.Partnerships {
		d.Partnerships = append(d.Partnerships, schema.PartnershipT{A: p.Countries[0], B: p.Countries[1], Level: p.Level, Evidence: evidence(p.Evidence)})
	}
	return d
}

func evidence(e extract.Evidence) schema.Evidence {
	rule := e.Rule
	if e.DateRule != "" {
		rule += ";" + e.DateRule
	}
	return schema.Evidence{Rule: rule, Sentence: e.Sentence, Start: e.Start, End: e.End, Confidence: e.Confidence}
}
