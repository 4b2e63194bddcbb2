"""A bare URL in prose, written as an autolink: `https://example.com` -> `<https://example.com>`.

obsidian-linter's `no-bare-urls`. Obsidian shows a bare URL as a link, but CommonMark (and so
other Markdown tools, and vaultlint's rendering check) shows it as text: the autolink form
renders as a link everywhere. Wrapping changes the rendered note, so the fix is **unsafe**; the
rule is off by default. A URL with extra angle brackets (`<<https://a.org>>`) loses them.

Left alone: URLs in code, math, HTML, comments, frontmatter and link targets; a URL inside a
link's text (`[see https://a.org](b)`: an autolink there would break the outer link) or a
wikilink's; a URL that is the whole content of quotes or brackets (`"https://a.org"`,
`[https://a.org]`), as in the peer; a link reference definition (`[ref]: https://a.org`); a URL
in a Dataview field value (`key:: https://a.org`), whose type Dataview decides; a URL whose
parentheses do not balance (`.../Foo_(bar)` is not found whole). In a heading it is reported but
not fixed.

Options:
- `no-bare-uris` (bool, default false): also wrap `obsidian://`, `zotero://` and `file://`
  URIs (by default only `http`, `https` and `ftp` URLs).

Fail:
```markdown
See https://example.com for more.
```
Pass:
```markdown
See <https://example.com>, [site](https://example.com) and `https://example.com`.
```
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.markdown import FIELD, URL
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import heading_lines, link_spans, text_finding

_INTENTS = frozenset({"body", "links"})  # renders a link; the URL's protected text changes
_WEB = ("http://", "https://", "ftp://")
_QUOTES = "'\"‘’“”`[]"
# A link reference definition's start (no bracket inside the label: each try stops at the next)
_REFERENCE = re.compile(r"[ \t]{0,3}\[[^\]\[^\n][^\]\[\n]{0,998}\]:[ \t]")


def _quoted(text: str, start: int, end: int) -> bool:
    """A URL that is the whole content of quotes or brackets (the peer leaves those)."""
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


def _extra_brackets(text: str, start: int, end: int) -> list[Edit]:
    """Edits removing `<`s before and `>`s after an autolink at text[start:end]."""
    before = start
    while before > 0 and text[before - 1] == "<":
        before -= 1
    after = end
    while after < len(text) and text[after] == ">":
        after += 1
    return [Edit(a, b, "") for a, b in ((before, start), (end, after)) if b > a]


class _Context:
    """What decides whether a URL is left alone."""

    def __init__(self, note: Note) -> None:
        self.note = note
        self.links = [(s, e) for s, e, _ in link_spans(note)]
        self.starts = [s for s, _ in self.links]
        self.field_lines = {note.position(r.start)[0] for r in note.regions if r.kind == FIELD}

    def in_link(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.links[k][0] <= i < self.links[k][1]

    def left_alone(self, start: int, end: int, url: str) -> bool:
        note, text = self.note, self.note.text
        line = note.position(start)[0]
        return (self.in_link(start) or _quoted(text, start, end) or line in self.field_lines
                or url.count("(") != url.count(")")
                or _REFERENCE.match(text, note.line_starts[line]) is not None)


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    schemes = None if ctx.options["no-bare-uris"] else _WEB
    fm = note.frontmatter  # even unclosed, its text is never edited
    urls = [r for r in note.regions if r.kind == URL and (fm is None or r.start >= fm.end)]
    if not urls:
        return
    context, headings, text = _Context(note), heading_lines(note), note.text
    for r in urls:
        url = text[r.start : r.end]
        if url.startswith("<"):
            edits = _extra_brackets(text, r.start, r.end)
            if edits and not context.in_link(r.start):
                yield text_finding(ctx, edits[0].start, edits[-1].end,
                                   "extra angle brackets around a URL", edits, headings, _INTENTS)
            continue
        if schemes is not None and not url.lower().startswith(schemes):
            continue
        if context.left_alone(r.start, r.end, url):
            continue
        yield text_finding(ctx, r.start, r.end, "bare URL: write it as <URL>",
                           [Edit(r.start, r.start, "<"), Edit(r.end, r.end, ">")], headings,
                           _INTENTS)


RULE = Rule(
    aliases=("no-bare-urls",),
    code="FMT309",
    name="bare-url",
    severity=Severity.INFO,
    summary="A bare URL in prose, written as an autolink `<URL>`",
    table="`https://a.org` -> `<https://a.org>`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"no-bare-uris": False},
    options_schema={"no-bare-uris": {"type": "boolean"}},
    examples=(
        Example("See https://example.com for more.\n", "See <https://example.com> for more.\n",
                unsafe=True),
        Example("[see https://a.org](b) [[a|https://b.org]] 'https://a.org' `https://a.org`\n"
                "[ref]: https://a.org\nkey:: https://a.org\nobsidian://open?vault=x\n",
                flagged=False),
        Example("<<https://a.org>>\n", "<https://a.org>\n", unsafe=True),
        Example("obsidian://open?vault=x\n", "<obsidian://open?vault=x>\n", unsafe=True,
                options={"no-bare-uris": True}),
    ),
)
