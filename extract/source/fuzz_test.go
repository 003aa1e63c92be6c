package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadHTML checks that any page is read without a panic and that every
// byte of the article text has an offset inside the page.
func FuzzReadHTML(f *testing.F) {
	pages, _ := filepath.Glob("../../testdata/html/*.html")
	for _, p := range pages {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add(`<html><body><p>a &amp; b &#x;</p><p>` + strings.Repeat("mot ", 40) + `</p></body></html>`)
	f.Add("<html><head><title>T</title></head><body><figcaption>x</figcaption>")
	f.Fuzz(func(t *testing.T, page string) {
		if len(page) > 64<<10 {
			return
		}
		p, err := ReadHTML([]byte(page))
		if err != nil {
			return
		}
		if len(p.Offs) != len(p.Text) {
			t.Fatalf("%d offsets for %d bytes of text", len(p.Offs), len(p.Text))
		}
		for i, o := range p.Offs {
			if o < 0 || o > len(page) {
				t.Fatalf("offset %d of byte %d outside the %d-byte page", o, i, len(page))
			}
		}
	})
}

// FuzzStdin checks that any standard input (text, delimited articles, JSON
// Lines) is read without a panic, each item either read or named.
func FuzzStdin(f *testing.F) {
	f.Add("Un article.\n%%\nUn autre.\n")
	f.Add(`{"url":"u","date":"2024-01-02","text":"t"}` + "\n" + `{"html":"<html><body><p>x</p></body></html>"}` + "\nnot json\n")
	f.Add("{\"text\":\n")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 64<<10 {
			return
		}
		Walk(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(in), MaxBytes: 16 << 10}, func(it Item) bool {
			if it.Err == nil && len(it.Raw) == 0 {
				t.Fatalf("item %s with no bytes and no error", it.Name)
			}
			if it.Err != nil && !strings.HasPrefix(it.Err.Error(), it.Name) {
				t.Fatalf("error %q does not name %s", it.Err, it.Name)
			}
			return true
		})
	})
}
