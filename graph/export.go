package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	cg "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/voc"

	"newsgraph/schema"
)

// Formats lists the export formats.
var Formats = []string{"nquads", "ntriples", "turtle", "trig", "jsonld", "graphml", "dot", "vocab"}

// exported reports whether a quad of the store is data (not the store's
// own lookup keys or metadata).
func exported(q quad.Quad) bool {
	return !schema.IsIndex(q.Predicate) && q.Label != schema.StoreGraph
}

// exportQuads reads the exported quads of the store, in W3C form.
func (s *Store) exportQuads(ctx context.Context) ([]quad.Quad, error) {
	var qs []quad.Quad
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		if exported(q) {
			qs = append(qs, w3cQuad(q))
		}
		return nil
	})
	return qs, err
}

// W3C returns v in a form every RDF parser accepts: full datatype IRIs,
// lexical forms for native numbers, booleans and times.
func W3C(v quad.Value) quad.Value {
	switch x := v.(type) {
	case quad.IRI:
		return quad.IRI(voc.FullIRI(string(x)))
	case quad.TypedString:
		return quad.TypedString{Value: x.Value, Type: quad.IRI(voc.FullIRI(string(x.Type)))}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(x))), Type: quad.IRI(schema.XSD + "boolean")}
	case quad.Int, quad.Float, quad.Time:
		ts := x.(quad.TypedStringer).TypedString()
		return quad.TypedString{Value: ts.Value, Type: quad.IRI(voc.FullIRI(string(ts.Type)))}
	}
	return v
}

func w3cQuad(q quad.Quad) quad.Quad {
	q.Subject, q.Predicate, q.Object = W3C(q.Subject), W3C(q.Predicate), W3C(q.Object)
	if q.Label != nil {
		q.Label = W3C(q.Label)
	}
	return q
}

// Export writes the whole store in format to w; "vocab" writes the
// vocabulary of newsgraph's own terms (RDFS/OWL in Turtle) instead.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	switch format {
	case "nquads", "ntriples":
		return s.exportNQuads(ctx, w, format == "ntriples")
	case "turtle", "trig":
		qs, err := s.exportQuads(ctx)
		if err != nil {
			return 0, err
		}
		return writeTurtle(w, qs, format == "trig")
	case "jsonld":
		return s.exportJSONLD(ctx, w)
	case "graphml":
		return s.exportGraphML(ctx, w)
	case "dot":
		return s.exportDOT(ctx, w)
	case "vocab":
		return WriteVocabulary(w)
	}
	return 0, fmt.Errorf("unknown export format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// WriteVocabulary writes the vocabulary of newsgraph's terms in Turtle.
func WriteVocabulary(w io.Writer) (int, error) {
	return writeTurtle(w, schema.VocabularyQuads(), false)
}

// ExportFile writes the export to a temporary file beside path and renames
// it into place: the file is never seen half-written.
func (s *Store) ExportFile(ctx context.Context, path, format string) (int, error) {
	// A symbolic link is followed (the file it names is replaced, the link
	// stays), and an existing file keeps its permissions.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	// An interrupted export removes its temporary file.
	stop := context.AfterFunc(ctx, func() { os.Remove(tmp.Name()) })
	defer stop()
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return 0, err
	}
	bw := bufio.NewWriterSize(tmp, 1<<16)
	n, err := s.Export(ctx, bw, format)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 0, err
	}
	return n, nil
}

func (s *Store) exportNQuads(ctx context.Context, w io.Writer, triples bool) (int, error) {
	nw := nquads.NewWriter(w)
	seen := map[string]bool{}
	n := 0
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		if !exported(q) {
			return nil
		}
		q = w3cQuad(q)
		if triples {
			q.Label = nil
			k := q.NQuad()
			if seen[k] {
				return nil
			}
			seen[k] = true
		}
		n++
		return nw.WriteQuad(q)
	})
	if err != nil {
		return n, err
	}
	return n, nw.Close()
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// JSONLDContext is the @context of the JSON-LD export: schema.org and
// newsgraph's prefixes, so that terms read as schema:name, ng:met.
var JSONLDContext = map[string]any{
	"schema": schema.SchemaOrg,
	"ng":     schema.NS,
	"xsd":    schema.XSD,
	"rdf":    schema.RDF,
}

// exportJSONLD writes compacted JSON-LD through the JSON-LD processor
// (json-gold, via cayley's quad/jsonld): one named graph per article.
func (s *Store) exportJSONLD(ctx context.Context, w io.Writer) (int, error) {
	qs, err := s.exportQuads(ctx)
	if err != nil {
		return 0, err
	}
	jw := jsonld.NewWriter(w)
	c := map[string]any{}
	for k, v := range JSONLDContext {
		c[k] = v
	}
	c["ngid"] = schema.Base()
	jw.SetLdContext(c)
	n, err := jw.WriteQuads(qs)
	if err != nil {
		return n, err
	}
	return n, jw.Close()
}

// GraphML documents, written with encoding/xml.
type (
	graphML struct {
		XMLName xml.Name     `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
		Keys    []graphMLKey `xml:"key"`
		Graph   graphMLGraph `xml:"graph"`
	}
	graphMLKey struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	graphMLGraph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []graphMLNode `xml:"node"`
		Edges       []graphMLEdge `xml:"edge"`
	}
	graphMLNode struct {
		ID   string        `xml:"id,attr"`
		Data []graphMLData `xml:"data"`
	}
	graphMLEdge struct {
		ID     string        `xml:"id,attr"`
		Source string        `xml:"source,attr"`
		Target string        `xml:"target,attr"`
		Data   []graphMLData `xml:"data"`
	}
	graphMLData struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
)

// exportGraphML writes nodes (IRIs, with name and type) and edges (IRI to
// IRI quads, with predicate and article) as GraphML.
func (s *Store) exportGraphML(ctx context.Context, w io.Writer) (int, error) {
	type node struct{ name, typ string }
	nodes := map[string]*node{}
	getNode := func(id string) *node {
		if nodes[id] == nil {
			nodes[id] = &node{}
		}
		return nodes[id]
	}
	type edge struct{ s, t, p, l string }
	var edges []edge
	seen := map[edge]bool{}
	qs, err := s.exportQuads(ctx)
	if err != nil {
		return 0, err
	}
	for _, q := range qs {
		subj, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		n := getNode(string(subj))
		switch o := q.Object.(type) {
		case quad.IRI:
			if q.Predicate == schema.Type {
				n.typ = string(o)
				continue
			}
			getNode(string(o))
			l := ""
			if iri, ok := q.Label.(quad.IRI); ok {
				l = string(iri)
			}
			e := edge{string(subj), string(o), string(q.Predicate.(quad.IRI)), l}
			if !seen[e] {
				seen[e] = true
				edges = append(edges, e)
			}
		default:
			if t, ok := asText(o); ok && q.Predicate == schema.Name && n.name == "" {
				n.name = string(t)
			}
		}
	}
	doc := graphML{
		Keys: []graphMLKey{
			{"name", "node", "name", "string"}, {"type", "node", "type", "string"},
			{"predicate", "edge", "predicate", "string"}, {"article", "edge", "article", "string"},
		},
		Graph: graphMLGraph{ID: "newsgraph", EdgeDefault: "directed"},
	}
	for _, id := range sortedKeys(nodes) {
		n := nodes[id]
		gn := graphMLNode{ID: id}
		if n.name != "" {
			gn.Data = append(gn.Data, graphMLData{"name", n.name})
		}
		if n.typ != "" {
			gn.Data = append(gn.Data, graphMLData{"type", n.typ})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		return a.s+a.p+a.t+a.l < b.s+b.p+b.t+b.l
	})
	for i, e := range edges {
		ge := graphMLEdge{ID: fmt.Sprintf("e%d", i), Source: e.s, Target: e.t, Data: []graphMLData{{"predicate", e.p}}}
		if e.l != "" {
			ge.Data = append(ge.Data, graphMLData{"article", e.l})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return 0, err
	}
	bw.WriteString("\n")
	return len(nodes) + len(edges), bw.Flush()
}

// exportDOT writes a Graphviz graph of persons and their meetings: one node
// per person (name as label, coloured by nationality), one edge per
// meeting, labelled with its date and kind.
func (s *Store) exportDOT(ctx context.Context, w io.Writer) (int, error) {
	g, err := s.MeetingGraph(ctx)
	if err != nil {
		return 0, err
	}
	return len(g.Persons) + len(g.Meetings), g.WriteDOT(w)
}

// ImportNQuads reads N-Quads (as written by Export) and adds them to the
// store in one transaction: a file with a bad line adds nothing, and the
// error names the line (name:LINE: reason). Quads already present are
// skipped; typed literals are kept as written (no conversion to native
// numbers). The store's lookup keys, which exports leave out, are made
// again from the names of persons and countries (and countries' codes), in
// the same article graphs. It returns how many quads it read.
func (s *Store) ImportNQuads(ctx context.Context, r io.Reader) (int, error) {
	return s.ImportNQuadsNamed(ctx, r, "input")
}

// ImportNQuadsNamed is ImportNQuads with the input's name for errors.
func (s *Store) ImportNQuadsNamed(ctx context.Context, r io.Reader, name string) (int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var deltas []cg.Delta
	keyed := map[quad.Quad]bool{}
	n := 0
	var line []byte
	for lineNo := 1; ; lineNo++ {
		line = line[:0]
		var err error
		for {
			var chunk []byte
			var more bool
			chunk, more, err = br.ReadLine()
			line = append(line, chunk...)
			if err != nil || !more {
				break
			}
		}
		if err == io.EOF && len(line) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return 0, fmt.Errorf("%s:%d: %w", name, lineNo, err)
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		q, perr := nquads.ParseRaw(string(t))
		if perr != nil {
			return 0, fmt.Errorf("%s:%d: not an N-Quads statement: %v", name, lineNo, perr)
		}
		if !q.IsValid() {
			return 0, fmt.Errorf("%s:%d: incomplete quad", name, lineNo)
		}
		n++
		deltas = append(deltas, cg.Delta{Quad: q, Action: cg.Add})
		for _, k := range schema.IndexQuads(q) {
			if !keyed[k] {
				keyed[k] = true
				deltas = append(deltas, cg.Delta{Quad: k, Action: cg.Add})
			}
		}
	}
	if len(deltas) == 0 {
		return 0, nil
	}
	if err := s.h.QuadStore.ApplyDeltas(deltas, cg.IgnoreOpts{IgnoreDup: true}); err != nil {
		return 0, fmt.Errorf("%s: %w (nothing was added)", name, err)
	}
	return n, nil
}
