package extract

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
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
	"vn_surnames.txt", "stopwords.txt", "lexicon.txt", "name_nouns.txt", "triggers.tsv", "frames.tsv", "negations.tsv",
	"levels.tsv", "home.txt", "world_cities.tsv",
}

// RuleError is a broken line in a rule file.
type RuleError struct {
	File string
	Line int
	Msg  string
}

func (e *RuleError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg) // the whole file
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Country is an entry of the country gazetteer.
type Country struct {
	Code    string // ISO 3166-1 alpha-2
	NameFR  string
	NameEN  string
	Aliases []string // country_aliases.tsv: other spellings and long forms
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
	// lits are literals one of which every match contains; a text without
	// any is not searched (most sentences have no cue at all).
	lits []string
}

// argRoles are the argument roles a meeting frame of frames.tsv may join
// with '+'.
var argRoles = map[string]bool{"subj": true, "obj": true, "avec": true, "par": true, "de": true, "entre": true}

// frameSet is frames.tsv, by what each line is for.
type frameSet struct {
	meeting []Pattern            // argument frames of meeting cues
	other   []Pattern            // predicates that are not meetings ("-")
	cues    map[string][]Pattern // frame cues: present, head, visit, members
}

// mayMatch reports whether s holds one of the pattern's required
// literals (or the pattern has none).
func (p *Pattern) mayMatch(s string) bool {
	if p.lits == nil {
		return true
	}
	for _, l := range p.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// MatchAll reports every match of the pattern in s.
func (p *Pattern) MatchAll(s string) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Re.FindAllStringIndex(s, -1)
}

// Match reports the first match of the pattern in s, or nil.
func (p *Pattern) Match(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Re.FindStringIndex(s)
}

// requiredLiterals returns literals one of which every match of re
// contains (nil when it cannot tell): the longest literal of a sequence,
// or one per branch of an alternation ("entretien|rencontre").
func requiredLiterals(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	case syntax.OpConcat:
		var best []string
		better := func(l []string) {
			if shortest(l) > shortest(best) {
				best = l
			}
		}
		run := ""
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 {
				run += string(sub.Rune)
				better([]string{run})
				continue
			}
			if sub.Op == syntax.OpWordBoundary || sub.Op == syntax.OpBeginText || sub.Op == syntax.OpEndText || sub.Op == syntax.OpBeginLine || sub.Op == syntax.OpEndLine {
				continue // zero-width: the literal run goes on
			}
			run = ""
			better(requiredLiterals(sub))
		}
		return best
	}
	return nil
}

// shortest returns the length of the shortest of ls, 0 for none.
func shortest(ls []string) int {
	n := 0
	for i, l := range ls {
		if i == 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

// Title is a title phrase with its head role.
type Title struct {
	Head   string
	Phrase string
}

// Rules is the loaded rule set. Build one with LoadRules; the zero value is
// not usable.
type Rules struct {
	// Fingerprint is a hash of the rule files as loaded (embedded or
	// overridden): the same fingerprint, the same rules.
	Fingerprint string
	Countries   map[string]*Country // by code
	Persons     []*KnownPerson
	Triggers    []Pattern
	Negations   []Pattern
	Levels      []Pattern
	Titles      []Title
	// Home is the country the news is about (the readers' country): a
	// partnership sentence that names one other country pairs it with Home.
	Home string

	surnames  map[string]bool
	stopwords map[string]bool
	lexicon   map[string]bool
	nameNouns map[string]bool // name_nouns.txt
	frames    frameSet        // frames.tsv
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
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if e.IsDir() {
				errs = append(errs, fmt.Errorf("%s: is a directory, not a rule file", filepath.Join(dir, e.Name())))
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
		nameNouns: map[string]bool{},
		frames:    frameSet{cues: map[string][]Pattern{}},
		gaz:       newGazetteer(),
	}
	fp := sha256.New()
	for _, name := range RuleFiles {
		fmt.Fprintf(fp, "%s %d\n", name, len(files[name]))
		fp.Write(files[name])
	}
	r.Fingerprint = hex.EncodeToString(fp.Sum(nil))
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
		data := files[name]
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
			p.fail(line, "invalid UTF-8; rule files are UTF-8 text")
			errs = append(errs, p.errs...)
			continue
		}
		r.load(name, data, p)
		if why, ok := requiredRules[name]; ok && p.entries == 0 && len(p.errs) == 0 {
			p.fail(0, "no entries: %s", why)
		}
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
	file    string
	errs    []error
	entries int // lines read
}

// requiredRules are the rule files that cannot be empty, with what an
// empty one would silently do.
var requiredRules = map[string]string{
	"countries.tsv": "no country would be recognised",
	"triggers.tsv":  "no meeting would ever be found",
	"titles.tsv":    "no title would introduce a person",
	"levels.tsv":    "no partnership would ever be found",
	"persons.tsv":   "no known person would be recognised",
	"home.txt":      "it names the country the news is about",
	"frames.tsv":    "no meeting argument would be read",
}

// firstInvalid returns the offset of the first byte of data that is not
// UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
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
		p.entries++
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
				r.Countries[f[0]].Aliases = append(r.Countries[f[0]].Aliases, f[1])
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
		ids := map[string]int{}
		p.lines(data, 3, 4, func(n int, f []string) {
			if first, dup := ids[f[0]]; dup {
				p.fail(n, "duplicate person id %q (first at line %d)", f[0], first)
				return
			}
			ids[f[0]] = n
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
		first := 0
		p.lines(data, 1, 1, func(n int, f []string) {
			if first > 0 {
				p.fail(n, "a second home country %q (line %d names %q); home.txt names one", f[0], first, r.Home)
				return
			}
			if r.country(p, n, f[0]) {
				r.Home, first = f[0], n
			}
		})
	case "world_cities.tsv":
		// Generated from GeoNames (world_cities.sh): a name is taken only
		// where no other rule file gives it, outside the home country
		// (cities.tsv lists its places by hand, and its place names are
		// also given names), and never a one-word name that is a common
		// word or a name syllable.
		p.lines(data, 2, 2, func(n int, f []string) {
			if !r.country(p, n, f[0]) || f[0] == r.Home || r.gaz.has(f[1]) {
				return
			}
			if w := strings.Fields(f[1]); len(w) == 1 {
				k := fold(w[0])
				if len(k) < 4 || r.lexicon[k] || r.stopwords[k] || r.surnames[k] {
					return
				}
			}
			r.gaz.add(f[1], Entity{Kind: KindCity, ID: f[0], Name: f[1], Weak: true})
		})
	case "name_nouns.txt":
		p.lines(data, 1, 1, func(n int, f []string) { r.nameNouns[fold(f[0])] = true })
	case "lexicon.txt":
		p.lines(data, 1, 1, func(n int, f []string) { r.lexicon[fold(f[0])] = true })
	case "triggers.tsv":
		r.Triggers = p.patterns(data, name, checkKind("talks", "meeting", "phone_call", "video_call", "credentials", "dialogue"))
	case "frames.tsv":
		for _, f := range p.patterns(data, name, checkRoles) {
			f.roles = map[string]bool{}
			for _, role := range strings.Split(f.Value, "+") {
				f.roles[role] = true
			}
			switch f.Value {
			case "-":
				r.frames.other = append(r.frames.other, f)
			case "present", "head", "visit", "members", "ended", "shift":
				r.frames.cues[f.Value] = append(r.frames.cues[f.Value], f)
			default:
				r.frames.meeting = append(r.frames.meeting, f)
			}
		}
	case "negations.tsv":
		r.Negations = p.patterns(data, name, checkKind("planned", "message"))
	case "levels.tsv":
		r.Levels = p.patterns(data, name, nil)
	}
}

// checkKind accepts the values of a pattern file that are one of kinds.
func checkKind(kinds ...string) func(string) string {
	return func(v string) string {
		if slices.Contains(kinds, v) {
			return ""
		}
		sorted := slices.Sorted(slices.Values(kinds))
		return fmt.Sprintf("unknown kind %q (want one of %s)", v, strings.Join(sorted, ", "))
	}
}

// checkRoles accepts the roles of a frames.tsv line.
func checkRoles(v string) string {
	switch v {
	case "-", "present", "head", "visit", "members", "ended", "shift":
		return ""
	}
	for _, role := range strings.Split(v, "+") {
		if !argRoles[role] {
			return fmt.Sprintf("unknown role %q in %q (want '-', 'present', 'head', 'visit', 'members' or roles among subj, obj, avec, par, de, entre joined by '+')", role, v)
		}
	}
	return ""
}

// patterns reads a file of value-pattern lines; check, when not nil,
// returns what is wrong with a value.
func (p *ruleParser) patterns(data []byte, name string, check func(string) string) []Pattern {
	var out []Pattern
	p.lines(data, 2, 2, func(n int, f []string) {
		if check != nil {
			if msg := check(f[0]); msg != "" {
				p.fail(n, "%s", msg)
				return
			}
		}
		re, err := regexp.Compile(f[1])
		if err != nil {
			p.fail(n, "bad pattern: %v", err)
			return
		}
		pat := Pattern{ID: fmt.Sprintf("%s:%d", strings.TrimSuffix(name, filepath.Ext(name)), n), Value: f[0], Re: re}
		if tree, err := syntax.Parse(f[1], syntax.Perl); err == nil {
			// A literal of one or two bytes (" ") is in every sentence.
			if lits := requiredLiterals(tree.Simplify()); shortest(lits) >= 3 {
				pat.lits = lits
			}
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
