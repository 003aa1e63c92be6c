package schema

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldKey folds a name for lookups: Unicode NFD, marks removed, đ as d,
// lower case, every run of non-letters and non-digits as one space.
func FoldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}
