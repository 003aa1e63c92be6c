package extract

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:generate go run ./internal/gencountries rules/countries.tsv

// defaultRules holds the rule files compiled into the binary.
//
//go:embed rules/*.tsv rules/*.txt
var defaultRules embed.FS

// RuleFiles lists the names of the rule files, in load order.
var RuleFiles = []string{
	"countries.tsv", "country_aliases.tsv", "demonyms.tsv", "compounds.tsv",
	"cities.tsv", "organizations.tsv", "persons.tsv", "titles.tsv",
	"vn_surnames.txt", "stopwords.txt", "lexicon.txt", "triggers.tsv", "frames.tsv", "negations.tsv",
	"levels.tsv", "home.txt",
}

// RuleError is a broken line in a rule file.
type RuleError struct {
	File string
	Line int
	Msg  string
}

func (e *RuleError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Country is an entry of the country gazetteer.
type Country struct {
	Code   string // ISO 3166-1 alpha-2
	NameFR string
	NameEN string
}

// KnownPerson is an entry of the person gazetteer.
type KnownPerson struct {
	ID      string
	Country string // "" when the person represents no country
	Name    string
	Aliases []string
	// surnames are the folded last words of the names.
	surnames map[string]bool
}

// Pattern is a compiled rule line: a regular expression over folded text
// with the value it stands for (a meeting kind, a level, a negation kind).
type Pattern struct {
	ID    string // file:line, used as the rule id in evidence
	Value string
	Re    *regexp.Regexp
	roles map[string]bool // of a frame
	// lit is a literal every match contains; a text without it is not
	// searched (most sentences have no cue at all).
	lit string
}

// frameRoles are the roles a frames.tsv line may name.
var frameRoles = map[string]bool{"-": true, "present": true, "head": true, "visit": true, "members": true, "subj": true, "obj": true, "avec": true, "par": true, "de": true, "entre": true}

// MatchAll reports every match of the pattern in s.
func (p *Pattern) MatchAll(s string) [][]int {
	if p.lit != "" && !strings.Contains(s, p.lit) {
		return nil
	}
	return p.Re.FindAllStringIndex(s, -1)
}

// Match reports the first match of the pattern in s, or nil.
func (p *Pattern) Match(s string) []int {
	if p.lit != "" && !strings.Contains(s, p.lit) {
		return nil
	}
	return p.Re.FindStringIndex(s)
}

// requiredLiteral returns the longest literal that every match of re
// contains, or "".
func requiredLiteral(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return ""
		}
		return string(re.Rune)
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiteral(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiteral(re.Sub[0])
		}
	case syntax.OpConcat:
		best, run := "", ""
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 {
				run += string(sub.Rune)
				if len(run) > len(best) {
					best = run
				}
				continue
			}
			if sub.Op == syntax.OpWordBoundary || sub.Op == syntax.OpBeginText || sub.Op == syntax.OpEndText || sub.Op == syntax.OpBeginLine || sub.Op == syntax.OpEndLine {
				continue // zero-width: the literal run goes on
			}
			run = ""
			if l := requiredLiteral(sub); len(l) > len(best) {
				best = l
			}
		}
		return best
	}
	return ""
}

// Title is a title phrase with its head role.
type Title struct {
	Head   string
	Phrase string
}

// Rules is the loaded rule set. Build one with LoadRules; the zero value is
// not usable.
type Rules struct {
	Countries map[string]*Country // by code
	Persons   []*KnownPerson
	Triggers  []Pattern
	// Frames are the argument frames of predicates (frames.tsv): Value is
	// the '+'-joined roles, "-" for a predicate that is not a meeting.
	Frames    []Pattern
	Negations []Pattern
	Levels    []Pattern
	Titles    []Title
	// Home is the country the news is about (the readers' country): a
	// partnership sentence that names one other country pairs it with Home.
	Home string

	surnames  map[string]bool
	stopwords map[string]bool
	lexicon   map[string]bool
	// phrase gazetteer over folded tokens
	gaz *gazetteer
}

// LoadRules loads the embedded rules, with every file present in dir (when
// dir is not empty) replacing the embedded file of the same name. All broken
// lines are reported, each as file:line: reason.
func LoadRules(dir string) (*Rules, error) {
	var errs []error
	files := map[string][]byte{}
	for _, name := range RuleFiles {
		data, err := defaultRules.ReadFile("rules/" + name)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("rules directory: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("rules directory: %s is not a directory", dir)
		}
		known := map[string]bool{}
		for _, n := range RuleFiles {
			known[n] = true
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if !known[e.Name()] {
				errs = append(errs, fmt.Errorf("%s: unknown rule file (known: %s)", filepath.Join(dir, e.Name()), strings.Join(RuleFiles, ", ")))
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				errs = append(errs, err)
				continue
			}
			files[e.Name()] = data
		}
	}
	r := &Rules{
		Countries: map[string]*Country{},
		surnames:  map[string]bool{},
		stopwords: map[string]bool{},
		lexicon:   map[string]bool{},
		gaz:       newGazetteer(),
	}
	display := func(name string) string {
		if dir != "" {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return filepath.Join(dir, name)
			}
		}
		return "rules/" + name
	}
	for _, name := range RuleFiles {
		p := &ruleParser{file: display(name)}
		r.load(name, files[name], p)
		errs = append(errs, p.errs...)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	r.gaz.finish()
	return r, nil
}

// DumpRules writes the embedded rule files into dir, creating it.
func DumpRules(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fs.WalkDir(defaultRules, "rules", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := defaultRules.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644)
	})
}

type multiError []error

func (m multiError) Error() string {
	var b strings.Builder
	for i, e := range m {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (m multiError) Unwrap() []error { return m }

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return multiError(errs)
}

type ruleParser struct {
	file string
	errs []error
}

func (p *ruleParser) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, &RuleError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// lines calls fn with the fields of every non-blank, non-comment line.
func (p *ruleParser) lines(data []byte, minFields, maxFields int, fn func(line int, f []string)) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		f := strings.Split(text, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) > minFields && f[len(f)-1] == "" {
			f = f[:len(f)-1]
		}
		if len(f) < minFields || len(f) > maxFields {
			if minFields == maxFields {
				p.fail(n, "want %d tab-separated fields, got %d", minFields, len(f))
			} else {
				p.fail(n, "want %d to %d tab-separated fields, got %d", minFields, maxFields, len(f))
			}
			continue
		}
		for i, x := range f[:minFields] {
			if x == "" {
				p.fail(n, "field %d is empty", i+1)
				goto next
			}
		}
		fn(n, f)
	next:
	}
	if err := sc.Err(); err != nil {
		p.fail(n+1, "%v", err)
	}
}

var isoRe = regexp.MustCompile(`^[A-Z]{2}$`)

func (r *Rules) country(p *ruleParser, line int, code string) bool {
	if !isoRe.MatchString(code) {
		p.fail(line, "%q is not an ISO 3166-1 alpha-2 code", code)
		return false
	}
	if _, ok := r.Countries[code]; !ok {
		p.fail(line, "unknown country code %q (not in countries.tsv)", code)
		return false
	}
	return true
}

func (r *Rules) load(name string, data []byte, p *ruleParser) {
	switch name {
	case "countries.tsv":
		p.lines(data, 2, 3, func(n int, f []string) {
			if !isoRe.MatchString(f[0]) {
				p.fail(n, "%q is not an ISO 3166-1 alpha-2 code", f[0])
				return
			}
			c := &Country{Code: f[0], NameFR: f[1]}
			if len(f) > 2 {
				c.NameEN = f[2]
			}
			r.Countries[c.Code] = c
			r.gaz.add(c.NameFR, Entity{Kind: KindCountry, ID: c.Code})
			if c.NameEN != "" {
				r.gaz.add(c.NameEN, Entity{Kind: KindCountry, ID: c.Code})
			}
		})
	case "country_aliases.tsv":
		p.lines(data, 2, 2, func(n int, f []string) {
			if r.country(p, n, f[0]) {
				r.gaz.add(f[1], Entity{Kind: KindCountry, ID: f[0]})
			}
		})
	case "demonyms.tsv":
		p.lines(data, 2, 3, func(n int, f []string) {
			if !r.country(p, n, f[0]) {
				return
			}
			fem := ""
			if len(f) > 2 {
				fem = f[2]
			}
			for _, form := range demonymForms(f[1], fem) {
				r.gaz.add(form, Entity{Kind: KindDemonym, ID: f[0]})
			}
		})
	case "compounds.tsv":
		p.lines(data, 2, 2, func(n int, f []string) {
			if r.country(p, n, f[0]) {
				r.gaz.addPrefix(fold(f[1]), f[0])
			}
		})
	case "cities.tsv":
		p.lines(data, 2, 2, func(n int, f []string) {
			if r.country(p, n, f[0]) {
				r.gaz.add(f[1], Entity{Kind: KindCity, ID: f[0], Name: f[1]})
			}
		})
	case "organizations.tsv":
		p.lines(data, 2, 3, func(n int, f []string) {
			e := Entity{Kind: KindOrg, ID: strings.ToLower(f[0]), Name: f[1]}
			if len(f) > 2 {
				if !r.country(p, n, f[2]) {
					return
				}
				e.Country = f[2]
			}
			r.gaz.add(f[1], e)
		})
	case "persons.tsv":
		p.lines(data, 3, 4, func(n int, f []string) {
			if f[1] != "-" && !r.country(p, n, f[1]) {
				return
			}
			if slug(f[0]) != f[0] {
				p.fail(n, "person id %q must be lower-case ASCII words joined by '-' (want %q)", f[0], slug(f[0]))
				return
			}
			kp := &KnownPerson{ID: f[0], Name: f[2]}
			if f[1] != "-" {
				kp.Country = f[1]
			}
			if len(f) > 3 && f[3] != "" {
				for _, a := range strings.Split(f[3], "|") {
					if a = strings.TrimSpace(a); a != "" {
						kp.Aliases = append(kp.Aliases, a)
					}
				}
			}
			kp.surnames = map[string]bool{}
			for _, nm := range append([]string{kp.Name}, kp.Aliases...) {
				if w := strings.Fields(Fold(nm)); len(w) >= 2 {
					kp.surnames[w[len(w)-1]] = true
				}
			}
			r.Persons = append(r.Persons, kp)
			idx := len(r.Persons) - 1
			for _, nm := range append([]string{kp.Name}, kp.Aliases...) {
				r.gaz.add(nm, Entity{Kind: KindPerson, ID: kp.ID, Ref: idx})
				// "V. Poutine": the initial of the given name and the family name.
				if w := strings.Fields(nm); len(w) == 2 {
					ini, _ := utf8.DecodeRuneInString(w[0])
					r.gaz.add(string(ini)+". "+w[1], Entity{Kind: KindPerson, ID: kp.ID, Ref: idx})
				}
			}
		})
	case "titles.tsv":
		p.lines(data, 2, 2, func(n int, f []string) {
			r.Titles = append(r.Titles, Title{Head: f[0], Phrase: f[1]})
			r.gaz.add(f[1], Entity{Kind: KindTitle, ID: f[0], Name: f[1]})
			if pl := pluralTitle(f[1]); pl != f[1] {
				r.gaz.add(pl, Entity{Kind: KindTitle, ID: f[0], Name: f[1], Plural: true})
			}
		})
	case "vn_surnames.txt":
		p.lines(data, 1, 1, func(n int, f []string) { r.surnames[fold(f[0])] = true })
	case "stopwords.txt":
		p.lines(data, 1, 1, func(n int, f []string) { r.stopwords[fold(f[0])] = true })
	case "home.txt":
		p.lines(data, 1, 1, func(n int, f []string) {
			if r.country(p, n, f[0]) {
				r.Home = f[0]
			}
		})
	case "lexicon.txt":
		p.lines(data, 1, 1, func(n int, f []string) { r.lexicon[fold(f[0])] = true })
	case "triggers.tsv":
		r.Triggers = p.patterns(data, name, map[string]bool{"talks": true, "meeting": true, "phone_call": true, "video_call": true, "credentials": true, "dialogue": true})
	case "frames.tsv":
		r.Frames = p.patterns(data, name, nil)
		for i, f := range r.Frames {
			for _, role := range strings.Split(f.Value, "+") {
				if !frameRoles[role] {
					var line int
					fmt.Sscanf(f.ID, "frames:%d", &line)
					p.fail(line, "unknown role %q in %q (want '-', 'present', 'head', 'visit', 'members' or roles among subj, obj, avec, par, de, entre joined by '+')", role, f.Value)
				}
			}
			r.Frames[i].roles = map[string]bool{}
			for _, role := range strings.Split(f.Value, "+") {
				r.Frames[i].roles[role] = true
			}
		}
	case "negations.tsv":
		r.Negations = p.patterns(data, name, map[string]bool{"planned": true, "message": true})
	case "levels.tsv":
		r.Levels = p.patterns(data, name, nil)
	}
}

func (p *ruleParser) patterns(data []byte, name string, allowed map[string]bool) []Pattern {
	var out []Pattern
	p.lines(data, 2, 2, func(n int, f []string) {
		if allowed != nil && !allowed[f[0]] {
			keys := make([]string, 0, len(allowed))
			for k := range allowed {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			p.fail(n, "unknown kind %q (want one of %s)", f[0], strings.Join(keys, ", "))
			return
		}
		re, err := regexp.Compile(f[1])
		if err != nil {
			p.fail(n, "bad pattern: %v", err)
			return
		}
		pat := Pattern{ID: fmt.Sprintf("%s:%d", strings.TrimSuffix(name, filepath.Ext(name)), n), Value: f[0], Re: re}
		if tree, err := syntax.Parse(f[1], syntax.Perl); err == nil {
			pat.lit = requiredLiteral(tree.Simplify())
		}
		out = append(out, pat)
	})
	return out
}

// pluralTitle returns the plural of a title phrase: "Premiers ministres",
// "secrétaires généraux", "chefs d'État".
func pluralTitle(phrase string) string {
	words := strings.Fields(phrase)
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && (lw == "de" || lw == "du" || lw == "des" || lw == "la" || lw == "le" || lw == "les" || strings.HasPrefix(lw, "d'") || strings.HasPrefix(lw, "l'") || strings.HasPrefix(lw, "d’")) {
			break // the complement stays singular
		}
		switch {
		case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "."):
		case strings.HasSuffix(w, "al"):
			words[i] = w[:len(w)-2] + "aux"
		default:
			words[i] = w + "s"
		}
	}
	return strings.Join(words, " ")
}

// demonymForms returns the four forms (masculine and feminine, singular and
// plural) of a French demonym.
func demonymForms(masc, fem string) []string {
	if fem == "" {
		switch {
		case strings.HasSuffix(masc, "ien"), strings.HasSuffix(masc, "éen"):
			fem = masc + "ne"
		case strings.HasSuffix(masc, "e"), strings.HasSuffix(masc, "è"):
			fem = masc
		default:
			fem = masc + "e"
		}
	}
	plural := func(s string) string {
		if strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") {
			return s
		}
		return s + "s"
	}
	forms := []string{masc, fem, plural(masc), plural(fem)}
	seen := map[string]bool{}
	out := forms[:0]
	for _, f := range forms {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}
