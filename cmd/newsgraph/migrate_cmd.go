package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"newsgraph/schema"
)

func migrateCommand() *cli.Command {
	return &cli.Command{
		Name:      "migrate",
		Usage:     "upgrade a store made by an earlier version: re-ingest its articles in the current vocabulary",
		ArgsUsage: "FILE|DIR|URL|- ...",
		Description: `Stores made before this version use ng:on and ng:participant for events, carry
folded job titles and name an article without a URL by its file name. Give
migrate the articles the store was made from: each is ingested again in the
current vocabulary (schema:startDate, schema:attendee, @fr literals, titles
as written), and its old copy, found by its old identity, is removed. At the
end migrate names the articles that still use the old vocabulary because
their files were not given; run it again with them.

Examples:
  newsgraph migrate --db old.db testdata/seeds
  newsgraph migrate --db team.db articles/ dump.jsonl.gz`,
		Flags: append([]cli.Flag{dbFlag(), dateFlag(), rulesFlag()}, inputFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageErr("migrate: no input; give the articles the store was made from (see 'newsgraph migrate --help')")
			}
			run, err := openStream(c, false, false, false)
			if err != nil {
				return err
			}
			defer run.close()
			s, st, x, ctx := run.s, run.st, run.x, run.ctx
			start := time.Now()
			var done, replaced, failed int
			for r := range st.C {
				if ctx.Err() != nil {
					continue
				}
				if r.err != nil {
					fmt.Fprintln(c.App.ErrWriter, r.err)
					failed++
					continue
				}
				doc := toSchema(r.res, x.Rules)
				old := schema.ArticleIRI(schema.LegacyArticleID(doc.Article.URL, filepath.Base(r.res.Doc.Name)))
				if old != schema.ArticleIRI(doc.Article.ID) {
					n, err := s.RemoveArticle(ctx, old)
					if err != nil {
						fmt.Fprintf(c.App.ErrWriter, "%s: removing the old copy: %v\n", r.path, err)
						failed++
						continue
					}
					if n > 0 {
						replaced++
					}
				}
				if _, err := s.Ingest(ctx, doc); err != nil {
					fmt.Fprintf(c.App.ErrWriter, "%s: %v\n", r.path, err)
					failed++
					continue
				}
				done++
			}
			legacy, err := s.LegacyArticles(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.ErrWriter, "migrated %d article(s) (%d old copies replaced), %d failed; %d article(s) still in the old vocabulary; %s\n",
				done, replaced, failed, len(legacy), time.Since(start).Round(time.Millisecond))
			if len(legacy) > 0 {
				var names []string
				for i, l := range legacy {
					if i == 5 {
						names = append(names, "...")
						break
					}
					names = append(names, s.Label(ctx, l))
				}
				fmt.Fprintf(c.App.ErrWriter, "still old: %s (give their files to migrate)\n", strings.Join(names, ", "))
			}
			if ctx.Err() != nil {
				return &exitError{code: exitFailure, err: errors.New("interrupted; the articles migrated so far are committed")}
			}
			if failed > 0 {
				return &exitError{code: exitPartial, err: fmt.Errorf("%d article(s) failed", failed)}
			}
			return nil
		},
	}
}
