package main

import (
	"fmt"
	"newsgraph/extract/source"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"newsgraph/extract/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score the extraction of articles against gold annotations",
		ArgsUsage: "FILE|DIR ...",
		Description: `Extracts each article and scores it against the gold file of the same
base name (.json for .txt) in the --gold directory, as defined by the
annotation guidelines: precision, recall and F1 for persons, meetings (as
person pairs) and partnerships (as country pairs), and the accuracy of
nationalities, meeting dates and meeting places. Each miss, false
positive and wrong value is tagged with the stage that produced it:
[entity] persons and nationalities, [frame] the story's frame
(delegations, sides, partnerships), [clause] the meeting predicates,
[date], [place]. --verbose lists each article's misses,
false positives and wrong values, and a per-rule table.

Example:
  newsgraph eval --gold ../shared/eval/dev ../shared/corpus/dev`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Required: true, Usage: "directory of gold `DIR` files (one .json per article)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list misses and false positives per article and a per-rule table"},
			&cli.StringSliceFlag{Name: "require", Usage: "fail (exit 1) when a score is below a floor: `NAME=VALUE` with NAME one of persons, meetings, partnerships (F1), nationality, dates, places (accuracy); repeatable"},
			dateFlag(),
			rulesFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErr("eval: no articles; give FILE or DIR")
			}
			// The articles are read as extract reads them (a directory
			// stands for its .txt files, whose gold is found by name).
			st, _, err := startStream(c, c.Context, source.Options{Stdin: c.App.Reader, Include: []string{"*.txt"}}, nil, false)
			if err != nil {
				return err
			}
			rep := eval.NewReport()
			failed := 0
			for r := range st.C {
				if r.err != nil {
					fmt.Fprintln(c.App.ErrWriter, r.err)
					failed++
					continue
				}
				g, err := eval.LoadGold(c.String("gold"), r.path)
				if err != nil {
					fmt.Fprintf(c.App.ErrWriter, "%s: no gold: %v\n", r.path, err)
					failed++
					continue
				}
				rep.Score(r.res, g)
			}
			if err := rep.Write(c.App.Writer, c.Bool("verbose")); err != nil {
				return err
			}
			if err := checkFloors(rep, c.StringSlice("require")); err != nil {
				return err
			}
			if failed > 0 {
				return &exitError{code: exitPartial, err: fmt.Errorf("%d article(s) could not be scored", failed)}
			}
			return nil
		},
	}
}

// checkFloors compares the report with NAME=VALUE floors.
func checkFloors(rep *eval.Report, floors []string) error {
	scores := map[string]float64{
		"persons":      rep.Persons.F1(),
		"meetings":     rep.Meetings.F1(),
		"partnerships": rep.Partnerships.F1(),
		"nationality":  rep.Nationality.Value(),
		"dates":        rep.MeetingDate.Value(),
		"places":       rep.MeetingPlace.Value(),
	}
	var below []string
	for _, f := range floors {
		name, val, ok := strings.Cut(f, "=")
		v, err := strconv.ParseFloat(val, 64)
		if _, known := scores[name]; !ok || !known || err != nil {
			return usageErr("--require %q: want NAME=VALUE with NAME one of persons, meetings, partnerships, nationality, dates, places", f)
		}
		if scores[name] < v {
			below = append(below, fmt.Sprintf("%s %.3f < %.3f", name, scores[name], v))
		}
	}
	if len(below) > 0 {
		return &exitError{code: exitFailure, err: fmt.Errorf("scores below the required floor: %s", strings.Join(below, ", "))}
	}
	return nil
}
