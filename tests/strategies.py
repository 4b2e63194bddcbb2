"""Hypothesis strategies that build Obsidian-flavoured Markdown notes."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from([
    "note", "vault", "Obsidian", "link", "café", "naïve", "日本語", "emoji🙂", "x", "a_b",
    "*em*", "**strong**", "==mark==", "$x^2$", "`code`", "[[Target]]", "[[A|alias]]",
    "![[img.png|100]]", "#tag", "#nested/tag", "https://example.com/a_b", "<b>html</b>",
    "%%hidden%%", "[md](Some%20Note.md)", "\\*", "~~s~~", "[^1]", "^block-id",
])
SPACE = st.sampled_from(["", " ", "  ", "   ", "\t", " \t "])


@st.composite
def prose_line(draw) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=8))
    return " ".join(words) + draw(SPACE)


@st.composite
def block(draw) -> list[str]:
    kind = draw(st.sampled_from([
        "para", "para", "heading", "setext", "list", "quote", "callout", "fence", "math",
        "comment", "table", "blank", "blank", "hr", "tagline", "indented", "html",
    ]))
    if kind == "para":
        return draw(st.lists(prose_line(), min_size=1, max_size=3))
    if kind == "heading":
        return ["#" * draw(st.integers(1, 6)) + " " + draw(prose_line())]
    if kind == "setext":
        return [draw(prose_line()), draw(st.sampled_from(["===", "---"]))]
    if kind == "list":
        marker = draw(st.sampled_from(["-", "*", "1.", "- [ ]"]))
        items = draw(st.lists(prose_line(), min_size=1, max_size=4))
        nested = draw(st.booleans())
        return [f"{'    ' if nested and i % 2 else ''}{marker} {t}" for i, t in enumerate(items)]
    if kind == "quote":
        return ["> " + draw(prose_line()), ">", "> " + draw(prose_line())]
    if kind == "callout":
        return ["> [!note] " + draw(prose_line()), "> " + draw(prose_line())]
    if kind == "fence":
        body = draw(st.lists(st.sampled_from(["code  ", "", "", "  indented\t", "# not heading",
                                              "%% not comment %%", "[[not link]]"]), max_size=4))
        return ["```" + draw(st.sampled_from(["", "python", "dataview"])), *body, "```"]
    if kind == "math":
        return ["$$", draw(st.sampled_from(["x^2  ", "", "\\frac{a}{b}"])), "$$"]
    if kind == "comment":
        return ["%%", draw(prose_line()), "", "# heading in comment  ", "%%"]
    if kind == "table":
        return ["| a | b |", "|---|---|", "| [[Note\\|alias]] | 2 |  "]
    if kind == "hr":
        return ["---"]
    if kind == "tagline":
        return ["#article" + draw(SPACE)]
    if kind == "indented":
        return ["", "    indented code  ", "", "    more"]
    if kind == "html":
        return ["<div>", draw(prose_line()), "</div>"]
    return [draw(SPACE)]


@st.composite
def frontmatter(draw) -> list[str]:
    lines = draw(st.lists(st.sampled_from([
        "title: Note  ", "tags:", "  - one", "- two", "aliases: [a, b]", "# comment  ",
        "date: 2024-02-22", "quoted: '2024-02-22'", "source: null", "text: |", "  keep  ",
        "", "nested:", "    deep: 1",
    ]), max_size=6))
    return ["---", *lines, "---"]


@st.composite
def note_text(draw) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += draw(frontmatter())
    for blk in draw(st.lists(block(), max_size=8)):
        lines += blk
        if draw(st.booleans()):
            lines.append("")
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = newline.join(lines)
    text += draw(st.sampled_from(["", newline, newline * 3, "  "]))
    return text


@st.composite
def note_with(draw, fragments: st.SearchStrategy[str], most: int = 4) -> str:
    """A generated note with 1 to `most` fragments (each maybe several lines) inserted between
    its lines, in its own line endings."""
    text = draw(note_text())
    nl = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(nl)
    for _ in range(draw(st.integers(1, most))):
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = draw(fragments).split("\n")
    return nl.join(lines)
