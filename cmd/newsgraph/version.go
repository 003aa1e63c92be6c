package main

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// version describes the binary: the module version (a tag when installed
// with go install newsgraph@vX), the commit and its date when built from a
// checkout (with "+dirty" for uncommitted changes), the Go version and the
// Cayley version it embeds.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	parts := []string{v}
	if rev != "" {
		parts = append(parts, "commit "+rev+dirty)
	}
	if at != "" {
		parts = append(parts, at)
	}
	parts = append(parts, runtime.Version())
	for _, d := range bi.Deps {
		if d.Path == "github.com/cayleygraph/cayley" {
			parts = append(parts, "cayley "+d.Version)
		}
	}
	return strings.Join(parts, ", ")
}
