// Package extract turns the text of news articles into facts: the persons,
// countries, places and organisations an article names, the meetings between
// persons (talks, receptions, phone and video calls, credentials, dialogues)
// with their dates and places, and the partnerships between countries with
// their level.
//
// It is rule-based and works in stages, each of which keeps byte offsets back
// to the original file so that every fact can point at its evidence:
//
//	Parse      header, publication date line, encoding checks (input.go)
//	Normalize  glued words repaired, photo noise dropped (normalize.go)
//	Zone       title, lead, body, captions, teasers of other articles (zone.go)
//	Sentences  French abbreviations and datelines (sentence.go)
//	Recognize  countries, cities, organisations, titles, persons (recognize.go)
//	Relate     meetings, partnerships, dates (relations.go, dates.go)
//
// The rules (gazetteers, title words, trigger words and patterns) are data
// files under rules/, embedded in the binary and replaceable file by file from
// a directory (see Rules). Name folding is the one of package schema, so
// that the store's lookup keys and the evaluation agree. The package does
// not know about quads or stores:
// the command composes it with the schema and graph packages.
package extract
