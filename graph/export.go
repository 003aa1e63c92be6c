package graph

import (
	"bufio"
	"context"
	"encoding/json"
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
	"github.com/cayleygraph/quad/nquads"
	"github.com/cayleygraph/quad/voc"

	"newsgraph/schema"
)

// Formats lists the export formats.
var Formats = []string{"nquads", "ntriples", "jsonld", "graphml", "dot"}

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

// Export writes the whole store in format to w.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	switch format {
	case "nquads", "ntriples":
		return s.exportNQuads(ctx, w, format == "ntriples")
	case "jsonld":
		return s.exportJSONLD(ctx, w)
	case "graphml":
		return s.exportGraphML(ctx, w)
	case "dot":
		return s.exportDOT(ctx, w)
	}
	return 0, fmt.Errorf("unknown export format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// ExportFile writes the export to a temporary file beside path and renames
// it into place: the file is never seen half-written.
func (s *Store) ExportFile(ctx context.Context, path, format string) (int, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	if err := tmp.Chmod(0o644); err != nil {
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

// collect reads the store into subject -> predicate -> objects, per label.
func (s *Store) collect(ctx context.Context) (map[string]map[string]map[string][]quad.Value, error) {
	out := map[string]map[string]map[string][]quad.Value{} // label -> subject -> predicate -> objects
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		q = w3cQuad(q)
		l := ""
		if q.Label != nil {
			l = quad.ToString(q.Label)
		}
		subj := quad.ToString(q.Subject)
		pred := quad.ToString(q.Predicate)
		if out[l] == nil {
			out[l] = map[string]map[string][]quad.Value{}
		}
		if out[l][subj] == nil {
			out[l][subj] = map[string][]quad.Value{}
		}
		out[l][subj][pred] = append(out[l][subj][pred], q.Object)
		return nil
	})
	return out, err
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// exportJSONLD writes expanded JSON-LD: one named graph per article.
func (s *Store) exportJSONLD(ctx context.Context, w io.Writer) (int, error) {
	data, err := s.collect(ctx)
	if err != nil {
		return 0, err
	}
	jsonValue := func(v quad.Value) any {
		switch x := v.(type) {
		case quad.IRI:
			return map[string]any{"@id": string(x)}
		case quad.BNode:
			return map[string]any{"@id": "_:" + string(x)}
		case quad.TypedString:
			return map[string]any{"@value": string(x.Value), "@type": string(x.Type)}
		case quad.LangString:
			return map[string]any{"@value": string(x.Value), "@language": x.Lang}
		case quad.String:
			return map[string]any{"@value": string(x)}
		}
		return map[string]any{"@value": quad.StringOf(v)}
	}
	var graphs []any
	n := 0
	for _, l := range sortedKeys(data) {
		var nodes []any
		for _, subj := range sortedKeys(data[l]) {
			node := map[string]any{"@id": subj}
			for _, pred := range sortedKeys(data[l][subj]) {
				var vals []any
				for _, o := range data[l][subj][pred] {
					if pred == schema.RDF+"type" {
						if iri, ok := o.(quad.IRI); ok {
							node["@type"] = append(asSlice(node["@type"]), string(iri))
							n++
							continue
						}
					}
					vals = append(vals, jsonValue(o))
					n++
				}
				if len(vals) > 0 {
					node[pred] = vals
				}
			}
			nodes = append(nodes, node)
		}
		if l == "" {
			graphs = append(graphs, nodes...)
			continue
		}
		graphs = append(graphs, map[string]any{"@id": l, "@graph": nodes})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return n, enc.Encode(graphs)
}

func asSlice(v any) []any {
	if v == nil {
		return nil
	}
	return v.([]any)
}

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
	err := s.AllQuads(ctx, func(q quad.Quad) error {
		q = w3cQuad(q)
		subj, ok := q.Subject.(quad.IRI)
		if !ok {
			return nil
		}
		n := getNode(string(subj))
		switch o := q.Object.(type) {
		case quad.IRI:
			if q.Predicate == schema.Type {
				n.typ = string(o)
				return nil
			}
			getNode(string(o))
			l := ""
			if q.Label != nil {
				l = quad.ToString(q.Label)
			}
			e := edge{string(subj), string(o), string(q.Predicate.(quad.IRI)), l}
			if !seen[e] {
				seen[e] = true
				edges = append(edges, e)
			}
		case quad.String:
			if q.Predicate == schema.Name && n.name == "" {
				n.name = string(o)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, xml.Header)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	fmt.Fprintln(bw, `  <key id="name" for="node" attr.name="name" attr.type="string"/>`)
	fmt.Fprintln(bw, `  <key id="type" for="node" attr.name="type" attr.type="string"/>`)
	fmt.Fprintln(bw, `  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>`)
	fmt.Fprintln(bw, `  <key id="article" for="edge" attr.name="article" attr.type="string"/>`)
	fmt.Fprintln(bw, `  <graph id="newsgraph" edgedefault="directed">`)
	for _, id := range sortedKeys(nodes) {
		n := nodes[id]
		fmt.Fprintf(bw, "    <node id=\"%s\">", esc(id))
		if n.name != "" {
			fmt.Fprintf(bw, "<data key=\"name\">%s</data>", esc(n.name))
		}
		if n.typ != "" {
			fmt.Fprintf(bw, "<data key=\"type\">%s</data>", esc(n.typ))
		}
		fmt.Fprintln(bw, "</node>")
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		return a.s+a.p+a.t+a.l < b.s+b.p+b.t+b.l
	})
	for i, e := range edges {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"predicate\">%s</data>", i, esc(e.s), esc(e.t), esc(e.p))
		if e.l != "" {
			fmt.Fprintf(bw, "<data key=\"article\">%s</data>", esc(e.l))
		}
		fmt.Fprintln(bw, "</edge>")
	}
	fmt.Fprintln(bw, "  </graph>")
	fmt.Fprintln(bw, "</graphml>")
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

// ImportNQuads reads N-Quads (as written by Export) into the store in
// batches and returns how many quads it read. Typed literals are kept as
// written (no conversion to native numbers).
func (s *Store) ImportNQuads(ctx context.Context, r io.Reader) (int, error) {
	qr := nquads.NewReader(r, true)
	defer qr.Close()
	w := cg.NewWriter(s.h.QuadWriter)
	n, err := quad.CopyBatch(w, qr, quad.DefaultBatch)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return n, err
}
