//go:build tools

// Package tools records the commands that tests and scripts build from the
// module's dependencies, so that go.mod and go.sum keep what they need:
// the stock cayley command (the interop test opens a newsgraph store with
// it, and bench/ingest.sh compares with 'cayley load').
package tools

import (
	_ "github.com/cayleygraph/cayley/cmd/cayley"
)
