package source

import (
	"strings"
	"testing"
)

func TestVisibleText(t *testing.T) {
	page := `<html><head><title>T</title><script>var x = "<p>no</p>";</script><style>p{}</style></head><body><p>L&#39;ambassadeur&nbsp;a  reçu</p><!-- c --><p>M. &eacute;t&eacute;</p></body></html>`
	v := visibleText([]byte(page))
	if want := "T L'ambassadeur a reçu M. été"; strings.TrimSpace(v.text) != want {
		t.Fatalf("text %q, want %q", v.text, want)
	}
	if len(v.offs) != len(v.text) {
		t.Fatalf("%d offsets for %d bytes", len(v.offs), len(v.text))
	}
	// Each decoded byte points at its source: the apostrophe at its entity.
	i := strings.Index(v.text, "'")
	if got := page[v.offs[i]:]; !strings.HasPrefix(got, "&#39;") {
		t.Errorf("apostrophe points at %q", got[:10])
	}
	if got := page[v.offs[strings.Index(v.text, "reçu")]:]; !strings.HasPrefix(got, "reçu") {
		t.Errorf("word points at %q", got[:10])
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\ufeff  <html lang=fr>", true},
		{"<!-- saved page --><html>", true},
		{"<!-- a comment in a text article -->", false},
		{"Le ministre <b>a reçu</b>", false},
		{" date 2022-07 Hanoï", false},
	}
	for _, tc := range tests {
		if got := LooksLikeHTML([]byte(tc.in)); got != tc.want {
			t.Errorf("LooksLikeHTML(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestReadHTML(t *testing.T) {
	page := `<!DOCTYPE html><html lang="fr"><head>
<title>Le ministre reçoit son homologue | Site</title>
<meta property="og:url" content="https://example.org/article-1">
<meta property="article:published_time" content="2024-03-05T10:00:00+07:00">
<meta name="description" content="Hanoï, 5 mars (VNA) - Le ministre Bui Thanh Son a reçu le 5 mars son homologue chilien Pablo Rojas.">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li></ul></nav>
<article>
<h1>Le ministre reçoit son homologue</h1>
<div class="sapo">Hanoï, 5 mars (VNA) - Le ministre Bui Thanh Son a reçu le 5 mars son homologue chilien Pablo Rojas.</div>
<div class="content">
<figure><img src="a.jpg"><figcaption>Bui Thanh Son (droite) et Pablo Rojas. Photo : VNA</figcaption></figure>
<p>Les deux ministres ont passé en revue la coopération bilatérale dans les domaines de l'économie, du commerce et de l'éducation.</p>
<p>Ils ont convenu de renforcer les échanges de délégations à tous les niveaux et de promouvoir les investissements.</p>
<p>Le ministre chilien a invité son homologue vietnamien à effectuer une visite au Chili à une date qui lui conviendra.</p>
</div>
</article>
<section class="related"><h2>Sur le même sujet</h2>
<article><h3><a href="/x">Le président Luong Cuong reçoit l'ambassadeur du Japon Ito Naoki</a></h3></article>
<article><h3><a href="/y">Le Premier ministre Pham Minh Chinh rencontre Ignazio La Russa</a></h3></article>
</section>
<footer><p>Adresse : 79 rue Ly Thuong Kiet, Hanoï.</p></footer>
</body></html>`
	p, err := ReadHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != "https://example.org/article-1" || p.Date.Format("2006-01-02") != "2024-03-05" {
		t.Errorf("metadata: url %q date %v", p.URL, p.Date)
	}
	paras := strings.Split(p.Text, "\n\n")
	if len(paras) < 5 || !strings.HasPrefix(paras[0], "Le ministre reçoit") || !strings.HasPrefix(paras[1], "Hanoï, 5 mars") || !strings.HasPrefix(paras[2], "Bui Thanh Son (droite)") {
		t.Errorf("paragraphs (title, lead, caption, body):\n%s", strings.Join(paras, "\n--\n"))
	}
	for _, bad := range []string{"Accueil", "Sur le même sujet", "Luong Cuong", "Ignazio", "Ly Thuong Kiet"} {
		if strings.Contains(p.Text, bad) {
			t.Errorf("boilerplate %q in the article text", bad)
		}
	}
	if len(p.Offs) != len(p.Text) {
		t.Fatalf("%d offsets for %d bytes", len(p.Offs), len(p.Text))
	}
	// Every paragraph's first byte points at the same text in the page.
	start := 0
	for _, para := range paras {
		at := p.Offs[start]
		if !strings.HasPrefix(page[at:], para[:12]) {
			t.Errorf("paragraph %q points at %q", para[:12], page[at:at+12])
		}
		start += len(para) + 2
	}
}
