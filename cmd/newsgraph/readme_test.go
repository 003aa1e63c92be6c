package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestREADME runs every newsgraph command line of the README's sh blocks,
// in README order, in a work directory that holds the checkout's testdata
// and examples (and the shared evaluation sets beside it, as in a checkout),
// after the first set-up command; each must succeed. A plain block after
// "<!-- output of: CMD -->" must be exactly what CMD prints, one after
// "<!-- excerpt of: CMD -->" lines of it in order. So the README's
// examples cannot go stale. Not run: `newsgraph serve` (it runs until
// stopped; e2e/run.sh serves and drives it), and lines that are not
// newsgraph commands (go build, go test...).
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every README example")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, files, err := readmeScript(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(script, "newsgraph search Poutin") || strings.Count(script, "cmpexcerpt") < 1 || strings.Count(script, "cmp stdout") < 3 {
		t.Fatalf("the README check found too few examples:\n%s", script)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(script)
	for name, body := range files {
		fmt.Fprintf(&b, "-- %s --\n%s", name, body)
	}
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	shared := filepath.Join(root, "..", "shared")
	testscript.Run(t, testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			for _, d := range []string{"testdata", "examples"} {
				if err := os.Symlink(filepath.Join(root, d), filepath.Join(env.WorkDir, d)); err != nil {
					return err
				}
			}
			// ../shared from the work directory, as from a checkout.
			if _, err := os.Stat(shared); err == nil {
				if err := os.Symlink(shared, filepath.Join(env.WorkDir, "..", "shared")); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// cmpexcerpt stdout FILE: FILE's lines appear in stdout, in order.
			"cmpexcerpt": func(ts *testscript.TestScript, neg bool, args []string) {
				got := strings.Split(ts.ReadFile(args[0]), "\n")
				i := 0
				for _, want := range strings.Split(strings.TrimRight(ts.ReadFile(args[1]), "\n"), "\n") {
					for i < len(got) && got[i] != want {
						i++
					}
					if i == len(got) {
						ts.Fatalf("the README's excerpt line %q is not in the output (in order)", want)
					}
				}
			},
		},
	})
}

var (
	outputMark = regexp.MustCompile(`^<!-- (output|excerpt) of: (.*) -->$`)
	trailing   = regexp.MustCompile(`\s{2,}#.*$`)
)

var haveDot = func() bool { _, err := exec.LookPath("dot"); return err == nil }()

// readmeScript turns the README into a testscript and its expected outputs.
func readmeScript(readme string) (string, map[string]string, error) {
	var script strings.Builder
	files := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(readme))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var block, lang string
	inBlock, mark, markKind := false, "", ""
	n := 0
	quote := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	for sc.Scan() {
		line := sc.Text()
		if !inBlock {
			if m := outputMark.FindStringSubmatch(line); m != nil {
				markKind, mark = m[1], m[2]
				continue
			}
			if strings.HasPrefix(line, "```") {
				inBlock, lang, block = true, strings.TrimPrefix(line, "```"), ""
				continue
			}
			if strings.TrimSpace(line) != "" {
				mark = ""
			}
			continue
		}
		if line != "```" {
			block += line + "\n"
			continue
		}
		inBlock = false
		switch {
		case lang == "sh":
			for _, l := range strings.Split(block, "\n") {
				cmd := strings.TrimSpace(trailing.ReplaceAllString(l, ""))
				cmd = strings.Replace(cmd, "go run ./cmd/newsgraph ", "newsgraph ", 1)
				if !strings.HasPrefix(cmd, "newsgraph ") || strings.HasPrefix(cmd, "newsgraph serve") {
					continue
				}
				if i := strings.Index(cmd, " && dot "); i >= 0 && !haveDot {
					cmd = cmd[:i] // Graphviz is optional (.ci/run installs it)
				}
				fmt.Fprintf(&script, "exec sh -c %s\n", quote(cmd))
			}
		case lang == "" && mark != "":
			n++
			name := fmt.Sprintf("expect-%d.txt", n)
			files[name] = block
			fmt.Fprintf(&script, "exec sh -c %s\n", quote(mark))
			if markKind == "output" {
				fmt.Fprintf(&script, "cmp stdout %s\n", name)
			} else {
				fmt.Fprintf(&script, "cmpexcerpt stdout %s\n", name)
			}
		case mark != "":
			return "", nil, fmt.Errorf("README: the block after <!-- %s of: %s --> is not a plain ``` block", markKind, mark)
		}
		mark = ""
	}
	if inBlock {
		return "", nil, fmt.Errorf("README: a ``` block is not closed")
	}
	return script.String(), files, sc.Err()
}
