#!/usr/bin/env python3
"""Build vaultlint/data/words-en.txt.gz, the English word list of the `typo` rule, from SCOWL.

SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson) is installed by Debian's `scowl`
package as /usr/share/dict/scowl/<spelling>-<category>.<size>. This keeps, at sizes up to
`--max-size` (default 70: larger sizes admit rare words that hide slips, "possibile" is at 95):

- spellings: english (every variety), american, british, british_z (Oxford -ize), canadian,
  australian, and each one's variant_1 / variant_2 lists (accepted variant spellings:
  "archeologist", "detectible"; the unprefixed variant_N lists are American);
- categories: words and contractions. Possessives ("cat's") are dropped (the checker strips
  's itself); abbreviations, proper names and capitalised words are left out (vaultlint treats
  capitalised words as names and never judges them against this list).

Output, gzip-compressed UTF-8 text in three blocks split by a blank line: a header of `#`
lines (SCOWL's copyright and permission notices, which must travel with every copy); the words
of every variety, one a line; then the words of some varieties only, each with a tab and the
letters of the varieties that accept it (u = en-us, b = en-gb, c = en-ca, a = en-au):
`color\tuca`, `colour\tbca`.

    python scripts/build_wordlist.py [--scowl /usr/share/dict/scowl] [--max-size 70]
        [--copyright /usr/share/doc/scowl/copyright]
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "vaultlint" / "data" / "words-en.txt.gz"
# SCOWL spelling prefix -> the varieties that accept its words ("" = every variety).
SPELLINGS = {
    "english": "", "american": "u", "variant_1": "u", "variant_2": "u",
    "british": "b", "british_z": "b", "british_variant_1": "b", "british_variant_2": "b",
    "canadian": "c", "canadian_variant_1": "c", "canadian_variant_2": "c",
    "australian": "a", "australian_variant_1": "a", "australian_variant_2": "a",
}
CATEGORIES = ("words", "contractions")
ALL = "ubca"
NOTICE = """\
Derived from SCOWL (Spell Checker Oriented Word Lists), http://wordlist.aspell.net/
by scripts/build_wordlist.py: {spellings}; words and contractions; sizes <= {size}.
SCOWL's copyright and permission notices follow, as its licence requires of every copy.

{copyright}"""
_FILE = re.compile(r"^(?P<spelling>[a-z_0-9]+)-(?P<category>[a-z-]+)\.(?P<size>\d+)$")


def collect(scowl: Path, max_size: int) -> dict[str, set[str]]:
    """word -> letters of the varieties whose lists have it (ALL for english)."""
    varieties: dict[str, set[str]] = defaultdict(set)
    for path in sorted(scowl.iterdir()):
        m = _FILE.match(path.name)
        if not m or m["spelling"] not in SPELLINGS or m["category"] not in CATEGORIES \
                or int(m["size"]) > max_size:
            continue
        letters = SPELLINGS[m["spelling"]] or ALL
        for word in path.read_text(encoding="utf-8").split():
            if not word.endswith("'s"):
                varieties[word].update(letters)
    return varieties


def notices(path: Path) -> str:
    """SCOWL's notices, from "The collective work is Copyright..." to the end (the Debian
    packaging history above it is not SCOWL's)."""
    text = path.read_text(encoding="utf-8")
    return text[text.index("The collective work"):].strip()


def render(varieties: dict[str, set[str]], max_size: int, copyright: str) -> str:
    header = NOTICE.format(spellings=", ".join(SPELLINGS), size=max_size, copyright=copyright)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    tagged = {w: "".join(c for c in ALL if c in v) for w, v in varieties.items()}
    plain = sorted(w for w, letters in tagged.items() if letters == ALL)
    some = sorted(f"{w}\t{letters}" for w, letters in tagged.items() if letters != ALL)
    # Three blocks split by blank lines, so loading is two str.split calls, not a loop.
    return "\n".join([*lines, "", *plain, "", *some]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--copyright", type=Path, default=Path("/usr/share/doc/scowl/copyright"))
    parser.add_argument("--max-size", type=int, default=70)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    varieties = collect(args.scowl, args.max_size)
    if not varieties:
        raise SystemExit(f"no SCOWL lists in {args.scowl} (apt-get install scowl)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same lists give the same bytes, so rebuilding does not dirty the work tree.
    with open(args.out, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as out:
        out.write(render(varieties, args.max_size, notices(args.copyright)).encode("utf-8"))
    print(f"{args.out}: {len(varieties)} words, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
