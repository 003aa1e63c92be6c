package main

import (
	"errors"
	"fmt"
	"newsgraph/graph"
	"newsgraph/schema"
	"os"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // a command failed as a whole
	exitUsage   = 2 // bad arguments
	exitPartial = 3 // some inputs failed, the others were processed
	exitLocked  = 4 // the store is locked by another process
	exitDamaged = 5 // the store's files are not a readable store
)

// exitError carries an exit code through urfave/cli.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args))
}

func run(args []string) int {
	// NEWSGRAPH_CPUPROFILE=FILE writes a CPU profile of the run (go tool pprof).
	if f := os.Getenv("NEWSGRAPH_CPUPROFILE"); f != "" {
		if out, err := os.Create(f); err == nil {
			if err := pprof.StartCPUProfile(out); err == nil {
				defer func() { pprof.StopCPUProfile(); out.Close() }()
			}
		}
	}
	// NEWSGRAPH_MEMPROFILE=FILE writes a heap profile at the end of the run.
	if f := os.Getenv("NEWSGRAPH_MEMPROFILE"); f != "" {
		defer func() {
			if out, err := os.Create(f); err == nil {
				pprof.WriteHeapProfile(out)
				out.Close()
			}
		}()
	}
	app := newApp()
	if err := app.Run(args); err != nil {
		fmt.Fprintf(os.Stderr, "newsgraph: %v\n", err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return exitFailure
	}
	return exitOK
}

func newApp() *cli.App {
	return &cli.App{
		Name:  "newsgraph",
		Usage: "build a knowledge graph of meetings and partnerships from news articles",
		Description: `newsgraph reads French news articles (plain UTF-8 text, as scraped from the
Vietnam News Agency and similar sites) and extracts who met whom, when and
where, which countries are partners and at what level, and who holds which
title for which country. Facts are written as RDF quads whose label is the
source article.

Exit codes: 0 success, 1 failure, 2 bad arguments, 3 some inputs failed
(the others were processed), 4 the store is locked by another process, 5 the
store is damaged.`,
		Version: version(),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "base", EnvVars: []string{"NEWSGRAPH_BASE"}, Usage: "the namespace `IRI` of the resources newsgraph mints (persons, events, articles...); a store records the base it was made with and refuses another (default " + schema.DefaultBase + ")"},
		},
		Before: func(c *cli.Context) error {
			if b := c.String("base"); b != "" {
				if err := graph.UseBase(b); err != nil {
					return usageErr("--base: %v", err)
				}
			}
			return nil
		},
		Commands: []*cli.Command{
			extractCommand(),
			ingestCommand(),
			migrateCommand(),
			queryCommand(),
			pathCommand(),
			timelineCommand(),
			searchCommand(),
			statsCommand(),
			exportCommand(),
			loadCommand(),
			serveCommand(),
			evalCommand(),
			rulesCommand(),
		},
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return usageErr("%v", err)
		},
		ExitErrHandler: func(c *cli.Context, err error) {},
	}
}
