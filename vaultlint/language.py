"""The language of a note's prose, so that spelling rules judge each text in its own language.

Decided per note, in this order:
1. the note's frontmatter `lang` or `language` (an ISO code such as `it` or `it-IT`, or an
   English language name such as `Italian`);
2. the configured default, unless it is `"auto"`;
3. detection with CLD2 (`pycld2`: Apache-2.0, offline, model inside the wheel), once per note,
   on its prose only (what the typo rule reads: code, math, HTML, comments, links, URLs, tags
   and frontmatter blanked). A note too short to tell (under `MIN_NOTE_BYTES` of letters, or
   CLD2 unsure) takes the language of most placed notes of its folder, or the nearest folder
   above that has one, up to the vault's root (the `LANGUAGES` index), else "und". A
   language other than that one or the vault's needs more evidence
   (`STRONG_BYTES`): CLD2 calls a line of GitHub badges Danish with 99% confidence.
   When CLD2 places stretches of the note in another language, each line takes the language
   of the stretch holding its middle, and each run of lines in another language is detected
   again on its own: confirmed (same language, enough letters) it keeps that language, else
   it takes the note's.

"und" (undetermined) counts as English (`is_english`): prose nobody can place keeps the English
checks it had before languages were told apart, so an English vault sees no change.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from vaultlint import markdown
from vaultlint.note import Note
from vaultlint.vault import IndexSpec, Vault

UNDETERMINED = "und"
ENGLISH = "en"
AUTO = "auto"
MIN_NOTE_BYTES = 60  # fewer letters (in UTF-8 bytes) than this cannot place a note...
MIN_BLOCK_BYTES = 30  # ...or a run of lines of a mixed note
STRONG_BYTES = 250  # ...in another language than its folder's or vault's
VAULT_SHARE = 0.5  # the vault's language: that of more than half its placed notes...
VAULT_MIN_NOTES = 1  # ...and of at least this many (FOLDER_MIN_NOTES for a folder's)
FOLDER_MIN_NOTES = 5
_FRONTMATTER_KEYS = ("lang", "language")
_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
# Callouts (`> [!note] Related`): their type is syntax and their title a label, often the same
# in every note of a template, which sways CLD2 (an Italian vault's "Index", "Related"). C0/C1
# controls and noncharacters make CLD2 refuse the whole text ("invalid UTF-8").
_NOT_TEXT = re.compile(r"\[![\w-]*\][+-]?[^\n]*|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                       r"\ufffe\uffff\ud800-\udfff]")


def normalize(code: Any) -> str | None:
    """An ISO 639 code (`it`, `it-IT`, `pt_BR`, `ita`) or English name (`Italian`) -> the
    lowercase primary code; None if it is neither."""
    if not isinstance(code, str):
        return None
    code = code.strip()
    m = _CODE.match(code)
    if m:
        return m.group(1).lower()
    return _names().get(code.lower())


def _names() -> dict[str, str]:
    import pycld2

    return {name.lower(): c.split("-")[0] for name, c in pycld2.LANGUAGES
            if c not in ("un", "xxx") and "-" not in name}


class Languages:
    """Per-note answer: which language the prose at an offset is in."""

    def __init__(self, note_language: str,
                 blocks: tuple[tuple[int, int, str], ...] = ()) -> None:
        self.note_language = note_language
        self._blocks = blocks  # (start, end, language) of the blocks of a mixed note, sorted
        self._starts = [b[0] for b in blocks]
        self.all = frozenset({note_language, *(b[2] for b in blocks)})

    def at(self, offset: int) -> str:
        """ISO 639-1 code ("en", "it", ...) of the prose at `offset`, or "und"."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._blocks[i][1]:
            return self._blocks[i][2]
        return self.note_language

    def is_english(self, offset: int) -> bool:
        """English, or undetermined (which keeps the English checks, as before)."""
        return english(self.at(offset))

    @property
    def any_english(self) -> bool:
        return any(english(lang) for lang in self.all)

    def __repr__(self) -> str:
        return f"Languages({self.note_language!r}, {self._blocks!r})"


def english(language: str) -> bool:
    return language in (ENGLISH, UNDETERMINED)


def prose_languages(note: Note, default: str = AUTO, vault: Vault | None = None) -> Languages:
    """The languages of `note`'s prose. `default`: "auto" (detect) or an ISO code. With `vault`,
    a note too short to tell takes the language of its folder's or the vault's notes."""
    declared = declared_language(note)
    if declared is not None:
        return Languages(declared)
    if default != AUTO:
        return Languages(normalize(default) or UNDETERMINED)
    key = (id(note), vault is not None)
    found = _MEMO.get(key)
    if found is None or found[0] is not note:
        index = vault.index(LANGUAGES) if vault is not None else None
        context = (index.of(note.path), index.language) if index is not None \
            else (UNDETERMINED, UNDETERMINED)
        found = (note, _detected(note, context))
        _remember(key, found)
    return found[1]


def declared_language(note: Note) -> str | None:
    props = note.properties
    for key in _FRONTMATTER_KEYS:
        code = normalize(props.get(key))
        if code is not None:
            return code
    return None


# The last notes' answers and prose: a batch's `prepare` and each note's `check` ask again, and
# so do the facts of several indexes. Bounded, so a vault's notes are not all kept alive.
_MEMO: OrderedDict[tuple[int, bool], tuple[Note, Languages]] = OrderedDict()
_PROSE: OrderedDict[int, tuple[Note, str]] = OrderedDict()
_GUESSES: OrderedDict[int, tuple[Note, tuple[str, "Guess"]]] = OrderedDict()
_MEMO_SIZE = 128


def _remember(key: Any, value: Any, memo: OrderedDict | None = None) -> None:
    memo = _MEMO if memo is None else memo
    memo[key] = value
    memo.move_to_end(key)
    while len(memo) > _MEMO_SIZE:
        memo.popitem(last=False)


def prose_text(note: Note) -> str:
    """The note's text with all but prose blanked (`markdown.NON_PROSE` regions),
    offsets kept; memoised for the last notes, as the typo rule's index, `prepare` and `check`
    and this module all read it."""
    found = _PROSE.get(id(note))
    if found is None or found[0] is not note:
        found = (note, note.masked(markdown.NON_PROSE))
        _remember(id(note), found, _PROSE)
    return found[1]


# --- detection -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    language: str  # "und" when CLD2 cannot tell
    letters: int  # bytes of letters CLD2 read
    reliable: bool  # CLD2 is sure, from at least MIN_NOTE_BYTES (or the given minimum)
    spans: tuple[tuple[int, int, str], ...] = ()  # (byte offset, bytes, language) of the text


def detect(text: str, min_bytes: int = MIN_NOTE_BYTES) -> Guess:
    """CLD2's guess for `text`, with the language of each stretch of it."""
    import pycld2  # ~10 ms to load its model: only when a note's language must be guessed

    try:
        reliable, letters, details, vectors = pycld2.detect(text, returnVectors=True)
    except pycld2.error:  # what it still refuses it cannot read: no guess
        return Guess(UNDETERMINED, 0, False)
    language = _code(details[0][1])
    sure = reliable and letters >= min_bytes and language != UNDETERMINED
    return Guess(language, letters, sure, tuple((o, n, _code(c)) for o, n, _, c in vectors))


def clean(text: str) -> str:
    """`text` without what CLD2 must not read, each character replaced by a space (offsets
    kept)."""
    return _NOT_TEXT.sub(lambda m: " " * len(m.group()), text)


def _code(cld2_code: str) -> str:
    return UNDETERMINED if cld2_code in ("un", "xxx") else cld2_code.split("-")[0].lower()


def _enough(guess: Guess, context: tuple[str, str]) -> bool:
    """Whether a reliable guess is trusted: the language of the note's folder or vault
    (`context`) needs MIN_NOTE_BYTES, any other STRONG_BYTES (CLD2 calls a list of badges or
    names Danish with 99% confidence)."""
    return guess.reliable and _trusted(guess.language, guess.letters, context)


def _trusted(language: str, letters: int, context: tuple[str, str]) -> bool:
    return language in context or letters >= STRONG_BYTES


def _body_guess(note: Note) -> tuple[str, Guess]:
    """The note's cleaned body prose and CLD2's guess for it: asked for by the vault's language
    index (`note_fact`) and by the note's own check, detected once (memoised for the last
    notes)."""
    found = _GUESSES.get(id(note))
    if found is None or found[0] is not note:
        body = clean(prose_text(note)[note.body_start:])
        found = (note, (body, detect(body)))
        _remember(id(note), found, _GUESSES)
    return found[1]


def _detected(note: Note, context: tuple[str, str]) -> Languages:
    """`context`: the language of the note's folder, and of its vault."""
    body, guess = _body_guess(note)
    if not _enough(guess, context):
        return Languages(context[0])
    return Languages(guess.language,
                     tuple(_foreign_blocks(body, note.body_start, guess, context)))


_LINE = re.compile(r"[^\n]+")  # a line (blank ones are skipped: `\S` inside would backtrack)


def _foreign_blocks(body: str, offset: int, guess: Guess,
                    context: tuple[str, str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, language) of the runs of lines CLD2 places in another language than the
    note's (a line takes the language of the stretch holding its middle), each confirmed by a
    detection of its own."""
    if all(lang in (guess.language, UNDETERMINED) for _, _, lang in guess.spans):
        return  # one language: no line needs a look
    run: list[Any] = []  # [start, end, language] of the current run of lines
    for start, end, lang in [*_line_languages(body, guess.spans), (len(body), len(body), None)]:
        if run and lang == run[2]:
            run[1] = end
            continue
        if run and run[2] not in (guess.language, UNDETERMINED):
            block = detect(body[run[0]:run[1]], MIN_BLOCK_BYTES)
            if block.language == run[2] and block.letters >= MIN_BLOCK_BYTES and \
                    _trusted(block.language, block.letters, context):
                yield offset + run[0], offset + run[1], run[2]
        run = [start, end, lang]


def _line_languages(body: str, spans: tuple[tuple[int, int, str], ...]
                    ) -> Iterator[tuple[int, int, str]]:
    starts = [s[0] for s in spans]
    byte, char = 0, 0
    for m in _LINE.finditer(body):
        if m.group().isspace():
            continue
        middle = (m.start() + m.end()) // 2
        byte += len(body[char:middle].encode("utf-8", "surrogatepass"))
        char = middle
        i = bisect.bisect_right(starts, byte) - 1
        inside = i >= 0 and byte < spans[i][0] + spans[i][1]
        yield m.start(), m.end(), spans[i][2] if inside else UNDETERMINED


def note_fact(note: Note) -> str | None:
    """The note's own language (declared, or reliably detected), for the vault's language."""
    declared = declared_language(note)
    if declared is not None:
        return declared
    guess = _body_guess(note)[1]
    return guess.language if guess.reliable else None


@dataclass(frozen=True)
class VaultLanguage:
    """The language of most placed notes of each folder (more than VAULT_SHARE of them, and at
    least FOLDER_MIN_NOTES; the vault's root: VAULT_MIN_NOTES), so that a vault with a folder
    per language (`de/`, `it/`) places the short notes of each."""

    folders: dict[str, str]  # folder ("" for the root) -> language

    @property
    def language(self) -> str:
        return self.folders.get("", UNDETERMINED)

    def of(self, path: str) -> str:
        """The language of the nearest folder of `path` that has one, else "und"."""
        folder = PurePosixPath(path).parent
        for parent in (folder, *folder.parents):
            found = self.folders.get("" if str(parent) == "." else str(parent))
            if found is not None:
                return found
        return UNDETERMINED


def _combine(facts: Mapping[str, Any], vault: Vault) -> VaultLanguage:
    counts: dict[str, Counter] = {}
    for path, fact in facts.items():
        if fact:
            folder = PurePosixPath(path).parent
            for parent in (folder, *folder.parents):
                counts.setdefault("" if str(parent) == "." else str(parent), Counter())[fact] += 1
    folders = {}
    for folder, counter in counts.items():
        language, n = counter.most_common(1)[0]
        least = VAULT_MIN_NOTES if folder == "" else FOLDER_MIN_NOTES
        if n >= least and n > VAULT_SHARE * sum(counter.values()):
            folders[folder] = language
    return VaultLanguage(folders)


LANGUAGES = IndexSpec("prose-language", note_fact, _combine, version="2")
