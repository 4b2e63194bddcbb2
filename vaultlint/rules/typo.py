"""Misspelled words in prose.

Only prose is read: code spans and blocks, math, HTML, comments, URLs, link targets (the alias of
`[[target|alias]]` is prose), tags, frontmatter keys and file names never are. Of the frontmatter,
only the string values of the keys in `properties` are checked. An unresolved wikilink that is a
near miss (`[[Gemeni]]`) is the link rule's business, not this one's.

Two checks:
1. **Known misspellings** (the `typos` engine's list: `recieve`, `seperate`, `wich`...): almost
   never wrong, always on. The fix takes the engine's first correction.
2. **Dictionary** (`dictionary = true`): a lowercase word that is not in the English word list
   (SCOWL, both spellings and every inflection: `favorite`, `colours`), no note title, alias
   or tag, and no `min-notes` notes, but is one edit (two from 7 letters) away from a common
   English word: `appleid` -> applied. Common non-words (`alot`, `eachother`, `flys`) are
   always reported, however many notes use them. Its fixes are unsafe.

Names are names: neither check judges the note's own name and aliases, capitalised words of
the vault's titles, aliases, tags and link targets, CamelCase (`GeorgeAzma`), all caps (`FRE`),
handles (`@name`), a capitalised word after another word of its sentence (`Built by
Automattic`), or a word touching an apostrophe (`stylin'`). Words are never split at accented
letters (`séances`). A suggestion is never a slur or an obscenity.

Fixes change words, so they are always **unsafe**: plain `--fix` never rewrites prose;
`--fix --unsafe-fixes` applies them and lists every word it changed. A slip in a heading is
reported without a fix (renaming the heading would break `[[note#Heading]]` links: rename it in
Obsidian, which updates them). Dataview field keys (`key:: value`), Templater commands
(`<% %>`), HTML, tags and the words of the note's own name, `title` and aliases are never
judged.

Both checks are English and judge English prose only (`vaultlint/language.py`): a note's
frontmatter `lang`/`language`, else the `language` option, else detection (CLD2) per note and
per run of lines in mixed notes; undetermined prose counts as English. Prose in another
language (`possibile`, `comando`, `deine`) is left alone, unless `dictionaries` gives a Hunspell
`.dic`/`.aff` for its language: then an unknown lowercase word with a close Hunspell suggestion
is reported (unsafe fix).

A word in `words` or in the `words-file` (one word per line, `#` comments) is never reported.
A misspelling the engine knows is reported even when many notes repeat it.

Options:
- `dictionary` (bool, default true): run the dictionary check.
- `words` (list of strings, default []): words never reported (case-insensitive).
- `words-file` (string, default ".vaultlint-words.txt"): vault-relative word list; may be absent.
  It must lie inside the vault (unless named by a `--config` config) and be a regular file.
- `min-notes` (integer, default 3): a word used in this many notes is vocabulary (0: never).
- `min-repeats` (integer, default 2): an unknown word the note itself uses this many times is
  deliberate (`symlink`, a handle, a term of art), not a slip (0: never). Measured on the
  Obsidian Help vault this removes half of the dictionary check's false alarms.
- `properties` (list of strings, default ["description", "summary"]): frontmatter keys whose
  one-line string values are prose. (`title` is a name, like the file's: never judged.)
- `typos-command` (string, default ""): the typos binary; empty: the one installed with vaultlint,
  else `typos` on PATH. Missing: a warning, and only the dictionary check runs. It runs a
  program, so it is taken only from a config passed with `--config` or from the environment
  variable `VAULTLINT_TYPOS_COMMAND`; in a config found in the vault it is ignored (a warning).
- `locale` ("en", "en-us", "en-gb", "en-ca", "en-au"; default "en"): which spelling variants
  both checks accept ("en": all; "en-gb": `colour`, not `color`).
- `language` (string, default "auto"): the language of notes without a `lang` property: "auto"
  (detect) or an ISO 639 code ("it"); English tiers run only on English prose.
- `dictionaries` (table, default {}): language code -> Hunspell dictionary base path, vault-
  relative or absolute (`{ it = "dictionaries/it_IT" }` for it_IT.dic and it_IT.aff).

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

from vaultlint import hunspell, language, markdown, spelling
from vaultlint.diagnostics import Diagnostic
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.safeio import UnsafeFile, describe, read_regular
from vaultlint.urls import string_values
from vaultlint.vault import IndexSpec, Vault

NON_PROSE = markdown.NON_PROSE
LOCALES = ["en", "en-us", "en-gb", "en-ca", "en-au"]
LANGUAGE_PATTERN = "^(auto|[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*)$"  # "auto" or an ISO 639 code
_ALIAS_KEYS = ("aliases", "alias")
_TAG_KEYS = ("tags", "tag")
_BODY = frozenset({"body"})


# --- what is prose -----------------------------------------------------------------------------

Runs = spelling.Runs


def body_runs(note: Note) -> Runs:
    return spelling.Runs(language.prose_text(note), note.body_start)


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
            yield spelling.Runs(note.text, m.start(2), m.end(2)), frozenset({f"frontmatter:{key}"})


def _words_of(names: Iterable[str]) -> set[str]:
    return set().union(*(spelling.split_words(n) for n in names))


def title_words(note: Note) -> set[str]:
    """Words of the note's own name, `title` and aliases: the writer chose them (`GeorgeAzma`),
    so no tier judges them anywhere in the note."""
    names = [PurePosixPath(note.path).stem, *string_values(note.properties.get("title"))]
    for key in _ALIAS_KEYS:
        names.extend(string_values(note.properties.get(key)))
    return _words_of(names)


def name_words(note: Note) -> set[str]:
    """Words of the note's title, aliases, tags and code: the vault's own vocabulary. (Code
    names jargon, `json`, `async`; a misspelt identifier still gets its known misspellings
    reported by the engine.)"""
    names = [text for key in _TAG_KEYS for text in string_values(note.properties.get(key))]
    names.extend(note.text[r.start : r.end] for r in note.regions if r.kind in ("tag", "code"))
    return title_words(note) | _words_of(names)


# --- the vault's vocabulary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    names: Counter  # word of titles, aliases, tags and code -> number of notes naming it
    notes_using: Counter  # word -> number of notes whose prose uses it
    links: Counter  # word of note names, aliases and link targets -> number of notes

    def knows(self, word: str, min_notes: int) -> bool:
        """Vocabulary of the dictionary check; never a known non-word (`alot` in 3 notes)."""
        return word not in spelling.NON_WORDS and (
            self.names[word] > 0 or 0 < min_notes <= self.notes_using[word])

    def names_thing(self, word: str) -> bool:
        """A word of a note's name, title or alias or of a link target, anywhere in the vault:
        capitalised in prose (`Automattic`, `Nextcloud`) it names that thing, so no tier
        judges it. (Not tags and code: `def recieve()` must not excuse `Recieve mail.` Link
        targets count only here: lowercase, a typo in a link would whitelist itself.)"""
        return self.links[word.lower()] > 0


def _prose_chunks(note: Note) -> list[str]:
    """The distinct chunk texts of the note's body prose (read by its facts and `prepare`)."""
    return note.derived(_prose_chunks, lambda: sorted(
        {c.text for r in spelling.run_set(language.prose_text(note), note.body_start)
         if (c := spelling.chunk(r)) is not None}))


def _facts(note: Note) -> dict[str, list[str]]:
    """The note's words the dictionary does not know: only those can need the vault's vocabulary
    (keeping every word would make the cache as big as the vault). Judged with every English
    variety ("en"), whatever the locale: facts are cached per note, not per setting."""
    words = {w for t in _prose_chunks(note) for _, w in spelling.dictionary_words(t)}
    return {"words": _unknown(words), "names": _unknown(name_words(note)),
            "links": _unknown(link_words(note) | title_words(note))}


def link_words(note: Note) -> set[str]:
    """Words of the note's wikilink and Markdown link targets (not URLs): names of notes."""
    return _words_of(text for r in note.regions if r.kind == "link"
                     and "://" not in (text := note.text[r.start : r.end]))


def _unknown(words: set[str]) -> list[str]:
    known = spelling.dictionary()
    return sorted(w for w in words if known is None or not known.known(w))


def _combine(facts: Mapping[str, Any], vault: Vault) -> Vocabulary:
    vocabulary = Vocabulary(Counter(), Counter(), Counter())
    for fact in facts.values():
        _count(vocabulary, fact, 1)
    return vocabulary


def _count(vocabulary: Vocabulary, fact: dict[str, list[str]] | None, sign: int) -> None:
    if fact:
        for counter, words in ((vocabulary.names, fact["names"]),
                               (vocabulary.notes_using, fact["words"]),
                               (vocabulary.links, fact["links"])):
            counter.update({w: sign for w in words})
            if sign < 0:
                for word in words:
                    if counter[word] <= 0:
                        del counter[word]


def _update(vocabulary: Vocabulary, path: str, old: Any, new: Any, vault: Vault) -> None:
    _count(vocabulary, old, -1)
    _count(vocabulary, new, 1)


VOCABULARY = IndexSpec(
    "prose-words", _facts, _combine, version="5",
    encode=lambda v: {"names": v.names, "words": v.notes_using, "links": v.links},
    decode=lambda data, vault: Vocabulary(Counter(data["names"]), Counter(data["words"]),
                                          Counter(data["links"])),
    update=_update,
)


def prepare(notes: list[Note], vault: Vault | None, options: dict[str, Any]) -> None:
    """One typos call for all the prose of a batch of notes about to be checked, started now
    and answered in the background while the other rules run."""
    engine = _engine(options)
    if engine is not None:  # prose in other languages is not the English engine's business
        engine.start(t for note in notes if _languages(note, vault, options).any_english
                     for t in _prose_chunks(note))


def preload(options: dict[str, Any]) -> None:
    """The word list and its suggestion ranking (24 MB, 0.3 s), built once before workers
    fork, so they share it."""
    if options["dictionary"]:
        found = spelling.dictionary(options["locale"])
        if found is not None:
            found.ranked()


def _languages(note: Note, vault: Vault | None, options: dict[str, Any]) -> language.Languages:
    return language.prose_languages(note, options["language"], vault)


def _engine(options: dict[str, Any]) -> spelling.TyposEngine | None:
    return spelling.typos_engine(options["typos-command"], options["locale"])


def read_words(path: Path, root: Path | None = None) -> frozenset[str]:
    """A word list file: one word per line, `#` starts a comment; absent means empty. Read as
    every file is (safeio): a FIFO, a device, a huge file or (with `root`) a file outside the
    vault is not read, and a warning names it."""
    try:
        lines = read_regular(path, root=root)[0].decode("utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnsafeFile, UnicodeDecodeError) as exc:
        spelling.warn_once(f"typo: words-file {describe(path, exc)}")
        return frozenset()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip().lower()))


def _allowed(ctx: RuleContext) -> frozenset[str]:
    words = frozenset(w.lower() for w in ctx.options["words"])
    name = ctx.options["words-file"]
    if ctx.vault is None or not name:
        return words
    # a config found in the vault may name only a words file inside it; `--config` may name any
    return words | ctx.vault.index(f"typo-words:{name}", lambda v: read_words(
        v.root / name, None if v.settings.trusted else v.root))


# --- checking ------------------------------------------------------------------------------------


class Finding(NamedTuple):
    """A misspelt `word` at `index` of a chunk's text, and what to replace it with."""

    index: int
    word: str
    message: str
    replacement: str | None


class Judge:
    """What one note's check needs, and its verdict on each distinct chunk text."""

    def __init__(self, note: Note, ctx: RuleContext, uses: Counter) -> None:
        self.options = ctx.options
        self.uses = uses  # how often the note uses each word: a repeated one is deliberate
        self.vocabulary = ctx.vault.index(VOCABULARY) if ctx.vault is not None else None
        self.allowed = _allowed(ctx)
        self.engine = _engine(ctx.options)
        self.dictionary = spelling.dictionary(ctx.options["locale"]) \
            if ctx.options["dictionary"] else None
        self.titles = title_words(note)
        self.dictionaries = {language.normalize(code): path
                             for code, path in ctx.options["dictionaries"].items()}
        self.own_names = name_words(note) if self.dictionary is not None or self.dictionaries \
            else set()
        self.verdicts: dict[str, list[Finding]] = {}
        self.foreign_verdicts: dict[tuple[str, str], list[Finding]] = {}
        self.root = ctx.vault.root if ctx.vault is not None else None

    def findings(self, text: str) -> list[Finding]:
        if text not in self.verdicts:
            known = [f for f in self._known_misspellings(text) if not self._names(text, f)]
            self.verdicts[text] = known + self._unknown_words(text, known)
        return self.verdicts[text]

    def _known_misspellings(self, text: str) -> list[Finding]:
        out = []
        for m in self.engine.misspellings(text) if self.engine is not None else ():
            if m.typo.lower() not in self.allowed and m.typo.lower() not in self.titles:
                fixes = " or ".join(f'"{c}"' for c in m.corrections)
                message = f'"{m.typo}" is a misspelling of {fixes}' if fixes else \
                    f'"{m.typo}" is a known misspelling'
                first = m.corrections[0] if m.corrections else None
                out.append(Finding(m.index, m.typo, message, first))
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
                message = f'"{word}" is a misspelling of "{suggestion}"' \
                    if word.lower() in spelling.NON_WORDS else \
                    f'unknown word "{word}": did you mean "{suggestion}"?'
                out.append(Finding(index, word, message, suggestion))
        return out

    def _names(self, text: str, finding: Finding) -> bool:
        """Names are names: the engine's verdict on a word that is part of a longer word
        (`GeorgeAzma` -> Azma; split at an accent, `sédances`), a handle (`@name`), next to an
        apostrophe (`stylin'`, `rock'n'roll`; a possessive 's is fine), camelCase, all caps
        (`FRE`), or a capitalised word of a title, alias, tag or link target of the vault
        (`Automattic`) is dropped. (The dictionary check never judges such words at all.)"""
        start, end, word = finding.index, finding.index + len(finding.word), finding.word
        before, after = text[start - 1 : start], text[end : end + 1]
        return (spelling.is_letter(before) or spelling.is_letter(after)
                or before == "@" or spelling.touches_apostrophe(text, start, end)
                or len(word) > 1 and not word[1:].islower()  # all caps, camelCase
                or word[0].isupper() and self.vocabulary is not None
                and self.vocabulary.names_thing(word))

    def foreign(self, text: str, lang: str) -> list[Finding]:
        """Verdicts on prose in a language other than English: none, unless the user gave a
        Hunspell dictionary for it. English words (code-switching: `thread`, `file`), names
        and the vault's vocabulary are accepted as in English prose."""
        key = (lang, text)
        if key not in self.foreign_verdicts:
            found = []
            words = self._hunspell(lang)
            for index, word in hunspell.words(text) if words is not None else ():
                if words.known(word) or self._foreign_vocabulary(word):
                    continue
                suggestion = words.suggest(word)
                if suggestion is not None:
                    message = f'unknown word "{word}": did you mean "{suggestion}"? ({lang})'
                    found.append(Finding(index, word, message, suggestion))
            self.foreign_verdicts[key] = found
        return self.foreign_verdicts[key]

    def _hunspell(self, lang: str) -> hunspell.HunspellDictionary | None:
        configured = self.dictionaries.get(lang)
        return hunspell.load(hunspell.base_path(configured, self.root)) if configured else None

    def _foreign_vocabulary(self, word: str) -> bool:
        english = spelling.dictionary(self.options["locale"])
        return english is not None and english.known(word) or self._chosen(word)

    def _in_vocabulary(self, word: str) -> bool:
        if word.lower() in spelling.NON_WORDS:  # `alot` stays a slip however often it is used
            return word.lower() in self.allowed or word.lower() in self.titles
        return self.dictionary.known(word) or self._chosen(word)

    def _chosen(self, word: str) -> bool:
        """The writer's word, in any language: in the word lists, the note's names (which
        include its title words), repeated in the note, or the vault's vocabulary."""
        repeats = self.options["min-repeats"]
        return (word in self.allowed or word in self.own_names
                or 0 < repeats <= self.uses[word]
                or self.vocabulary is not None and
                self.vocabulary.knows(word, self.options["min-notes"]))


def _uses(groups: list[tuple[Runs, frozenset[str]]], foreign: bool = False) -> Counter:
    """Occurrences of each dictionary-checked word in the note's prose (`foreign`: and of each
    word a Hunspell dictionary would check)."""
    uses: Counter = Counter()
    for runs, _ in groups:
        for run, count in runs.counts.items():
            chunk = spelling.chunk(run)
            if chunk is not None:
                words = spelling.dictionary_words(chunk.text)
                if foreign:
                    words = {*words, *hunspell.words(chunk.text)}
                for _, word in words:
                    uses[word] += count
    return uses


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    groups = [(body_runs(note), _BODY), *property_runs(note, ctx.options["properties"])]
    languages = _languages(note, ctx.vault, ctx.options)
    engine = _engine(ctx.options)
    # Most chunks are known clean for any note (no engine verdict, every word known): only
    # the others need the note's names, word counts and the vault's vocabulary. Without
    # `dictionaries`, prose in another language is not judged at all.
    clean = _clean_texts(ctx.options, engine) if not ctx.options["dictionaries"] else None

    def in_english(runs: Runs, run: str) -> bool:  # a mixed note's runs need their places
        return languages.english_at_any(runs.offsets(run) if languages.mixed else ())

    todo = [(runs, run, chunk, intents, english) for runs, intents in groups
            for run in runs.counts if (chunk := spelling.chunk(run)) is not None
            and (clean is None or chunk.text not in clean.texts)
            and ((english := in_english(runs, run)) or clean is None)]
    if engine is not None:  # one call for whatever the batch's `prepare` did not cover
        engine.check(chunk.text for _, _, chunk, _, english in todo if english)
    judge: Judge | None = None
    for runs, run, chunk, intents, _ in todo:
        if clean is not None and clean.judge(chunk.text):
            continue
        if judge is None:
            judge = Judge(note, ctx, _uses(groups, bool(ctx.options["dictionaries"])))
        for at in runs.offsets(run):
            lang = languages.at(at)  # English tiers for English prose only
            findings = judge.findings(chunk.text) if language.english(lang) else \
                judge.foreign(chunk.text, lang)
            for finding in findings:
                span = chunk.span(at, finding.index, finding.index + len(finding.word))
                if not names_mid_sentence(note.text, finding.word, span[0],
                                          finding.replacement):
                    yield _diagnostic(ctx, finding, span, intents)


class CleanTexts:
    """Chunk texts that give no finding in any note, with these settings: the engine has no
    verdict on them and the dictionary knows each of their words (so neither the note's names
    nor the vault's vocabulary can matter). Kept for the whole process: most of a vault's
    chunks recur in many notes."""

    def __init__(self, engine: spelling.TyposEngine | None,
                 dictionary: spelling.Dictionary | None) -> None:
        self.engine = engine
        self.dictionary = dictionary
        self.texts: set[str] = set()

    def judge(self, text: str) -> bool:
        """Whether `text` is clean (only a text the engine has answered for can be)."""
        if text in self.texts:
            return True
        engine, dictionary = self.engine, self.dictionary
        if engine is not None and (text not in engine.verdicts or engine.verdicts[text]):
            return False
        if dictionary is not None and not all(
                dictionary.known(word) for _, word in spelling.dictionary_words(text)):
            return False
        self.texts.add(text)
        return True


_CLEAN: dict[tuple[str, str, bool], CleanTexts] = {}


def _clean_texts(options: dict[str, Any], engine: spelling.TyposEngine | None) -> CleanTexts:
    key = (options["typos-command"], options["locale"], bool(options["dictionary"]))
    found = _CLEAN.get(key)
    if found is None or found.engine is not engine:
        dictionary = spelling.dictionary(options["locale"]) if options["dictionary"] else None
        found = _CLEAN[key] = CleanTexts(engine, dictionary)
    return found


# What may stand before the first word of a sentence on its line: quote, list, task, heading
# and table markers, a property key, an opening bracket or quote.
_SENTENCE_START = re.compile(r"(?:\s*(?:[>#|*+-]|\d+[.)]|\[.\]|[\w-]+::?))*\s*[(\[\"'“‘*_]*")
# The end of a sentence or clause that restarts capitals, with closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:;…|][)\]\"'”’*_]*\s*[(\[\"'“‘*_]*$")


_CONTEXT = 200  # characters read on each side of a capitalised word
_HEADING = re.compile(r" {0,3}#{1,6}\s")
_PREVIOUS_WORD = re.compile(r"(?:^|\s)([^\W\d_]+)\s+$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)(?:[^\w\s]*(?:\s|$))")


def names_mid_sentence(text: str, word: str, start: int, correction: str | None = None) -> bool:
    """A capitalised word (`Automattic`, `Halp`) after another word of its sentence is a name:
    neither tier judges it. Judged are
    - the first word of a line, list item, heading, table cell or sentence (after . ! ? : ;),
      so `Recieve mail.` is a slip;
    - a word of a Title Case phrase: one whose neighbour, with only a space between, is a
      capitalised dictionary word that does not start the sentence (`Spaced Repetiton`,
      `Border Modifer`: settings, UI labels; not `Ask Halp`), or any capitalised word of a
      heading with another capitalised dictionary word in it (`# Formal Defintion`);
    - a slip of a name: the correction is a proper noun, no lowercase word (`Feburary`)."""
    if not word[:1].isupper():
        return False
    if correction and correction[:1].isupper() and \
            correction.lower() not in spelling.locale_words():
        return False
    # A sentence's context is near: bounded windows keep a hostile megabyte line linear.
    line_start = max(text.rfind("\n", 0, start) + 1, start - _CONTEXT)
    before = text[line_start:start]
    if _starts_sentence(before):
        return False
    line_end = text.find("\n", start, start + len(word) + _CONTEXT)
    after = text[start + len(word) : start + len(word) + _CONTEXT if line_end < 0 else line_end]
    if _HEADING.match(before):
        return not any(w != word and _capitalised_word(w)
                       for w in spelling.words_of(before + " " + after))
    previous, following = _PREVIOUS_WORD.search(before), _NEXT_WORD.match(after)
    if previous and _starts_sentence(before[: previous.start(1)]):
        previous = None  # `Ask Halp`: the first word's capital says nothing of title case
    return not any(m and _capitalised_word(m.group(1)) for m in (previous, following))


def _starts_sentence(before: str) -> bool:
    return bool(_SENTENCE_START.fullmatch(before) or _SENTENCE_END.search(before))


def _capitalised_word(word: str) -> bool:
    return word[0].isupper() and word[1:].islower() and word.lower() in spelling.locale_words()


def _diagnostic(ctx: RuleContext, finding: Finding, span: tuple[int, int],
                intents: frozenset[str]) -> Diagnostic:
    start, end = span
    whole = ctx.note.text[start:end] == finding.word  # else a marker inside: `**S**ave`
    message, fix = spelling.word_correction(ctx.note, start, end,
                                            finding.replacement if whole else None,
                                            finding.message, intents)
    return ctx.diagnostic(start, end, message, fix)


def _files_read(settings: Any) -> Any:
    """The rule's cache key: every file it reads besides notes, by content (the words file and
    the Hunspell dictionaries), wherever they are: inside the vault's file list or not."""
    from vaultlint.cache import files_key

    if settings is None:
        return []
    options = settings.options_for(RULE)
    files = [settings.root / options["words-file"]] if options["words-file"] else []
    for configured in options["dictionaries"].values():
        base = hunspell.base_path(configured, settings.root)
        files += [base.with_name(base.name + ".dic"), base.with_name(base.name + ".aff")]
    return files_key(files)


RULE = Rule(
    aliases=("auto-correct-common-misspellings",),  # obsidian-linter's id
    peer_options={"ignore-words": "words"},  # words never corrected
    code="TYP001",
    name="typo",
    summary="Misspelled words in prose",
    table=(  # the README's rule table
        "misspelled words in prose: known misspellings and unknown words near a common word; "
        "never fixed by plain `--fix` ([docs/typos.md](docs/typos.md))"),
    docs=__doc__,
    check=check,
    fix="unsafe",
    cache_key=_files_read,
    options={"dictionary": True, "words": [], "words-file": ".vaultlint-words.txt",
             "min-notes": 3, "min-repeats": 2, "properties": ["description", "summary"],
             "typos-command": "", "locale": "en", "language": "auto", "dictionaries": {}},
    options_schema={
        "dictionary": {"type": "boolean"},
        "words": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "words-file": {"type": "string"},
        "min-notes": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
        "min-repeats": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
        "properties": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "typos-command": {"type": "string"},
        "locale": {"enum": LOCALES},
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
        "dictionaries": {"type": "object", "propertyNames": {"pattern": LANGUAGE_PATTERN},
                         "additionalProperties": {"type": "string", "minLength": 1}},
    },
    examples=(
        Example("We recieve mail.\n", "We receive mail.\n", unsafe=True),
        # Reported, but not fixed even with --unsafe-fixes: links to the heading would break.
        Example("# We recieve mail\n", "# We recieve mail\n", unsafe=True),
        Example("recieve:: v\n<% tp.recieve() %>\n", flagged=False),  # Dataview, Templater
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
    indexes=(VOCABULARY, language.LANGUAGES),
    prepare=prepare,
    preload=preload,
)
