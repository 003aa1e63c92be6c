package schema

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FoldLetter returns r lower-cased and without diacritics (Unicode NFD,
// marks removed), with the letters NFD does not decompose spelled out: œ
// oe, æ ae, ß ss, đ d, ø o, ł l. Other runes are only lower-cased.
func FoldLetter(r rune) string {
	switch r {
	case 'œ', 'Œ':
		return "oe"
	case 'æ', 'Æ':
		return "ae"
	case 'ß':
		return "ss"
	case 'đ', 'Đ':
		return "d"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	}
	if r < utf8.RuneSelf {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// FoldKey is the name folding of the evaluation guidelines, used for
// lookups: letters folded (FoldLetter), every run of other characters
// (punctuation, hyphens, spaces) one space, none at the ends.
func FoldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteString(FoldLetter(r))
	}
	return b.String()
}
