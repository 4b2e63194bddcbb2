"""Generate a second synthetic vault, shaped unlike bench/generate.py's, for benchmarks.

    python bench/generate_other.py OUT_DIR --notes 10000 [--seed 1]

bench/generate.py makes evenly sized notes in nested folders, a small vocabulary and many
wikilinks. This vault is the other kind (issue #16: the vault's prose changes the answer):
flat (the root, a `Daily` folder of daily notes, a `Clippings` folder), a vocabulary of a few
hundred real English words (technical ones included), long paragraphs and long lists, few
wikilinks but many Markdown links and URLs, heavy frontmatter (nested lists, quoted strings,
dates, YAML comments), tables, footnotes and tasks; sizes far apart (a note in 500 is 30-60 KB,
a third are a line or two); 5% of notes in Italian (half of them say `lang: it`); and planted
defects: typos, trailing spaces, extra blank lines (so `--fix` has work).
"""

from __future__ import annotations

import random
from pathlib import Path

ENGLISH = (
    "ability absolute access account accurate action active actual address advance advice "
    "agent agree allow almost alone already always amount analyse ancient animal annual answer "
    "anyone apart appear apply approach area argue around arrive article aside assume attempt "
    "attention author available average avoid aware balance barely basic battery become before "
    "behind believe benefit better between beyond billion border bottom branch bridge brief "
    "bright broad budget build burden business button buyer cable cache calendar camera "
    "capital careful carry castle category cause ceiling central century certain chain chance "
    "change chapter cheap choice church circle citizen claim classic clean clear client climate "
    "closely coffee collect column comfort command comment common company compare compile "
    "complex concept concern confirm connect consider constant contain context continue "
    "contract control correct council country couple course cover create credit critical "
    "culture current customer damage danger database deadline debate decade decide default "
    "define degree deliver demand deploy depth describe desert detail develop device diagram "
    "digital direct distance divide doctor document domain double driver during early economy "
    "editor effect effort either element energy engine enough entire entry equal error escape "
    "estimate evening event evidence exact example exchange execute exist expect expert explain "
    "export extend extract factor family farmer feature field figure filter final finance "
    "finger flight floor flower folder follow foreign forest format former forward frame "
    "freedom friend function future garden gather general gentle global govern gradient "
    "ground growth guess handle happen harbour hardware health heavy height history holiday "
    "hospital human hundred husband identify ignore image impact import improve include "
    "increase index indeed infant inform inside install instance intent interest interface "
    "island issue itself journey judge kernel kitchen ladder language large latency launch "
    "layer leader league legacy length letter level library license light limit listen little "
    "local logic machine manage manner margin market master matter meadow measure medium memory "
    "mention merge message method middle migrate minute mirror mobile module moment monitor "
    "morning mother motion mountain network neutral normal notice number object obtain ocean "
    "office online option orange order output owner packet parent parser partner pattern "
    "payload people period permit person picture pipeline planet player pocket policy portion "
    "position powder prefer prepare present pretty prevent price private problem process "
    "produce profile program project promise proper protocol provide public purpose quality "
    "quarter query question quickly random rather reader reason recent record reduce refactor "
    "region release remain remote repair replace report request require research resolve "
    "resource response result return review river routine runtime sample schema screen search "
    "season second section secure select sender series server service session settle shadow "
    "signal silver simple single sister socket software source speaker spring stable station "
    "storage stream street string student subject summer supply surface switch symbol syntax "
    "system table target teacher thread throughput ticket timeout token traffic transfer "
    "travel trigger update upload useful valley value vector version village virtual visitor "
    "volume weather window winter within without wonder worker writer yellow yesterday"
).split()
GLUE = "the a of and to in is that for it as with was on be by this are from at or an".split()
GLUE_IT = "il la di e a in che per con un una è del della nel sul al dei".split()
ITALIAN = (
    "il la le gli una uno di da con per tra fra che non come anche ancora sempre molto poco "
    "questo quella quando dove perché casa giorno sera mattina lavoro tempo anno mese settimana "
    "città strada montagna mare lago fiume giardino cucina libro lettera pagina parola lingua "
    "storia persona amico famiglia madre padre fratello sorella bambino scuola ufficio progetto "
    "riunione programma sistema problema risposta domanda esempio risultato metodo analisi "
    "scrivere leggere parlare pensare capire sapere vedere trovare portare lasciare tornare "
    "cominciare finire aspettare cercare mangiare dormire viaggiare bello grande piccolo nuovo "
    "vecchio lungo breve facile difficile importante possibile necessario semplice comune "
    "bianco nero rosso verde chiaro oscuro freddo caldo presto tardi oggi domani ieri insieme"
).split()
TYPOS = ["wierd", "beleive", "goverment", "enviroment", "neccessary", "publically",
         "tommorow", "truely", "existance", "begining"]
DOMAINS = ["docs.python.org/3/library", "en.wikipedia.org/wiki", "github.com/acme/tools/issues",
           "news.ycombinator.com/item", "developer.mozilla.org/en-US/docs", "arxiv.org/abs"]
TAGS = ["reading", "tech/python", "tech/db", "work/ops", "health", "travel", "finance", "recipes"]


def words(rng: random.Random, n: int, vocab: list[str]) -> list[str]:
    """Content words with glue words (of the same language) between, as in running text."""
    glue = GLUE if vocab is ENGLISH else GLUE_IT
    return [w for pair in zip(rng.choices(vocab, k=n), rng.choices(glue, k=n)) for w in pair][:n]


def sentence(rng: random.Random, vocab: list[str], typos: bool) -> str:
    ws = words(rng, rng.randint(10, 28), vocab)
    if typos and rng.random() < 0.01:
        ws[rng.randrange(1, len(ws))] = rng.choice(TYPOS)
    return ws[0].capitalize() + " " + " ".join(ws[1:]) + rng.choice([".", ".", ".", "?", "!"])


def url(rng: random.Random) -> str:
    return f"https://{rng.choice(DOMAINS)}/{rng.choice(ENGLISH)}-{rng.randint(1, 9999)}"


def paragraph(rng: random.Random, vocab: list[str], names: list[str], typos: bool) -> str:
    """A long paragraph; English ones carry Markdown links, URLs and, rarely, a wikilink."""
    text = " ".join(sentence(rng, vocab, typos) for _ in range(rng.randint(4, 9)))
    if vocab is ENGLISH:
        text += f" More in [{rng.choice(ENGLISH)} notes]({url(rng)}) and at {url(rng)}."
        if rng.random() < 0.15:
            text += f" Compare [[{rng.choice(names)}]]."
    return text


def frontmatter(rng: random.Random, title: str, lang: str | None) -> str:
    authors = "".join(f'  - name: "{rng.choice(ENGLISH).capitalize()} {rng.choice(ENGLISH)}"\n'
                      f"    role: {rng.choice(['author', 'editor', 'translator'])}\n"
                      for _ in range(rng.randint(1, 3)))
    return ("---\n# clipped, then edited by hand\n"
            f'title: "{title}: a {rng.choice(ENGLISH)} review"\n'
            f"created: 2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"updated: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            f"T10:{rng.randint(10, 59)}:00\n"
            f"status: {rng.choice(['draft', 'final', 'archived'])}  # workflow state\n"
            + (f"lang: {lang}\n" if lang else "")
            + "tags:\n" + "".join(f"  - {t}\n" for t in rng.sample(TAGS, 3))
            + "authors:\n" + authors
            + f"source: '{url(rng)}'\nrating: {rng.randint(1, 5)}\n---\n")


def table(rng: random.Random) -> str:
    rows = "".join(f"| {rng.choice(ENGLISH)} | {rng.randint(1, 999)} ms | "
                   f"{rng.choice(['yes', 'no'])} |\n" for _ in range(rng.randint(3, 8)))
    return "| name | latency | cached |\n|---|---:|:---:|\n" + rows.rstrip("\n")


def long_list(rng: random.Random) -> str:
    items = []
    for k in range(rng.randint(8, 25)):
        box = rng.choice(["- [ ] ", "- [x] ", "- ", "- "])
        items.append(box + " ".join(words(rng, rng.randint(3, 12), ENGLISH)))
        if k % 6 == 5:
            items.append("    - " + " ".join(words(rng, 5, ENGLISH)))
    return "\n".join(items)


def body(rng: random.Random, title: str, names: list[str], sections: int, italian: bool) -> str:
    vocab = ITALIAN if italian else ENGLISH
    parts, notes = [f"# {title}"], []
    for s in range(sections):
        parts.append(f"## {' '.join(rng.choices(vocab, k=3)).capitalize()}")
        for _ in range(rng.randint(1, 3)):
            parts.append(paragraph(rng, vocab, names, not italian))
        kind = rng.random()
        if kind < 0.2:
            parts.append(table(rng))
        elif kind < 0.45:
            parts.append(long_list(rng))
        elif kind < 0.6:
            n = len(notes) + 1
            parts[-1] += f"[^{n}]"
            notes.append(f"[^{n}]: {sentence(rng, ENGLISH, False)} {url(rng)}")
    return "\n\n".join(parts + notes) + "\n"


def defects(rng: random.Random, text: str) -> str:
    """Trailing spaces after a paragraph and extra blank lines, in 5% of notes each."""
    if rng.random() < 0.05:
        text = text.replace(".\n\n", ".   \n\n", 1)
    if rng.random() < 0.05:
        text = text.replace("\n\n## ", "\n\n\n\n## ", 1)
    return text


def tiny(rng: random.Random, title: str) -> str:
    return f"# {title}\n\n{sentence(rng, ENGLISH, True)}\n"


def daily(rng: random.Random, day: int, names: list[str]) -> tuple[str, str]:
    date = f"{2022 + day // 336}-{day // 28 % 12 + 1:02d}-{day % 28 + 1:02d}"
    tasks = "".join(f"- [{rng.choice(' x')}] {' '.join(words(rng, rng.randint(3, 9), ENGLISH))}\n"
                    for _ in range(rng.randint(2, 7)))
    link = f"\nMet about [[{rng.choice(names)}]].\n" if rng.random() < 0.3 else ""
    return f"Daily/{date}", f"---\ndate: {date}\nmood: {rng.randint(1, 5)}\n---\n\n{tasks}{link}"


def titles(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    out = []
    while len(out) < count:
        name = " ".join(rng.choices(ENGLISH, k=rng.randint(2, 4))).capitalize()
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


def note(rng: random.Random, i: int, title: str, names: list[str]) -> str:
    """Sizes far apart: a note in 500 is 30-60 KB, a third are tiny, 5% are Italian."""
    if i % 500 == 3:
        return frontmatter(rng, title, None) + body(rng, title, names, rng.randint(25, 50), False)
    if i % 20 == 7:  # Italian: every other one says so in its frontmatter
        lang = "it" if i % 40 == 7 else None
        return frontmatter(rng, title, lang) + body(rng, title, names, rng.randint(1, 4), True)
    if rng.random() < 0.33:
        return tiny(rng, title)
    return defects(rng, frontmatter(rng, title, None)
                   + body(rng, title, names, rng.randint(1, 5), False))


def generate(out: Path, notes: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    dailies = notes // 5
    names = titles(rng, notes - dailies)
    (out / ".obsidian").mkdir(parents=True, exist_ok=True)
    for folder in ("Daily", "Clippings"):
        (out / folder).mkdir(exist_ok=True)
    files: dict[str, str] = {}
    for i, title in enumerate(names):
        folder = "Clippings/" if i % 10 == 0 else ""
        files[folder + title] = note(rng, i, title, names)
    for day in range(dailies):
        name, text = daily(rng, day, names)
        files[name] = text
    written = []
    for name, text in files.items():
        path = out / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    from generate import main

    main(generate, __doc__.splitlines()[0])
