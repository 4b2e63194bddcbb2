"""A note must end with exactly one line break.

A missing final newline makes `git diff` print "No newline at end of file"; blank lines
at the end are noise (Obsidian's editor leaves them easily). An empty note stays empty.
Blank lines at the end of an unclosed code block or comment are content and are kept, and
so is a last line of non-breaking or ideographic spaces (U+00A0, U+2003, U+3000): CommonMark
renders it. A final line break of any kind (`\n`, `\r\n`, `\r`) is left as it is.

Fail:
```markdown
Last line


```
Pass:
```markdown
Last line
```
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Fix, Severity
from vaultlint.note import Note, is_blank
from vaultlint.rules.base import Example, Rule, RuleContext


_ONE_LINE_BREAK = ("\n", "\r\n", "\r")


def _content_end(note: Note) -> int:
    """End of the last line that is not blank (0 if none); a line of U+00A0 or U+3000 is
    content, not blank."""
    for line in range(note.line_count - 1, -1, -1):
        start, end = note.line_span(line)
        if not is_blank(note.text[start:end]):
            return end
    return 0


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    text = note.text
    if not text:
        return
    end = _content_end(note)
    if end == 0:
        desired = ""
    else:
        desired = note.newline
    if text[end:] == desired or (desired and text[end:] in _ONE_LINE_BREAK):
        return  # one line break, of whatever kind: which kind is not this rule's business
    last_content_line = note.position(end)[0]
    if (last_content_line + 1) in note.block_lines or (
            end < len(text) and note.in_region(end, {"comment"})):
        return  # the trailing lines belong to an unclosed block or comment: content, not layout
    fix = Fix.safe(Edit(end, len(text), desired))
    if not text[end:]:
        message = "no line break at the end of the note"
    else:
        extra = text[end:].count("\n") or text[end:].count("\r")
        message = f"{extra - 1} blank line(s) at the end of the note" if extra > 1 else \
            "whitespace at the end of the note"
    yield ctx.diagnostic(end, len(text), message, fix)


RULE = Rule(
    aliases=("line-break-at-document-end",),  # obsidian-linter's id
    code="FMT003",
    name="final-newline",
    severity=Severity.INFO,  # layout: reported after errors and warnings
    summary="A note must end with exactly one line break",
    table="the note ends with exactly one line break",
    docs=__doc__,
    check=check,
    fix="safe",
    examples=(
        Example("Lorem ipsum.", "Lorem ipsum.\n"),
        Example("Lorem ipsum.\n\n\n", "Lorem ipsum.\n"),
        Example("", flagged=False),
        Example("Windows\r\nnote\r\n\r\n", "Windows\r\nnote\r\n"),
        Example("```\ncode\n\n\n", flagged=False),
    ),
)
