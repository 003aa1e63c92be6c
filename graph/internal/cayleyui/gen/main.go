// Command gen copies the web UI of the cayley module the build uses
// (static/, templates/, docs/) into ../assets, for go:embed. It runs with
// `go generate ./graph/...`; the copy is not committed (see .gitignore).
package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		fail("find the cayley module: %v (is it in go.mod?)", err)
	}
	src := strings.TrimSpace(string(out))
	if src == "" {
		fail("the cayley module is not downloaded; run 'go mod download github.com/cayleygraph/cayley'")
	}
	dst := "assets"
	n := 0
	for _, dir := range []string{"static", "templates", "docs"} {
		if err := os.RemoveAll(filepath.Join(dst, dir)); err != nil {
			fail("%v", err)
		}
		root := filepath.Join(src, dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			fail("copy %s: %v", dir, err)
		}
	}
	fmt.Printf("copied %d web UI files from %s\n", n, src)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "cayleyui gen: "+format+"\n", args...)
	os.Exit(1)
}
