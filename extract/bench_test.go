package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures extraction throughput over the seed articles
// (parse, normalize, zone, recognize, relate); b.SetBytes makes go test
// report MB/s.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var docs [][]byte
	total := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		total += len(data)
	}
	x := &Extractor{Rules: rules(b)}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			if _, err := x.ExtractBytes("bench.txt", d, Date{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadRules measures loading and compiling the embedded rules.
func BenchmarkLoadRules(b *testing.B) {
	for range b.N {
		if _, err := LoadRules(""); err != nil {
			b.Fatal(err)
		}
	}
}
