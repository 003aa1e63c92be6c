package extract

import (
	"sort"
	"strings"
	"testing"
)

func extractText(t testing.TB, text string) *Result {
	t.Helper()
	x := &Extractor{Rules: rules(t)}
	res, err := x.ExtractBytes("test.txt", []byte(text), Date{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// meetingKeys returns "a+b kind date" for each meeting (planned ones
// prefixed with "planned ").
func meetingKeys(res *Result) []string {
	var out []string
	for _, m := range res.Meetings {
		ps := append([]string{}, m.Participants...)
		sort.Strings(ps)
		k := strings.Join(ps, "+") + " " + m.Kind + " " + m.Date.String()
		if m.Planned {
			k = "planned " + k
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestMeetings(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "talks with date and counterpart's nationality",
			text: " date 2023-09 Hanoï, 12 septembre (VNA) - Le ministre vietnamien des Affaires étrangères Nguyen Van Binh a eu un entretien, le 11 septembre à Hanoï, avec son homologue hongrois Peter Szabo.",
			want: []string{"nguyen-van-binh+peter-szabo talks 2023-09-11"},
		},
		{
			name: "reception with glued words",
			text: " date 2024-05 Le Premier ministre Pham Minh Chinh a reçu le 3 mai leministre japonais des Affaires étrangères Kenji Watanabe.",
			want: []string{"kenji-watanabe+pham-minh-chinh meeting 2024-05-03"},
		},
		{
			name: "phone call without a year",
			text: "Le président Tran Van Hoa a eu le 14 janvier une conversation téléphonique avec le président chilien Gabriel Morales.",
			want: []string{"gabriel-morales+tran-van-hoa phone_call --01-14"},
		},
		{
			name: "video call",
			text: " date 2021-06 Le vice-Premier ministre Le Van Thanh a eu le 2 juin une visioconférence avec le ministre indien du Commerce Rajesh Kumar.",
			want: []string{"le-van-thanh+rajesh-kumar video_call 2021-06-02"},
		},
		{
			name: "credentials",
			text: " date 2022-03 Le président Nguyen Xuan Phuc a reçu le 8 mars à Hanoï les lettres de créance de l’ambassadeur du Brésil, Marco Silva.",
			want: []string{"marco-silva+nguyen-xuan-phuc credentials 2022-03-08"},
		},
		{
			name: "co-chaired dialogue",
			text: "Le vice-ministre vietnamien de la Défense Hoang Van Long et son homologue australien, le général Mark Evans, ont coprésidé le 5 octobre à Canberra le dialogue de défense.",
			want: []string{"hoang-van-long+mark-evans dialogue --10-05"},
		},
		{
			name: "previous year from a January article",
			text: " date 2022-01 Le ministre Bui Thanh Son a rencontré le 28 décembre le ministre thaïlandais Somchai Wong.",
			want: []string{"bui-thanh-son+somchai-wong meeting 2021-12-28"},
		},
		{
			name: "between two persons",
			text: "Un entretien a eu lieu le 9 avril entre le Premier ministre Pham Minh Chinh et le chancelier autrichien Karl Huber.",
			want: []string{"karl-huber+pham-minh-chinh talks --04-09"},
		},
		{
			name: "message is not a meeting",
			text: "Le président Vo Van Thuong a adressé un message de félicitations au président élu argentin Javier Milei.",
			want: nil,
		},
		{
			name: "future visit is planned",
			text: " date 2026-02 Le secrétaire général To Lam effectuera le 5 février une visite au Laos, où il rencontrera le président lao Thongloun Sisoulith.",
			want: []string{"planned thongloun-sisoulith+to-lam meeting 2026-02-05"},
		},
		{
			name: "caption alone is no meeting",
			text: "Titre sans rencontre\n\nLe ministre Bui Thanh Son (gauche) et le ministre cubain Bruno Rodriguez. Photo : VNA\n\nLe texte parle de coopération.",
			want: nil,
		},
		{
			name: "pronoun object",
			text: " date 2025-03 Le Premier ministre singapourien Lawrence Wong est arrivé à Hanoï. Le président Luong Cuong et le président de l'Assemblée nationale Tran Thanh Man ont eu des entrevues avec lui.",
			want: []string{"lawrence-wong+luong-cuong meeting 2025-03", "lawrence-wong+tran-thanh-man meeting 2025-03"},
		},
		{
			name: "subject pronoun with a list",
			text: " date 2024-08 Le secrétaire général To Lam est arrivé à Pékin. Il a également rencontré le Premier ministre chinois Li Qiang et le président de l'ANP Zhao Leji.",
			want: []string{"li-qiang+to-lam meeting 2024-08", "to-lam+zhao-leji meeting 2024-08"},
		},
		{
			name: "yesterday from the dateline",
			text: "Phnom Penh, le 10 mai 2019 (VNA) – Le ministre Pham Binh Minh a reçu hier le ministre cambodgien Prak Sokhonn.",
			want: []string{"pham-binh-minh+prak-sokhonn meeting 2019-05-09"},
		},
		{
			name: "a body in the title is not a complement",
			text: " date 2024-04 Le Premier ministre Pham Minh Chinh a reçu en audience le 9 avril le président de la Chambre des représentants australienne, Milton Dick.",
			want: []string{"milton-dick+pham-minh-chinh meeting 2024-04-09"},
		},
		{
			name: "bare title subject resolves to its holder",
			text: " date 2024-11 Le Premier ministre Pham Minh Chinh est arrivé au Brésil.\n\nÀ Rio, le Premier ministre s’est entretenu le 18 novembre avec le président brésilien Luiz Inacio Lula da Silva et le Premier ministre canadien Justin Trudeau.",
			want: []string{"justin-trudeau+pham-minh-chinh talks 2024-11-18", "luiz-inacio-lula-da-silva+pham-minh-chinh talks 2024-11-18"},
		},
		{
			name: "a city before a name is not part of it",
			text: " date 2023-11 Le 25 novembre, le ministre de la Sécurité publique To Lam a reçu à Hanoï Sergueï Choïgou, secrétaire du Conseil de sécurité de la Fédération de Russie.",
			want: []string{"serguei-choigou+to-lam meeting 2023-11-25"},
		},
		{
			name: "video call co-chaired",
			text: "Par visioconférence, la ministre de l'Industrie et du Commerce Nguyen Hong Dien et son homologue indonésien Zulkifli Hasan ont coprésidé le 3 mars la 5e réunion de la commission mixte.",
			want: []string{"nguyen-hong-dien+zulkifli-hasan video_call --03-03"},
		},
		{
			name: "a delegation led by a named person; the party gives the nationality",
			text: " date 2024-09 Le vice-président Vo Thi Anh Xuan a reçu le 10 septembre une délégation du Parti communiste chinois conduite par Li Shulei, membre du Bureau politique.",
			want: []string{"li-shulei+vo-thi-anh-xuan meeting 2024-09-10"},
		},
		{
			name: "discussed with, phoned",
			text: "Le ministre Bui Thanh Son a discuté le 3 juin avec son homologue philippin Enrique Manalo. Le président Luong Cuong a téléphoné au président sud-africain Cyril Ramaphosa le 20 septembre.",
			want: []string{"bui-thanh-son+enrique-manalo talks --06-03", "cyril-ramaphosa+luong-cuong phone_call --09-20"},
		},
		{
			name: "the two leaders, the same day",
			text: " date 2024-06 Hanoï (VNA) - Le secrétaire général Nguyen Phu Trong a reçu le 20 juin à Hanoï le président russe Vladimir Poutine.\n\nAuparavant, le président To Lam a présidé la cérémonie d'accueil en l'honneur du président Poutine, puis les deux dirigeants ont eu des entretiens.\n\nLe même jour, le Premier ministre Pham Minh Chinh a eu une entrevue avec le dirigeant russe.",
			want: []string{"nguyen-phu-trong+vladimir-putin meeting 2024-06-20", "pham-minh-chinh+vladimir-putin meeting 2024-06-20", "to-lam+vladimir-putin talks 2024-06"},
		},
		{
			name: "a wish to meet is not a meeting",
			text: "La ministre australienne Sue Lines est à Hanoï. Le chef de l'Etat vietnamien a exprimé son souhait de rencontrer prochainement le président américain Joe Biden.",
			want: nil,
		},
		{
			name: "envoy's principal is not a participant",
			text: "Le 3 mars, le ministre Le Hoai Trung, envoyé spécial du secrétaire général du Parti, To Lam, a rencontré le président russe Vladimir Poutine.",
			want: []string{"le-hoai-trung+vladimir-putin meeting --03-03"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractText(t, tt.text)
			got := meetingKeys(res)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("meetings:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPersons(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string // person id -> nationality
	}{
		{
			name: "titles and demonyms",
			text: "Le président russe Vladimir Poutine et le Premier ministre de Malaisie, Anwar Ibrahim, ont parlé avec le ministre sud-soudanais des Affaires étrangères, Monday Semaya Kumba.",
			want: map[string]string{"vladimir-putin": "RU", "anwar-ibrahim": "MY", "monday-semaya-kumba": "SS"},
		},
		{
			name: "apposition after the name",
			text: "Évariste Ndayishimiye, président du Burundi, est venu.",
			want: map[string]string{"evariste-ndayishimiye": "BI"},
		},
		{
			name: "vietnamese name without title",
			text: "Selon Nguyen Thi Hoa, la coopération progresse.",
			want: map[string]string{"nguyen-thi-hoa": "VN"},
		},
		{
			name: "ambassador of a country",
			text: "L’ambassadeur du Vietnam en Égypte, Nguyen Nam Duong, et l’ambassadrice de Nouvelle-Zélande, Mme Caroline Beresford.",
			want: map[string]string{"nguyen-nam-duong": "VN", "caroline-beresford": "NZ"},
		},
		{
			name: "no person in organisations",
			text: "Le président du groupe Charoen Pokphand, Dhanin Chearavanont, a rencontré la délégation.",
			want: map[string]string{"dhanin-chearavanont": ""},
		},
		{
			name: "initial and family name of a known person",
			text: "V. Poutine: Chers amis, je suis heureux.",
			want: map[string]string{"vladimir-putin": "RU"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractText(t, tt.text)
			got := map[string]string{}
			for _, p := range res.Persons {
				got[p.ID] = p.Country
			}
			if len(got) != len(tt.want) {
				t.Errorf("persons = %v, want %v", got, tt.want)
			}
			for id, c := range tt.want {
				if gc, ok := got[id]; !ok || gc != c {
					t.Errorf("person %s: got %q (present %v), want %q; all %v", id, gc, ok, c, got)
				}
			}
		})
	}
}

func TestPartnerships(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"compound", "Les deux parties ont salué le partenariat stratégique intégral Vietnam-Russie.", []string{"RU-VN comprehensive strategic partnership"}},
		{"between", "Le partenariat stratégique entre l’Indonésie et le Vietnam progresse.", []string{"ID-VN strategic partnership"}},
		{"global", "Un nouvel élan pour le Partenariat stratégique global Vietnam–France.", []string{"FR-VN comprehensive strategic partnership"}},
		{"with home country", "Le Japon veut approfondir son partenariat stratégique intégral avec le Vietnam.", []string{"JP-VN comprehensive strategic partnership"}},
		{"one country", "L'Australie est devenue un partenaire stratégique intégral.", []string{"AU-VN comprehensive strategic partnership"}},
		{"bloc is not a country pair", "Il a parlé du partenariat stratégique ASEAN-Russie.", nil},
		{"comprehensive", "Le partenariat intégral Vietnam-États-Unis a dix ans.", []string{"US-VN comprehensive partnership"}},
		{"special relationship", "Vietnam – Laos : une relation spéciale réaffirmée.", []string{"LA-VN special relationship"}},
		{"compound demonym", "La coopération russo-vietnamienne et le partenariat stratégique russo-vietnamien.", []string{"RU-VN strategic partnership"}},
		{"another partner of the subject is not the other side", "Ce déplacement a permis de promouvoir la coopération avec la Hongrie et de concrétiser le partenariat stratégique intégral avec la Pologne.", []string{"PL-VN comprehensive strategic partnership"}},
		{"a country named as a place is not a party", "Le ministre chilien, en escale à Hanoï avant une réunion au Japon, a rencontré des dirigeants vietnamiens pour évoquer un partenariat stratégique.", []string{"CL-VN strategic partnership"}},
		{"the two countries with no meeting: the story's most named", "La France et le Vietnam ont une longue histoire. La France est un partenaire du Vietnam. Le partenariat stratégique entre les deux pays a dix ans.", []string{"FR-VN strategic partnership"}},
		{"an excerpt cut off mid-sentence is still body text", "La France et le Vietnam ont une longue histoire.\n\nLe partenariat stratégique entre les deux pays reflète une relation étroite construite au cours des décennie", []string{"FR-VN strategic partnership"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractText(t, tt.text)
			var got []string
			for _, p := range res.Partnerships {
				got = append(got, p.Countries[0]+"-"+p.Countries[1]+" "+p.Level)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNamesAreCapped(t *testing.T) {
	text := "Le ministre " + strings.Repeat("Abcdef ", 3000) + "a reçu le ministre Bui Thanh Son."
	res := extractText(t, text)
	for _, p := range res.Persons {
		if len(p.Name) > maxNameBytes {
			t.Errorf("a %d-byte person name", len(p.Name))
		}
	}
}
