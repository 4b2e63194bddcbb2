"""`vaultlint --select broken-wikilink` on a generated 1,000-note vault, against reading the files.

    python bench/bench_links.py                  # 1,000 notes, best of 3
    python bench/bench_links.py --notes 5000 --repeat 5

The vault has notes in nested folders, duplicate names (tie-breaks), attachments and a canvas,
and links of every form: bare, folder-qualified, relative, vault-absolute, `.md` and
case variants, headings (with punctuation and nested chains), block ids, aliases, escaped `\\|` in
tables, embeds with sizes and PDF pages, Markdown links with `%20`, and links inside code,
math and comments. About one link in twenty is broken on purpose.

Each side is one process start, best of `--repeat`: `cat` of every file (simply reading them),
`vaultlint --select final-newline` (vaultlint's floor: start-up, file listing, reading, no
Markdown parsing) and `vaultlint --select broken-wikilink` (the installed command, `--no-cache`,
one job). The ratios say how many times longer the link check takes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FOLDERS = ["", "Projects", "Projects/2024", "Areas/Health", "Areas/Work", "Archive/Old", "People"]
LINK_FORMS = [
    "[[{name}]]", "[[{name}|alias]]", "[[{path}]]", "[[{name}.md]]", "[[{lower}]]",
    "[[{name}#Part 1: Basics]]", "[[{name}#part 1 basics#Details]]", "[[{name}#^block-{i}]]",
    "[[/{path}]]", "[{name}]({url}.md)", "[x]({url}.md#Part%201%20Basics)", "![[img-{j}.png|300]]",
    "![[Paper.pdf#page=3]]", "![[Board.canvas]]", "`[[in code]]`", "%% [[in comment]] %%",
    "$[[math]]$", "| [[{name}\\|t]] |", "[[Missing {i}]]", "![[missing-{j}.png]]",
]


def note_text(rng: random.Random, names: list[tuple[str, str]], i: int) -> str:
    lines = ["---", f"aliases: [N{i}]", "---", f"# Note {i}", "", "## Part 1: Basics", "",
             f"A paragraph. ^block-{i}", "", "### Details", ""]
    for _ in range(12):
        name, path = rng.choice(names)
        form = rng.choice(LINK_FORMS)
        lines.append("Text " + form.format(name=name, path=path, lower=name.lower(), i=i,
                                           url=path.replace(" ", "%20"), j=rng.randrange(50)))
    lines += ["", "```", "[[not a link]]", "```", ""]
    return "\n".join(lines)


def generate(root: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    (root / ".obsidian").mkdir(parents=True)
    names = []
    for i in range(count):
        folder = FOLDERS[i % len(FOLDERS)]
        name = f"Note {i % (count - 50)}"  # the last 50 names repeat: tie-breaks
        names.append((name, f"{folder}/{name}".lstrip("/")))
    files = []
    for i, (name, path) in enumerate(names):
        file = root / f"{path}.md"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(note_text(rng, names, i), encoding="utf-8")
        files.append(file)
    for j in range(50):
        (root / "Attachments").mkdir(exist_ok=True)
        (root / f"Attachments/img-{j}.png").write_bytes(b"\x89PNG")
    (root / "Paper.pdf").write_bytes(b"%PDF")
    (root / "Board.canvas").write_text("{}")
    return files


def best(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        files = generate(tmp / "vault", args.notes)
        vault = tmp / "vault"
        read, _ = best(["cat", *map(str, files)], vault, args.repeat)
        run = ["vaultlint", "--no-cache", "-j", "1", "--statistics", "--select"]
        floor, _ = best([*run, "final-newline", "."], vault, args.repeat)
        check, out = best([*run, "broken-wikilink", "."], vault, args.repeat)
        print(out.stdout.strip())
        print(f"{len(files)} notes: read (cat) {read * 1000:.0f} ms, vaultlint floor "
              f"(final-newline) {floor * 1000:.0f} ms, broken-wikilink {check * 1000:.0f} ms; "
              f"ratio to reading {check / read:.1f}x, to the floor {check / floor:.1f}x")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
