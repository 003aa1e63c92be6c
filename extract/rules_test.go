package extract

import (
	"os"
	"path/filepath"
	"regexp/syntax"
	"strings"
	"testing"
)

func TestRulesOverride(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		wantErr string
	}{
		{"bad field count", "triggers.tsv", "talks\n", "triggers.tsv:1: want 2 tab-separated fields, got 1"},
		{"bad regexp", "levels.tsv", "# c\nstrategic partnership\t(unclosed\n", "levels.tsv:2: bad pattern"},
		{"unknown frame role", "frames.tsv", "# c\nsubj+bogus\t\\bfoo\\b\n", "frames.tsv:2: unknown role \"bogus\""},
		{"bad kind", "triggers.tsv", "lunch\t\\bdejeuner\\b\n", "triggers.tsv:1: unknown kind \"lunch\""},
		{"bad country", "cities.tsv", "XX\tAtlantis\n", "cities.tsv:1: unknown country code \"XX\""},
		{"bad person id", "persons.tsv", "Vladimir Putin\tRU\tVladimir Poutine\n", "persons.tsv:1: person id"},
		{"unknown file", "nonsense.tsv", "x\n", "nonsense.tsv: unknown rule file"},
		{"empty triggers", "triggers.tsv", "# nothing\n", "triggers.tsv: no entries: no meeting would ever be found"},
		{"empty titles", "titles.tsv", "", "titles.tsv: no entries"},
		{"empty levels", "levels.tsv", "\n", "levels.tsv: no entries"},
		{"empty persons", "persons.tsv", "", "persons.tsv: no entries"},
		{"empty home", "home.txt", "# none\n", "home.txt: no entries"},
		{"two home countries", "home.txt", "VN\nFR\n", "home.txt:2: a second home country \"FR\""},
		{"invalid UTF-8", "lexicon.txt", "un\ndeux\n\xff\n", "lexicon.txt:3: invalid UTF-8"},
		{"duplicate person id", "persons.tsv", "vladimir-putin\tRU\tVladimir Poutine\nvladimir-putin\tRU\tV. Poutine\n", "persons.tsv:2: duplicate person id \"vladimir-putin\" (first at line 1)"},
		{"good override", "triggers.tsv", "meeting\t\\bdejeuner\\b\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := LoadRules(dir)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Triggers) != 1 || r.Triggers[0].Value != "meeting" {
					t.Fatalf("override not applied: %+v", r.Triggers)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestOverrideChangesExtraction(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "triggers.tsv"), []byte("meeting\t\\bdejeune\\b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.ExtractBytes("t.txt", []byte("Le président Vo Van Thuong a déjeuné avec le président chilien Gabriel Boric."), Date{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Meetings) != 1 {
		t.Fatalf("meetings = %+v, want one from the overriding trigger", res.Meetings)
	}
}

func TestDumpRules(t *testing.T) {
	dir := t.TempDir()
	if err := DumpRules(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range RuleFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("dump lacks %s: %v", name, err)
		}
	}
	if _, err := LoadRules(dir); err != nil {
		t.Fatalf("dumped rules do not load: %v", err)
	}
}

func TestDemonymForms(t *testing.T) {
	tests := map[string][]string{
		"vietnamien": {"vietnamien", "vietnamienne", "vietnamiens", "vietnamiennes"},
		"russe":      {"russe", "russes"},
		"chinois":    {"chinois", "chinoise", "chinoises"},
		"américain":  {"américain", "américaine", "américains", "américaines"},
	}
	for in, want := range tests {
		got := demonymForms(in, "")
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("demonymForms(%q) = %v, want %v", in, got, want)
		}
	}
	if got := pluralTitle("Premier ministre"); got != "Premiers ministres" {
		t.Errorf("pluralTitle = %q", got)
	}
	if got := pluralTitle("secrétaire général du Parti"); got != "secrétaires généraux du Parti" {
		t.Errorf("pluralTitle = %q", got)
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Bùi Thanh Sơn":    "bui thanh son",
		"Sergueï Lavrov":   "serguei lavrov",
		"Nguyễn Phú Trọng": "nguyen phu trong",
		"Đỗ Bá Tỵ":         "do ba ty",
		"Chan-o-cha":       "chan o cha",
		"  Œuvre  d’art ":  "oeuvre d art",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		re   string
		want []string
	}{
		{`\bentretiens?\b`, []string{"entretien"}},
		{`\b(conversation|entretien|appel)s? telephoniques?\b`, []string{" telephonique"}},
		// the parser factors "entretiens?|entrevues?" into "entre(...)"
		{`\b(rencontres?|entretiens?|entrevues?) (de|du) `, []string{"rencontre", "entre"}},
		{`\b(a|ont) (assiste|participe)\b`, []string{"assiste", "participe"}},
		{`\bx?y`, []string{"y"}},
		{`\b[a-z]+\b`, nil},
	}
	for _, tc := range tests {
		tree, err := syntax.Parse(tc.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := requiredLiterals(tree.Simplify())
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("requiredLiterals(%q) = %q, want %q", tc.re, got, tc.want)
		}
	}
}

// The literal prefilter never hides a match: on the seed articles every
// rule pattern finds with it what the bare regular expression finds.
func TestPrefilterKeepsMatches(t *testing.T) {
	r := rules(t)
	var all []Pattern
	all = append(all, r.Triggers...)
	all = append(all, r.Negations...)
	all = append(all, r.Levels...)
	all = append(all, r.frames.meeting...)
	all = append(all, r.frames.other...)
	for _, ps := range r.frames.cues {
		all = append(all, ps...)
	}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seed articles")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := fold(string(data))
		for _, p := range all {
			if got, want := len(p.MatchAll(text)), len(p.Re.FindAllStringIndex(text, -1)); got != want {
				t.Errorf("%s on %s: %d matches with the prefilter, %d without", p.ID, f, got, want)
			}
		}
	}
}

func TestRuleFileThatIsADirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "triggers.tsv"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := LoadRules(dir)
	if err == nil || !strings.Contains(err.Error(), "triggers.tsv: is a directory") {
		t.Fatalf("err = %v, want the directory named", err)
	}
}
