"""One space between CJK characters and English words or numbers (`中文english` -> `中文 english`).

obsidian-linter's `space-between-chinese-japanese-or-korean-and-english-or-numbers`: between a
Chinese, Japanese or Korean character (Han, Hiragana, Katakana, Hangul) and an ASCII letter or
digit, or one of the option's symbols, there is exactly one space; a code span, inline math or a
link (Markdown or wiki, not an embed) next to CJK text gets one too (`中文 [link](x) 中文`).
Fullwidth digits (`１２３`) are CJK typography and get none. Korean attaches its particles to
the word before them, English or not (`Obsidian을`, `` `this`는 ``): no space is put before
Hangul (the peer puts one, which is wrong Korean).

Nothing inside a link (its text included), code, math, HTML, a comment, a URL, a tag or the
frontmatter is touched, and the emphasis markers `*` and `_` are never moved apart from their
text (a space inside `**中文**` would end the emphasis), and a straight quote gets its space
on the outside only (`使用 "导入" 而非`, where the peer writes `" 导入 "`). A footnote
reference (`中文[^1]`) stays attached, and a line's indentation and list marker keep their
blanks. The rendered text changes, so the fix is **unsafe** and the rule is off by default; in
a heading it is reported but not fixed.

Options:
- `english-non-letter-characters-after-cjk-characters` (string, default `-+'"([¥$`): symbols
  that get a space when they follow CJK text;
- `english-non-letter-characters-before-cjk-characters` (string, default `-+;:'"°%$)]`):
  symbols that get a space when CJK text follows them.

Fail:
```markdown
中文字符串english中文字符串。日本語`code`ひらがな
```
Pass:
```markdown
中文字符串 english 中文字符串。[[链接english]] #标签A
```
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from vaultlint.diagnostics import Diagnostic, Edit, Severity
from vaultlint.markdown import CODE, MATH
from vaultlint.note import Note
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format.content._prose import (heading_lines, link_spans, prefix_end,
                                                   prose_spans, text_finding)

_CJK = ("\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u30ff"
        "\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
        "\uff66-\uff9f\U00020000-\U0002ffff")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
class _Scanner:
    """Where CJK text meets English words, numbers or atoms (code, math, links)."""

    def __init__(self, note: Note, after: str, before: str) -> None:
        self.note, self.text = note, note.text
        self.after = re.compile(f"[A-Za-z0-9{re.escape(after)}]")
        self.before = re.compile(f"[A-Za-z0-9{re.escape(before)}]")
        self.links = link_spans(note)
        # embeds and images show what they embed: no space is added around them
        self.link_starts = {s for s, _, embed in self.links if not embed}
        self.link_ends = {e for _, e, embed in self.links if not embed}
        self._starts = [s for s, _, _ in self.links]

    def in_link(self, i: int) -> bool:
        k = bisect.bisect_right(self._starts, i) - 1
        return k >= 0 and self.links[k][0] <= i < self.links[k][1]

    def _atom_starts(self, i: int) -> bool:
        region = self.note.region_at(i)
        if region is not None and region.start == i and region.kind in (CODE, MATH):
            return not self.text.startswith("<%", i)  # a Templater command: leave it be
        return i in self.link_starts

    def _atom_ends(self, i: int) -> bool:
        region = self.note.region_at(i - 1) if i > 0 else None
        if region is not None and region.end == i and region.kind in (CODE, MATH):
            return not self.text.startswith("%>", i - 2)
        return i in self.link_ends

    def _prose(self, i: int) -> bool:
        return not self.note.in_region(i) and not self.in_link(i)

    def gap_after(self, end: int) -> tuple[int, int] | None:
        """The blanks after a CJK run ending at `end` that should be one space, or None."""
        p = end
        while p < len(self.text) and self.text[p] == " ":
            p += 1
        if p >= len(self.text) or self.text.startswith("[^", p):
            return None
        if self._prose(p) and self.after.match(self.text, p) and not self._closes(p):
            return (end, p)
        return (end, p) if self._atom_starts(p) else None

    def gap_before(self, start: int) -> tuple[int, int] | None:
        """The blanks before a CJK run starting at `start` that should be one space, or None."""
        if _HANGUL.match(self.text, start):
            return None  # a Korean particle after a word (`Obsidian을`, `` `this`는 ``)
        q = start
        while q > 0 and self.text[q - 1] == " ":
            q -= 1
        if q == 0:
            return None
        if (self._prose(q - 1) and self.before.match(self.text, q - 1)
                and not self._opens(q - 1)):
            return (q, start)
        return (q, start) if self._atom_ends(q) else None

    def _quotes_before(self, i: int) -> int:
        """How many of the straight quote at `i` come before it on its line."""
        line_start = self.note.line_starts[self.note.position(i)[0]]
        return self.text.count(self.text[i], line_start, i)

    def _closes(self, i: int) -> bool:
        """A straight quote at `i` that closes a quotation: the space goes after it, not inside."""
        return self.text[i] in "'\"" and self._quotes_before(i) % 2 == 1

    def _opens(self, i: int) -> bool:
        return self.text[i] in "'\"" and self._quotes_before(i) % 2 == 0


def check(note: Note, ctx: RuleContext) -> Iterator[Diagnostic]:
    if not _CJK_RUN.search(note.text, note.body_start):
        return
    scanner = _Scanner(note, ctx.options["english-non-letter-characters-after-cjk-characters"],
                       ctx.options["english-non-letter-characters-before-cjk-characters"])
    headings = heading_lines(note)
    gaps: set[tuple[int, int]] = set()
    for start, end in prose_spans(note):
        for m in _CJK_RUN.finditer(note.text, start, end):
            if scanner.in_link(m.start()):
                continue
            gaps.update(g for g in (scanner.gap_before(m.start()), scanner.gap_after(m.end()))
                        if g is not None)
    for a, b in sorted(gaps):
        if b - a == 1 or a < prefix_end(note, note.position(a)[0]):
            continue
        yield text_finding(ctx, a, b, "CJK text and English or numbers need one space between",
                           [Edit(a, b, " ")], headings)


RULE = Rule(
    aliases=("space-between-chinese-japanese-or-korean-and-english-or-numbers",),
    peer_options={  # the peer's data.json keys for the same two options
        "english-symbols-punctuation-before": "english-non-letter-characters-before-cjk-characters",
        "english-symbols-punctuation-after": "english-non-letter-characters-after-cjk-characters"},
    code="FMT308",
    name="cjk-spacing",
    severity=Severity.INFO,
    summary="One space between CJK text and English words or numbers",
    table="`中文english` -> `中文 english`",
    docs=__doc__,
    check=check,
    fix="unsafe",
    default_enabled=False,
    options={"english-non-letter-characters-after-cjk-characters": "-+'\"([¥$",
             "english-non-letter-characters-before-cjk-characters": "-+;:'\"°%$)]"},
    options_schema={"english-non-letter-characters-after-cjk-characters": {"type": "string"},
                    "english-non-letter-characters-before-cjk-characters": {"type": "string"}},
    examples=(
        Example("中文english中文。日本語`code`ひらがな\n",
                "中文 english 中文。日本語 `code` ひらがな\n", unsafe=True),
        Example("[[链接english]] #标签A [中文x](a.md) ![图english](a.png) 注[^1]\n\n[^1]: x\n",
                flagged=False),
        Example("**中文**english and 中文１２３\n", flagged=False),
        Example("中文   english\n", "中文 english\n", unsafe=True),
        Example('使用"导入"而非\n', '使用 "导入" 而非\n', unsafe=True),
        Example("한글english Obsidian을 `this`는\n", "한글 english Obsidian을 `this`는\n",
                unsafe=True),
    ),
)
