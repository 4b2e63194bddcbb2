"""The typo rule side by side with the `typos` and `codespell` commands: speed and accuracy.

    python bench/bench_typos.py                          # 300 generated notes
    python bench/bench_typos.py --corpus ~/obsidian-help/en   # real, clean notes (copied)
    python bench/bench_typos.py --notes 2000 --repeat 5 --write bench/TYPOS.md

The benchmark copies the clean notes to a temporary vault and plants typos itself, at most one a
line and only in prose:
- common: a well-known misspelling replaces its word (receive -> recieve);
- slip: a keyboard slip (swapped, dropped, doubled or neighbouring key) that makes a non-word;
- decoy: misspellings inside code spans, link targets, URLs and tags, which must NOT be flagged.

Recall is per kind; a flag counts only on the planted line and word. Every other flag is a false
alarm (including misspellings the corpus had before, which a clean corpus does not have).
Speed is the best of `--repeat` runs of each whole command, process start included, as a ratio
to the `typos` command on the same files. codespell is run only if installed (it is a bench
tool, not a dependency).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import generate

from vaultlint.note import Note
from vaultlint.markdown import NON_PROSE
from vaultlint.spelling import dictionary

COMMON = {"receive": "recieve", "separate": "seperate", "definitely": "definately",
          "occurred": "occured", "until": "untill", "which": "wich", "accommodate": "accomodate",
          "believe": "beleive", "government": "goverment", "environment": "enviroment",
          "necessary": "neccessary", "beginning": "begining", "different": "diferent",
          "their": "thier", "because": "becuase", "already": "allready", "address": "adress",
          "calendar": "calender", "existence": "existance", "independent": "independant",
          "successful": "succesful", "tomorrow": "tommorow", "really": "realy",
          "should": "shoudl", "through": "throught", "about": "abotu", "other": "otehr",
          "people": "poeple", "with": "wiht", "knowledge": "knowlege", "result": "reuslt"}
# generate.py plants these on purpose; the clean corpus gets them corrected first.
GENERATED_FIXES = {"recieve": "receive", "seperate": "separate", "definately": "definitely",
                   "occured": "occurred", "untill": "until", "wich": "which", "teh": "the",
                   "accomodate": "accommodate"}
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
DECOY = "Decoys: `recieve_data` [[Seperate notes]] https://example.com/definately #occured\n"
_PROSE_WORD = re.compile(r"(?<![\w'’@/.-])[a-z]{5,}(?![\w'’@/-])")


@dataclass
class Plant:
    path: str
    line: int  # 1-based
    word: str
    kind: str


@dataclass
class Tool:
    name: str
    argv: list[str]
    parse: object
    seconds: float = 0.0
    flags: set = field(default_factory=set)


def neighbours(ch: str) -> str:
    for row in KEYBOARD:
        i = row.find(ch)
        if i >= 0:
            return row[max(0, i - 1) : i] + row[i + 1 : i + 2]
    return ""


def slip(word: str, rng: random.Random) -> str | None:
    """A keyboard slip that keeps the first letter and makes a word not in the word list."""
    words = dictionary()
    for _ in range(20):
        i = rng.randrange(1, len(word))
        kind = rng.randrange(4)
        if kind == 0 and i < len(word) - 1:
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == 1:
            typo = word[:i] + word[i + 1 :]
        elif kind == 2:
            typo = word[:i] + word[i] + word[i:]
        else:
            near = neighbours(word[i])
            typo = word[:i] + rng.choice(near) + word[i + 1 :] if near else word
        if typo != word and words is not None and not words.known(typo):
            return typo
    return None


def plant_note(path: Path, rel: str, rng: random.Random, rate: float) -> list[Plant]:
    note = Note(rel, path.read_text(encoding="utf-8"))
    masked = note.masked(NON_PROSE)
    lines = note.text.split("\n")
    plants: list[Plant] = []
    for i in range(note.body_first_line, len(lines)):
        if rng.random() > rate:
            continue
        start = note.line_starts[i]
        found = list(_PROSE_WORD.finditer(masked, start, start + len(lines[i])))
        common = [m for m in found if m.group() in COMMON]
        if common and rng.random() < 0.5:
            m, kind = rng.choice(common), "common"
            typo: str | None = COMMON[m.group()]
        elif found:
            m, kind = rng.choice(found), "slip"
            typo = slip(m.group(), rng)
        else:
            continue
        if typo is None:
            continue
        a, b = m.start() - start, m.end() - start
        lines[i] = lines[i][:a] + typo + lines[i][b:]
        plants.append(Plant(rel, i + 1, typo, kind))
    lines.append(DECOY)
    plants.append(Plant(rel, len(lines), "decoy", "decoy"))
    path.write_text("\n".join(lines), encoding="utf-8")
    return plants


def prepare(out: Path, corpus: Path | None, notes: int, seed: int, rate: float) -> list[Plant]:
    if corpus is not None:
        for src in sorted(corpus.rglob("*.md")):
            dest = out / src.relative_to(corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    else:
        for path in generate(out, notes, seed):
            text = path.read_text(encoding="utf-8")
            for wrong, right in GENERATED_FIXES.items():
                text = re.sub(rf"\b{wrong}\b", right, text)
                text = re.sub(rf"\b{wrong.capitalize()}\b", right.capitalize(), text)
            path.write_text(text, encoding="utf-8")
    (out / ".obsidian").mkdir(exist_ok=True)
    rng = random.Random(seed)
    plants: list[Plant] = []
    for path in sorted(out.rglob("*.md")):
        plants += plant_note(path, path.relative_to(out).as_posix(), rng, rate)
    return plants


# --- the tools and their output -----------------------------------------------------------------


def parse_vaultlint(out: str) -> set[tuple[str, int, str]]:
    flags = set()
    for d in json.loads(out or "[]"):
        if d["rule"] == "typo":
            word = re.search(r'"([^"]+)"', d["message"]).group(1)
            flags.add((d["path"], d["line"], word.lower()))
    return flags


def parse_typos(out: str) -> set[tuple[str, int, str]]:
    flags = set()
    for line in out.splitlines():
        item = json.loads(line)
        if item.get("type") == "typo":
            flags.add((item["path"].removeprefix("./"), item["line_num"], item["typo"].lower()))
    return flags


def parse_codespell(out: str) -> set[tuple[str, int, str]]:
    flags = set()
    for line in out.splitlines():
        m = re.match(r"(.+?):(\d+): (\S+) ==>", line)
        if m:
            flags.add((m.group(1).removeprefix("./"), int(m.group(2)), m.group(3).lower()))
    return flags


def tools(vault: Path) -> list[Tool]:
    config = vault.parent / "tier1.toml"
    config.write_text("[rules.typo]\ndictionary = false\n", encoding="utf-8")
    base = ["vaultlint", "--no-cache", "--select", "typo", "--output-format", "json", "."]
    found = [Tool("vaultlint typo (both tiers)", [*base, "--isolated"], parse_vaultlint),
             Tool("vaultlint typo (tier 1 only)", [*base, "--config", str(config)],
                  parse_vaultlint),
             Tool("vaultlint, trailing-whitespace only (its floor)",
                  [*base[:3], "trailing-whitespace", *base[4:], "--isolated"], lambda out: set()),
             Tool("typos", ["typos", "--format", "json", "."], parse_typos)]
    if shutil.which("codespell"):
        found.append(Tool("codespell", ["codespell", "."], parse_codespell))
    return found


def measure(tool: Tool, vault: Path, repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(tool.argv, cwd=vault, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
    tool.seconds = best
    tool.flags = tool.parse(proc.stdout)


def score(tool: Tool, plants: list[Plant]) -> dict[str, str]:
    planted = {(p.path, p.line, p.word.lower()): p.kind for p in plants if p.kind != "decoy"}
    decoy_lines = {(p.path, p.line) for p in plants if p.kind == "decoy"}
    hits = {k for k in tool.flags if k in planted}
    decoys = sum(1 for f in tool.flags if (f[0], f[1]) in decoy_lines)
    false = len(tool.flags) - len(hits)
    row = {}
    for kind in ("common", "slip"):
        total = sum(1 for k in planted.values() if k == kind)
        got = sum(1 for k in hits if planted[k] == kind)
        row[kind] = f"{got}/{total}"
    row["recall"] = f"{len(hits) / max(1, len(planted)):.0%}"
    row["precision"] = f"{len(hits) / max(1, len(tool.flags)):.0%}"
    row["false alarms (in decoys)"] = f"{false} ({decoys})"
    return row


def report(tools_: list[Tool], plants: list[Plant], notes: int, mb: float) -> str:
    typos = next(t for t in tools_ if t.name == "typos")
    head = ["tool", "seconds", "x typos", "common", "slip", "recall", "precision",
            "false alarms (in decoys)"]
    lines = [f"{notes} notes, {mb:.2f} MB, {sum(p.kind != 'decoy' for p in plants)} planted "
             f"typos, {sum(p.kind == 'decoy' for p in plants)} decoy lines; "
             f"Python {sys.version.split()[0]}", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for tool in tools_:
        row = score(tool, plants)
        lines.append(f"| {tool.name} | {tool.seconds:.3f} | {tool.seconds / typos.seconds:.1f} | "
                     + " | ".join(row[h] for h in head[3:]) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of clean notes (default: generated)")
    parser.add_argument("--notes", type=int, default=300, help="generated notes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=0.08, help="share of lines given a typo")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        vault.mkdir()
        plants = prepare(vault, args.corpus, args.notes, args.seed, args.rate)
        files = list(vault.rglob("*.md"))
        mb = sum(f.stat().st_size for f in files) / 1e6
        found = tools(vault)
        for tool in found:
            measure(tool, vault, args.repeat)
        text = report(found, plants, len(files), mb)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
