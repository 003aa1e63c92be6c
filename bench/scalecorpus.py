#!/usr/bin/env python3
"""The varied synthetic corpus of bench/scale.sh, deterministically.

  scalecorpus.py N OUTDIR BASEDIR...   write N articles into OUTDIR
  scalecorpus.py --update OUTDIR       add one sentence after every article's title
  scalecorpus.py --revert OUTDIR       take it away again

Article i is base article i % B (the .txt files of the BASEDIRs, sorted),
copy c = i // B, under the header "url: https://example.org/scale/i" (so
that an edited article is an update, not a new one). In copy c, the last
word of every run of two to four capitalised words (a person's name, and
sometimes an organisation's) gets a suffix that spells c: the graph grows
in nodes with the copies, and the persons of one copy recur across the base
articles that name them. Title and function words that start such runs
(Le, Premier, Président, ...) are left as they are, so that the extractor
still reads the titles.
"""
import os
import re
import sys

KEEP = set("""Le La Les L Un Une Des Du De Au Aux En Et Ce Cette Son Sa Ses Leur Lors Selon Dans Pour Par Sur
Premier Première Président Présidente Vice Ministre Secrétaire Général Générale Parti Comité Central Centrale
Assemblée Nationale National Etat État République Populaire Socialiste Démocratique Fédération Royaume Unis Uni
Affaires Etrangères Étrangères Défense Sécurité Publique Commerce Industrie Bureau Politique Conseil Gouvernement
Ambassadeur Ambassade Sa Majesté Roi Reine Prince Princesse Sultan Cheikh Sheikh Monsieur Madame Mme M MM
Vietnam Viet Nam Hanoi Hanoï Ho Chi Minh Ville Moscou Russie Chine Pékin Laos Cambodge France Paris Japon Tokyo
Corée Sud Nord Etats États Amérique Union Européenne Asie Est Ouest ASEAN ONU VNA""".split())

RUN = re.compile(r"\b[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){1,3}\b")
UPDATE = "Mise à jour : cet article a été complété par la rédaction.\n\n"


def suffix(c):
    letters = "bdfgklmnprstvz"
    s = ""
    c += 1
    while c:
        c, r = divmod(c, len(letters))
        s += letters[r] + "a"
    return s


def rename(text, c):
    sfx = suffix(c)

    def one(m):
        words = m.group(0).split()
        if words[-1] in KEEP or all(w in KEEP for w in words):
            return m.group(0)
        return m.group(0)[: m.end() - m.start() - len(words[-1])] + words[-1] + sfx

    return RUN.sub(one, text)


def body(text):
    # Drop a header (url: ... up to ---); keep the rest.
    if text.startswith("url:"):
        i = text.find("\n---\n")
        if i >= 0:
            return text[i + 5 :]
    return text


def main():
    args = sys.argv[1:]
    if args[0] in ("--update", "--revert"):
        for name in sorted(os.listdir(args[1])):
            p = os.path.join(args[1], name)
            with open(p, encoding="utf-8") as f:
                t = f.read()
            # The sentence goes after the title's line: every later
            # sentence moves, so every fact's evidence offsets change and
            # the article is a real update (a sentence appended at the end
            # that states no fact would leave its facts, and its digest,
            # as they were).
            head, sep, rest = t.partition("\n---\n")
            if args[0] == "--update" and UPDATE not in rest:
                i = rest.find("\n")
                rest = rest + "\n" + UPDATE if i < 0 else rest[: i + 1] + UPDATE + rest[i + 1 :]
            elif args[0] == "--revert" and UPDATE in rest:
                j = rest.find(UPDATE)
                if j + len(UPDATE) == len(rest) and rest[j - 1 : j] == "\n":
                    j -= 1  # a one-line text: the newline added with it
                    rest = rest[:j]
                else:
                    rest = rest[:j] + rest[j + len(UPDATE) :]
            t = head + sep + rest
            with open(p, "w", encoding="utf-8") as f:
                f.write(t)
        return
    n, out, bases = int(args[0]), args[1], args[2:]
    files = sorted(os.path.join(b, f) for b in bases for f in os.listdir(b) if f.endswith(".txt"))
    texts = []
    for p in files:
        with open(p, encoding="utf-8") as f:
            texts.append(body(f.read()))
    os.makedirs(out, exist_ok=True)
    width = len(str(n))
    for i in range(n):
        c, b = divmod(i, len(texts))
        with open(os.path.join(out, f"{i:0{width}d}.txt"), "w", encoding="utf-8") as f:
            f.write(f"url: https://example.org/scale/{i}\n---\n")
            f.write(rename(texts[b], c))


if __name__ == "__main__":
    main()
