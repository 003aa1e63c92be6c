package extract

import (
	"slices"
	"strings"
	"testing"
)

// Tests of the three document layers (entity, frame, clause) on sentences
// written for them.

func TestClauseReader(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "a+b" pairs
		not  []string
	}{
		{
			name: "chained predicates of one subject",
			text: "Le président slovène Marko Zupan a rendu hommage au président Ho Chi Minh, a eu des entretiens avec le président Vo Van Thuong et a rencontré le Premier ministre Pham Minh Chinh.",
			want: []string{"marko-zupan+vo-van-thuong", "marko-zupan+pham-minh-chinh"},
			not:  []string{"ho-chi-minh+marko-zupan"},
		},
		{
			name: "pronoun subject of chained predicates",
			text: "Le Premier ministre estonien Kaja Tamm est arrivé à Hanoï. Il s'est entretenu avec le Premier ministre Pham Minh Chinh et a eu des rencontres avec le président Vo Van Thuong et le président de l'Assemblée nationale Tran Thanh Man.",
			want: []string{"kaja-tamm+pham-minh-chinh", "kaja-tamm+vo-van-thuong", "kaja-tamm+tran-thanh-man"},
			not:  []string{"tran-thanh-man+vo-van-thuong", "pham-minh-chinh+vo-van-thuong"},
		},
		{
			name: "meeting noun with its own arguments inside a report",
			text: "Le Premier ministre Pham Minh Chinh a salué les résultats des rencontres du ministre de la Défense Phan Van Giang avec le ministre tchèque Jan Novak et le général Petr Dvorak.",
			want: []string{"jan-novak+phan-van-giang", "petr-dvorak+phan-van-giang"},
			not:  []string{"jan-novak+pham-minh-chinh", "pham-minh-chinh+phan-van-giang"},
		},
		{
			name: "fronted meeting phrase takes the main subject",
			text: "Lors d'une réception pour le président du Sénat chilien Pablo Rojas, le président Vo Van Thuong a affirmé que le Vietnam attachait une grande importance aux relations.",
			want: []string{"pablo-rojas+vo-van-thuong"},
		},
		{
			name: "a passive participle pairs the agent with the story's guest",
			text: "Le général lituanien Tomas Kairys a effectué une visite de travail à Hanoï. Accueilli par le général Nguyen Van Long, il a visité une académie militaire.",
			want: []string{"nguyen-van-long+tomas-kairys"},
		},
		{
			name: "courtesy visits to a coordinated object, then a chained meeting",
			text: "Le président du Sénat tchèque Petr Novak a rendu des visites de courtoisie au secrétaire général To Lam et au président Luong Cuong, et a rencontré le Premier ministre Pham Minh Chinh.",
			want: []string{"petr-novak+to-lam", "luong-cuong+petr-novak", "petr-novak+pham-minh-chinh"},
			not:  []string{"luong-cuong+to-lam"},
		},
		{
			name: "an anaphoric meeting noun whose sentence names other persons",
			text: "Le ministre Bui Thanh Son a reçu le ministre chilien Pablo Rojas.\n\nCette rencontre s'inscrit dans la continuité de l'accord entre le président Vo Van Thuong et le président chilien Gabriel Soto.\n\nPablo Rojas a salué l'amitié.",
			want: []string{"bui-thanh-son+pablo-rojas"},
			not:  []string{"gabriel-soto+vo-van-thuong"},
		},
		{
			name: "coordinated agents of a passive, the second with a long title",
			text: "L'événement était coprésidé par le vice-ministre vietnamien des Affaires étrangères, Bui Thanh Son, et le ministre d'État chilien pour l'Asie et le Pacifique et pour le Bureau des affaires étrangères et du développement, Pablo Rojas.",
			want: []string{"bui-thanh-son+pablo-rojas"},
		},
		{
			name: "credentials in the singular, the letter of a third person",
			text: "L'ambassadeur du Vietnam au Portugal, Dinh Van Toan, a présenté le 20 octobre la lettre de créance du président Vo Van Thuong à son homologue portugais Marco Ribeiro.",
			want: []string{"dinh-van-toan+marco-ribeiro"},
			not:  []string{"marco-ribeiro+vo-van-thuong", "dinh-van-toan+vo-van-thuong"},
		},
		{
			name: "a gerund fronted: its subject is the main clause's",
			text: "En recevant l'ambassadrice d'Espagne, Carmen Ruiz De Lasala, le président Vo Van Thuong a proposé une coopération accrue.",
			want: []string{"carmen-ruiz-de-lasala+vo-van-thuong"},
		},
		{
			name: "taking part in consultations with a coordinated subject",
			text: "Le vice-ministre Le Hoai Trung et son homologue indien Anil Kapoor ont participé lundi à Hanoi aux 7es consultations politiques Vietnam-Inde.",
			want: []string{"anil-kapoor+le-hoai-trung"},
		},
		{
			name: "a coordinated subject that discussed, an adverb between",
			text: "Park Min-jun et Nguyen Xuan Phuc ont échangé notamment sur la coopération.",
			want: []string{"nguyen-xuan-phuc+park-min-jun"},
		},
		{
			name: "a coordinated subject that discussed",
			text: "Le ministre chilien Pablo Rojas et le ministre Bui Thanh Son ont discuté de la coopération.",
			want: []string{"bui-thanh-son+pablo-rojas"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := pairKeys(extractText(t, tc.text))
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s in %v", w, got)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("unexpected %s in %v", n, got)
				}
			}
		})
	}
}

func TestFrame(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		pair  string
		place string // want place of that pair's meeting
	}{
		{
			name:  "visit country refined by the city the story names",
			text:  "Le Premier ministre croate Ivo Horvat effectue une visite officielle au Vietnam.\n\nIl est arrivé dimanche soir à Hanoï.\n\nLe Premier ministre Pham Minh Chinh a reçu Ivo Horvat.",
			pair:  "ivo-horvat+pham-minh-chinh",
			place: "Hanoï",
		},
		{
			name:  "a country when no city is given",
			text:  "Le président Vo Van Thuong poursuit sa visite d'État au Kenya.\n\nLe président Vo Van Thuong s'est entretenu avec le président kényan William Otieno.",
			pair:  "vo-van-thuong+william-otieno",
			place: "Kenya",
		},
		{
			name:  "a visit that ends: its noun wins over the arrival at home",
			text:  "Le président Vo Van Thuong est arrivé le 5 mai à Hanoï, terminant sa visite d'État en Irlande.\n\nLe président Vo Van Thuong a eu des entretiens avec la présidente irlandaise Mary Byrne.",
			pair:  "mary-byrne+vo-van-thuong",
			place: "Irlande",
		},
		{
			name:  "an ambassador's post is not a place",
			text:  "Le président cubain Luis Pérez Soto a reçu l'ambassadeur du Vietnam à Cuba, Tran Van Nam.",
			pair:  "luis-perez-soto+tran-van-nam",
			place: "",
		},
		{
			name:  "a city the gazetteer lacks, by its shape",
			text:  "Le ministre chinois Li Wenhua a rencontré à Xichang, dans la province du Sichuan, le ministre Bui Thanh Son.",
			pair:  "bui-thanh-son+li-wenhua",
			place: "Xichang",
		},
		{
			name:  "a call takes no place from the dateline",
			text:  "Hanoï (VNA) - Le secrétaire général To Lam s'est entretenu en ligne jeudi avec le chancelier allemand Karl Weber.\n\nLes deux dirigeants se sont entretenus de la coopération.",
			pair:  "karl-weber+to-lam",
			place: "",
		},
		{
			name:  "the city the story puts a participant in, when nothing else places the meeting",
			text:  "Vietnam - Pérou : entretien des ministres.\n\nLors de l'entretien, le ministre Bui Thanh Son a salué la ministre péruvienne Ana Quispe.\n\nAuparavant, le ministre Bui Thanh Son a visité un musée à Arequipa.",
			pair:  "ana-quispe+bui-thanh-son",
			place: "Arequipa",
		},
		{
			name:  "a city the story only talks about is not the place",
			text:  "Le ministre Bui Thanh Son a reçu la ministre péruvienne Ana Quispe.\n\nLes deux parties ont évoqué la reconstruction de Arequipa.",
			pair:  "ana-quispe+bui-thanh-son",
			place: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := extractText(t, tc.text)
			for _, m := range res.Meetings {
				if pairKey(m) == tc.pair {
					if m.Place != tc.place {
						t.Errorf("place = %q (%s), want %q", m.Place, m.PlaceRule, tc.place)
					}
					return
				}
			}
			t.Errorf("no meeting %s in %v", tc.pair, pairKeys(res))
		})
	}
}

func TestFrameSides(t *testing.T) {
	// Also present: they join the meeting before, on their side, and meet
	// the other side only.
	res := extractText(t, "Le Premier ministre Pham Minh Chinh a reçu le vice-Premier ministre letton Janis Ozols. Étaient également présents le ministre de l'Économie, Andris Kalnins, et le vice-ministre Nguyen Van Tien.")
	got := pairKeys(res)
	for _, w := range []string{"janis-ozols+pham-minh-chinh", "andris-kalnins+pham-minh-chinh", "janis-ozols+nguyen-van-tien"} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	for _, n := range []string{"nguyen-van-tien+pham-minh-chinh", "andris-kalnins+janis-ozols"} {
		if slices.Contains(got, n) {
			t.Errorf("same side met: %s in %v", n, got)
		}
	}
	if c := personCountry(res, "andris-kalnins"); c != "LV" {
		t.Errorf("a present guest takes the guest side's country: got %q", c)
	}

	// Delegation members take the country of the head they accompany; "la
	// délégation" stands for its head.
	res = extractText(t, "Le Premier ministre lao Bounmy Keo est arrivé à Hanoï. Le chef du gouvernement lao est accompagné du ministre de la Défense Somsak Vongsa ; du ministre des Finances Khamla Sengdao.\n\nLa délégation conduite par Bounmy Keo a été reçue par le président Vo Van Thuong.")
	if c := personCountry(res, "somsak-vongsa"); c != "LA" {
		t.Errorf("a delegation member's country: got %q", c)
	}
	if got := pairKeys(res); !slices.Contains(got, "bounmy-keo+vo-van-thuong") {
		t.Errorf("the delegation's head met the host: %v", got)
	}

	// "les deux pays" in a partnership sentence is the story's pair.
	res = extractText(t, "Le président Vo Van Thuong a reçu le président finlandais Juha Virtanen. Les deux pays, qui coopèrent aussi avec la Suède, ont établi un partenariat stratégique.")
	found := false
	for _, p := range res.Partnerships {
		found = found || p.Countries == [2]string{"FI", "VN"}
		if p.Countries[0] == "SE" || p.Countries[1] == "SE" {
			t.Errorf("an incidental country took the pair: %v", p.Countries)
		}
	}
	if !found {
		t.Errorf("partnerships = %+v, want FI–VN", res.Partnerships)
	}
}

func TestEntityLayer(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		id    string
		names []string // surface forms merged into the one person
	}{
		{
			name:  "initials and patronymic",
			text:  "Le président de la Douma Ivan Petrovich Sidorenko a reçu le ministre Bui Thanh Son. I.P. Sidorenko a salué la visite. Ivan Sidorenko a rappelé l'amitié.",
			id:    "ivan-petrovich-sidorenko",
			names: []string{"Ivan Petrovich Sidorenko", "I.P. Sidorenko", "Ivan Sidorenko"},
		},
		{
			name:  "misspelt second mention",
			text:  "Le ministre lao des Affaires étrangères Thongsavanh Phomvihanh a rencontré le ministre Bui Thanh Son. Thongsavanh Phomvihane a remercié le Vietnam.",
			id:    "thongsavanh-phomvihanh",
			names: []string{"Thongsavanh Phomvihanh", "Thongsavanh Phomvihane"},
		},
		{
			name:  "Romance particle inside a name",
			text:  "Le Premier ministre Pham Minh Chinh a reçu le ministre portugais de l'Économie Marco Ribeiro de Sá.",
			id:    "marco-ribeiro-de-sa",
			names: []string{"Marco Ribeiro de Sá"},
		},
		{
			name:  "a name coordinated with a person needs no title",
			text:  "Le président Vo Van Thuong a reçu le président slovaque Peter Kollar et Martina Kollarova.",
			id:    "martina-kollarova",
			names: []string{"Martina Kollarova"},
		},
		{
			name:  "a name coordinated before a known person needs no title",
			text:  "Le président coréen a reçu son homologue. Park Min-jun et Nguyen Xuan Phuc ont échangé notamment sur la coopération.",
			id:    "park-min-jun",
			names: []string{"Park Min-jun"},
		},
		{
			name:  "an honorific the lists lack before a known person",
			text:  "Samdech Thipadei Hun Manet a reçu l'ambassadeur du Vietnam, Nguyen Huy Tang.",
			id:    "hun-manet",
			names: []string{"Hun Manet"},
		},
		{
			name:  "a generated city name inside a person's name is the name",
			text:  "Le ministre Bui Thanh Son a reçu le ministre britannique David Santos et Vladimir Melo.",
			id:    "vladimir-melo",
			names: []string{"Vladimir Melo"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := extractText(t, tc.text)
			var ids []string
			for _, p := range res.Persons {
				ids = append(ids, p.ID)
				if p.ID != tc.id {
					continue
				}
				for _, n := range tc.names {
					if !slices.Contains(p.Names, n) {
						t.Errorf("names %q lack %q", p.Names, n)
					}
				}
				return
			}
			t.Errorf("no person %s in %v", tc.id, ids)
		})
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"ivan petrovich sidorov", "ivan sidorov", true},
		{"i p sidorov", "ivan petrovich sidorov", true},
		{"v v volodin", "viatcheslav volodine", true},
		{"bounthong sayavongh", "bounthong sayavong", true},
		{"nguyen van an", "nguyen van anh", false},
		{"ivan sidorov", "petr sidorov", false},
		{"pham minh chinh", "pham binh minh", false},
	}
	for _, tc := range tests {
		if got := sameName(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
			t.Errorf("sameName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func pairKey(m Meeting) string {
	ps := slices.Clone(m.Participants)
	slices.Sort(ps)
	return strings.Join(ps, "+")
}

func pairKeys(res *Result) []string {
	var out []string
	for _, m := range res.Meetings {
		if !m.Planned {
			out = append(out, pairKey(m))
		}
	}
	return out
}

func personCountry(res *Result, id string) string {
	for _, p := range res.Persons {
		if p.ID == id {
			return p.Country
		}
	}
	return "?"
}

func TestGroupNationality(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		country map[string]string // person id -> country ("" none)
	}{
		{
			name:    "members listed after a colon take the nationality said before",
			text:    "Le Premier ministre Pham Minh Chinh a reçu une délégation.\n\nPlusieurs membres du Parti populaire révolutionnaire lao font partie de la délégation : le ministre des Finances Boun Saysom, le ministre de la Santé Kham Vongsa.",
			country: map[string]string{"boun-saysom": "LA", "kham-vongsa": "LA"},
		},
		{
			name:    "members of the visitor's delegation when no head is named",
			text:    "Le Premier ministre lao Sonexay Siphandone est arrivé à Hanoï.\n\nLa délégation comprend le ministre de l'Industrie Boun Saysom et le ministre et président de l'Office du gouvernement Khamsay Vongsa.",
			country: map[string]string{"boun-saysom": "LA", "khamsay-vongsa": "LA"},
		},
		{
			name:    "a Vietnamese name stays Vietnamese beside a foreign demonym",
			text:    "Le vice-ministre Hoang Xuan Chien et des dirigeants du ministère russe de la Défense ont coprésidé la réunion.",
			country: map[string]string{"hoang-xuan-chien": "VN"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := extractText(t, tc.text)
			got := map[string]string{}
			for _, p := range res.Persons {
				got[p.ID] = p.Country
			}
			for id, c := range tc.country {
				if g, ok := got[id]; !ok {
					t.Errorf("no person %s in %v", id, got)
				} else if g != c {
					t.Errorf("%s: country %q, want %q", id, g, c)
				}
			}
		})
	}
}

func TestNameAfterTitleComplement(t *testing.T) {
	tests := []struct {
		text   string
		person string // "" when the run is not a person
	}{
		{"Le ministre Bui Thanh Son a reçu le président de l'Office du gouvernement Khamsay Vongsa.", "khamsay-vongsa"},
		{"Le ministre Bui Thanh Son a reçu le président du groupe Charoen Pokphand.", ""},
		{"Le ministre Bui Thanh Son a reçu le directeur de la banque Kasikorn Thai.", ""},
	}
	for _, tc := range tests {
		res := extractText(t, tc.text)
		var ids []string
		for _, p := range res.Persons {
			if p.ID != "bui-thanh-son" {
				ids = append(ids, p.ID)
			}
		}
		want := []string{}
		if tc.person != "" {
			want = []string{tc.person}
		}
		if !slices.Equal(ids, want) && !(len(ids) == 0 && len(want) == 0) {
			t.Errorf("%q: persons %v, want %v", tc.text, ids, want)
		}
	}
}

func TestVisitEndedDate(t *testing.T) {
	text := "Hanoï, 17 octobre (VNA) – Le président du Sénat tchèque Petr Novak a quitté Hanoï lundi 16 octobre, terminant sa visite officielle de deux jours au Vietnam.\n\nPetr Novak a rencontré le Premier ministre Pham Minh Chinh."
	x := &Extractor{Rules: rules(t)}
	res, err := x.ExtractBytes("test.txt", []byte(text), Date{Year: 2023, Month: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Meetings {
		if pairKey(m) == "petr-novak+pham-minh-chinh" {
			if got := m.Date.String(); got != "2023-10" {
				t.Errorf("date = %s (%s), want 2023-10: the dateline is written after the visit", got, m.Evidence.DateRule)
			}
			return
		}
	}
	t.Errorf("no meeting in %v", pairKeys(res))
}

func TestLeadEventDate(t *testing.T) {
	text := "Dans l'après-midi du 29 janvier, au Palais présidentiel, le président Vo Van Thuong a reçu les ambassadeurs de Pologne et d'Espagne, venus présenter leurs lettres de créance.\n\nEn recevant l'ambassadrice d'Espagne, Carmen Ruiz De Lasala, le président Vo Van Thuong a proposé une coopération accrue."
	x := &Extractor{Rules: rules(t)}
	res, err := x.ExtractBytes("t.txt", []byte(text), Date{Year: 2024, Month: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Meetings {
		if pairKey(m) == "carmen-ruiz-de-lasala+vo-van-thuong" {
			if m.Date.String() != "2024-01-29" {
				t.Errorf("date %s (%s), want the lead's 2024-01-29", m.Date, m.Evidence.DateRule)
			}
			return
		}
	}
	t.Errorf("no meeting in %v", pairKeys(res))
}
