// Package schema is newsgraph's vocabulary: the IRIs of its classes and
// predicates, the IRIs it mints for persons, countries, places, events and
// articles, and the Go types that turn into quads.
//
// Classes and most predicates are schema.org's (Person, Country, Place,
// Organization, Event, NewsArticle; name, alternateName, nationality,
// identifier, jobTitle, location, url, datePublished). The predicates that
// schema.org has no word for live under one base IRI, Base:
//
//	met          person -> person, stored in both directions
//	partner      country -> country, stored in both directions
//	participant  event -> person, partnership -> country
//	on           event -> typed date literal (xsd:date, xsd:gYearMonth, xsd:gMonthDay)
//	kind         event -> "talks", "meeting", "phone_call", "video_call", "credentials", "dialogue"
//	level        partnership -> "comprehensive strategic partnership", ...
//	evidence     event or partnership -> evidence node
//	key          person or country -> folded name, for lookups ("bui thanh son"), in IndexGraph
//	term         person or country -> search word or its sound skeleton, in IndexGraph
//	rule, sentence, start, end, confidence   on evidence nodes
//
// Every IRI is absolute and deterministic: the same person gets the same IRI
// in every article (Base + "person/" + slug of the preferred name), a
// country is Base + "country/" + its ISO 3166-1 alpha-2 code, an event is
// named by a hash of its participants and date, and an article by its URL or,
// when it has none, its file name. Each quad's label is the IRI of the
// article it comes from. Literals use only full datatype IRIs, never the
// short <xsd:...> forms that some RDF parsers reject.
package schema
