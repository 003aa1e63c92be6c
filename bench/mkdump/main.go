// Command mkdump writes a synthetic JSON Lines dump for bench/jsonl.sh:
// N records, each an article built from the paragraphs of the seed
// articles (rotated, so records differ), with its own URL and date.
//
//	go run ./bench/mkdump -n 200000 -seeds testdata/seeds > dump.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 20000, "number of records")
	seeds := flag.String("seeds", "testdata/seeds", "directory of .txt articles to build records from")
	per := flag.Int("paragraphs", 4, "paragraphs per record")
	flag.Parse()
	files, _ := filepath.Glob(filepath.Join(*seeds, "*.txt"))
	var paras []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, p := range strings.Split(string(data), "\n\n") {
			p = strings.TrimSpace(p)
			if strings.HasPrefix(p, "date ") || len(p) < 80 {
				continue
			}
			paras = append(paras, p)
		}
	}
	if len(paras) == 0 {
		fmt.Fprintln(os.Stderr, "no paragraphs in", *seeds)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for i := range *n {
		var b strings.Builder
		for k := range *per {
			if k > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(paras[(i*7+k*3)%len(paras)])
		}
		rec := map[string]string{
			"url":   fmt.Sprintf("https://example.org/dump/%d", i),
			"date":  fmt.Sprintf("20%02d-%02d-%02d", 15+i%10, 1+i%12, 1+i%28),
			"title": fmt.Sprintf("Article %d", i),
			"text":  b.String(),
		}
		if err := enc.Encode(rec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
