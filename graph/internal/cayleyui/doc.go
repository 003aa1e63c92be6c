// Package cayleyui makes Cayley's web UI (its query, visualize and write
// pages, their scripts, styles and templates) part of the newsgraph binary.
//
// Cayley v0.7.7 finds these files at run time through packr boxes that
// point into its source tree: a binary works only where the module cache
// is, and never with -trimpath. Here `go generate ./graph/...` copies them
// from the module cache into assets/ (not committed: they are Cayley's
// files, produced at build time), go:embed puts them in the binary, and
// Install hands them to packr before the UI starts. Without the generated
// assets the binary still builds; Check then tells what is missing.
package cayleyui
