package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph"
)

// writeTimelineSVG draws the meetings as a vertical timeline: one row per
// meeting with its date, kind, place and participants, coloured by kind.
// self, when set, is the person whose timeline it is: rows name the others.
func writeTimelineSVG(w io.Writer, ctx context.Context, s *graph.Store, title string, self quad.IRI, ms []graph.Meeting) error {
	const (
		width  = 900
		rowH   = 46
		top    = 70
		left   = 150
		radius = 7
	)
	colours := map[string]string{"talks": "#1f77b4", "meeting": "#2ca02c", "phone_call": "#ff7f0e", "video_call": "#9467bd", "credentials": "#8c564b", "dialogue": "#d62728"}
	h := top + rowH*len(ms) + 60
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif">`+"\n", width, h, width, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="20" y="34" font-size="20" font-weight="bold">%s</text>`+"\n", html.EscapeString("Meetings of "+title))
	fmt.Fprintf(&b, `<text x="20" y="54" font-size="12" fill="#555">%d meeting(s), oldest first</text>`+"\n", len(ms))
	if len(ms) > 0 {
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#bbb" stroke-width="3"/>`+"\n", left, top, left, top+rowH*(len(ms)-1)+10)
	}
	for i, m := range ms {
		y := top + rowH*i
		c := colours[m.Kind]
		if c == "" {
			c = "#7f7f7f"
		}
		date := m.Date
		if date == "" {
			date = "date unknown"
		} else if strings.HasPrefix(date, "--") {
			date = date[2:] + " (year?)"
		}
		var names []string
		for _, p := range m.Participants {
			if p != self {
				names = append(names, s.Label(ctx, p))
			}
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" text-anchor="end" fill="#333">%s</text>`+"\n", left-18, y+5, html.EscapeString(date))
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="%s"/>`+"\n", left, y, radius, c)
		line := strings.Join(names, " + ")
		if self != "" {
			line = "with " + line
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" font-weight="bold">%s</text>`+"\n", left+18, y+4, html.EscapeString(line))
		detail := strings.ReplaceAll(m.Kind, "_", " ")
		if m.Place != "" {
			detail += " at " + m.Place
		}
		detail += fmt.Sprintf("  (%d source(s))", len(m.Sources))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="%s">%s</text>`+"\n", left+18, y+20, c, html.EscapeString(detail))
	}
	// Legend.
	x := 20
	y := h - 24
	for _, k := range []string{"talks", "meeting", "phone_call", "video_call", "credentials", "dialogue"} {
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="5" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`+"\n", x, y, colours[k], x+9, y+4, strings.ReplaceAll(k, "_", " "))
		x += 120
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
