"""Misspelled words in prose.

Only prose is read: code spans and blocks, math, HTML, comments, URLs, link targets (the alias of
`[[target|alias]]` is prose), tags, frontmatter keys and file names never are. Of the frontmatter,
only the string values of the keys in `properties` are checked. An unresolved wikilink that is a
near miss (`[[Gemeni]]`) is the link rule's business, not this one's.

Two checks:
1. **Known misspellings** (the `typos` engine's list: `recieve`, `seperate`, `wich`...): almost
   never wrong, always on. When the engine knows exactly one correction the fix is safe;
   otherwise it is unsafe (`--unsafe-fixes`) and takes the first correction.
2. **Dictionary** (`dictionary = true`): a lowercase word that is in no word list, no note
   title, alias or tag, and no `min-notes` notes, but is one edit (two from 7 letters) away from
   a common English word: `appleid` -> applied. Capitalised words, acronyms and camelCase
   (OLMo, PaLM, Cohere) are never judged by it. Its fixes are unsafe.

A word in `words` or in the `words-file` (one word per line, `#` comments) is never reported.
A misspelling the engine knows is reported even when many notes repeat it.

Options:
- `dictionary` (bool, default true): run the dictionary check.
- `words` (list of strings, default []): words never reported (case-insensitive).
- `words-file` (string, default ".vaultlint-words.txt"): vault-relative word list; may be absent.
- `min-notes` (integer, default 3): a word used in this many notes is vocabulary (0: never).
- `min-repeats` (integer, default 2): an unknown word the note itself uses this many times is
  deliberate (`symlink`, a handle, a term of art), not a slip (0: never). Measured on the
  Obsidian Help vault this removes half of the dictionary check's false alarms.
- `properties` (list of strings, default ["title", "description", "summary"]): frontmatter keys
  whose one-line string values are prose.
- `typos-command` (string, default ""): the typos binary; empty: the one installed with vaultlint,
  else `typos` on PATH. Missing: a warning, and only the dictionary check runs.
- `locale` ("en", "en-us", "en-gb", "en-ca", "en-au"; default "en"): which spelling variants the
  engine accepts ("en": all).

Fail:
```markdown
We recieve the gap between fundamental and appleid research.
```
Pass:
```markdown
Open models like [[OLMo]], PaLM and Pythia; `recieve()` is code.
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from vaultlint import spelling
from vaultlint.diagnostics import Diagnostic, Edit, Fix
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.urls import string_values
from vaultlint.vault import IndexSpec, Vault

NON_PROSE = frozenset({"code", "math", "html", "comment", "link", "url", "tag", "frontmatter"})
LOCALES = ["en", "en-us", "en-gb", "en-ca", "en-au"]
_NAME_KEYS = ("aliases", "alias", "tags", "tag")
_BODY = frozenset({"body"})


# --- what is prose -----------------------------------------------------------------------------

Runs = dict[str, list[int]]  # whitespace-separated run -> offsets where it occurs


def body_runs(note: Note) -> Runs:
    return spelling.runs(note.masked(NON_PROSE), note.body_start)


def property_runs(note: Note, keys: Iterable[str]) -> Iterator[tuple[Runs, frozenset[str]]]:
    """Runs of one-line string values of `keys`, with the fix intent for each key."""
    fm = note.frontmatter
    for key in keys:
        value = note.properties.get(key)
        if fm is None or not isinstance(value, str) or key not in fm.key_lines:
            continue
        start, end = note.line_span(fm.key_lines[key] - 1)
        line = re.compile(rf"\s*{re.escape(key)}\s*:\s*(['\"]?)(.*?)\1\s*$")
        m = line.match(note.text, start, end)
        if m and m.group(2) == value:  # else multi-line, escaped or flow: not worth the risk
            yield spelling.runs(note.text, m.start(2), m.end(2)), frozenset({f"frontmatter:{key}"})


def name_words(note: Note) -> set[str]:
    """Words of the note's title, aliases, tags and code: the vault's own vocabulary. (Code
    names jargon, `json`, `async`; a misspelt identifier still gets its known misspellings
    reported by the engine.)"""
    names = [PurePosixPath(note.path).stem]
    for key in _NAME_KEYS:
        names.extend(string_values(note.properties.get(key)))
    names.extend(note.text[r.start : r.end] for r in note.regions if r.kind in ("tag", "code"))
    return set().union(*(spelling.split_words(n) for n in names))


# --- the vault's vocabulary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    names: Counter  # word of titles, aliases, tags and code -> number of notes naming it
    notes_using: Counter  # word -> number of notes whose prose uses it

    def knows(self, word: str, min_notes: int) -> bool:
        return self.names[word] > 0 or 0 < min_notes <= self.notes_using[word]


def _prose_chunks(note: Note) -> list[str]:
    masked = note.masked(NON_PROSE)
    return sorted({c.text for r in spelling.run_set(masked, note.body_start)
                   if (c := spelling.chunk(r)) is not None})


def _facts(note: Note) -> dict[str, list[str]]:
    """The note's words the dictionary does not know: only those can need the vault's vocabulary
    (keeping every word would make the cache as big as the vault)."""
    words = {w for t in _prose_chunks(note) for _, w in spelling.dictionary_words(t)}
    return {"words": _unknown(words), "names": _unknown(name_words(note))}


def _unknown(words: set[str]) -> list[str]:
    known = spelling.dictionary()
    return sorted(w for w in words if known is None or not known.known(w))


def _combine(facts: Mapping[str, Any], vault: Vault) -> Vocabulary:
    vocabulary = Vocabulary(Counter(), Counter())
    for fact in facts.values():
        _count(vocabulary, fact, 1)
    return vocabulary


def _count(vocabulary: Vocabulary, fact: dict[str, list[str]] | None, sign: int) -> None:
    if fact:
        for counter, words in ((vocabulary.names, fact["names"]),
                               (vocabulary.notes_using, fact["words"])):
            counter.update({w: sign for w in words})
            if sign < 0:
                for word in words:
                    if counter[word] <= 0:
                        del counter[word]


def _update(vocabulary: Vocabulary, path: str, old: Any, new: Any, vault: Vault) -> None:
    _count(vocabulary, old, -1)
    _count(vocabulary, new, 1)


VOCABULARY = IndexSpec(
    "prose-words", _facts, _combine, version="3",
    encode=lambda v: {"names": v.names, "words": v.notes_using},
    decode=lambda data, vault: Vocabulary(Counter(data["names"]), Counter(data["words"])),
    update=_update,
)


def prepare(notes: list[Note], vault: Vault | None, options: dict[str, Any]) -> None:
    """One typos call for all the prose of a batch of notes about to be checked, started now
    and answered in the background while the other rules run."""
    engine = _engine(options)
    if engine is not None:
        engine.start(t for note in notes for t in _prose_chunks(note))


def _engine(options: dict[str, Any]) -> spelling.TyposEngine | None:
    return spelling.typos_engine(options["typos-command"], options["locale"])


def read_words(path: Path) -> frozenset[str]:
    """A word list file: one word per line, `#` starts a comment; absent means empty."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip().lower()))


def _allowed(ctx: RuleContext) -> frozenset[str]:
    words = frozenset(w.lower() for w in ctx.options["words"])
    name = ctx.options["words-file"]
    if ctx.vault is None or not name:
        return words
    return words | ctx.vault.index(f"typo-words:{name}", lambda v: read_words(v.root / name))


# --- checking ------------------------------------------------------------------------------------


class Finding(NamedTuple):
    """A misspelt `word` at `index` of a chunk's text, and what to replace it with."""

    index: int
    word: str
    message: str
    replacement: str | None
    safe: bool


class Judge:
    """What one note's check needs, and its verdict on each distinct chunk text."""

    def __init__(self, note: Note, ctx: RuleContext, uses: Counter) -> None:
        self.options = ctx.options
        self.uses = uses  # how often the note uses each word: a repeated one is deliberate
        self.vocabulary = ctx.vault.index(VOCABULARY) if ctx.vault is not None else None
        self.allowed = _allowed(ctx)
        self.engine = _engine(ctx.options)
        self.dictionary = spelling.dictionary() if ctx.options["dictionary"] else None
        self.own_names = name_words(note) if self.dictionary is not None else set()
        self.verdicts: dict[str, list[Finding]] = {}

    def findings(self, text: str) -> list[Finding]:
        if text not in self.verdicts:
            known = self._known_misspellings(text)
            self.verdicts[text] = known + self._unknown_words(text, known)
        return self.verdicts[text]

    def _known_misspellings(self, text: str) -> list[Finding]:
        out = []
        for m in self.engine.misspellings(text) if self.engine is not None else ():
            if m.typo.lower() not in self.allowed:
                fixes = " or ".join(f'"{c}"' for c in m.corrections)
                message = f'"{m.typo}" is a misspelling of {fixes}' if fixes else \
                    f'"{m.typo}" is a known misspelling'
                first = m.corrections[0] if m.corrections else None
                out.append(Finding(m.index, m.typo, message, first, m.unambiguous))
        return out

    def _unknown_words(self, text: str, known: list[Finding]) -> list[Finding]:
        if self.dictionary is None:
            return []
        out = []
        for index, word in spelling.dictionary_words(text):
            if any(f.index < index + len(word) and index < f.index + len(f.word) for f in known):
                continue
            suggestion = None if self._in_vocabulary(word) else self.dictionary.suggest(word)
            if suggestion is not None:
                message = f'unknown word "{word}": did you mean "{suggestion}"?'
                out.append(Finding(index, word, message, suggestion, False))
        return out

    def _in_vocabulary(self, word: str) -> bool:
        repeats = self.options["min-repeats"]
        return (word in self.allowed or word in self.own_names or self.dictionary.known(word)
                or 0 < repeats <= self.uses[word]
                or self.vocabulary is not None and
                self.vocabulary.knows(word, self.options["min-notes"]))


def _uses(groups: list[tuple[Runs, frozenset[str]]]) -> Counter:
    """Occurrences of each dictionary-checked word in the note's prose."""
    uses: Counter = Counter()
    for runs, _ in groups:
        for run, offsets in runs.items():
            chunk = spelling.chunk(run)
            if chunk is not None:
                for _, word in spelling.dictionary_words(chunk.text):
                    uses[word] += len(offsets)
    return uses


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    groups = [(body_runs(note), _BODY), *property_runs(note, ctx.options["properties"])]
    judge = Judge(note, ctx, _uses(groups))
    if judge.engine is not None:  # one call for whatever the vault index did not cover
        judge.engine.check(c.text for runs, _ in groups for r in runs
                           if (c := spelling.chunk(r)) is not None)
    for runs, intents in groups:
        for run, offsets in runs.items():
            chunk = spelling.chunk(run)
            for finding in judge.findings(chunk.text) if chunk is not None else ():
                for at in offsets:
                    yield _diagnostic(ctx, finding, chunk.span(at, finding.index,
                                                               finding.index + len(finding.word)),
                                      intents)


def _diagnostic(ctx: RuleContext, finding: Finding, span: tuple[int, int],
                intents: frozenset[str]) -> Diagnostic:
    start, end = span
    fix = None
    if finding.replacement and ctx.note.text[start:end] == finding.word:  # no marker inside
        make = Fix.safe if finding.safe else Fix.unsafe
        fix = make(Edit(start, end, finding.replacement), intents=intents)
    return ctx.diagnostic(start, end, finding.message, fix)


RULE = Rule(
    code="TYP001",
    name="typo",
    summary="Misspelled words in prose",
    docs=__doc__,
    check=check,
    fixable=True,
    options={"dictionary": True, "words": [], "words-file": ".vaultlint-words.txt",
             "min-notes": 3, "min-repeats": 2, "properties": ["title", "description", "summary"],
             "typos-command": "", "locale": "en"},
    options_schema={
        "dictionary": {"type": "boolean"},
        "words": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "words-file": {"type": "string"},
        "min-notes": {"type": "integer", "minimum": 0},
        "min-repeats": {"type": "integer", "minimum": 0},
        "properties": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "typos-command": {"type": "string"},
        "locale": {"enum": LOCALES},
    },
    examples=(
        Example("We recieve mail.\n", "We receive mail.\n"),
        Example("The gap between basic and appleid research.\n",
                "The gap between basic and applied research.\n", unsafe=True),
        Example("Pick wich one.\n", "Pick which one.\n", unsafe=True),
        Example("Open models like OLMo, PaLM, Pythia and BLOOM; ask Cohere.\n", flagged=False),
        Example("`recieve()` $recieve$ [[Recieve notes]] <https://x.org/recieve> #recieve\n",
                flagged=False),
        Example("The appleid research.\n", flagged=False, options={"dictionary": False}),
        Example("The appleid research.\n", flagged=False, options={"words": ["appleid"]}),
    ),
    needs_vault=True,
    indexes=(VOCABULARY,),
    prepare=prepare,
)
