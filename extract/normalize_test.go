package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var testRules *Rules

func rules(t testing.TB) *Rules {
	t.Helper()
	if testRules == nil {
		r, err := LoadRules("")
		if err != nil {
			t.Fatal(err)
		}
		testRules = r
	}
	return testRules
}

func TestNormalizeGlue(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // substrings of the normalized text
		not  []string // substrings that must not appear
	}{
		{name: "camel", in: "Il a vu leVietnam et russeDmitri Medvedev. LePremier ministre NguyenXuan Phuc.", want: []string{"le Vietnam", "russe Dmitri", "Le Premier", "Nguyen Xuan Phuc"}},
		{name: "function word glued", in: "Il a eu unentretien avec lui aucours duquel il a parlé. Un entretien. Au cours de la journée.", want: []string{"un entretien", "au cours duquel"}},
		{name: "capitalised glue", in: "Lesdeux pays sont amis. Ilsont convenu. Les deux. Ils sont.", want: []string{"Les deux pays", "Ils ont convenu"}},
		{name: "known words glued", in: "Le partenariat a grandi. Le partenariatstratégique est solide. Un point stratégique.", want: []string{"partenariat stratégique est"}},
		{name: "real words kept", in: "La sûreté maritime, des relations nouvelles et annuelles, envers et contre tout, quelque chose. Le sur été. Les nouvel les.", not: []string{"s ûreté", "sûr eté", "nouvel les et", "annuel les", "en vers", "quel que"}},
		{name: "brand kept", in: "McDonald ouvre à Hanoï avec PetroVietnam.", want: []string{"McDonald", "PetroVietnam"}},
		{name: "control characters and terminal escapes dropped", in: "Le ministre \x1b[31mBui\x1b[0m Thanh Son a\x07 reçu\u0085 son homologue.", want: []string{"Le ministre Bui Thanh Son a reçu son homologue."}, not: []string{"\x1b", "[31m", "\x07", "\u0085"}},
		{name: "comma glue", in: "Lors de l’entretien,tenu à Hanoï, il a parlé.", want: []string{"entretien, tenu"}},
		{name: "full stop glue", in: "Il a parlé d’aujourd’hui.Le ministre est venu. Voir V.Titov.", want: []string{"aujourd’hui. Le ministre", "V.Titov"}},
		{name: "image noise", in: "Titre ảnh 1Le ministre. Photo : VNA\nNhập mô tả cho ảnh", want: []string{"Titre\nLe ministre"}, not: []string{"ảnh", "Nhập"}},
		{name: "spaces", in: "Le\u00a0président\tTô Lâm\r\nHanoï", want: []string{"Le président Tô Lâm\nHanoï"}},
	}
	r := rules(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, offs := r.normalize(tt.in, 0)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("normalize(%q) = %q, want it to contain %q", tt.in, got, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("normalize(%q) = %q, must not contain %q", tt.in, got, w)
				}
			}
			checkOffsets(t, tt.in, got, offs)
		})
	}
}

// checkOffsets verifies that every byte of the normalized text maps into
// the original, in order, and that copied letters map to the same letter.
func checkOffsets(t testing.TB, orig, norm string, offs []int) {
	t.Helper()
	if len(offs) != len(norm)+1 {
		t.Fatalf("len(offs) = %d, want %d", len(offs), len(norm)+1)
	}
	prev := 0
	for i := 0; i < len(norm); i++ {
		o := offs[i]
		if o < 0 || o > len(orig) {
			t.Fatalf("offset %d of byte %d outside the text (len %d)", o, i, len(orig))
		}
		if o < prev {
			t.Fatalf("offsets go back at byte %d: %d < %d", i, o, prev)
		}
		prev = o
	}
	for i := 0; i < len(norm); {
		r, n := utf8.DecodeRuneInString(norm[i:])
		if r != ' ' && r != '\n' && offs[i] < len(orig) {
			or, _ := utf8.DecodeRuneInString(orig[offs[i]:])
			if or != r {
				t.Fatalf("byte %d: normalized %q maps to original %q", i, r, or)
			}
		}
		i += n
	}
}

func TestApplyEdits(t *testing.T) {
	text := "abcdef"
	offs := []int{10, 11, 12, 13, 14, 15, 16}
	got, go2 := applyEdits(text, offs, []edit{{Pos: 4, Del: 1, Ins: "XY"}, {Pos: 2, Ins: " "}})
	if got != "ab cdXYf" {
		t.Fatalf("got %q", got)
	}
	want := []int{10, 11, 12, 12, 13, 14, 14, 15, 16}
	for i := range want {
		if go2[i] != want[i] {
			t.Fatalf("offs = %v, want %v", go2, want)
		}
	}
}

// TestGlueChunksChangeNothing: a large text repaired chunk by chunk gets
// the same repairs as in one pass.
func TestGlueChunksChangeNothing(t *testing.T) {
	r := rules(t)
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	var b strings.Builder
	for b.Len() <= 2*glueWhole {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
			b.WriteString("\n\n")
		}
	}
	text := b.String()
	chunks := glueChunks(text)
	if len(chunks) < 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	for i := 1; i < len(chunks); i++ {
		if chunks[i][0] != chunks[i-1][1] {
			t.Fatalf("chunks %v and %v do not meet", chunks[i-1], chunks[i])
		}
	}
	if chunks[0][0] != 0 || chunks[len(chunks)-1][1] != len(text) {
		t.Fatalf("chunks do not cover the text")
	}
	whole := r.glueEditsIn(text, [][2]int{{0, len(text)}})
	chunked := r.glueEditsIn(text, chunks)
	if len(whole) != len(chunked) {
		t.Fatalf("%d repairs in one pass, %d by chunks", len(whole), len(chunked))
	}
	for i := range whole {
		if whole[i] != chunked[i] {
			t.Fatalf("repair %d: %+v in one pass, %+v by chunks", i, whole[i], chunked[i])
		}
	}
}
