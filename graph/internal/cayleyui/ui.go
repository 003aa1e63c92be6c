package cayleyui

//go:generate go run ./gen

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/gobuffalo/packr/v2"
	"github.com/gobuffalo/packr/v2/file"
	"github.com/gobuffalo/packr/v2/file/resolver"
)

//go:embed all:assets
var assets embed.FS

// boxes are the packr boxes of cayley's internal/http and their folders.
var boxes = map[string]string{"Static": "static", "Templates": "templates", "Docs": "docs"}

// Install points cayley's packr boxes at the embedded files. It returns
// the number of files installed (0 when the assets were not generated, in
// which case packr keeps looking in the module cache).
func Install() (int, error) {
	total := 0
	for box, dir := range boxes {
		files := map[string]file.File{}
		err := fs.WalkDir(assets, "assets/"+dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			b, err := assets.ReadFile(p)
			if err != nil {
				return err
			}
			rel := p[len("assets/"+dir)+1:]
			f, err := file.NewFile(rel, b)
			if err != nil {
				return err
			}
			files[rel] = f
			return nil
		})
		if err != nil {
			return total, err
		}
		if len(files) == 0 {
			continue
		}
		packr.New(box, "").DefaultResolver = resolver.NewInMemory(files)
		total += len(files)
	}
	return total, nil
}

// Check reports what the UI lacks: the templates of the query, visualize
// and write pages and the scripts they load, from the embedded assets or,
// failing that, from the module cache.
func Check() error {
	tpl := packr.New("Templates", "")
	st := packr.New("Static", "")
	var missing []string
	for _, f := range []string{"query.html", "visualize.html", "write.html", "head.tmpl"} {
		if !tpl.Has(f) {
			missing = append(missing, "templates/"+f)
		}
	}
	for _, f := range []string{"js/cayley_main.js", "js/cayley_visualize.js", "third_party/sigmajs/sigma.min.js"} {
		if !st.Has(f) {
			missing = append(missing, "static/"+f)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the web UI files are missing (%v): build the binary after 'go generate ./graph/...', which copies them from the cayley module", missing)
	}
	return nil
}
