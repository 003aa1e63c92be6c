package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/urfave/cli/v2"
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
			env.Setenv("EXAMPLES", mustAbs("../../examples"))
			env.Setenv("HTML", mustAbs("../../testdata/html"))
			// A free loopback port for serve.
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			env.Setenv("PORT", fmt.Sprint(l.Addr().(*net.TCPAddr).Port))
			l.Close()
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
			// httpget URL [BODY-FILE] fetches URL (POSTing the file when
			// given), retrying for a few seconds while the server starts,
			// and prints the status and body on stdout.
			"httpget": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 1 || len(args) > 2 {
					ts.Fatalf("usage: httpget URL [BODY-FILE]")
				}
				var resp *http.Response
				var err error
				for i := 0; i < 100; i++ {
					if len(args) == 2 {
						resp, err = http.Post(args[0], "text/plain", strings.NewReader(ts.ReadFile(args[1])))
					} else {
						resp, err = http.Get(args[0])
					}
					if err == nil {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				if err != nil {
					ts.Fatalf("%v", err)
				}
				defer resp.Body.Close()
				body, err := io.ReadAll(resp.Body)
				ts.Check(err)
				fmt.Fprintf(ts.Stdout(), "status %d\n%s\n", resp.StatusCode, body)
				if neg != (resp.StatusCode >= 400) {
					ts.Fatalf("status %d", resp.StatusCode)
				}
			},
			// replace OLD NEW FILE edits FILE in place.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: replace OLD NEW FILE")
				}
				data := ts.ReadFile(args[2])
				if !strings.Contains(data, args[0]) {
					ts.Fatalf("%s does not contain %q", args[2], args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(strings.ReplaceAll(data, args[0], args[1])), 0o644))
			},
			// sortfile IN OUT writes the sorted lines of IN to OUT.
			"sortfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: sortfile IN OUT")
				}
				lines := strings.Split(strings.TrimRight(ts.ReadFile(args[0]), "\n"), "\n")
				sort.Strings(lines)
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
			},
			// gzip FILE writes FILE.gz.
			"gzip": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: gzip FILE")
				}
				var b bytes.Buffer
				zw := gzip.NewWriter(&b)
				_, err := zw.Write([]byte(ts.ReadFile(args[0])))
				ts.Check(err)
				ts.Check(zw.Close())
				ts.Check(os.WriteFile(ts.MkAbs(args[0]+".gz"), b.Bytes(), 0o644))
			},
			// webserve DIR serves DIR over HTTP on loopback until the script
			// ends and sets $WEB to its URL; /moved/NAME redirects to /NAME.
			"webserve": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: webserve DIR")
				}
				files := http.FileServer(http.Dir(ts.MkAbs(args[0])))
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if rest, ok := strings.CutPrefix(r.URL.Path, "/moved/"); ok {
						http.Redirect(w, r, "/"+rest, http.StatusMovedPermanently)
						return
					}
					files.ServeHTTP(w, r)
				}))
				ts.Defer(srv.Close)
				ts.Setenv("WEB", srv.URL)
			},
			// vnarticles N DIR writes N articles into DIR, the i-th a
			// meeting on its own day (from 2020-01-01, 28 days a month, 12
			// months a year) between Ivan Petrov and a Vietnamese person of
			// its own: a country with N persons.
			"vnarticles": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: vnarticles N DIR")
				}
				n, err := strconv.Atoi(args[0])
				ts.Check(err)
				surnames := []string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ho"}
				middles := []string{"Van", "Thi", "Duc", "Minh", "Quoc", "Thanh", "Hong", "Xuan"}
				givens := []string{"An", "Binh", "Cuong", "Dung", "Hai", "Hung", "Khanh", "Long", "Nam", "Phong", "Quang", "Son", "Tuan", "Viet"}
				if n > len(surnames)*len(middles)*len(givens) {
					ts.Fatalf("vnarticles: at most %d names", len(surnames)*len(middles)*len(givens))
				}
				months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
				dir := ts.MkAbs(args[1])
				ts.Check(os.MkdirAll(dir, 0o755))
				for i := range n {
					name := surnames[i%10] + " " + middles[i/10%8] + " " + givens[i/80]
					day, month, year := 1+i%28, months[i/28%12], 2020+i/336
					text := fmt.Sprintf("Hanoi, %d %s %d (VNA) - Le vice-ministre vietnamien des Affaires étrangères %s a reçu le %d %s à Hanoi l'ambassadeur de Russie au Vietnam, Ivan Petrov.\n",
						day, month, year, name, day, month)
					ts.Check(os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(text), 0o644))
				}
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

// Every command's --help shows an example.
func TestEveryHelpHasAnExample(t *testing.T) {
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			name := strings.TrimSpace(prefix + " " + c.Name)
			if len(c.Subcommands) > 0 {
				walk(name, c.Subcommands)
				continue
			}
			if !strings.Contains(c.Description, "Example") || !strings.Contains(c.Description, "newsgraph "+name) {
				t.Errorf("'newsgraph %s --help' shows no example ('Example:' and a 'newsgraph %s ...' line)", name, name)
			}
		}
	}
	walk("", newApp().Commands)
}
