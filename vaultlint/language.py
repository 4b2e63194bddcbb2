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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
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
    def mixed(self) -> bool:
        """Whether some lines are in another language than the note's."""
        return bool(self._blocks)

    def english_at_any(self, offsets: Iterable[int]) -> bool:
        """Whether the prose at any of `offsets` is English (or undetermined)."""
        if not self._blocks:  # one language for the whole note: no offset needs a look
            return english(self.note_language)
        return any(self.is_english(at) for at in offsets)

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
    return note.derived((prose_languages, id(vault)), lambda: _detected(note, _context(note, vault)))


def _context(note: Note, vault: Vault | None) -> tuple[str, str]:
    """The language of the note's folder, and of its vault."""
    index = vault.index(LANGUAGES) if vault is not None else None
    return (index.of(note.path), index.language) if index is not None \
        else (UNDETERMINED, UNDETERMINED)


def declared_language(note: Note) -> str | None:
    props = note.properties
    for key in _FRONTMATTER_KEYS:
        code = normalize(props.get(key))
        if code is not None:
            return code
    return None


def prose_text(note: Note) -> str:
    """The note's text with all but prose blanked (`markdown.NON_PROSE` regions), offsets
    kept; computed once per note, as the typo rule's index, `prepare` and `check` and this
    module all read it."""
    return note.derived(prose_text, lambda: note.masked(markdown.NON_PROSE))


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


def _body(note: Note) -> str:
    """The note's body prose, cleaned for CLD2 (offsets kept)."""
    return clean(prose_text(note)[note.body_start:])


def _body_guess(note: Note) -> Guess:
    """CLD2's guess for the note's body prose: asked for by the vault's language index
    (`note_fact`) and by the note's own check, detected once per note."""
    return note.derived(_body_guess, lambda: detect(_body(note)))


def _detected(note: Note, context: tuple[str, str]) -> Languages:
    """`context`: the language of the note's folder, and of its vault."""
    guess = _body_guess(note)
    if not _enough(guess, context):
        return Languages(context[0])
    return Languages(guess.language,
                     tuple(_foreign_blocks(note, guess, context)))


_LINE = re.compile(r"[^\n]+")  # a line (blank ones are skipped: `\S` inside would backtrack)


def _foreign_blocks(note: Note, guess: Guess,
                    context: tuple[str, str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, language) of the runs of lines CLD2 places in another language than the
    note's (a line takes the language of the stretch holding its middle), each confirmed by a
    detection of its own."""
    if all(lang in (guess.language, UNDETERMINED) for _, _, lang in guess.spans):
        return  # one language: no line needs a look
    body, offset = _body(note), note.body_start
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
    guess = _body_guess(note)
    return guess.language if guess.reliable else None


class VaultLanguage:
    """The language of most placed notes of each folder (more than VAULT_SHARE of them, and at
    least FOLDER_MIN_NOTES; the vault's root: VAULT_MIN_NOTES), so that a vault with a folder
    per language (`de/`, `it/`) places the short notes of each. Kept in the cache as the counts
    per folder, and patched by the notes that changed (a pre-commit run need not read the
    language of every note)."""

    def __init__(self, counts: dict[str, Counter]) -> None:
        self.counts = counts  # folder ("" for the root) -> language -> placed notes in or below
        self._folders: dict[str, str] | None = None

    @property
    def folders(self) -> dict[str, str]:
        """Folder -> its language, for the folders that have one."""
        if self._folders is None:
            self._folders = {folder: language for folder, counter in self.counts.items()
                             if (language := _majority(folder, counter)) is not None}
        return self._folders

    @property
    def language(self) -> str:
        return self.folders.get("", UNDETERMINED)

    def of(self, path: str) -> str:
        """The language of the nearest folder of `path` that has one, else "und"."""
        for folder in _folders(path.rpartition("/")[0]):
            found = self.folders.get(folder)
            if found is not None:
                return found
        return UNDETERMINED

    def count(self, path: str, language: str, sign: int) -> None:
        """Count (sign 1) or discount (-1) the note at `path` placed in `language`."""
        for folder in _folders(path.rpartition("/")[0]):
            counter = self.counts.setdefault(folder, Counter())
            counter[language] += sign
            if counter[language] <= 0:
                del counter[language]
            if not counter:
                del self.counts[folder]
        self._folders = None


def _majority(folder: str, counter: Counter) -> str | None:
    language, n = counter.most_common(1)[0]  # a majority is strict: a tie never wins
    least = VAULT_MIN_NOTES if folder == "" else FOLDER_MIN_NOTES
    return language if n >= least and n > VAULT_SHARE * sum(counter.values()) else None


def _folders(folder: str) -> Iterator[str]:
    """A vault folder and every folder above it, up to the vault's root ("")."""
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
    yield ""


def _combine(facts: Mapping[str, Any], vault: Vault) -> VaultLanguage:
    in_folder: dict[str, Counter] = {}  # each note counted in its own folder first
    for path, fact in facts.items():
        if fact:
            in_folder.setdefault(path.rpartition("/")[0], Counter())[fact] += 1
    counts: dict[str, Counter] = {}
    for folder, counter in in_folder.items():
        for parent in _folders(folder):
            counts.setdefault(parent, Counter()).update(counter)
    return VaultLanguage(counts)


def _update(index: VaultLanguage, path: str, old: Any, new: Any, vault: Vault) -> None:
    if old:
        index.count(path, old, -1)
    if new:
        index.count(path, new, 1)


LANGUAGES = IndexSpec(
    "prose-language", note_fact, _combine, version="2",
    encode=lambda index: {folder: dict(counter) for folder, counter in index.counts.items()},
    decode=lambda data, vault: VaultLanguage({folder: Counter(counter)
                                              for folder, counter in data.items()}),
    update=_update,
)
