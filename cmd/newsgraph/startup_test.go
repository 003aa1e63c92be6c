package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
)

// TestStartupBuildsNoDateTables checks that starting the program does not
// build go-dateparser's locale tables (78 MB and a quarter of a second in
// upstream's package init; newsgraph's patched copy, internal/go-dateparser,
// builds them on first use). It runs this test binary, which links the same
// packages as the command, with the runtime's init trace and reads what that
// package's init allocated. Dropping the go.mod replace makes it fail.
func TestStartupBuildsNoDateTables(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	line := regexp.MustCompile(`init github.com/markusmobius/go-dateparser/internal/data @[^,]*, [^,]*, (\d+) bytes`)
	m := line.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init trace line for go-dateparser's data package in:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if n > 1<<20 {
		t.Errorf("go-dateparser's data package allocated %d bytes at start; its locale tables are built in init again", n)
	}
}

// TestDateTablesBuiltOnFirstUse checks the other half of the patch: the
// first parse builds the tables, so French dates in HTML pages (which
// go-htmldate hands to go-dateparser) are still read.
func TestDateTablesBuiltOnFirstUse(t *testing.T) {
	cfg := &dateparser.Configuration{Languages: []string{"fr"}, CurrentTime: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct{ in, want string }{
		{"5 mars 2024", "2024-03-05"},
		{"mardi 12 décembre 2023", "2023-12-12"},
		{"le 1er août 2022", "2022-08-01"},
	} {
		d, err := dateparser.Parse(cfg, tc.in)
		if err != nil || d.Time.Format("2006-01-02") != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %s", tc.in, d.Time, err, tc.want)
		}
	}
}
