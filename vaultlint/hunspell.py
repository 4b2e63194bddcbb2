"""Hunspell dictionaries (`.dic` + `.aff`) for prose in languages other than English.

The files are the ones Debian (`hunspell-it`, ...) and LibreOffice ship for most languages;
`spylls` (pure-Python Hunspell, MPL-2.0) reads them, affix rules included. They are read as
bounded regular files (a FIFO or device named in a config must not hang or flood a run), and
each distinct word is looked up once. Suggestions are Hunspell's edit-based ones only (its
n-gram pass scans the whole word list: seconds per word) and must be as close as the English
tier's: one edit, two from 7 letters.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from vaultlint.safeio import UnsafeFile, read_regular

MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest LibreOffice dictionaries are ~20 MB
MAX_SUGGEST = 12  # letters; see HunspellDictionary.suggest
MIN_WORD = 4  # as the English tier: shorter words are mostly abbreviations and elisions
# A chunk with these inside is a path, address, version, identifier or formula, not prose.
_NOT_WORDS = re.compile(r"[\d_@/\\.:#&+=<>{}|$%~]")
# Letters of any script; an elided article or preposition (`dell'`, `l’`) is not judged, the
# word after it is.
_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHES = "'’"


class DictionaryError(Exception):
    """The dictionary files cannot be used."""


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[tuple[int, str], ...]:
    """(index, word) of the lowercase words of a chunk's text that a Hunspell dictionary
    judges."""
    if _NOT_WORDS.search(text):
        return ()
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        if end < len(text) and text[end] in _APOSTROPHES:  # elided: `dell'`, `quest'`
            continue
        if len(word) >= MIN_WORD and word.islower():
            out.append((m.start(), word))
    return tuple(out)


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; anything else raises DictionaryError.
    (Opened non-blocking so that a FIFO does not hang the open.)"""
    try:
        return read_regular(path, limit)[0]
    except UnsafeFile as exc:
        raise DictionaryError(f"{path}: {exc.reason}") from None
    except OSError as exc:
        raise DictionaryError(f"cannot read {path}: {exc.strerror}") from None


def base_path(configured: str, root: Path | None) -> Path:
    """The dictionary's base path (`…/it_IT` for it_IT.dic and it_IT.aff): absolute, or
    relative to the vault root; a trailing `.dic` or `.aff` is allowed."""
    path = Path(configured).expanduser()
    if path.suffix in (".dic", ".aff"):
        path = path.with_suffix("")
    return path if path.is_absolute() or root is None else root / path


class HunspellDictionary:
    """Memoised lookups and suggestions of one loaded dictionary."""

    def __init__(self, dictionary) -> None:  # a spylls.hunspell.Dictionary
        self._dictionary = dictionary
        dictionary.aff.MAXNGRAMSUGS = 0  # see the module docstring

    @lru_cache(maxsize=1 << 16)
    def known(self, word: str) -> bool:
        try:
            return bool(self._dictionary.lookup(word))
        except Exception:  # a dictionary spylls mis-handles: the word is not judged
            return True

    @lru_cache(maxsize=1 << 14)
    def suggest(self, word: str) -> str | None:
        """Hunspell's first suggestion if it is a close single word, else None. Words longer
        than MAX_SUGGEST letters get none (spylls needs seconds for them: 2.6 s for a
        15-letter word)."""
        from rapidfuzz.distance import OSA

        if len(word) > MAX_SUGGEST:
            return None
        limit = 1 if len(word) < 7 else 2
        try:
            for suggestion in self._dictionary.suggest(word):
                if " " in suggestion or "-" in suggestion:
                    continue
                distance = OSA.distance(word, suggestion.lower())
                return suggestion if 0 < distance <= limit else None
        except Exception:
            return None
        return None


@lru_cache(maxsize=8)
def load(base: Path) -> HunspellDictionary | None:
    """The dictionary of `base`.aff and `base`.dic, once per process; None (and a warning)
    if it cannot be read."""
    from vaultlint.spelling import warn_once

    try:
        return _load(base)
    except DictionaryError as exc:
        warn_once(f"typo: {exc}; prose in its language is not checked")
        return None


def _load(base: Path) -> HunspellDictionary:
    from spylls.hunspell import Dictionary, readers

    aff_data = read_bounded(base.with_name(base.name + ".aff"))
    dic_data = read_bounded(base.with_name(base.name + ".dic"))
    reader = _reader_class()
    try:
        aff, context = readers.read_aff(reader(aff_data))
        dic = readers.read_dic(reader(dic_data, context.encoding), aff=aff,
                               context=context)
    except Exception as exc:  # spylls raises what its parsers hit on a malformed file
        raise DictionaryError(f"cannot read the dictionary {base}: {exc}") from None
    return HunspellDictionary(Dictionary(aff, dic))


@lru_cache(maxsize=1)
def _reader_class() -> type:
    """spylls' line reader over bytes already read (it re-reads when the `.aff` names its
    encoding, as its own file reader does)."""
    from spylls.hunspell.readers.file_reader import BaseReader

    class BytesReader(BaseReader):
        def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
            self.data = data
            super().__init__(self._open(encoding))

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(self._open(encoding))

        def _open(self, encoding: str) -> io.StringIO:
            try:
                text = self.data.decode(encoding, errors="surrogateescape")
            except LookupError:  # an encoding Python does not know: the commonest one
                text = self.data.decode("utf-8", errors="surrogateescape")
            return io.StringIO(text)

    return BytesReader
