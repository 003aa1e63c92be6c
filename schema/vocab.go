package schema

import "github.com/cayleygraph/quad"

// Base is the namespace of newsgraph's own predicates and resources.
const Base = "https://newsgraph.dev/"

// Namespaces.
const (
	NS        = Base + "ns#"
	SchemaOrg = "http://schema.org/"
	RDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
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

	Met         = quad.IRI(NS + "met")
	Partner     = quad.IRI(NS + "partner")
	Participant = quad.IRI(NS + "participant")
	On          = quad.IRI(NS + "on")
	Kind        = quad.IRI(NS + "kind")
	Level       = quad.IRI(NS + "level")
	HasEvidence = quad.IRI(NS + "evidence")
	Rule        = quad.IRI(NS + "rule")
	Sentence    = quad.IRI(NS + "sentence")
	Start       = quad.IRI(NS + "start")
	End         = quad.IRI(NS + "end")
	Confidence  = quad.IRI(NS + "confidence")
	// Key is a folded name of a node (person, country), for lookups.
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
func PersonIRI(id string) quad.IRI { return quad.IRI(Base + "person/" + id) }

// CountryIRI is the IRI of the country with ISO 3166-1 alpha-2 code.
func CountryIRI(code string) quad.IRI { return quad.IRI(Base + "country/" + code) }

// PlaceIRI is the IRI of the place with id (an ASCII slug).
func PlaceIRI(id string) quad.IRI { return quad.IRI(Base + "place/" + id) }

// OrganizationIRI is the IRI of the organisation with id.
func OrganizationIRI(id string) quad.IRI { return quad.IRI(Base + "org/" + id) }

// EventIRI is the IRI of the event with id.
func EventIRI(id string) quad.IRI { return quad.IRI(Base + "event/" + id) }

// PartnershipIRI is the IRI of the partnership between two countries,
// codes in alphabetical order.
func PartnershipIRI(a, b string) quad.IRI {
	if a > b {
		a, b = b, a
	}
	return quad.IRI(Base + "partnership/" + a + "-" + b)
}

// ArticleIRI is the IRI of the article with id.
func ArticleIRI(id string) quad.IRI { return quad.IRI(Base + "article/" + id) }

// EvidenceIRI is the IRI of an evidence node.
func EvidenceIRI(id string) quad.IRI { return quad.IRI(Base + "evidence/" + id) }
