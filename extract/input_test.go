package extract

import (
	"errors"
	"strings"
	"testing"
)

func TestReadInput(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		fallback Date
		wantDate string
		fromFile bool
		wantURL  string
		wantBody string // prefix of the text after header and date
		wantErr  string
	}{
		{name: "plain", in: "Titre\n\nTexte.", wantBody: "Titre"},
		{name: "date line", in: " date 2022-07 Hanoï, 6 juillet (VNA) - Texte", wantDate: "2022-07", fromFile: true, wantBody: " Hanoï"},
		{name: "full date line", in: " date 2025-10-15 Texte", wantDate: "2025-10-15", fromFile: true, wantBody: " Texte"},
		{name: "fallback", in: "Texte", fallback: Date{Year: 2024, Month: 3}, wantDate: "2024-03", wantBody: "Texte"},
		{name: "file beats fallback", in: " date 2022-07 Texte", fallback: Date{Year: 2024, Month: 3}, wantDate: "2022-07", fromFile: true, wantBody: " Texte"},
		{name: "bad month", in: " date 2022-13 Texte", wantErr: `f:1: date line "date 2022-13 Texte": no such date`},
		{name: "bad day", in: " date 2023-02-30 Texte", wantErr: "f:1: date line"},
		{name: "no such year", in: " date 0000-01-01 Texte", wantErr: "f:1: date line"},
		{name: "garbage glued to the date", in: " date 2022-07-06garbage Texte", wantErr: "f:1: date line"},
		{name: "not a date", in: " date 9999-99 Texte", wantErr: "f:1: date line"},
		{name: "half a date", in: " date 2022 Texte", wantErr: "f:1: date line"},
		{name: "the word date in a sentence", in: "date limite fixée", wantBody: "date limite"},
		{name: "a bare header", in: "url:\n", wantErr: "f:1: only a header"},
		{name: "UTF-16", in: "\xff\xfeL\x00e\x00", wantErr: "f:1: UTF-16 text"},
		{name: "UTF-16 without BOM", in: "L\x00e\x00 \x00m\x00", wantErr: "UTF-16 text"},
		{name: "header", in: "url: https://example.org/a\nretrieved-as: excerpt\n---\n date 2021-04 Texte", wantURL: "https://example.org/a", wantDate: "2021-04", fromFile: true, wantBody: " Texte"},
		{name: "bom", in: "\ufeff date 2020-05 Texte", wantDate: "2020-05", fromFile: true, wantBody: " Texte"},
		{name: "crlf header", in: "url: x\r\n---\r\nTexte\r\n", wantURL: "x", wantBody: "Texte"},
		{name: "binary", in: "abc\x00def", wantErr: "binary file"},
		{name: "empty", in: "", wantErr: "f: no article text"},
		{name: "only a header", in: "url: x\n---\n", wantErr: "no article text"},
		{name: "only a date", in: " date 2024-01\n", wantErr: "no article text"},
		{name: "invalid utf8", in: "Le pr\xe9sident\nx", wantErr: "f:1: invalid UTF-8 at byte 5"},
		{name: "invalid utf8 line 2", in: "ok\nLe pr\xe9sident", wantErr: "f:2: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readInput("f", []byte(tt.in), tt.fallback)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("err %T is not an *InputError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Date.String(); got != tt.wantDate {
				t.Errorf("date = %q, want %q", got, tt.wantDate)
			}
			if doc.DateFromFile != tt.fromFile {
				t.Errorf("DateFromFile = %v, want %v", doc.DateFromFile, tt.fromFile)
			}
			if doc.URL != tt.wantURL {
				t.Errorf("URL = %q, want %q", doc.URL, tt.wantURL)
			}
			if body := string(doc.Raw[doc.Body:]); !strings.HasPrefix(body, tt.wantBody) {
				t.Errorf("body = %q, want prefix %q", body, tt.wantBody)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, xsd string
		err           bool
	}{
		{"2022-07-06", "2022-07-06", "date", false},
		{"2022-07", "2022-07", "gYearMonth", false},
		{"--07-06", "--07-06", "gMonthDay", false},
		{"2022", "2022", "gYear", false},
		{"2022-02-30", "", "", true},
		{"2024-02-29", "2024-02-29", "date", false},
		{"2023-02-29", "", "", true},
		{"07/06/2022", "", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseDate(%q) err = %v", tt.in, err)
			continue
		}
		if d.String() != tt.want || d.XSDType() != tt.xsd {
			t.Errorf("ParseDate(%q) = %q %q, want %q %q", tt.in, d.String(), d.XSDType(), tt.want, tt.xsd)
		}
	}
}
