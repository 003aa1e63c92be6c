package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputCorpus writes a corpus of broken inputs beside one good
// article (generated here, not committed) and extracts them in one batch:
// every bad input is named with its reason, the good article is extracted,
// and the exit code says some inputs failed.
func TestBadInputCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Le Premier ministre Pham Minh Chinh a reçu le 5 mars à Hanoï le ministre chilien Luis Soto.\n"))
	bad := []struct {
		name string
		data []byte
		want string // in the error
	}{
		{"binary.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file"},
		{"latin1.txt", []byte("Le pr\xe9sident a re\xe7u.\n"), "invalid UTF-8"},
		{"utf16.txt", append([]byte{0xff, 0xfe}, []byte("L\x00e\x00 \x00p\x00")...), "UTF-16 text"},
		{"empty.txt", nil, "no article text"},
		{"header-only.txt", []byte("url: https://example.org/a\nretrieved-as: excerpt\n"), "only a header"},
		{"bare-header.txt", []byte("url:\n"), "only a header"},
		{"bad-month.txt", []byte(" date 9999-99 Texte.\n"), "date line"},
		{"bad-day.txt", []byte(" date 2023-02-30 Texte.\n"), "no such date"},
		{"glued-date.txt", []byte(" date 2022-07-06garbage Texte.\n"), "date line"},
		{"zero-date.txt", []byte(" date 0000-01-01 Texte.\n"), "date line"},
		{"too-large.txt", bytes.Repeat([]byte("Le ministre a reçu. "), 2000), "too large"},
		{"bad-record.jsonl", []byte("{\"text\": 1}\n"), "want a string"},
		{"not-json.jsonl", []byte("not json\n"), "not a JSON object"},
		{"not-gzip.jsonl.gz", []byte("plain text"), "not gzip data"},
	}
	args := []string{"newsgraph", "extract", "--format", "facts", "--max-article-bytes", "20000", good}
	for _, b := range bad {
		args = append(args, write(b.name, b.data))
	}
	args = append(args, filepath.Join(dir, "missing.txt"))
	// A symbolic link loop and an unreadable directory inside a walked one.
	walked := filepath.Join(dir, "walked")
	os.MkdirAll(filepath.Join(walked, "locked"), 0o755)
	os.WriteFile(filepath.Join(walked, "locked", "a.txt"), []byte("Texte."), 0o644)
	os.Symlink("loop", filepath.Join(walked, "loop"))
	if os.Getuid() != 0 { // root reads any directory
		os.Chmod(filepath.Join(walked, "locked"), 0)
		defer os.Chmod(filepath.Join(walked, "locked"), 0o755)
	}
	args = append(args, walked)

	var stdout, stderr bytes.Buffer
	app := newApp()
	app.Writer, app.ErrWriter = &stdout, &stderr
	err := app.Run(args)
	var ee *exitError
	if err == nil || !errors.As(err, &ee) || ee.code != exitPartial {
		t.Fatalf("err = %v, want exit %d", err, exitPartial)
	}
	if !strings.Contains(stdout.String(), "Luis Soto") {
		t.Errorf("the good article was not extracted:\n%s", stdout.String())
	}
	for _, b := range bad {
		found := false
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.Contains(line, b.name) && strings.Contains(line, b.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no error naming it with %q in\n%s", b.name, b.want, stderr.String())
		}
	}
	for _, want := range []string{"missing.txt: no such file", "loop"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("want %q in\n%s", want, stderr.String())
		}
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "\x1b") {
			t.Errorf("a control character reached the terminal: %q", line)
		}
	}
}
