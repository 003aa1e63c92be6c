package schema

import "github.com/cayleygraph/quad"

// Term is one term of newsgraph's vocabulary (the ng: namespace), as the
// vocabulary file describes it.
type Term struct {
	IRI        quad.IRI
	Kind       quad.IRI // rdfs:Class, owl:ObjectProperty or owl:DatatypeProperty
	LabelEN    string
	LabelFR    string
	CommentEN  string
	CommentFR  string
	Domain     quad.IRI // "" when any
	Range      quad.IRI // "" when any
	SubPropery quad.IRI // a schema.org property it refines, "" when none
}

var (
	rdfsClass   = quad.IRI(RDFS + "Class")
	owlObject   = quad.IRI(OWL + "ObjectProperty")
	owlDatatype = quad.IRI(OWL + "DatatypeProperty")
	owlOntology = quad.IRI(OWL + "Ontology")
	rdfsLabel   = quad.IRI(RDFS + "label")
	rdfsComment = quad.IRI(RDFS + "comment")
	rdfsDomain  = quad.IRI(RDFS + "domain")
	rdfsRange   = quad.IRI(RDFS + "range")
	rdfsSubProp = quad.IRI(RDFS + "subPropertyOf")
	rdfsDefined = quad.IRI(RDFS + "isDefinedBy")
	xsdString   = quad.IRI(XSD + "string")
	rdfLangStr  = quad.IRI(RDF + "langString")
)

// Terms is newsgraph's vocabulary. The data also uses schema.org terms
// (schema:Person, schema:name, schema:startDate, schema:attendee, ...),
// which schema.org describes.
var Terms = []Term{
	{IRI: Partnership, Kind: rdfsClass, LabelEN: "partnership", LabelFR: "partenariat",
		CommentEN: "A named partnership between two countries, at a level (comprehensive strategic partnership, strategic partnership, ...).",
		CommentFR: "Un partenariat nommé entre deux pays, à un niveau (partenariat stratégique intégral, partenariat stratégique, ...)."},
	{IRI: EvidenceType, Kind: rdfsClass, LabelEN: "evidence", LabelFR: "preuve",
		CommentEN: "Where a fact was read: the rule that produced it, the sentence, its byte offsets in the article file, a confidence.",
		CommentFR: "Où un fait a été lu : la règle qui l'a produit, la phrase, ses positions dans le fichier de l'article, une confiance."},
	{IRI: Met, Kind: owlObject, LabelEN: "met", LabelFR: "a rencontré", Domain: Person, Range: Person,
		CommentEN: "The two persons attended the same meeting (talks, meeting, call, credentials ceremony, dialogue); symmetric.",
		CommentFR: "Les deux personnes ont pris part à la même rencontre (entretien, rencontre, appel, remise de lettres de créance, dialogue) ; symétrique."},
	{IRI: Partner, Kind: owlObject, LabelEN: "partner", LabelFR: "partenaire", Domain: Country, Range: Country,
		CommentEN: "The two countries have a named partnership (see ng:Partnership for its level); symmetric.",
		CommentFR: "Les deux pays ont un partenariat nommé (voir ng:Partnership pour son niveau) ; symétrique."},
	{IRI: Participant, Kind: owlObject, LabelEN: "participant", LabelFR: "participant", Domain: Partnership, Range: Country,
		CommentEN: "A country of a partnership.", CommentFR: "Un pays d'un partenariat."},
	{IRI: Year, Kind: owlDatatype, LabelEN: "year", LabelFR: "année", Domain: Event, Range: XSDInteger,
		CommentEN: "The year of the event's schema:startDate when the year is known, so that SPARQL can filter partial dates (xsd:gYearMonth) by year.",
		CommentFR: "L'année de schema:startDate de l'événement quand elle est connue, pour filtrer en SPARQL les dates partielles (xsd:gYearMonth) par année."},
	{IRI: Kind, Kind: owlDatatype, LabelEN: "kind", LabelFR: "type de rencontre", Domain: Event, Range: xsdString,
		CommentEN: "The kind of meeting: talks, meeting, phone_call, video_call, credentials or dialogue.",
		CommentFR: "Le type de rencontre : talks (entretien), meeting (rencontre), phone_call, video_call, credentials (lettres de créance), dialogue."},
	{IRI: Level, Kind: owlDatatype, LabelEN: "level", LabelFR: "niveau", Domain: Partnership, Range: rdfLangStr,
		CommentEN: "The level of a partnership, in English (comprehensive strategic partnership, strategic partnership, comprehensive partnership, special relationship, priority partner).",
		CommentFR: "Le niveau d'un partenariat, en anglais (comprehensive strategic partnership = partenariat stratégique intégral, ...)."},
	{IRI: HasEvidence, Kind: owlObject, LabelEN: "evidence", LabelFR: "preuve", Range: EvidenceType,
		CommentEN: "The evidence of an event or a partnership.", CommentFR: "La preuve d'un événement ou d'un partenariat."},
	{IRI: Rule, Kind: owlDatatype, LabelEN: "rule", LabelFR: "règle", Domain: EvidenceType, Range: xsdString,
		CommentEN: "The rule that produced the fact: rule file and line, and how it was applied (triggers:14+sides).",
		CommentFR: "La règle qui a produit le fait : fichier et ligne, et comment elle s'est appliquée (triggers:14+sides)."},
	{IRI: Sentence, Kind: owlDatatype, LabelEN: "sentence", LabelFR: "phrase", Domain: EvidenceType, Range: rdfLangStr,
		CommentEN: "The sentence the fact was read from, as written.", CommentFR: "La phrase d'où le fait a été lu, telle qu'écrite."},
	{IRI: Start, Kind: owlDatatype, LabelEN: "start", LabelFR: "début", Domain: EvidenceType, Range: XSDInteger,
		CommentEN: "Byte offset of the sentence's start in the article file.", CommentFR: "Position (en octets) du début de la phrase dans le fichier de l'article."},
	{IRI: End, Kind: owlDatatype, LabelEN: "end", LabelFR: "fin", Domain: EvidenceType, Range: XSDInteger,
		CommentEN: "Byte offset just after the sentence's end in the article file.", CommentFR: "Position (en octets) juste après la fin de la phrase dans le fichier de l'article."},
	{IRI: Confidence, Kind: owlDatatype, LabelEN: "confidence", LabelFR: "confiance", Domain: EvidenceType, Range: XSDDecimal,
		CommentEN: "How sure the rule is, from 0 to 1.", CommentFR: "La certitude de la règle, de 0 à 1."},
}

// VocabularyQuads returns the vocabulary as RDFS/OWL triples (no label).
func VocabularyQuads() []quad.Quad {
	ont := quad.IRI(NS)
	var out []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o})
	}
	en := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }
	fr := func(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "fr"} }
	add(ont, Type, owlOntology)
	add(ont, rdfsLabel, en("newsgraph vocabulary"))
	add(ont, rdfsLabel, fr("vocabulaire de newsgraph"))
	add(ont, rdfsComment, en("Terms of the knowledge graph newsgraph builds from news articles: who met whom, when and where, and which countries are partners. Persons, countries, places, events and articles use schema.org terms."))
	add(ont, rdfsComment, fr("Termes du graphe de connaissances que newsgraph construit à partir d'articles de presse : qui a rencontré qui, quand et où, et quels pays sont partenaires. Personnes, pays, lieux, événements et articles utilisent les termes de schema.org."))
	for _, t := range Terms {
		add(t.IRI, Type, t.Kind)
		add(t.IRI, rdfsLabel, en(t.LabelEN))
		add(t.IRI, rdfsLabel, fr(t.LabelFR))
		add(t.IRI, rdfsComment, en(t.CommentEN))
		add(t.IRI, rdfsComment, fr(t.CommentFR))
		if t.Domain != "" {
			add(t.IRI, rdfsDomain, t.Domain)
		}
		if t.Range != "" {
			add(t.IRI, rdfsRange, t.Range)
		}
		if t.SubPropery != "" {
			add(t.IRI, rdfsSubProp, t.SubPropery)
		}
		add(t.IRI, rdfsDefined, ont)
	}
	return out
}
