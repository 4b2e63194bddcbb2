"""Spelling engines for the `typo` rule: prose chunks, the `typos` misspelling list, a dictionary.

Tier 1 is the `typos` command (crate-ci/typos, shipped as a binary by the PyPI package `typos`):
a list of known misspellings with almost no false alarms. It has no Python API, so it runs as a
subprocess. Rather than one call per note (18 ms of start-up each), every distinct prose chunk
of the vault goes into one call, one chunk per line, and the verdicts are memoised per chunk.

Tier 2 is a word list (SymSpell's English frequency dictionary, shipped inside the symspellpy
wheel): an unknown lowercase word one or two edits away from a common word is a likely typo.
See docs/typos.md for the measurements behind both.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import string
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# --- prose chunks ------------------------------------------------------------------------------

_RUN = re.compile(r"\S+")
# Runs that are Obsidian syntax, not words: callout markers `[!note]`, footnote and block ids
# `[^1]` `^abc`, HTML entities `&nbsp;`.
_SYNTAX = re.compile(r"^\[!|\^|&#?\w+;")
# Emphasis markers inside a word (`**S**ave`) would split it: they are dropped, not blanked.
_EMPHASIS = re.compile(r"\*+|={2,}|~{2,}")
_EDGE = string.punctuation + "“”‘’«»…–—"
_LETTER = re.compile(r"[^\W\d_]")


class Chunk(NamedTuple):
    """The prose in a whitespace-separated run: edge punctuation and emphasis markers dropped.

    `text[0]` is at index `lead` of the run, or `text[i]` at index `kept[i]` when markers
    inside were dropped.
    """

    text: str
    lead: int
    kept: tuple[int, ...] | None = None

    def span(self, at: int, i: int, j: int) -> tuple[int, int]:
        """Offsets of text[i:j] when the run starts at offset `at`."""
        if self.kept is None:
            return at + self.lead + i, at + self.lead + j
        return at + self.kept[i], at + self.kept[j - 1] + 1


def runs(text: str, start: int = 0, end: int | None = None) -> dict[str, list[int]]:
    """Each distinct whitespace-separated run of text[start:end] -> where it occurs."""
    found: dict[str, list[int]] = {}
    for m in _RUN.finditer(text, start, len(text) if end is None else end):
        found.setdefault(m.group(), []).append(m.start())
    return found


def run_set(text: str, start: int = 0) -> set[str]:
    """The distinct runs of text[start:] (faster than `runs` when positions are not needed)."""
    return set(_RUN.findall(text, start))


@lru_cache(maxsize=1 << 17)
def chunk(run: str) -> Chunk | None:
    """The prose of a run, or None if it has no letters or is Obsidian syntax."""
    if _SYNTAX.search(run):
        return None
    kept: tuple[int, ...] | None = None
    if _EMPHASIS.search(run):
        dropped = {i for m in _EMPHASIS.finditer(run) for i in range(m.start(), m.end())}
        kept = tuple(i for i in range(len(run)) if i not in dropped)
        run = "".join(run[i] for i in kept)
    text = run.strip(_EDGE)
    if not _LETTER.search(text):
        return None
    lead = len(run) - len(run.lstrip(_EDGE))
    if kept is None:
        return Chunk(text, lead)
    return Chunk(text, 0, kept[lead : lead + len(text)])


# --- tier 1: the typos command -------------------------------------------------------------------


@dataclass(frozen=True)
class Misspelling:
    """`typo` at character `index` of a chunk, with the engine's corrections (maybe none)."""

    index: int
    typo: str
    corrections: tuple[str, ...]

    @property
    def unambiguous(self) -> bool:
        """What `typos --write-changes` itself would fix: exactly one correction."""
        return len(self.corrections) == 1


class EngineError(RuntimeError):
    """The typos command is missing or failed."""


def typos_command(configured: str = "") -> str | None:
    """The typos binary: as configured, else the one installed beside this Python (the `typos`
    dependency), else the first on PATH."""
    if configured:
        found = shutil.which(configured)
        return found or (configured if Path(configured).is_file() else None)
    name = "typos.exe" if os.name == "nt" else "typos"
    beside = Path(sysconfig.get_path("scripts")) / name
    return str(beside) if beside.is_file() else shutil.which("typos")


class TyposEngine:
    """Memoised verdicts of the typos command, one per distinct chunk of text."""

    def __init__(self, command: str, locale: str = "en") -> None:
        self.argv = [command, "--format", "json", "--isolated", "--locale", locale, "-"]
        self.verdicts: dict[str, tuple[Misspelling, ...]] = {}
        self.failed = False
        self._pending: list[tuple[list[str], threading.Thread, dict[str, Any]]] = []
        self._waiting: set[str] = set()  # texts typos is being asked about

    def start(self, texts: Iterable[str]) -> None:
        """Ask typos about every text not seen yet, in the background: the process runs while
        the other rules check the note, and the first verdict asked for waits for it."""
        todo = self._todo(texts)
        if not todo:
            return
        outcome: dict[str, Any] = {}
        thread = threading.Thread(target=self._run_into, args=(todo, outcome), daemon=True)
        thread.start()
        self._pending.append((todo, thread, outcome))
        self._waiting.update(todo)

    def check(self, texts: Iterable[str]) -> None:
        """Ask typos about every text not seen yet, in one call, and wait for the answers."""
        self.start(texts)
        self._collect()

    def misspellings(self, text: str) -> tuple[Misspelling, ...]:
        if text in self._waiting:
            self._collect()
        else:
            self.check([text])
        return self.verdicts.get(text, ())

    def _todo(self, texts: Iterable[str]) -> list[str]:
        if self.failed:
            return []
        return [t for t in dict.fromkeys(texts)
                if t not in self.verdicts and t not in self._waiting and "\n" not in t]

    def _collect(self) -> None:
        pending, self._pending = self._pending, []
        for todo, thread, outcome in pending:
            thread.join()
            self._waiting.difference_update(todo)
            if "error" in outcome:  # a broken install must not stop the other checks
                self.failed = True
                warn_once(f"typo: {outcome['error']}; only the dictionary check runs")
                continue
            found: dict[int, list[Misspelling]] = {}
            for item in outcome["items"]:
                line = todo[item["line_num"] - 1]
                index = len(line.encode("utf-8")[: item["byte_offset"]].decode("utf-8", "replace"))
                found.setdefault(item["line_num"] - 1, []).append(
                    Misspelling(index, item["typo"], tuple(item.get("corrections") or ())))
            for i, text in enumerate(todo):
                self.verdicts[text] = tuple(found.get(i, ()))

    def _run_into(self, todo: list[str], outcome: dict[str, Any]) -> None:
        try:
            outcome["items"] = list(self._run("\n".join(todo) + "\n"))
        except EngineError as exc:
            outcome["error"] = str(exc)
        except Exception as exc:  # reported in the main thread, never lost with this one
            outcome["error"] = f"{type(exc).__name__}: {exc}"

    def _run(self, data: str) -> Iterator[dict]:
        try:
            proc = subprocess.run(self.argv, input=data.encode("utf-8"), capture_output=True,
                                  timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            raise EngineError(f"cannot run {self.argv[0]}: {exc}") from None
        if proc.returncode not in (0, 2):  # 2: typos were found
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise EngineError(f"{self.argv[0]} failed (exit {proc.returncode}): "
                              f"{message[-1] if message else 'no message'}")
        for line in proc.stdout.decode("utf-8", "replace").splitlines():
            item = json.loads(line) if line.startswith("{") else {}
            if item.get("type") == "typo":
                yield item


@lru_cache(maxsize=8)
def typos_engine(configured: str = "", locale: str = "en") -> TyposEngine | None:
    """One engine per process and settings (forked workers inherit the parent's verdicts)."""
    command = typos_command(configured)
    if command is None:
        where = repr(configured) if configured else "`typos` (pip install typos)"
        warn_once(f"typo: the misspelling engine {where} was not found; only the dictionary "
                  "check runs")
        return None
    return TyposEngine(command, locale)


_WARNED: set[str] = set()


def warn_once(message: str) -> None:
    """A problem of the set-up, not of a note: said once per process on stderr."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"vaultlint: warning: {message}", file=sys.stderr)


# --- tier 2: the dictionary ----------------------------------------------------------------------

MIN_WORD = 4  # shorter lowercase words are mostly abbreviations (eg, pre, ok), not slips
COMMON = 100_000  # a suggestion must occur this often in Google Books (top ~50k words)
COMPOUND = 10_000_000  # each part of a closed compound must occur this often (top ~5k words)
_WORD = re.compile(r"[A-Za-z]+")
# A chunk with these inside is a path, address, version, identifier or formula, not prose.
_NOT_WORDS = re.compile(r"[\d_@/\\.:#&+=<>{}|$%~]")
# Letters next to an apostrophe are contractions (weren't, NLP's), not words of the list.
_WHOLE_WORD = re.compile(r"(?<![A-Za-z'’])[A-Za-z]+(?![A-Za-z'’])")
# Regular inflections and derivations: a word is known when its stem is.
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("es", ""), ("s", ""),
             ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""),
             ("er", "e"), ("ers", ""), ("ers", "e"), ("est", ""), ("ly", ""), ("ness", ""),
             ("ment", ""), ("ments", ""), ("able", ""), ("ability", ""), ("ful", ""),
             ("less", ""), ("ity", ""), ("ism", ""), ("ist", ""), ("ize", ""), ("ization", "ize"))
# US and British spellings of the same word: the list has one where notes use the other.
_VARIANTS = tuple((re.compile(a), b) for a, b in (
    (r"ense$", "ence"), (r"ence$", "ense"), (r"or(s|ed|ing|ful|able)?$", r"our\1"),
    (r"iz(e|es|ed|ing|ation|ations)$", r"is\1"), (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"er(s)?$", r"re\1"), (r"og(s)?$", r"ogue\1"), (r"el(ed|ing|er|ers)$", r"ell\1")))
_PREFIXES = ("un", "re", "de", "pre", "non", "multi", "co", "sub", "over", "under", "anti",
             "inter", "semi", "micro", "meta", "auto", "self", "mis", "dis", "post", "super")
# Everyday words of notes that the Google-Books-based list lacks (found on the Obsidian Help
# vault and the Node.js docs).
_MISSING = ("math", "runtime", "config", "dataset", "app", "email", "online", "website",
            "username", "login", "toolbar", "sidebar", "workflow", "timestamp", "plugin",
            "markdown", "frontmatter", "backlink", "wikilink", "callout", "hashtag",
            # American spellings and everyday technical words the SymSpell list lacks:
            "artifact", "behavior", "color", "canceled", "favicon", "symlink", "falsy",
            "truthy", "homebrew", "goto", "agentic", "spammy", "combinator")


@lru_cache(maxsize=1 << 17)
def dictionary_words(text: str) -> tuple[tuple[int, str], ...]:
    """(index, word) of the lowercase words of a chunk's text that tier 2 judges."""
    if _NOT_WORDS.search(text):
        return ()
    return tuple((m.start(), m.group()) for m in _WHOLE_WORD.finditer(text)
                 if len(m.group()) >= MIN_WORD and m.group().islower())


def _stems(word: str) -> Iterator[str]:
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 3:
            yield word[: -len(suffix)] + repl
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            yield word[len(prefix):]


def _variants(word: str) -> Iterator[str]:
    for pattern, repl in _VARIANTS:
        variant = pattern.sub(repl, word, count=1)
        if variant != word:
            yield variant


def _dictionary_file() -> Path | None:
    spec = importlib.util.find_spec("symspellpy")  # located, not imported (saves its imports)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "frequency_dictionary_en_82_765.txt"
    return path if path.is_file() else None


class Dictionary:
    """Word -> frequency, with lookups that accept inflections, prefixes, spelling variants and
    compounds, and suggestions among the common words."""

    def __init__(self, counts: dict[str, str | int]) -> None:
        self.counts = counts

    @lru_cache(maxsize=1 << 16)
    def known(self, word: str, depth: int = 2) -> bool:
        """In the list, or a regular inflection, prefixed form, spelling variant or compound
        (`backend`, `changelog`) of words in it."""
        if word in self.counts:
            return True
        if depth == 0:
            return False
        return (any(self.known(stem, depth - 1) for stem in _stems(word))
                or any(v in self.counts for v in _variants(word))
                or depth == 2 and self._compound(word))

    def _compound(self, word: str) -> bool:
        """Two very common words of 3+ letters written as one (`backend`, `changelog`); rarer
        parts (`wig` + `dow`) would hide slips."""
        return any(int(self.counts.get(word[:i], 0)) >= COMPOUND <= int(self.counts.get(word[i:], 0))
                   for i in range(3, len(word) - 2))

    @lru_cache(maxsize=65536)
    def suggest(self, word: str) -> str | None:
        """The commonest word within one edit (two for words of 7+ letters), or None.
        Edits count a swap of neighbours as one (optimal string alignment)."""
        from rapidfuzz import process  # imported only when a word is unknown
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) < 7 else 2
        found = process.extractOne(word, self._near_lengths(len(word), limit), scorer=OSA.distance,
                                   score_cutoff=limit)
        return found[0] if found else None

    @lru_cache(maxsize=64)
    def _near_lengths(self, length: int, limit: int) -> list[str]:
        """The common words of about this length, most frequent first: ties in distance go to
        the commoner word. (Filtered before sorting: only a run that found a typo pays.)"""
        counts = self.counts
        near = [w for w in counts if abs(len(w) - length) <= limit and int(counts[w]) >= COMMON]
        return sorted(near, key=lambda w: -int(counts[w]))


@lru_cache(maxsize=1)
def dictionary() -> Dictionary | None:
    path = _dictionary_file()
    if path is None:
        warn_once("typo: symspellpy's word list was not found (pip install symspellpy); "
                  "the dictionary check is off")
        return None
    fields = path.read_text(encoding="utf-8").split()  # "word count" lines
    counts: dict[str, str | int] = dict(zip(fields[0::2], fields[1::2]))  # int() when asked
    for word in _MISSING:
        counts.setdefault(word, COMMON)
    return Dictionary(counts)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def split_words(text: str) -> set[str]:
    """Lowercase words of a name, alias or tag: `Natural_Language_Processing` -> natural,
    language, processing; `PaLM 2` -> palm, pa, lm."""
    words = {w.lower() for w in _WORD.findall(text)}
    words.update(w.lower() for w in _WORD.findall(_CAMEL.sub(" ", text)))
    return words
