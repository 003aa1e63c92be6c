package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"
	"unicode/utf8"
)

func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(string(data))
		}
	}
	f.Add("LePremier ministre NguyenXuan Phuc a eu unentretien aucours duquel.Le")
	f.Add(" date 2022-07 Hanoï, 6 juillet (VNA) - M. V.Titov ảnh 1Photo : VNA\r\n\u00a0>> Voir plus")
	f.Add("")
}

// FuzzNormalize checks that normalization never panics, maps every byte
// into the original text in order, and is idempotent.
func FuzzNormalize(f *testing.F) {
	addSeeds(f)
	r := rules(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		norm, offs := r.normalize(s, 0)
		checkOffsets(t, s, norm, offs)
		again, _ := r.normalize(norm, 0)
		if again != norm {
			t.Fatalf("not idempotent:\n once %q\ntwice %q", norm, again)
		}
	})
}

// FuzzSegment checks that zoning and sentence splitting never panic and
// keep spans inside the text, in order.
func FuzzSegment(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		last := 0
		for pi, p := range zone(s) {
			if p.Start < last || p.End > len(s) || p.Start > p.End {
				t.Fatalf("paragraph %d-%d out of order or range (len %d)", p.Start, p.End, len(s))
			}
			last = p.End
			for _, se := range sentences(s, p, pi) {
				if se.Start < p.Start || se.End > p.End || se.Start >= se.End {
					t.Fatalf("sentence %d-%d outside paragraph %d-%d", se.Start, se.End, p.Start, p.End)
				}
			}
		}
	})
}

// FuzzExtract checks that extraction never panics and that evidence
// offsets stay inside the file.
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	x := &Extractor{Rules: rules(f)}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 16<<10 {
			return // articles are small; the mutator's huge inputs only cost time
		}
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				// A hang: crash with every goroutine's stack.
				debug.SetTraceback("all")
				panic(fmt.Sprintf("extraction of a %d-byte input took more than 5s", len(s)))
			}
		}()
		res, err := x.ExtractBytes("fuzz.txt", []byte(s), Date{})
		if err != nil {
			return
		}
		for _, m := range res.Meetings {
			if m.Evidence.Start < 0 || m.Evidence.End > len(s) || m.Evidence.Start > m.Evidence.End {
				t.Fatalf("meeting evidence %d-%d outside %d bytes", m.Evidence.Start, m.Evidence.End, len(s))
			}
			if len(m.Participants) < 2 {
				t.Fatalf("meeting with %d participants", len(m.Participants))
			}
		}
		for _, p := range res.Partnerships {
			if p.Countries[0] == p.Countries[1] {
				t.Fatalf("partnership of %s with itself", p.Countries[0])
			}
		}
	})
}
