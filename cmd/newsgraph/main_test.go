package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	os.Exit(testscript.RunMain(m, map[string]func() int{
		"newsgraph": func() int { return run(os.Args) },
	}))
}

// TestScripts runs the command-line scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// The seed articles and their gold, shared with the other tests.
			env.Setenv("SEEDS", mustAbs("../../testdata/seeds"))
			env.Setenv("GOLD", mustAbs("../../testdata/gold/seeds"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// writebad FILE writes a text file with an invalid UTF-8 byte on
			// its second line: txtar archives can only hold valid text.
			"writebad": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: writebad FILE")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("Ligne une\nLigne \xff deux\n"), 0o644))
			},
			// writebin FILE writes a file with NUL bytes.
			"writebin": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: writebin FILE")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644))
			},
		},
	})
}

func mustAbs(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return wd + "/" + p
}
