package graph

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"newsgraph/schema"
)

// synthDocs makes n articles of about 60 quads each, with persons and
// countries shared across articles as in real news.
func synthDocs(n int) []*schema.Doc {
	var docs []*schema.Doc
	for i := 0; i < n; i++ {
		a := fmt.Sprintf("person-%d", i%97)
		b := fmt.Sprintf("person-%d", (i*7+13)%89+100)
		d := &schema.Date{Value: fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1), Type: schema.XSDDate}
		docs = append(docs, &schema.Doc{
			Article:   schema.Article{ID: schema.ArticleID("", fmt.Sprintf("a%05d.txt", i)), Name: fmt.Sprintf("a%05d.txt", i)},
			Countries: []schema.CountryT{{Code: "VN", Name: "Vietnam"}, {Code: "RU", Name: "Russie", Alternates: []string{"Russia"}}},
			Places:    []schema.PlaceT{{ID: "hanoi", Name: "Hanoi", Country: "VN"}},
			Persons: []schema.PersonT{
				{ID: a, Name: "Person " + a, Nationality: "VN", Titles: []string{"ministre"}},
				{ID: b, Name: "Person " + b, Nationality: "RU", Titles: []string{"ambassadeur"}},
			},
			Events: []schema.EventT{{Kind: "talks", Participants: []string{a, b}, Date: d, Place: "hanoi",
				Evidence: schema.Evidence{Rule: "triggers:10+sides", Sentence: fmt.Sprintf("Sentence %d of the meeting.", i), Start: 10, End: 90, Confidence: 0.9}}},
			Partnerships: []schema.PartnershipT{{A: "VN", B: "RU", Level: "strategic partnership",
				Evidence: schema.Evidence{Rule: "levels:3", Sentence: "x", Start: 1, End: 2, Confidence: 0.9}}},
		})
	}
	return docs
}

// BenchmarkIngest measures newsgraph's ingest into a bolt file: one
// transaction per article, with the event and name reconciliation. It
// reports quads/s; BenchmarkBulkLoad loads the same quads the way
// 'cayley load' does, for the ratio (see bench/ingest.sh for the
// comparison with the cayley command itself).
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	single := func(s *Store, docs []*schema.Doc) error {
		for _, d := range docs {
			if _, err := s.Ingest(ctx, d); err != nil {
				return err
			}
		}
		return nil
	}
	batched := func(s *Store, docs []*schema.Doc) error {
		var failed error
		bt := s.NewBatch(func(tag string, r IngestResult, err error) {
			if err != nil {
				failed = err
			}
		})
		for j, d := range docs {
			if err := bt.Add(ctx, d, fmt.Sprint(j)); err != nil {
				return err
			}
		}
		if err := bt.Flush(ctx); err != nil {
			return err
		}
		return failed
	}
	b.Run("fsync", func(b *testing.B) { benchIngest(b, Options{Create: true}, single) })
	b.Run("nosync", func(b *testing.B) { benchIngest(b, Options{Create: true, NoSync: true}, single) })
	b.Run("batch", func(b *testing.B) { benchIngest(b, Options{Create: true}, batched) })
}

// benchIngest times ingest into a fresh bolt store per iteration.
func benchIngest(b *testing.B, opt Options, ingest func(*Store, []*schema.Doc) error) {
	total := 0
	for _, d := range synthDocs(300) {
		total += len(d.Quads())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprint("db", i)), opt)
		if err != nil {
			b.Fatal(err)
		}
		fresh := synthDocs(300)
		b.StartTimer()
		if err := ingest(s, fresh); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "quads/s")
}

// BenchmarkBulkLoad loads the N-Quads of the same articles in 10k-quad
// batches, as 'cayley load' does: the baseline for BenchmarkIngest.
func BenchmarkBulkLoad(b *testing.B) {
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	total := 0
	for _, d := range synthDocs(300) {
		for _, q := range d.Quads() {
			if err := w.WriteQuad(q); err != nil {
				b.Fatal(err)
			}
			total++
		}
	}
	w.Close()
	data := buf.Bytes()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), fmt.Sprint("db", i)), Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.ImportNQuads(ctx, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "quads/s")
}

// variedDocs makes n articles whose persons vary (names built from
// syllables, so the search index grows with the store), with a few famous
// persons recurring in one article of twenty.
func variedDocs(n int) []*schema.Doc {
	syl := []string{"an", "bo", "ka", "li", "mo", "ne", "ri", "sa", "tu", "vi", "zo", "der", "gor", "lan", "mir", "ov", "sky", "ton", "vek", "yan"}
	name := func(i, words int) string {
		var ws []string
		for w := 0; w < words; w++ {
			x := i*31 + w*17
			ws = append(ws, strings.Title(syl[x%20]+syl[(x/20)%20]+syl[(x/400)%20]))
		}
		return strings.Join(ws, " ")
	}
	famous := []schema.PersonT{
		{ID: "vladimir-putin", Name: "Vladimir Poutine", Nationality: "RU"},
		{ID: "nguyen-phu-trong", Name: "Nguyễn Phú Trọng", Alternates: []string{"Nguyen Phu Trong"}, Nationality: "VN"},
		{ID: "sergei-lavrov", Name: "Sergueï Lavrov", Alternates: []string{"Lavrov"}, Nationality: "RU"},
	}
	countries := []schema.CountryT{{Code: "VN", Name: "Vietnam"}, {Code: "RU", Name: "Russie", Alternates: []string{"Russia"}},
		{Code: "FR", Name: "France"}, {Code: "JP", Name: "Japon", Alternates: []string{"Japan"}}}
	var docs []*schema.Doc
	for i := 0; i < n; i++ {
		var ps []schema.PersonT
		for k := 0; k < 4; k++ {
			id := fmt.Sprintf("p-%d-%d", i, k)
			ps = append(ps, schema.PersonT{ID: id, Name: name(i*4+k, 2+k%2), Nationality: countries[(i+k)%4].Code, Titles: []string{"ministre"}})
		}
		if i%20 == 0 {
			ps[0], ps[1] = famous[(i/20)%3], famous[(i/20+1)%3]
		}
		d := &schema.Date{Value: fmt.Sprintf("%d-%02d-%02d", 2015+i%10, i%12+1, i%28+1), Type: schema.XSDDate}
		ev := func(a, b int) schema.EventT {
			return schema.EventT{Kind: "talks", Participants: []string{ps[a].ID, ps[b].ID}, Date: d,
				Evidence: schema.Evidence{Rule: "triggers:10+sides", Sentence: fmt.Sprintf("Sentence %d of the meeting.", i), Start: 10, End: 90, Confidence: 0.9}}
		}
		docs = append(docs, &schema.Doc{
			Article:   schema.Article{ID: schema.ArticleID(fmt.Sprintf("https://example.org/%d", i), ""), Name: fmt.Sprintf("a%06d.txt", i), URL: fmt.Sprintf("https://example.org/%d", i)},
			Countries: countries,
			Persons:   ps,
			Events:    []schema.EventT{ev(0, 1), ev(2, 3)},
		})
	}
	return docs
}

// BenchmarkSearch times Search on a bolt store of more than a million
// quads (NEWSGRAPH_SEARCH_ARTICLES articles, default 9000, loaded in bulk
// first; the build takes a minute or two and is not timed). The spellings
// are those analysts type for the famous persons and countries.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	n := 9000
	if v := os.Getenv("NEWSGRAPH_SEARCH_ARTICLES"); v != "" {
		fmt.Sscan(v, &n)
	}
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	for _, d := range variedDocs(n) {
		for _, q := range d.Quads() {
			if !schema.IsIndex(q.Predicate) { // load makes them again
				w.WriteQuad(q)
			}
		}
	}
	w.Close()
	s, err := Open(filepath.Join(b.TempDir(), "db"), Options{Create: true, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportNQuads(ctx, &buf); err != nil {
		b.Fatal(err)
	}
	count, _ := s.Count(ctx)
	for _, q := range []struct{ query, want string }{
		{"Poutin", "vladimir-putin"}, {"Putin", "vladimir-putin"}, {"Lavrov'", "sergei-lavrov"},
		{"nguyen phu trong", "nguyen-phu-trong"}, {"Russie", "country/RU"}, {"Kaanbo Lili", ""},
	} {
		b.Run(q.query, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := s.Search(ctx, q.query, 10)
				if err != nil {
					b.Fatal(err)
				}
				if q.want != "" && (len(res.Results) == 0 || !strings.HasSuffix(res.Results[0].IRI, q.want)) {
					b.Fatalf("Search(%q): %+v", q.query, res.Results)
				}
			}
			b.ReportMetric(float64(count), "quads")
		})
	}
}
