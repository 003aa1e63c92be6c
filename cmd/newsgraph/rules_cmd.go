package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"newsgraph/extract"
)

func rulesCommand() *cli.Command {
	return &cli.Command{
		Name:  "rules",
		Usage: "write out or check the extraction rules",
		Description: `The rules (gazetteers of countries, demonyms, cities, organisations and
known persons; title words; meeting triggers; negations; partnership
levels) are data files embedded in the binary. 'rules dump DIR' writes them
out; edit any of them and pass --rules DIR to extract, eval or ingest: each
file in DIR replaces the embedded file of the same name.`,
		Subcommands: []*cli.Command{
			{
				Name:      "dump",
				Usage:     "write the embedded rule files into DIR",
				ArgsUsage: "DIR",
				Description: `Writes every embedded rule file (gazetteers, titles, triggers, frames...)
into DIR, to be read, edited and passed back with --rules DIR.

Example:
   newsgraph rules dump myrules && newsgraph extract --rules myrules article.txt`,
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageErr("rules dump: want one DIR")
					}
					if err := extract.DumpRules(c.Args().First()); err != nil {
						return err
					}
					fmt.Fprintf(c.App.ErrWriter, "wrote %d rule files to %s\n", len(extract.RuleFiles), c.Args().First())
					return nil
				},
			},
			{
				Name:      "check",
				Usage:     "load the rules of DIR over the embedded ones and report broken lines as file:line: reason",
				ArgsUsage: "DIR",
				Description: `Loads the rule files of DIR over the embedded ones, as --rules DIR does, and
reports every broken line as FILE:LINE: reason (exit 1), or "rules OK".

Example:
   newsgraph rules check myrules`,
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageErr("rules check: want one DIR")
					}
					if _, err := extract.LoadRules(c.Args().First()); err != nil {
						return &exitError{code: exitFailure, err: err}
					}
					fmt.Fprintln(c.App.Writer, "rules OK")
					return nil
				},
			},
		},
	}
}
