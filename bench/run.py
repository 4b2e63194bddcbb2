"""Benchmark vaultlint side by side with the floor and its peers, in one run, as ratios.

    python bench/run.py                      # 1,000 notes
    python bench/run.py --notes 10000        # the size the speed targets are stated for
    python bench/run.py --scale 1000,10000,100000   # how time grows with the vault
    python bench/run.py --notes 10000 --write bench/RESULTS.md
    python bench/run.py --generator other    # only bench/generate_other.py's vault

Each measurement is the best of `--repeat` runs of a whole command (process start included):

- floor: a Python process that reads every note (the least any checker must do);
- vaultlint cold: no cache (`--no-cache`); warm: the cache is filled and nothing changed;
- vaultlint pre-commit: one note changed and passed on the command line, as pre-commit does
  (the whole vault is still indexed, from the cache); once with a prose edit, once with an edit
  that changes what other notes know of it (a heading, an unknown word, a link, a source URL);
- vaultlint --fix on the vault once fixed: nothing left to fix, so the cached check decides;
  then with 10% of notes needing fixes (trailing spaces and two extra blank lines planted after
  a paragraph, planted again before each run; the run checks vaultlint reports them as safe
  fixes and that --fix removes them);
- vaultlint --staged (the `vaultlint` hook now): the vault is made a git repository, one note's
  edit is staged; then its deletion is staged (the notes linking to it are reported);
- `--baseline REV`: the same cold check by vaultlint as it was at git revision REV (exported
  to a temporary folder), the two runs alternating, and their ratio: how much a change of
  vaultlint costs (issue #15: the formatter's rules may cost at most 1.3x);
- peers, when installed: markdownlint-cli2 (npm; `--install-peers` puts it in bench/.tools),
  `mdformat --check`, `codespell`;
- peak memory, in runs of their own (sampling costs CPU): vaultlint cold, warm and
  markdownlint-cli2, the whole process tree (forked workers, the typos subprocess) sampled
  every 20 ms from /proc: the max of the tree's summed Pss, and the largest process's max RSS.

Every size is measured on the vault of each generator (`--generator project|other|both`):
bench/generate.py's and bench/generate_other.py's, shaped differently (prose, links, sizes).
Per vault and size, a table of the targets of issue #16 gives each ratio, its limit, met or not.

Ratios, not seconds, are what to compare: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate
from generate_other import generate as generate_other

GENERATORS = {"project": generate, "other": generate_other}
HERE = Path(__file__).resolve().parent
TOOLS = HERE / ".tools"
FLOOR = ("import pathlib,sys\n"
         "n=sum(len(p.read_bytes()) for p in pathlib.Path(sys.argv[1]).rglob('*.md'))\n")


# Commands run as on a user's machine: some sandboxes set these, and they would make every run
# compile vaultlint's modules afresh (no .pyc written) and write its report a line at a time.
ENV = {k: v for k, v in os.environ.items()
       if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPROFILEIMPORTTIME")}


def timed(cmd: list[str], cwd: Path, repeat: int, before=None,
          env: dict[str, str] | None = None) -> float:
    best = float("inf")
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**ENV, **(env or {})})
        best = min(best, time.perf_counter() - start)
    return best


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (forked workers, the typos subprocess), from the
    kernel's /proc/<pid>/task/<tid>/children lists."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{current}/task/{tid}/children") as children:
                    todo += [int(c) for c in children.read().split()]
            except OSError:
                pass
    return found


def pss_rss(pid: int) -> tuple[int, int]:
    """(Pss, Rss) of a process in kB; (0, 0) once it is gone. Pss counts a page shared by n
    processes as 1/n in each, so the tree's sum counts a forked worker's shared pages once."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def peak_memory(cmd: list[str], cwd: Path, interval: float = 0.02) -> tuple[float, float]:
    """Peak memory of a command's whole process tree, sampled every `interval` seconds: (max of
    the tree's summed Pss, max Rss of its largest single process), in MiB. Run apart from the
    timed runs: sampling costs CPU."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=ENV)
    tree = largest = 0
    while proc.poll() is None:
        sizes = [pss_rss(pid) for pid in descendants(proc.pid)]
        tree = max(tree, sum(pss for pss, _ in sizes))
        largest = max([largest, *(rss for _, rss in sizes)])
        time.sleep(interval)
    return tree / 1024, largest / 1024


def cold_against_baseline(vault: Path, base: Path, rev: str, repeat: int) -> dict[str, float]:
    """The cold check now and at `rev`, alternating run by run so that a busy spell of the
    shared machine weighs on both alike."""
    args = ["-m", "vaultlint", "check", "-q", "--exit-zero", "--no-cache"]
    now, then = float("inf"), float("inf")
    for _ in range(repeat):
        now = min(now, timed([sys.executable, *args], vault, 1))
        then = min(then, timed([sys.executable, *args], vault, 1, env={"PYTHONPATH": str(base)}))
    return {"vaultlint cold (no cache)": now, f"vaultlint at {rev} cold (no cache)": then}


def export_revision(rev: str, into: Path) -> Path:
    """vaultlint's code at `rev`, from this repository's history (git archive: no checkout)."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "vaultlint", "schemas"],
                             cwd=HERE.parent, check=True, capture_output=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def markdownlint() -> list[str] | None:
    local = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
    if local.exists():
        return [str(local)]
    found = shutil.which("markdownlint-cli2")
    return [found] if found else None


def install_peers() -> None:
    if shutil.which("npm") and markdownlint() is None:
        subprocess.run(["npm", "install", "--silent", "--prefix", str(TOOLS), "markdownlint-cli2"],
                       check=False)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "mdformat", "codespell"],
                   check=False)


# A prose line ending a paragraph that another paragraph follows: trailing spaces there, and
# two more blank lines after it, are safe fixes (trailing-whitespace, consecutive-blank-lines).
PARAGRAPH_END = re.compile(r"(?m)^[A-Z][^\n]*[.?!]\n\n(?=[A-Z])")
PLANTED = ("FMT001", "FMT002")


def plantable(vault: Path, share: float = 0.1) -> dict[Path, str]:
    """A `share` of the notes, spread over the vault, that have a place for the planted defects;
    their (fixed) text, to plant from again before each timed run."""
    notes = sorted(vault.rglob("*.md"))
    candidates = [p for p in notes if PARAGRAPH_END.search(p.read_text(encoding="utf-8"))]
    want = int(len(notes) * share)
    step = max(1, len(candidates) // max(want, 1))
    return {p: p.read_text(encoding="utf-8") for p in candidates[::step][:want]}


def plant(originals: dict[Path, str]) -> None:
    for path, text in originals.items():
        end = PARAGRAPH_END.search(text).end()
        path.write_text(text[:end - 2] + "   \n\n\n\n" + text[end:], encoding="utf-8")


def fixable_planted(vault: Path) -> int:
    """How many safe-fixable findings of the planted kinds vaultlint reports."""
    out = subprocess.run([sys.executable, "-m", "vaultlint", "check", "--exit-zero",
                          "--select", ",".join(PLANTED), "--output-format", "json", "-q"],
                         cwd=vault, capture_output=True, text=True, env=ENV).stdout
    return sum(1 for d in json.loads(out or "[]")
               if d.get("fix") and d["fix"]["applicability"] == "safe")


def measure_fix_share(vault: Path, vaultlint: list[str], repeat: int) -> tuple[float, str]:
    """--fix where 10% of notes need fixes, the rest fixed and cached; and a note of what was
    planted, checked: vaultlint reports it fixable and --fix removes it."""
    originals = plantable(vault)
    plant(originals)
    before = fixable_planted(vault)
    subprocess.run(vaultlint + ["--fix"], cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    after = fixable_planted(vault)
    subprocess.run(vaultlint + ["--fix"], cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    secs = timed(vaultlint + ["--fix"], vault, repeat, lambda: plant(originals))
    notes = sum(1 for _ in vault.rglob("*.md"))
    note = (f"--fix 10%: {len(originals)} of {notes} notes planted (trailing spaces and two extra "
            f"blank lines after a paragraph): {before} safe-fixable {'/'.join(PLANTED)} "
            f"findings reported, {after} left after --fix.")
    return secs, note


def measure(vault: Path, repeat: int, peers: bool
            ) -> tuple[dict[str, float], dict[str, tuple[float, float]], list[str]]:
    vaultlint = [sys.executable, "-m", "vaultlint", "check", "-q", "--exit-zero"]
    notes = sorted(vault.rglob("*.md"))
    changed = notes[len(notes) // 2]
    original = changed.read_text(encoding="utf-8")
    cache = vault / ".vaultlint_cache"
    results = {
        "floor (read every note)": timed([sys.executable, "-c", FLOOR, str(vault)], vault, repeat),
        "vaultlint cold (no cache)": timed(vaultlint + ["--no-cache"], vault, repeat),
        "vaultlint cold (writing the cache)": timed(
            vaultlint, vault, repeat, lambda: shutil.rmtree(cache, ignore_errors=True)),
    }
    subprocess.run(vaultlint, cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    results["vaultlint warm (nothing changed)"] = timed(vaultlint, vault, repeat)
    memory = {"vaultlint cold (no cache)": peak_memory(vaultlint + ["--no-cache"], vault)}
    subprocess.run(vaultlint, cwd=vault, stdout=subprocess.DEVNULL, env=ENV)  # surely warm
    memory["vaultlint warm (nothing changed)"] = peak_memory(vaultlint, vault)

    counter = iter(range(10**6))

    def touch() -> None:
        changed.write_text(original + f"\nEdited line {next(counter)}.\n", encoding="utf-8")

    def rework() -> None:  # what other notes know of it changes: the kept indexes are patched
        n = next(counter)
        changed.write_text(f"{original}\n## Added heading {n}\n\nWord zorgblat{n}, see "
                           f"[[Missing {n}]].\n\nLink: https://example.com/new/{n}\n",
                           encoding="utf-8")

    target = [str(changed.relative_to(vault))]
    subprocess.run(vaultlint, cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    results["vaultlint pre-commit (1 changed note)"] = timed(vaultlint + target, vault, repeat, touch)
    results["vaultlint pre-commit (1 note with new heading, word, link, URL)"] = timed(
        vaultlint + target, vault, repeat, rework)
    changed.write_text(original, encoding="utf-8")
    results.update(measure_staged(vault, vaultlint, changed, touch, repeat))
    changed.write_text(original, encoding="utf-8")
    # --fix where nothing is left to fix (issue #16: at most 2x a warm check). The run right
    # after a fixing run still checks the notes it wrote afresh (their new content has no
    # cached findings yet): the second run fills the cache, the timed ones use it.
    for _ in range(2):
        subprocess.run(vaultlint + ["--fix"], cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    results["vaultlint --fix (nothing left to fix)"] = timed(vaultlint + ["--fix"], vault, repeat)
    results["vaultlint --fix (10% of notes need fixes)"], note = measure_fix_share(
        vault, vaultlint, repeat)
    if peers:
        mdl = markdownlint()
        if mdl:
            results["markdownlint-cli2"] = timed(mdl + ["**/*.md"], vault, repeat)
            memory["markdownlint-cli2"] = peak_memory(mdl + ["**/*.md"], vault)
        if shutil.which("mdformat"):
            results["mdformat --check"] = timed(["mdformat", "--check", "."], vault, repeat)
        if shutil.which("codespell"):
            results["codespell"] = timed(["codespell", "--quiet-level", "3", "."], vault, repeat)
    return results, memory, [note]


def measure_staged(vault: Path, vaultlint: list[str], changed: Path, touch, repeat: int
                   ) -> dict[str, float]:
    """The `vaultlint` pre-commit hook as it runs now: `--staged` in a git repository, warm
    (one staged edit; one staged deletion of a note, whose linkers are then reported)."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "vault"]):
        subprocess.run(git + args, cwd=vault, check=True, capture_output=True)
    subprocess.run(vaultlint, cwd=vault, stdout=subprocess.DEVNULL, env=ENV)
    rel = str(changed.relative_to(vault))

    def stage_edit() -> None:
        touch()
        subprocess.run(git + ["add", rel], cwd=vault, check=True)

    def stage_deletion() -> None:
        subprocess.run(git + ["reset", "-q", "--hard"], cwd=vault, check=True)
        subprocess.run(git + ["rm", "-q", rel], cwd=vault, check=True)

    out = {"vaultlint --staged (1 staged note, git repository)":
           timed(vaultlint + ["--staged"], vault, repeat, stage_edit),
           "vaultlint --staged (1 staged deletion: its linkers reported)":
           timed(vaultlint + ["--staged"], vault, repeat, stage_deletion)}
    subprocess.run(git + ["reset", "-q", "--hard"], cwd=vault, check=True)
    return out


def table(title: str, results: dict[str, float]) -> str:
    floor = results["floor (read every note)"]
    mdl = results.get("markdownlint-cli2")
    lines = [f"### {title}", "",
             "| command | seconds | x floor | x markdownlint-cli2 |", "|---|---:|---:|---:|"]
    for name, secs in results.items():
        vs_mdl = f"{secs / mdl:.2f}" if mdl else "n/a"
        lines.append(f"| {name} | {secs:.2f} | {secs / floor:.1f} | {vs_mdl} |")
    return "\n".join(lines) + "\n"


def memory_table(title: str, memory: dict[str, tuple[float, float]]) -> str:
    """Peak memory: the whole process tree (summed Pss) is what the target compares."""
    mdl = memory.get("markdownlint-cli2", (0.0, 0.0))[0]
    lines = [f"### {title}: peak memory (MiB)", "",
             "| command | whole process tree (Pss) | largest process (RSS) "
             "| tree x markdownlint-cli2 |",
             "|---|---:|---:|---:|"]
    for name, (tree, largest) in memory.items():
        vs_mdl = f"{tree / mdl:.2f}" if mdl else "n/a"
        lines.append(f"| {name} | {tree:.0f} | {largest:.0f} | {vs_mdl} |")
    return "\n".join(lines) + "\n"


def precommit_limit(notes: int) -> float:
    """Issue #16: at most 0.3 s at 10,000 notes (and below), at most 1 s at 100,000."""
    return 0.3 if notes <= 10_000 else 1.0


def targets(title: str, notes: int, results: dict[str, float],
            memory: dict[str, tuple[float, float]]) -> str:
    """Each target of issue #16 as measured in this run: value, limit, met or not."""
    cold = results["vaultlint cold (no cache)"]
    mdl = results.get("markdownlint-cli2")
    mdl_mem = memory.get("markdownlint-cli2", (0.0, 0.0))[0]
    rows = [
        ("cold / markdownlint-cli2", cold / mdl if mdl else None, 1 / 3),
        ("cold / floor", cold / results["floor (read every note)"], 30),
        ("--fix nothing left / warm", results["vaultlint --fix (nothing left to fix)"]
         / results["vaultlint warm (nothing changed)"], 2),
        ("--fix 10% / cold", results["vaultlint --fix (10% of notes need fixes)"] / cold, 1),
        (f"pre-commit, 1 changed note (seconds; limit at {notes:,} notes)",
         results["vaultlint pre-commit (1 changed note)"], precommit_limit(notes)),
    ]
    for name in ("vaultlint cold (no cache)", "vaultlint warm (nothing changed)"):
        rows.append((f"peak memory, whole tree: {name.split(' (')[0]} / markdownlint-cli2",
                     memory[name][0] / mdl_mem if mdl_mem else None, 1))
    lines = [f"### {title}: targets of issue #16", "",
             "| target | measured | limit | |", "|---|---:|---:|---|"]
    for name, value, limit in rows:
        shown = "n/a" if value is None else f"{value:.2f}"
        verdict = "n/a" if value is None else ("met" if value <= limit else "NOT met")
        lines.append(f"| {name} | {shown} | {limit:.2f} | {verdict} |")
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--scale", help="comma-separated note counts, e.g. 1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--install-peers", action="store_true")
    parser.add_argument("--write", type=Path, help="also write the tables to this file")
    parser.add_argument("--baseline", metavar="REV",
                        help="only the cold check, now and at this git revision, and their ratio")
    parser.add_argument("--generator", choices=[*GENERATORS, "both"], default="both",
                        help="which generator's vault to measure on (default: both)")
    args = parser.parse_args()
    if args.baseline:
        return baseline_only(args)
    if args.install_peers:
        install_peers()
    sizes = [int(n) for n in args.scale.split(",")] if args.scale else [args.notes]
    out = [f"Machine: {machine()}", ""]
    for kind in generators(args.generator):
        measured: dict[int, dict[str, float]] = {}
        for notes in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                vault = Path(tmp) / "vault"
                paths = GENERATORS[kind](vault, notes)
                size = sum(p.stat().st_size for p in paths) / 1e6
                repeat = args.repeat if notes <= 20000 else 1
                results, memory, notes_text = measure(vault, repeat, not args.no_peers)
                measured[notes] = results
                title = f"{kind} generator, {notes:,} notes ({size:.1f} MB)"
                out.append("\n".join([table(title, results), *notes_text, "",
                                      memory_table(title, memory),
                                      targets(title, notes, results, memory)]))
                print(out[-1], flush=True)
        out.append(growth(kind, measured))
        print(out[-1], flush=True)
    if args.write:
        args.write.write_text("\n".join(out), encoding="utf-8")


def generators(choice: str) -> list[str]:
    return list(GENERATORS) if choice == "both" else [choice]


def baseline_only(args: argparse.Namespace) -> None:
    sizes = [int(n) for n in args.scale.split(",")] if args.scale else [args.notes]
    out = [f"Machine: {machine()}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        base = export_revision(args.baseline, Path(tmp) / "base")
        for kind, notes in ((k, n) for k in generators(args.generator) for n in sizes):
            vault = Path(tmp) / f"{kind}{notes}"
            paths = GENERATORS[kind](vault, notes)
            size = sum(p.stat().st_size for p in paths) / 1e6
            results = cold_against_baseline(vault, base, args.baseline, args.repeat)
            now, then = results.values()
            out += [f"### {kind} generator, {notes:,} notes ({size:.1f} MB): cold check now vs "
                    f"{args.baseline}", "",
                    "| command | seconds |", "|---|---:|",
                    *(f"| {name} | {secs:.2f} |" for name, secs in results.items()), "",
                    f"ratio now / {args.baseline}: {now / then:.2f}", ""]
            print("\n".join(out[-9:]), flush=True)
    if args.write:
        args.write.write_text("\n".join(out), encoding="utf-8")


def growth(kind: str, measured: dict[int, dict[str, float]]) -> str:
    """Milliseconds per note at each size: flat rows mean time grows linearly."""
    sizes = sorted(measured)
    names = [n for n in measured[sizes[0]] if n.startswith(("floor", "vaultlint"))]
    lines = [f"### {kind} generator, growth: milliseconds per note", "",
             "| command | " + " | ".join(f"{n:,} notes" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = [f"{measured[n][name] / n * 1000:.3f}" if name in measured[n] else "n/a"
                 for n in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
