package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/cayleygraph/quad"
)

// SearchTerm is a search term of a node (person, country): a word of one of its
// names, folded, and that word's sound skeleton (see Skeleton) written
// "~ptn". Like Key it is an index of the store, kept once per node in
// IndexGraph (IndexQuads), and exports leave it out. Search looks terms up
// through the object index: "Poutin" and "Putin" find "Vladimir Poutine" by
// the skeleton "~ptn", "Lavrov" finds "Sergueï Lavrov" by the word "lavrov".
var SearchTerm = quad.IRI(NS + "term")

// Digest is an article's fingerprint: a hash of the facts its extraction
// gave before they were reconciled with the store. An article read again
// with the same digest is unchanged, found without reconciling it. Like Key
// it is the store's own (exports leave it out; a loaded store has none,
// and its first re-ingest reconciles as before).
var Digest = quad.IRI(NS + "digest")

// Input is the key of the input an article was last extracted from: a hash
// of the input's bytes and metadata, the rules and the program (Doc.Input).
// An input whose key the store holds would be extracted into what is
// stored already, so ingest skips it before extracting. Like Digest it is
// the store's own.
var Input = quad.IRI(NS + "input")

// IndexGraph labels the store's lookup index: the Key and SearchTerm quads
// of the persons and countries, one copy per node and term however many
// articles give the name. The store writes them from the name quads it
// writes (IndexQuads), and takes one away when no name the store still
// holds gives it. They are not in the articles' graphs: a country named by
// every article would otherwise carry a copy of each of its keys and terms
// per article (a third of the quads of a store), and replacing an article
// would replace copies only. IndexGraph is not an article.
const IndexGraph = quad.IRI("urn:newsgraph:index")

// IsStoreGraph reports whether label is one of the store's own graphs
// (StoreGraph, IndexGraph), which are not articles.
func IsStoreGraph(label quad.Value) bool { return label == StoreGraph || label == IndexGraph }

// IndexQuads returns the index quads, in IndexGraph, that a name quad of a
// person or a country stands for: the lookup keys of its Name,
// AlternateName or (a country's) Identifier, and the search terms of its
// Name or AlternateName. Other quads stand for none.
func IndexQuads(q quad.Quad) []quad.Quad {
	subj, ok := q.Subject.(quad.IRI)
	if !ok || !IndexedNode(subj) {
		return nil
	}
	country := strings.HasPrefix(string(subj), string(CountryIRI("")))
	switch {
	case q.Predicate == Name || q.Predicate == AlternateName:
	case q.Predicate == Identifier && country:
	default:
		return nil
	}
	var text string
	switch v := q.Object.(type) {
	case quad.String:
		text = string(v)
	case quad.LangString:
		text = string(v.Value)
	default:
		return nil
	}
	var out []quad.Quad
	for _, k := range Keys(text) {
		out = append(out, quad.Quad{Subject: subj, Predicate: Key, Object: quad.String(k), Label: IndexGraph})
	}
	if q.Predicate != Identifier {
		for _, t := range SearchTerms(text) {
			out = append(out, quad.Quad{Subject: subj, Predicate: SearchTerm, Object: quad.String(t), Label: IndexGraph})
		}
	}
	return out
}

// IndexedNode reports whether the names of node are indexed: a person or a
// country.
func IndexedNode(node quad.IRI) bool {
	return strings.HasPrefix(string(node), string(PersonIRI(""))) || strings.HasPrefix(string(node), string(CountryIRI("")))
}

// IsIndex reports whether p is one of the store's own predicates (Key,
// SearchTerm, Digest, Input), which are not facts: exports and fact
// listings skip them, and load makes the keys and terms again from the
// names.
func IsIndex(p quad.Value) bool { return p == Key || p == SearchTerm || p == Digest || p == Input }

// IsBookkeeping reports whether p is one of the store's bookkeeping
// predicates, which ingest does not count as facts written and writes
// last (Digest, Input).
func IsBookkeeping(p quad.Value) bool { return p == Digest || p == Input }

// DocDigest is the Digest of doc's facts as extracted (call it before the
// store reconciles doc): a hash of its quads in the order Quads writes
// them, which is the doc's own order (the same extraction, the same order).
func DocDigest(doc *Doc) string {
	h := sha256.New()
	for _, q := range doc.Quads() {
		h.Write([]byte(q.NQuad()))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// stopWords are the function words of names that a search ignores
// ("Fédération de Russie", "Sheikh Mohammed bin Zayed Al Nahyan" keeps its
// particles as words; only these carry nothing).
var stopWords = map[string]bool{
	"de": true, "d": true, "du": true, "des": true, "la": true, "le": true, "les": true, "l": true,
	"et": true, "of": true, "the": true, "and": true, "a": true, "au": true, "aux": true, "en": true,
}

// SearchWords returns the words of a name that a search matches: folded
// (FoldKey), without stop words, each once, in order.
func SearchWords(name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(FoldKey(name)) {
		if stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// SearchTerms returns the search terms of names: each word (SearchWords) and its
// skeleton with a "~" in front, de-duplicated and sorted.
func SearchTerms(names ...string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, n := range names {
		for _, w := range SearchWords(n) {
			add(w)
			if sk := Skeleton(w); sk != "" {
				add("~" + sk)
			}
		}
	}
	sortStrings(out)
	return out
}

// skeletonRewrites are spellings of one sound across the transliterations
// a French newsroom mixes (French, English, Vietnamese, Slavic, Arabic):
// applied left to right before the vowels are dropped. The ch sound is
// written C, a letter no folded word holds.
var skeletonRewrites = strings.NewReplacer(
	"tsch", "C", "sch", "C", "tch", "C", "sh", "C", "ch", "C",
	"ph", "f", "th", "t", "kh", "k", "gh", "g", "dh", "d", "dj", "j", "dzh", "j", "zh", "j",
	"ck", "k", "qu", "k", "q", "k", "c", "k", "x", "ks",
	"w", "v", "z", "s", "y", "i",
)

// Skeleton is a word's sound skeleton: folded, common spellings of one
// sound made one (ph/f, ou/u, c/k, w/v, z/s...), then the vowels and h
// dropped and doubled consonants made one. Poutine, Putin and Poutin are
// all "ptn"; Lavrov and Lavrov' "lvrv"; Sergueï and Sergei "srg". A word
// with fewer than two consonants has none ("" : it would match too much).
func Skeleton(word string) string {
	w := FoldKey(word)
	if strings.ContainsRune(w, ' ') || w == "" {
		return ""
	}
	w = skeletonRewrites.Replace(w)
	var b strings.Builder
	var last byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'h':
			continue
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}
