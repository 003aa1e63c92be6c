package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "load N-Quads (an export, a backup) into the store",
		ArgsUsage: "FILE|-",
		Description: `Reads N-Quads as written by 'newsgraph export' and adds them to the store,
creating it if needed, in one transaction: a file with a bad line adds
nothing, and the error names the line. Quads already present are skipped.
Typed literals are kept as written; the lookup keys that exports leave out
are made again from the names.

Examples:
  newsgraph load --db copy.db backup.nq
  newsgraph export | newsgraph load --db mirror.db -`,
		Flags: []cli.Flag{dbFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErr("load: want one FILE (or - for standard input)")
			}
			in := c.App.Reader
			if name := c.Args().First(); name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return usageErr("%v", err)
				}
				defer f.Close()
				in = f
			}
			s, err := openStore(c, true)
			if err != nil {
				return err
			}
			defer s.Close()
			n, err := s.ImportNQuadsNamed(c.Context, in, c.Args().First())
			if err != nil {
				return &exitError{code: exitFailure, err: fmt.Errorf("load: %w (nothing was added)", err)}
			}
			total, _ := s.Count(c.Context)
			fmt.Fprintf(c.App.ErrWriter, "read %d quads; store %s: %d quads\n", n, c.String("db"), total)
			return nil
		},
	}
}
