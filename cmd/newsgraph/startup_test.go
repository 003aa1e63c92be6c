package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
)

// TestStartupBuildsNoDateTables checks that starting the program does not
// build go-dateparser's locale tables (78 MB and a quarter of a second in
// upstream's package init; newsgraph's patched copy, internal/go-dateparser,
// builds them on first use), nor its timezone patterns (5 MB, 25 ms). It
// runs this test binary, which links the same packages as the command,
// with the runtime's init trace and reads what those packages' init
// allocated. Dropping the go.mod replace makes it fail.
func TestStartupBuildsNoDateTables(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, tc := range []struct {
		pkg, tables string
		max         int
	}{
		{"data", "locale tables", 1 << 20},         // upstream: 78 MB
		{"timezone", "timezone patterns", 1 << 19}, // upstream: 5 MB
	} {
		line := regexp.MustCompile(`init github.com/markusmobius/go-dateparser/internal/` + tc.pkg + ` @[^,]*, [^,]*, (\d+) bytes`)
		m := line.FindSubmatch(out)
		if m == nil {
			t.Fatalf("no init trace line for go-dateparser's %s package in:\n%s", tc.pkg, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		if n > tc.max {
			t.Errorf("go-dateparser's %s package allocated %d bytes at start; its %s are built in init again", tc.pkg, n, tc.tables)
		}
	}
}

// TestDateTablesBuiltOnFirstUse checks the other half of the patch: the
// first parse builds the tables, so French dates in HTML pages (which
// go-htmldate hands to go-dateparser) are still read.
func TestDateTablesBuiltOnFirstUse(t *testing.T) {
	cfg := &dateparser.Configuration{Languages: []string{"fr"}, CurrentTime: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct{ in, layout, want string }{
		{"5 mars 2024", time.DateOnly, "2024-03-05"},
		{"mardi 12 décembre 2023", time.DateOnly, "2023-12-12"},
		{"le 1er août 2022", time.DateOnly, "2022-08-01"},
		{"12 décembre 2023 23:30 UTC+7", "2006-01-02 15:04 -0700", "2023-12-12 23:30 +0700"}, // the timezone patterns
	} {
		d, err := dateparser.Parse(cfg, tc.in)
		if err != nil || d.Time.Format(tc.layout) != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, d.Time, err, tc.want)
		}
	}
}

// TestStartupIgnoresDotEnv checks newsgraph's patch of envy (internal/envy,
// linked through Cayley's web UI): a .env file in the working directory
// does not change the environment of the process (upstream's init loaded
// it over the user's variables, so a NEWSGRAPH_DB there chose another
// store), and starting runs no "go env". It runs this test binary in a
// directory holding such a file.
func TestStartupIgnoresDotEnv(t *testing.T) {
	if os.Getenv("NEWSGRAPH_DOTENV_CHILD") != "" {
		if v, ok := os.LookupEnv("NEWSGRAPH_DOTENV_PROBE"); ok {
			t.Fatalf("the .env file set NEWSGRAPH_DOTENV_PROBE=%q", v)
		}
		if v := os.Getenv("GOPATH"); v != "" {
			t.Fatalf("GOPATH was set at start to %q", v)
		}
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/.env", []byte("NEWSGRAPH_DOTENV_PROBE=set\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestStartupIgnoresDotEnv$", "-test.v")
	cmd.Dir = dir
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOPATH=") {
			env = append(env, e)
		}
	}
	cmd.Env = append(env, "NEWSGRAPH_DOTENV_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("%v\n%s", err, out)
	}
}
