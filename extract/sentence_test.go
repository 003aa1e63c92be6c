package extract

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"M. Hugo Swire est venu. MM. Quang et Poutine ont parlé.", []string{"M. Hugo Swire est venu.", "MM. Quang et Poutine ont parlé."}},
		{"Le général V.Titov a parlé. Il est parti.", []string{"Le général V.Titov a parlé.", "Il est parti."}},
		{"Saud F.M. Alsuwelim est là. Fin.", []string{"Saud F.M. Alsuwelim est là.", "Fin."}},
		{"Il a dit d’aujourd’hui. Le ministre est venu!", []string{"Il a dit d’aujourd’hui.", "Le ministre est venu!"}},
		{"Le commerce a atteint 6,5 Mds. En 2022, il a crû.", []string{"Le commerce a atteint 6,5 Mds.", "En 2022, il a crû."}},
		{"Il a cité «Le monde. Les gens» et a conclu.", []string{"Il a cité «Le monde.", "Les gens» et a conclu."}},
		// A long run of marks is kept short (maxPunctRun) without moving a
		// sentence boundary.
		{"Il attendait" + strings.Repeat(".", 40) + " Le ministre est venu.", []string{"Il attendait" + strings.Repeat(".", 40), "Le ministre est venu."}},
		{"Fin" + strings.Repeat("-", 50) + "!" + " Puis il est parti.", []string{"Fin" + strings.Repeat("-", 50) + "!", "Puis il est parti."}},
	}
	for _, tt := range tests {
		p := Paragraph{Start: 0, End: len(tt.text), Zone: ZoneBody}
		var got []string
		for _, s := range sentences(tt.text, p, 0) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences(%q):\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		text       string
		place      string
		day, month int
		ok         bool
	}{
		{"Hanoï, 6 juillet (VNA) - Le ministre", "Hanoï", 6, 7, true},
		{"Hanoi,19 novembre (VNA) - Le Premier", "Hanoi", 19, 11, true},
		{"Hanoï (VNA)– Le président", "Hanoï", 0, 0, true},
		{"New Delhi (VNA) – Le chef", "New Delhi", 0, 0, true},
		{"(VOVWORLD) - Le vice-Premier ministre", "", 0, 0, true},
		{"AKP Phnom Penh, le 26 avril 2017 –", "Phnom Penh", 26, 4, true},
		{"Le ministre a dit - rien", "", 0, 0, false},
	}
	for _, tt := range tests {
		dl, ok := parseDateline(tt.text, 0, len(tt.text))
		if ok != tt.ok || dl.Place != tt.place || dl.Day != tt.day || dl.Month != tt.month {
			t.Errorf("parseDateline(%q) = %+v %v", tt.text, dl, ok)
		}
	}
}

func TestZones(t *testing.T) {
	text := "Titre de l’article\n\nHanoï (VNA) - Le texte commence ici.\nLe ministre X (droite) et Y. Photo : VNA\n\nLa suite du texte.\n\nVoir plus\n\nLe ministre A et B. Photo: VNA\n\nUn autre titre\n\nLe résumé de l’autre article.\n\nEncore un titre\n\nUn autre résumé."
	paras := zone(text)
	var got []string
	for _, p := range paras {
		got = append(got, p.Zone.String()+"/"+string(rune('0'+p.Doc)))
	}
	want := "title/0 lead/0 caption/0 body/0 marker/0 caption/1 title/1 lead/1 title/2 lead/2"
	if strings.Join(got, " ") != want {
		t.Errorf("zones = %s\nwant    %s", strings.Join(got, " "), want)
	}
}

func TestPunctuationRunsAreBounded(t *testing.T) {
	tests := []struct {
		text      string
		wantToks  int
		wantFirst string // text of the first and last kept tokens
		wantLast  string
	}{
		{strings.Repeat(".", 1<<20), maxPunctRun, ".", "."},
		{"a" + strings.Repeat("-", 100) + "!b", 1 + maxPunctRun + 1, "a", "b"},
		{strings.Repeat("«»", 30) + "x", maxPunctRun + 1, "«", "x"},
		{"... et ...", 7, ".", "."},
	}
	for _, tt := range tests {
		toks := tokenize(tt.text, 0, len(tt.text))
		if len(toks) != tt.wantToks || toks[0].Text != tt.wantFirst || toks[len(toks)-1].Text != tt.wantLast {
			t.Errorf("tokenize(%.20q…): %d tokens, first %q last %q; want %d, %q, %q",
				tt.text, len(toks), toks[0].Text, toks[len(toks)-1].Text, tt.wantToks, tt.wantFirst, tt.wantLast)
		}
	}
	// The run's last mark is the one before the next word.
	text := "a" + strings.Repeat("-", 100) + "!b"
	toks := tokenize(text, 0, len(text))
	if last := toks[len(toks)-2]; last.Text != "!" || last.Start != len(text)-2 {
		t.Errorf("the mark before the word is %q at %d, want \"!\" at %d", last.Text, last.Start, len(text)-2)
	}
}
