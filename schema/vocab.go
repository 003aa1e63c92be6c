package schema

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

// DefaultBase is the namespace of the resources newsgraph mints (persons,
// countries, events, articles...) unless --base names another.
const DefaultBase = "https://newsgraph.dev/"

var base = DefaultBase

// Base returns the namespace of minted resources.
func Base() string { return base }

// SetBase sets the namespace of minted resources: an absolute http(s) IRI
// ending with "/" or "#". A store records the base it was made with
// (StoreGraph), so that one store never mixes two.
func SetBase(b string) error {
	if !(strings.HasPrefix(b, "http://") || strings.HasPrefix(b, "https://")) || !ValidIRI(b) || !(strings.HasSuffix(b, "/") || strings.HasSuffix(b, "#")) {
		return fmt.Errorf("base %q: want an absolute http(s) IRI ending with / or #", b)
	}
	base = b
	return nil
}

// StoreGraph labels the store's own metadata (its base IRI): not data,
// never exported.
const StoreGraph = quad.IRI("urn:newsgraph:store")

// StoreBase is the predicate of the store's base IRI, in StoreGraph.
const StoreBase = quad.IRI("urn:newsgraph:base")

// Namespaces. The vocabulary's namespace NS is fixed: it names newsgraph's
// terms whatever the base of the data.
const (
	NS        = "https://newsgraph.dev/ns#"
	SchemaOrg = "http://schema.org/"
	RDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS      = "http://www.w3.org/2000/01/rdf-schema#"
	OWL       = "http://www.w3.org/2002/07/owl#"
	XSD       = "http://www.w3.org/2001/XMLSchema#"
)

// Classes.
var (
	Person       = quad.IRI(SchemaOrg + "Person")
	Country      = quad.IRI(SchemaOrg + "Country")
	Place        = quad.IRI(SchemaOrg + "Place")
	Organization = quad.IRI(SchemaOrg + "Organization")
	Event        = quad.IRI(SchemaOrg + "Event")
	NewsArticle  = quad.IRI(SchemaOrg + "NewsArticle")
	Partnership  = quad.IRI(NS + "Partnership")
	EvidenceType = quad.IRI(NS + "Evidence")
	// EventScheduled marks a planned event (schema:eventStatus).
	EventScheduled = quad.IRI(SchemaOrg + "EventScheduled")
)

// Predicates.
var (
	Type             = quad.IRI(RDF + "type")
	Name             = quad.IRI(SchemaOrg + "name")
	AlternateName    = quad.IRI(SchemaOrg + "alternateName")
	Nationality      = quad.IRI(SchemaOrg + "nationality")
	Identifier       = quad.IRI(SchemaOrg + "identifier")
	JobTitle         = quad.IRI(SchemaOrg + "jobTitle")
	Location         = quad.IRI(SchemaOrg + "location")
	ContainedInPlace = quad.IRI(SchemaOrg + "containedInPlace")
	URL              = quad.IRI(SchemaOrg + "url")
	DatePublished    = quad.IRI(SchemaOrg + "datePublished")
	Headline         = quad.IRI(SchemaOrg + "headline")
	EventStatus      = quad.IRI(SchemaOrg + "eventStatus")
	Mentions         = quad.IRI(SchemaOrg + "mentions")
	IsPartOf         = quad.IRI(SchemaOrg + "isPartOf")

	// StartDate is an event's date, typed at the precision the text gives
	// (xsd:date, xsd:gYearMonth, xsd:gMonthDay, xsd:gYear).
	StartDate = quad.IRI(SchemaOrg + "startDate")
	// Attendee is a person at an event.
	Attendee = quad.IRI(SchemaOrg + "attendee")

	Met     = quad.IRI(NS + "met")
	Partner = quad.IRI(NS + "partner")
	// Participant is a country of a partnership.
	Participant = quad.IRI(NS + "participant")
	// Year is the year of an event's date, as an xsd:integer, when the year
	// is known: SPARQL's YEAR() reads only xsd:date and xsd:dateTime.
	Year        = quad.IRI(NS + "year")
	Kind        = quad.IRI(NS + "kind")
	Level       = quad.IRI(NS + "level")
	HasEvidence = quad.IRI(NS + "evidence")
	Rule        = quad.IRI(NS + "rule")
	Sentence    = quad.IRI(NS + "sentence")
	Start       = quad.IRI(NS + "start")
	End         = quad.IRI(NS + "end")
	Confidence  = quad.IRI(NS + "confidence")
	// Key is a folded name of a node (person, country), for lookups. It
	// is an index of the store, in IndexGraph: exports leave it out.
	Key = quad.IRI(NS + "key")
)

// Datatypes, always as full IRIs.
const (
	XSDDate       = quad.IRI(XSD + "date")
	XSDGYearMonth = quad.IRI(XSD + "gYearMonth")
	XSDGMonthDay  = quad.IRI(XSD + "gMonthDay")
	XSDGYear      = quad.IRI(XSD + "gYear")
	XSDInteger    = quad.IRI(XSD + "integer")
	XSDDecimal    = quad.IRI(XSD + "decimal")
)

// IRIs minted by newsgraph.

// PersonIRI is the IRI of the person with id (an ASCII slug).
func PersonIRI(id string) quad.IRI { return quad.IRI(base + "person/" + id) }

// CountryIRI is the IRI of the country with ISO 3166-1 alpha-2 code.
func CountryIRI(code string) quad.IRI { return quad.IRI(base + "country/" + code) }

// PlaceIRI is the IRI of the place with id (an ASCII slug).
func PlaceIRI(id string) quad.IRI { return quad.IRI(base + "place/" + id) }

// OrganizationIRI is the IRI of the organisation with id.
func OrganizationIRI(id string) quad.IRI { return quad.IRI(base + "org/" + id) }

// EventIRI is the IRI of the event with id.
func EventIRI(id string) quad.IRI { return quad.IRI(base + "event/" + id) }

// PartnershipIRI is the IRI of the partnership between two countries,
// codes in alphabetical order.
func PartnershipIRI(a, b string) quad.IRI {
	if a > b {
		a, b = b, a
	}
	return quad.IRI(base + "partnership/" + a + "-" + b)
}

// ArticleIRI is the IRI of the article with id.
func ArticleIRI(id string) quad.IRI { return quad.IRI(base + "article/" + id) }

// EvidenceIRI is the IRI of an evidence node.
func EvidenceIRI(id string) quad.IRI { return quad.IRI(base + "evidence/" + id) }
