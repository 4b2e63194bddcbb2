"""Headings are capitalised in one style: Title Case, ALL CAPS or First letter.

A taste rule, off by default. `Title Case` capitalises every word but the small ones of
`lowercase-words` (articles, prepositions, conjunctions), which stay lower case unless first;
`First letter` capitalises the first word only; `ALL CAPS` upper-cases every word. Words are
runs of letters (with `'`, `’` and `-`) after at most one of `starting-word-ignore-characters`
and before any of `ending-word-ignore-characters`, as obsidian-linter reads them: numbers,
`*emphasis*`, `#tags`, `[[links]]`, `[links](url)`, `^block-ids`, inline code and math are
left as written. Words of `ignore-words` (`macOS`, `iPhone`, ...) keep their casing, and with
`ignore-cased-words` so does every word that already has a capital (`NASA`, `hEaDiNg`).
The fix changes the heading's text, so it is unsafe (`--unsafe-fixes`); links to the heading
(`[[Note#heading]]`) keep working, as Obsidian matches headings ignoring case. Headings inside
lists and callouts, code blocks and comments are left alone, and so are the headings of prose
in another language than English (`vaultlint/language.py`, as `typo` tells them): the word
lists and Title Case itself are English conventions (an Italian `Condizioni di esistenza`
stays as it is).

Options:
- `style` (`"Title Case"`, `"ALL CAPS"` or `"First letter"`, default `"Title Case"`).
- `ignore-cased-words` (bool, default true): keep words that already have a capital letter.
- `ignore-words` (list of strings): words whose casing is kept as written.
- `lowercase-words` (list of strings): words Title Case leaves in lower case.
- `starting-word-ignore-characters` (string, default `'"(‘“-`): one of these may open a word.
- `ending-word-ignore-characters` (string, default `.?!,:;'")”’0123456789-`): these may end it.

Fail:
```markdown
# this is a heading
```
Pass:
```markdown
# This is a Heading
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from vaultlint import language
from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.headings._text import top_headings
from vaultlint.rules.format.headings._words import IGNORE_WORDS, LOWERCASE_WORDS

STYLES = ("Title Case", "ALL CAPS", "First letter")
_WORD = re.compile(r"\S+")
# What ALL CAPS never upper-cases: link and footnote brackets, entities, escapes, block ids.
_NOT_PROSE = re.compile(r"[\[\]&\\^<>]")


def _word_pattern(options: dict[str, Any]) -> re.Pattern[str]:
    """obsidian-linter's word: letters, `'`, `’` and `-`, between the optional characters."""
    first = options["starting-word-ignore-characters"]
    last = options["ending-word-ignore-characters"]
    opening = f"[{re.escape(first)}]?" if first else ""
    closing = f"[{re.escape(last)}]*" if last else ""
    return re.compile(rf"{opening}(?:[^\W\d_]|[’'-])+{closing}\Z")


def _protected(note: Note, start: int, end: int) -> bool:
    return any(note.in_region(i) for i in range(start, end))


def _cased(words: list[str], options: dict[str, Any]) -> list[str]:
    """The words of one heading in the chosen style (obsidian-linter's algorithm)."""
    if options["style"] == "ALL CAPS":
        return [w if _NOT_PROSE.search(w) else w.upper() for w in words]
    pattern = _word_pattern(options)
    first_letter = options["style"] == "First letter"
    keep_cased = options["ignore-cased-words"]
    keep, small = set(options["ignore-words"]), set(options["lowercase-words"])
    openers = options["starting-word-ignore-characters"]
    out, first = list(words), True
    for j, word in enumerate(words):
        if not pattern.match(word) or word in ("-", "'"):
            continue
        if not ((keep_cased and word != word.lower()) or word in keep):
            lower = word.lower()
            if first or (lower not in small and not first_letter):
                k = 1 if lower[0] in openers and len(lower) > 1 else 0
                lower = lower[:k] + lower[k].upper() + lower[k + 1:]
            out[j] = lower
        first = False
        if keep_cased and first_letter:
            break  # later words keep whatever casing they have
    return out


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    options = ctx.options
    languages = None
    for _heading, start, end in top_headings(note):
        # asked only of notes with headings; a short note takes its folder's or vault's language
        if languages is None:
            languages = language.prose_languages(note, vault=ctx.vault)
        if not languages.is_english(start):
            continue
        matches = [m for m in _WORD.finditer(note.text, start, end)
                   if not _protected(note, m.start(), m.end())]
        words = [m.group() for m in matches]
        new = _cased(words, options)
        edits = [Edit(m.start(), m.end(), w) for m, w in zip(matches, new) if w != m.group()]
        if not edits:
            continue
        shown = note.text[start:end]
        for edit in reversed(edits):
            shown = shown[: edit.start - start] + edit.content + shown[edit.end - start:]
        fix = Fix.unsafe(*edits, intents=frozenset({"body"}))
        yield ctx.diagnostic(start, end, f"heading is not in {options['style']}: `{shown}`", fix)


RULE = Rule(
    code="FMT402",
    name="heading-capitalization",
    severity=Severity.INFO,
    summary="Headings are capitalised in one style (Title Case, ALL CAPS, First letter)",
    table=("heading capitalisation (`style`: Title Case, ALL CAPS, First letter); "
           "unsafe: the text changes"),
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={
        "style": "Title Case",
        "ignore-cased-words": True,
        "ignore-words": list(IGNORE_WORDS),
        "lowercase-words": list(LOWERCASE_WORDS),
        "starting-word-ignore-characters": "'\"(‘“-",
        "ending-word-ignore-characters": ".?!,:;'\")”’0123456789-",
    },
    options_schema={
        "style": {"enum": list(STYLES)},
        "ignore-cased-words": {"type": "boolean"},
        "ignore-words": {"type": "array", "items": {"type": "string"}, "maxItems": 10000},
        "lowercase-words": {"type": "array", "items": {"type": "string"}, "maxItems": 10000},
        "starting-word-ignore-characters": {"type": "string", "maxLength": 100},
        "ending-word-ignore-characters": {"type": "string", "maxLength": 100},
    },
    examples=(
        Example("# this is a heading 1\n", "# This is a Heading 1\n", unsafe=True),
        Example("## THIS IS A HEADING\n", flagged=False),
        Example("## THIS IS A HEADING\n", "## This is a Heading\n", unsafe=True,
                options={"ignore-cased-words": False}),
        Example("# the heading\n", "# The heading\n", unsafe=True,
                options={"style": "First letter"}),
        Example("# see [[my note]] and `code`\n", "# SEE [[my note]] AND `code`\n", unsafe=True,
                options={"style": "ALL CAPS"}),
        Example("# using macOS on the iPhone\n", "# Using macOS on the iPhone\n", unsafe=True),
        Example("```\n# not a heading\n```\n", flagged=False),
        Example("# condizioni di esistenza\n\nUna funzione è definita dove il denominatore non "
                "si annulla e dove le radici di indice pari hanno un argomento non negativo; "
                "il dominio si trova risolvendo il sistema delle condizioni, una per ogni "
                "frazione, radice o logaritmo che compare nella funzione stessa.\n",
                flagged=False),
    ),
    aliases=("capitalize-headings",),
    needs_vault=True,  # a short note takes the language of its folder or vault
    indexes=(language.LANGUAGES,),
    peer_options={"ignore-case-words": "ignore-cased-words"},  # its data.json key
)
