package graph

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStockCayleyReadsStore builds the stock cayley command of the module's
// cayley version and asks it a Gizmo query over a store newsgraph wrote:
// the bolt file is plain Cayley, readable by any Cayley tool.
func TestStockCayleyReadsStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the cayley command; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cayley with")
	}
	dir := t.TempDir()
	cayley := filepath.Join(dir, "cayley")
	build := exec.Command(gobin, "build", "-o", cayley, "github.com/cayleygraph/cayley/cmd/cayley")
	// No C compiler needed: the backends that want cgo (sqlite) are not used.
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build cayley: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "db")
	s, err := Open(db, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	seedStore(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	q := `g.V("<https://newsgraph.dev/person/sergei-lavrov>").Both("<https://newsgraph.dev/ns#met>").Out("<http://schema.org/name>").Unique().All()`
	cmd := exec.CommandContext(context.Background(), cayley, "query", "-d", "bolt", "-a", db, q)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cayley query: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `{"id":"Bùi Thanh Sơn"}`) {
		t.Fatalf("cayley query output lacks the answer:\n%s", out)
	}
	// The repository's Gizmo examples run on stock cayley too (they declare
	// the ng: and ngid: namespaces themselves).
	for file, want := range map[string]string{
		"who-met-lavrov.js":      `"who":"Bùi Thanh Sơn"`,
		"meetings-2022.js":       `"participant":"Sergueï Lavrov"`,
		"partners-of-vietnam.js": `"partner":"Russie"`,
	} {
		src, err := os.ReadFile(filepath.Join("..", "examples", "gizmo", file))
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(context.Background(), cayley, "query", "-d", "bolt", "-a", db, string(src))
		cmd.Env = append(os.Environ(), "HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("cayley query %s: %v\n%s", file, err, out)
		}
		if !strings.Contains(string(out), want) {
			t.Errorf("stock cayley on %s: want %s in\n%s", file, want, out)
		}
	}
	// And newsgraph still opens the store afterwards.
	s, err = Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}
