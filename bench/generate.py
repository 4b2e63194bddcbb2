"""Generate a realistic synthetic Obsidian vault for benchmarks.

    python bench/generate.py OUT_DIR --notes 10000 [--seed 1]

Notes live in nested folders, carry frontmatter with comments, lists and dates, prose with
inline formatting, wikilinks of every form (plain, aliased, heading, block, folder path, embeds,
Markdown links), code blocks, math, callouts, `%% comments %%`, tags, and a few planted defects
(broken links, trailing whitespace, extra blank lines, typos, duplicate URLs). About 4 KB a note,
so 10,000 notes are about 40 MB, the size the speed targets are stated for.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

WORDS = (
    "the of and to in is that for it as with was on be by this are from at or have an they "
    "which one you had not but what all were when we there can been has more if will would "
    "about their so into them some could time these two may then do first any my now such like "
    "other over only new very just also people know take year good work back use after well way "
    "even want because give day most us research model language system data learning network "
    "note vault link graph knowledge idea project meeting summary paper method result analysis "
    "design process value question answer problem review draft reference source article book"
).split()
FOLDERS = ["Projects", "Areas/Work", "Areas/Home", "Resources/Papers", "Resources/Books",
           "Journal/2024", "Journal/2025", "People", "Inbox", "Archive/Old"]
TYPOS = ["recieve", "seperate", "definately", "occured", "untill", "wich", "teh", "accomodate"]


def title(rng: random.Random, i: int) -> str:
    words = rng.sample(WORDS, rng.randint(2, 4))
    return " ".join(w.capitalize() for w in words) + f" {i}"


def sentence(rng: random.Random, planted: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    if planted and rng.random() < 0.02:
        words[rng.randrange(len(words))] = rng.choice(TYPOS)
        planted.append("typo")
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def frontmatter(rng: random.Random, i: int, url: str) -> str:
    tags = rng.sample(["ml", "nlp", "reading", "project/active", "home", "people", "idea"], 2)
    return (
        "---\n"
        f"# note {i}: generated\n"
        f"type: {rng.choice(['Content', 'Note', 'Person', 'Project'])}\n"
        f"created: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        "tags:\n" + "".join(f"  - {t}\n" for t in tags) +
        f"aliases: [alias {i}]\n"
        f"link: {url}  # where it came from\n"
        f"read_priority: {rng.randint(1, 5)}\n"
        "---\n"
    )


def link(rng: random.Random, names: list[tuple[str, str]], i: int) -> str:
    folder, name = names[rng.randrange(len(names))]
    form = rng.randrange(9)
    if form == 0:
        return f"[[{name}]]"
    if form == 1:
        return f"[[{name}|{rng.choice(WORDS)}]]"
    if form == 2:
        return f"[[{name}#Section 1]]"
    if form == 3:
        return f"[[{folder}/{name}]]"
    if form == 4:
        return f"[[{name}#^block{i % 7}]]"
    if form == 5:
        return f"![[image{i % 50}.png|300]]"
    if form == 6:
        return f"[{rng.choice(WORDS)}]({folder.replace(' ', '%20')}/{name.replace(' ', '%20')}.md)"
    if form == 7:
        return f"[[{name.lower()}]]"
    return f"[[Missing note {i}]]"  # a planted broken link


def body(rng: random.Random, i: int, names: list[tuple[str, str]], planted: list[str]) -> str:
    parts = [f"# {names[i][1]}\n\n"]
    for section in range(1, 4):
        parts.append(f"## Section {section}\n\n")
        for _ in range(rng.randint(2, 4)):
            prose = " ".join(sentence(rng, planted) for _ in range(rng.randint(2, 4)))
            prose += f" See {link(rng, names, i)} and #{rng.choice(['ml', 'idea', 'todo'])}."
            trailing = "   " if rng.random() < 0.05 else ""
            parts.append(prose + trailing + "\n\n")
        if section == 1:
            parts.append(f"- item one ^block{i % 7}\n- item {link(rng, names, i)}\n\n")
        if section == 2 and i % 3 == 0:
            parts.append("```python\ndef f(x):\n    return x  # [[not a link]]\n```\n\n")
        if section == 2 and i % 4 == 0:
            parts.append("$$\n\\sum_{i=1}^{n} x_i\n$$\n\n")
        if section == 3 and i % 5 == 0:
            parts.append("> [!note] Callout\n> with [[" + names[(i + 1) % len(names)][1] + "]]\n\n")
        if section == 3 and i % 6 == 0:
            parts.append("%% a private comment with [[Nowhere]] %%\n\n")
    if rng.random() < 0.05:
        parts.insert(2, "\n\n")  # planted extra blank lines
    return "".join(parts).rstrip("\n") + "\n"


def generate(out: Path, notes: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    names = [(FOLDERS[i % len(FOLDERS)], title(rng, i)) for i in range(notes)]
    (out / ".obsidian").mkdir(parents=True, exist_ok=True)
    (out / "Attachments").mkdir(exist_ok=True)
    for k in range(50):
        (out / "Attachments" / f"image{k}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    written = []
    planted: list[str] = ["on"]
    for i, (folder, name) in enumerate(names):
        url = f"https://example.com/articles/{i if i % 97 else i - 1}"  # some duplicate URLs
        text = frontmatter(rng, i, url) + body(rng, i, names, planted)
        path = out / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(make: Callable[[Path, int, int], list[Path]] = generate,
         description: str = __doc__.splitlines()[0]) -> None:
    """The command line of a generator (this one, or bench/generate_other.py's)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = make(args.out, args.notes, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} notes, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
