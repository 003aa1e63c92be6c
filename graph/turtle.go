package graph

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/schema"
)

// prefix is a Turtle prefix and its namespace.
type prefix struct{ name, ns string }

// turtlePrefixes are the prefixes Turtle and TriG exports use, longest
// namespace first so that the most specific one wins.
func turtlePrefixes() []prefix {
	ps := []prefix{
		{"rdf", schema.RDF}, {"rdfs", schema.RDFS}, {"owl", schema.OWL}, {"xsd", schema.XSD}, {"schema", schema.SchemaOrg}, {"ng", schema.NS},
		{"person", string(schema.PersonIRI(""))}, {"country", string(schema.CountryIRI(""))},
		{"place", string(schema.PlaceIRI(""))}, {"org", string(schema.OrganizationIRI(""))},
		{"event", string(schema.EventIRI(""))}, {"article", string(schema.ArticleIRI(""))},
		{"evidence", string(schema.EvidenceIRI(""))}, {"partnership", strings.TrimSuffix(string(schema.PartnershipIRI("", "")), "-")},
	}
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].ns) > len(ps[j].ns) })
	return ps
}

// localName is the subset of Turtle's PN_LOCAL newsgraph's IRIs use.
var localName = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$`)

// turtleWriter writes Turtle or TriG with prefixed names.
type turtleWriter struct {
	w        *bufio.Writer
	prefixes []prefix
}

func (tw *turtleWriter) iri(s string) string {
	for _, p := range tw.prefixes {
		if rest, ok := strings.CutPrefix(s, p.ns); ok && localName.MatchString(rest) {
			return p.name + ":" + rest
		}
	}
	return "<" + s + ">"
}

func (tw *turtleWriter) term(v quad.Value) string {
	switch x := v.(type) {
	case quad.IRI:
		return tw.iri(string(x))
	case quad.BNode:
		return "_:" + string(x)
	case quad.String:
		return turtleString(string(x))
	case quad.LangString:
		return turtleString(string(x.Value)) + "@" + x.Lang
	case quad.TypedString:
		return turtleString(string(x.Value)) + "^^" + tw.iri(string(x.Type))
	}
	return turtleString(quad.StringOf(v))
}

// turtleString quotes s as a Turtle string literal.
func turtleString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeTurtle writes quads as Turtle (trig false: labels dropped, triples
// de-duplicated) or TriG (one graph per label, the unlabelled quads in the
// default graph). It returns the number of triples written.
func writeTurtle(w io.Writer, qs []quad.Quad, trig bool) (int, error) {
	tw := &turtleWriter{w: bufio.NewWriter(w), prefixes: turtlePrefixes()}
	for _, p := range tw.prefixes {
		fmt.Fprintf(tw.w, "@prefix %s: <%s> .\n", p.name, p.ns)
	}
	graphs := map[string][]quad.Quad{}
	for _, q := range qs {
		l := ""
		if trig && q.Label != nil {
			l = string(q.Label.(quad.IRI))
		}
		graphs[l] = append(graphs[l], q)
	}
	n := 0
	for _, l := range sortedKeys(graphs) {
		indent := ""
		fmt.Fprintln(tw.w)
		if l != "" {
			fmt.Fprintf(tw.w, "%s {\n", tw.iri(l))
			indent = "  "
		}
		n += tw.triples(graphs[l], indent)
		if l != "" {
			fmt.Fprintln(tw.w, "}")
		}
	}
	return n, tw.w.Flush()
}

// triples writes one graph's triples grouped by subject, then predicate.
func (tw *turtleWriter) triples(qs []quad.Quad, indent string) int {
	bySubj := map[string]map[string][]string{}
	seen := map[[3]string]bool{}
	n := 0
	for _, q := range qs {
		s, p, o := tw.term(q.Subject), tw.term(q.Predicate), tw.term(q.Object)
		if p == "rdf:type" {
			p = "a"
		}
		k := [3]string{s, p, o}
		if seen[k] {
			continue
		}
		seen[k] = true
		n++
		if bySubj[s] == nil {
			bySubj[s] = map[string][]string{}
		}
		bySubj[s][p] = append(bySubj[s][p], o)
	}
	for _, s := range sortedKeys(bySubj) {
		preds := sortedKeys(bySubj[s])
		sort.SliceStable(preds, func(i, j int) bool { return preds[i] == "a" && preds[j] != "a" })
		fmt.Fprintf(tw.w, "%s%s", indent, s)
		for i, p := range preds {
			objs := bySubj[s][p]
			sort.Strings(objs)
			sep := " ;\n" + indent + "    "
			if i == 0 {
				sep = " "
			}
			fmt.Fprintf(tw.w, "%s%s %s", sep, p, strings.Join(objs, ", "))
		}
		fmt.Fprintln(tw.w, " .")
	}
	return n
}
