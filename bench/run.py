"""Benchmark vaultlint side by side with the floor and its peers, in one run, as ratios.

    python bench/run.py                      # 1,000 notes
    python bench/run.py --notes 10000        # the size the speed targets are stated for
    python bench/run.py --scale 1000,10000,100000   # how time grows with the vault
    python bench/run.py --notes 10000 --write bench/RESULTS.md

Each measurement is the best of `--repeat` runs of a whole command (process start included):

- floor: a Python process that reads every note (the least any checker must do);
- vaultlint cold: no cache (`--no-cache`); warm: the cache is filled and nothing changed;
- vaultlint pre-commit: one note changed and passed on the command line, as pre-commit does
  (the whole vault is still indexed, from the cache); once with a prose edit, once with an edit
  that changes what other notes know of it (a heading, an unknown word, a link, a source URL);
- vaultlint --fix on the vault once fixed: nothing left to fix, so the cached check decides;
- vaultlint --staged (the `vaultlint` hook now): the vault is made a git repository, one note's
  edit is staged; then its deletion is staged (the notes linking to it are reported);
- `--baseline REV`: the same cold check by vaultlint as it was at git revision REV (exported
  to a temporary folder), the two runs alternating, and their ratio: how much a change of
  vaultlint costs (issue #15: the formatter's rules may cost at most 1.3x);
- peers, when installed: markdownlint-cli2 (npm; `--install-peers` puts it in bench/.tools),
  `mdformat --check`, `codespell`.

Ratios, not seconds, are what to compare: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

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


def measure(vault: Path, repeat: int, peers: bool) -> dict[str, float]:
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
    if peers:
        mdl = markdownlint()
        if mdl:
            results["markdownlint-cli2"] = timed(mdl + ["**/*.md"], vault, repeat)
        if shutil.which("mdformat"):
            results["mdformat --check"] = timed(["mdformat", "--check", "."], vault, repeat)
        if shutil.which("codespell"):
            results["codespell"] = timed(["codespell", "--quiet-level", "3", "."], vault, repeat)
    return results


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


def table(notes: int, size: float, results: dict[str, float]) -> str:
    floor = results["floor (read every note)"]
    mdl = results.get("markdownlint-cli2")
    lines = [f"### {notes:,} notes ({size:.1f} MB)", "",
             "| command | seconds | x floor | x markdownlint-cli2 |", "|---|---:|---:|---:|"]
    for name, secs in results.items():
        vs_mdl = f"{secs / mdl:.2f}" if mdl else "n/a"
        lines.append(f"| {name} | {secs:.2f} | {secs / floor:.1f} | {vs_mdl} |")
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
    args = parser.parse_args()
    if args.baseline:
        return baseline_only(args)
    if args.install_peers:
        install_peers()
    sizes = [int(n) for n in args.scale.split(",")] if args.scale else [args.notes]
    out = [f"Machine: {machine()}", ""]
    measured: dict[int, dict[str, float]] = {}
    for notes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            vault = Path(tmp) / "vault"
            paths = generate(vault, notes)
            size = sum(p.stat().st_size for p in paths) / 1e6
            repeat = args.repeat if notes <= 20000 else 1
            measured[notes] = measure(vault, repeat, not args.no_peers)
            out.append(table(notes, size, measured[notes]))
            print(out[-1], flush=True)
    out.append(growth(measured))
    print(out[-1])
    if args.write:
        args.write.write_text("\n".join(out), encoding="utf-8")


def baseline_only(args: argparse.Namespace) -> None:
    sizes = [int(n) for n in args.scale.split(",")] if args.scale else [args.notes]
    out = [f"Machine: {machine()}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        base = export_revision(args.baseline, Path(tmp) / "base")
        for notes in sizes:
            vault = Path(tmp) / f"vault{notes}"
            paths = generate(vault, notes)
            size = sum(p.stat().st_size for p in paths) / 1e6
            results = cold_against_baseline(vault, base, args.baseline, args.repeat)
            now, then = results.values()
            out += [f"### {notes:,} notes ({size:.1f} MB): cold check now vs {args.baseline}", "",
                    "| command | seconds |", "|---|---:|",
                    *(f"| {name} | {secs:.2f} |" for name, secs in results.items()), "",
                    f"ratio now / {args.baseline}: {now / then:.2f}", ""]
            print("\n".join(out[-8:]), flush=True)
    if args.write:
        args.write.write_text("\n".join(out), encoding="utf-8")


def growth(measured: dict[int, dict[str, float]]) -> str:
    """Milliseconds per note at each size: flat columns mean time grows linearly."""
    sizes = sorted(measured)
    names = [n for n in measured[sizes[0]] if n.startswith(("floor", "vaultlint"))]
    lines = ["### Growth: milliseconds per note", "",
             "| command | " + " | ".join(f"{n:,} notes" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = [f"{measured[n][name] / n * 1000:.3f}" if name in measured[n] else "n/a"
                 for n in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
