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

import gzip
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
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from vaultlint.diagnostics import Edit, Fix
from vaultlint.note import Note

# --- prose chunks ------------------------------------------------------------------------------

_RUN = re.compile(r"\S+")
# Runs that are Obsidian syntax, not words: callout markers `[!note]`, footnote and block ids
# `[^1]` `^abc`, HTML entities `&nbsp;`.
_SYNTAX = re.compile(r"^\[!|\^|&#?\w+;")
# Emphasis markers inside a word (`**S**ave`) would split it: they are dropped, not blanked.
_EMPHASIS = re.compile(r"\*+|={2,}|~{2,}")
_EDGE = string.punctuation + "“”‘’«»…–—"
_LEAD = _EDGE.replace("@", "")  # a handle keeps its `@`, so no tier judges it as a word
_LETTER = re.compile(r"[^\W\d_]")
_APOSTROPHES = "'’"


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


class Runs:
    """The distinct whitespace-separated runs of text[start:end], in order of first occurrence,
    with how often each occurs. Where a run occurs is found only when asked: a note's prose has
    hundreds of runs, and only the few that may hold a slip need their places."""

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text, self.start = text, start
        self.end = len(text) if end is None else end
        self.counts = Counter(_RUN.findall(text, start, self.end))

    def offsets(self, run: str) -> list[int]:
        """Where `run` occurs as a whole run, not inside a longer one."""
        text, start, end = self.text, self.start, self.end
        found = []
        at = text.find(run, start, end)
        while at >= 0:
            after = at + len(run)
            if (at == start or text[at - 1].isspace()) and \
                    (after == end or text[after].isspace()):
                found.append(at)
            at = text.find(run, at + 1, end)
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
    lead = len(run) - len(run.lstrip(_LEAD))
    end = len(run.rstrip(_EDGE))
    if end <= lead:
        return None
    # An apostrophe on one side only stands for dropped letters (stylin', 'til) or a plural
    # possessive (students'): it stays, so the word is seen touching it. A pair is quotes.
    opening = lead > 0 and run[lead - 1] in _APOSTROPHES
    closing = end < len(run) and run[end] in _APOSTROPHES
    if opening != closing:
        lead, end = (lead - 1, end) if opening else (lead, end + 1)
    text = run[lead:end]
    if not _LETTER.search(text):
        return None
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
# A letter of any script, or a combining accent (a decomposed "é"): words never split at "é".
_LETTER_CLASS = r"[^\W\d_]|[\u0300-\u036f]"
_WORD = re.compile(r"[^\W\d_]+")  # for names (after NFC): twice as fast as _LETTER_CLASS
# A chunk with these inside is a path, address, version, identifier or formula, not prose.
_NOT_WORDS = re.compile(r"[\d_@/\\.:#&+=<>{}|$%~]")
# Whole words: a word touching an apostrophe (weren't, stylin', rock'n'roll, 'til) is not
# judged: contractions and dropped letters are the writer's choice. A possessive 's is not a
# part of the word (`langauge's` is judged as `langauge`).
_WHOLE_WORD = re.compile(rf"(?<!{_LETTER_CLASS}|['’])(?:{_LETTER_CLASS})+"
                         rf"(?!{_LETTER_CLASS}|['’](?!s(?!{_LETTER_CLASS}|['’])))")
_POSSESSIVE_AT = re.compile(rf"['’]s(?!{_LETTER_CLASS}|['’])")
WORDS_FILE = Path(__file__).resolve().parent / "data" / "words-en.txt.gz"
BLOCKED_FILE = Path(__file__).resolve().parent / "data" / "blocked-suggestions.txt"
# Which SCOWL spelling varieties each locale accepts (letters of scripts/build_wordlist.py).
LOCALE_VARIETIES = {"en": "ubca", "en-us": "u", "en-gb": "b", "en-ca": "c", "en-au": "a"}
# Common non-words that SCOWL lacks and the typos engine does not know (it knows `seperate`),
# with their correction. The vault's vocabulary never whitelists them (three notes saying
# "alot" are three slips); only the user's word list and the note's own name do.
NON_WORDS = {
    "alot": "a lot", "eachother": "each other", "flys": "flies", "everytime": "every time",
    "atleast": "at least", "infact": "in fact", "aswell": "as well", "noone": "no one",
    "thankyou": "thank you", "alittle": "a little", "inorder": "in order", "ontop": "on top",
    "ofcourse": "of course", "eventhough": "even though", "abit": "a bit", "donot": "do not",
}
# Productive prefixes: "deprioritize", "nonzero", "reupload" are known when the rest is a word
# of 5+ letters of the list (shorter rests make slips words: co+lour, re+cieve is no word).
_PREFIXES = ("un", "re", "de", "pre", "non", "multi", "sub", "over", "under", "anti",
             "inter", "semi", "micro", "meta", "auto", "self", "mis", "dis", "post", "super")
# Everyday words of notes and technical writing that SCOWL (sizes <= 70) lacks, found on the
# Obsidian Help vault, the Node.js docs and the real vaults of docs/typos.md. Their regular
# inflections (-s, -es, -ed, -ing, -er, -ers) are known too. Only real words: a non-standard
# form seen there (`usecase`, `todays`, `musics`) stays reported.
EXTRA_WORDS = (
    # notes, Markdown and Obsidian
    "app", "frontmatter", "backlink", "wikilink", "callout", "hashtag", "markdown", "plugin",
    "sidebar", "toolbar", "subpage", "sidenote", "notecard", "slipbox", "mindmap", "worklog",
    "lifelog", "iconset", "subtag", "checkmark", "bold", "templating", "theming", "textarea",
    "shortcode", "newline", "filesize", "codebase", "readme", "changelog", "roadmap", "todo",
    "subfolder", "autocomplete", "tooltip", "dropdown", "checkbox", "submenu", "chatbox",
    "journal", "writeup", "gist", "hotkey", "hotlink", "skillset", "helpdesk", "zoomable",
    "frameless", "composable", "hostable", "auditable", "fanfiction", "gameplay", "podcaster",
    # software
    "config", "favicon", "symlink", "falsy", "truthy", "homebrew", "goto", "combinator",
    "backend", "frontend", "fullstack", "profiler", "async", "repo", "localhost", "substring",
    "enum", "iframe", "runtime", "dataset", "timestamp", "workflow", "username", "login",
    "email", "online", "website", "admin", "intro", "grep", "unicode", "hostname", "rebase",
    "diff", "boolean", "codec", "regex", "getter", "formatter", "docstring", "initializer",
    "classname", "keycode", "subkey", "passcode", "callstack", "segfault", "fuzzer", "shader",
    "webserver", "hypervisor", "chipset", "blackbox", "backfill", "barcode", "triage",
    "pentester", "deepfake", "mockup", "wifi", "trackpad", "touchpad", "onboard", "subtask",
    "renderer", "folder", "padding", "syntax", "waypoint", "treemap", "explainer", "tweakable",
    "proxy", "failover", "mouseover", "pushback", "div", "handwrite",
    # general English of size 80 met in real notes
    "math", "agentic", "spammy", "themself", "relatedly", "narratively", "lockdown", "modulo",
    "brainstem", "quintile", "attach", "ideate", "racialize", "sexualize", "incentivize",
    "improv", "symbiote", "waivable", "masteries", "gapped", "falsey",
    # games
    "wargame", "warband", "cantrip", "polearm", "pauldron", "sigil", "handwave",
)


def _inflections(word: str) -> Iterator[str]:
    yield word
    stem = word[:-1] if word.endswith("e") else word
    yield from (word + "s", word + "es", word + "d", stem + "ed", stem + "ing", stem + "er",
                stem + "ers")


_EXTRA = frozenset(form for word in EXTRA_WORDS for form in _inflections(word))


_SIBILANT = ("s", "x", "z", "ch", "sh")


def regular_stems(word: str) -> Iterator[str]:
    """The words of which `word` is a regular inflection by English spelling rules, so the list's
    `glitch`, `encoding` and `template` know `glitching`, `encodings` and `templated` (SCOWL
    lists a word's inflections only at the size of their own use). The rules are those of
    English, not guesses: a consonant + y takes -ies (`flys` is no form of `fly`), a sibilant
    takes -es (`boxs` is none of `box`)."""
    if word.endswith("ings"):
        word = word[:-1]  # `settings`, `encodings`: a plural of the -ing form
    if word.endswith("ies"):
        yield word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith((*_SIBILANT, "o")):
        yield word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        stem = word[:-1]
        if not stem.endswith(_SIBILANT) and not _consonant_y(stem):
            yield stem
    for suffix in ("ed", "ing"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:  # `wat` + ed would excuse `wated`
            yield from (stem, stem + "e")
            if suffix == "ed" and stem.endswith("i"):
                yield stem[:-1] + "y"  # carried -> carry


def _consonant_y(word: str) -> bool:
    return len(word) > 1 and word[-1] == "y" and word[-2] not in "aeiou"


def touches_apostrophe(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] has an apostrophe on either side (`stylin'`, `rock'n'roll`,
    `don't`), a possessive 's after it (`langauge's`) excepted."""
    return (start > 0 and text[start - 1] in ("'", "’")
            or text[end : end + 1] in ("'", "’") and not _POSSESSIVE_AT.match(text, end))


def is_letter(char: str) -> bool:
    """A letter of any script or a combining accent; False for "" (the edge of a text)."""
    return char.isalpha() or "\u0300" <= char <= "\u036f" if char else False


@lru_cache(maxsize=1 << 17)
def dictionary_words(text: str) -> tuple[tuple[int, str], ...]:
    """(index, word) of the words of a chunk's text that tier 2 judges: lowercase, 4+ ASCII
    letters (a word with accents is foreign or a name: never judged, never split), and the
    NON_WORDS capitalised (`Alot`)."""
    if _NOT_WORDS.search(text):
        return ()
    return tuple((m.start(), w) for m in _WHOLE_WORD.finditer(text)
                 if len(w := m.group()) >= MIN_WORD and w.isascii()
                 and (w.islower() or w.lower() in NON_WORDS and w[1:].islower()))


@lru_cache(maxsize=1)
def word_list() -> tuple[list[str], dict[str, str]]:
    """The SCOWL-derived list (scripts/build_wordlist.py): the words of every variety, and the
    words of some varieties -> their letters. Loaded once per process, when a word is judged."""
    text = gzip.decompress(WORDS_FILE.read_bytes()).decode("utf-8")
    _header, plain, some = text.split("\n\n")
    return plain.split("\n"), dict(line.split("\t") for line in some.split("\n") if line)


def locale_words(locale: str = "en") -> frozenset[str]:
    """The words one locale accepts: "en" every variety, "en-gb" British ones, and so on."""
    return _locale_words(locale)  # one cache entry whether or not "en" is passed


@lru_cache(maxsize=8)
def _locale_words(locale: str) -> frozenset[str]:
    plain, some = word_list()
    letters = LOCALE_VARIETIES[locale]
    return frozenset(plain).union(w for w, v in some.items() if any(c in v for c in letters))


@lru_cache(maxsize=1)
def blocked_suggestions() -> frozenset[str]:
    """Slurs and obscenities: never offered as a correction, whatever the word list says."""
    lines = BLOCKED_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip().lower()))


def symspell_file(name: str) -> Path | None:
    """A data file of the symspellpy wheel (Google Books word and word-pair counts), located,
    not imported (saves its imports)."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / name
    return path if path.is_file() else None


def word_correction(note: Note, start: int, end: int, replacement: str | None, message: str,
                    intents: frozenset[str] = frozenset()) -> tuple[str, Fix | None]:
    """The message and fix of a spelling rule's correction of note.text[start:end]. A change of
    words is always unsafe (`--unsafe-fixes`): plain `--fix` never rewrites prose. In a heading
    there is no fix at all: links to the heading (`[[note#Heading]]`) would break, and Obsidian's
    own rename updates them."""
    if any(h.start <= start < h.end for h in note.headings):
        return message + " (in a heading: rename it in Obsidian, which updates the links to it)", None
    if not replacement:
        return message, None
    return message, Fix.unsafe(Edit(start, end, replacement), intents=intents)


class Dictionary:
    """Known words (SCOWL for a locale, plus EXTRA_WORDS), and suggestions ranked by frequency
    (SymSpell's list, Google Books counts)."""

    def __init__(self, words: frozenset[str], counts: dict[str, str | int]) -> None:
        self.words = words
        self.counts = counts

    @lru_cache(maxsize=1 << 16)
    def known(self, word: str) -> bool:
        """In the list (any case of a capitalised word, with or without a possessive 's), an
        extra technical word or its inflection, or a prefixed word of the list. A NON_WORD never."""
        if word in self.words or word in _EXTRA:
            return True
        lower = word.lower()
        if lower in NON_WORDS:
            return False
        if lower != word:
            return self.known(lower)
        plain = word.replace("’", "'")
        if plain != word or plain.endswith("'s"):
            return plain in self.words or plain.endswith("'s") and self.known(plain[:-2])
        return (any(word.startswith(p) and len(word) - len(p) >= 5 and word[len(p):] in self.words
                    for p in _PREFIXES)
                or any(stem in self.words for stem in regular_stems(word)))

    @lru_cache(maxsize=65536)
    def suggest(self, word: str) -> str | None:
        """A NON_WORD's correction, else the commonest word of the list within one edit (two for
        words of 7+ letters), or None. Edits count a swap of neighbours as one (optimal string
        alignment). Blocked words are never candidates: the next one is offered instead."""
        if word.lower() in NON_WORDS:
            fix = NON_WORDS[word.lower()]
            return fix[0].upper() + fix[1:] if word[0].isupper() else fix
        from rapidfuzz import process  # imported only when a word is unknown
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) < 7 else 2
        found = process.extractOne(word, self._near_lengths(len(word), limit), scorer=OSA.distance,
                                   score_cutoff=limit)
        return found[0] if found else None

    @lru_cache(maxsize=64)
    def _near_lengths(self, length: int, limit: int) -> list[str]:
        """The common words of the locale of about this length, most frequent first: ties in
        distance go to the commoner word."""
        return [w for w in self.ranked() if abs(len(w) - length) <= limit]

    @lru_cache(maxsize=1)
    def ranked(self) -> list[str]:
        """Every word that may be suggested, most frequent first (a stable sort: equal counts
        keep the list's order). Built when a run first finds an unknown word, once: each
        length's candidates are then a filter of it."""
        counts, words, blocked = self.counts, self.words, blocked_suggestions()
        common = [w for w in counts if int(counts[w]) >= COMMON
                  and (w in words or w in _EXTRA) and w not in blocked]
        return sorted(common, key=lambda w: -int(counts[w]))


def dictionary(locale: str = "en") -> Dictionary | None:
    """The dictionary of a locale, built once per process (`dictionary()` is `dictionary("en")`)."""
    return _dictionary(locale)


@lru_cache(maxsize=8)
def _dictionary(locale: str) -> Dictionary | None:
    path = symspell_file("frequency_dictionary_en_82_765.txt")
    if path is None:
        warn_once("typo: symspellpy's word list was not found (pip install symspellpy); "
                  "the dictionary check is off")
        return None
    fields = path.read_text(encoding="utf-8").split()  # "word count" lines
    counts: dict[str, str | int] = dict(zip(fields[0::2], fields[1::2]))  # int() when asked
    for word in EXTRA_WORDS:
        counts.setdefault(word, COMMON)
    return Dictionary(locale_words(locale), counts)


_CAMEL = re.compile(r"(?<=[^\W\d_A-Z])(?=[A-Z])")


def words_of(text: str) -> list[str]:
    """The words of a text, letters of any script (`Möbius` whole, even decomposed)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def split_words(text: str) -> set[str]:
    """Lowercase words of a name, alias or tag: `Natural_Language_Processing` -> natural,
    language, processing; `PaLM 2` -> palm, pa, lm."""
    text = unicodedata.normalize("NFC", text)  # a decomposed "ö" is one letter again
    words = {w.lower() for w in _WORD.findall(text)}
    words.update(w.lower() for w in _WORD.findall(_CAMEL.sub(" ", text)))
    return words
