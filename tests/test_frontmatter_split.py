"""vaultlint's frontmatter split (vaultlint/frontmatter.py: find_block, parse_block, as Note uses
them) agrees with python-frontmatter's on generated notes.

python-frontmatter is the reference most Python tools use; vaultlint splits notes itself (to keep
every byte: python-frontmatter strips the text and its writer sorts keys). The property test
restricts the generator where the two legitimately differ, and each such difference is pinned
by an explicit case below, so a restriction never hides a bug:

- where frontmatter starts: Obsidian (and vaultlint) needs `---` on the very first line;
  python-frontmatter strips the text first, so blank lines before `---` still open a block;
- delimiters: vaultlint takes exactly `---` (and `...` to close, as YAML ends a document);
  python-frontmatter takes any run of three or more dashes and not `...`;
- YAML: vaultlint reads YAML 1.2 scalars without timestamps (Obsidian's reading: `yes` and
  `2024-01-31` stay strings, `0o17` is 15); python-frontmatter uses PyYAML's YAML 1.1 SafeLoader;
- whitespace: python-frontmatter strips the body, vaultlint keeps it byte for byte.
"""

from __future__ import annotations

import datetime
import string

import frontmatter
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultlint.note import Note

# Scalars that YAML 1.1 (PyYAML's dumper and python-frontmatter's loader) and YAML 1.2 core
# (vaultlint) read the same way: no digits in strings (`1e5`, `0o17` differ), ints, booleans.
_WORDS = st.text(string.ascii_letters + " ,.:'!?#-", min_size=1, max_size=12)
_SCALARS = st.one_of(_WORDS, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                     st.sampled_from(["2024-01-31", "yes", "off", "[[Linked note]]", "#tag"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True),
                                                 inner, max_size=3)), max_leaves=6)
_KEYS = st.from_regex(r"[A-Za-z][A-Za-z0-9_ -]{0,10}", fullmatch=True).map(str.strip)
_BODY_LINE = st.one_of(
    st.text(string.ascii_letters + string.digits + " #*[]()!:.,-", max_size=30)
    .filter(lambda line: set(line) != {"-"} or line == "---"),  # no `----`: see the docstring
    st.sampled_from(["", "---", "# Heading", "- item", "```", "  indented"]))


@st.composite
def notes(draw: st.DrawFn) -> str:
    """A note as Obsidian users write them: frontmatter (closed, unclosed or none) and a body."""
    properties = draw(st.dictionaries(_KEYS.filter(bool), _VALUES, max_size=5))
    yaml_text = yaml.safe_dump(properties, sort_keys=False, allow_unicode=True,
                               default_flow_style=draw(st.sampled_from([False, None])))
    if not properties:
        yaml_text = draw(st.sampled_from(["", "\n"]))
    body = "\n".join(draw(st.lists(_BODY_LINE, max_size=6)))
    opener = "---" + draw(st.sampled_from(["", " ", "\t"])) + "\n"
    kind = draw(st.sampled_from(["closed", "closed", "unclosed", "none"]))
    text = {"closed": opener + yaml_text + "---\n" + body,
            "unclosed": opener + yaml_text,
            "none": body.lstrip()}[kind]  # python-frontmatter strips first: see the docstring
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


def _vaultlint_split(text: str) -> tuple[dict, str]:
    note = Note("note.md", text)
    return note.properties, text[note.body_start:]


@settings(max_examples=200, deadline=None)
@given(notes())
def test_split_agrees_with_python_frontmatter(text):
    properties, body = _vaultlint_split(text)
    ref_properties, ref_body = frontmatter.parse(text)
    assert properties == ref_properties
    # python-frontmatter strips the text and the body; vaultlint keeps both (see above)
    assert body.replace("\r\n", "\n").strip() == ref_body.replace("\r\n", "\n").strip()


def test_split_handles_the_generated_shapes():
    """The generator's interesting cases, checked once by hand: a block, a `---` in the body."""
    text = "---\ntitle: A\ntags:\n  - x\n---\nBody\n---\nmore\n"
    assert _vaultlint_split(text) == ({"title": "A", "tags": ["x"]}, "Body\n---\nmore\n")
    assert frontmatter.parse(text) == ({"title": "A", "tags": ["x"]}, "Body\n---\nmore")


# --- the documented differences ---------------------------------------------------------------

def test_only_a_first_line_opens_frontmatter():
    text = "\n---\ntitle: A\n---\nBody\n"  # Obsidian shows this block as text
    assert _vaultlint_split(text) == ({}, text)
    assert frontmatter.parse(text)[0] == {"title": "A"}


def test_delimiters_are_exactly_three_dashes_or_dots():
    dashes = "----\ntitle: A\n----\nBody\n"
    assert _vaultlint_split(dashes)[0] == {}
    assert frontmatter.parse(dashes)[0] == {"title": "A"}
    dots = "---\ntitle: A\n...\nBody\n"  # YAML's document end closes the block
    assert _vaultlint_split(dots) == ({"title": "A"}, "Body\n")
    assert frontmatter.parse(dots)[0] == {}


def test_yaml_1_2_scalars_without_timestamps():
    text = "---\ndone: yes\ndate: 2024-01-31\nmode: 0o17\nsize: 1e5\n---\n"
    assert _vaultlint_split(text)[0] == {"done": "yes", "date": "2024-01-31", "mode": 15,
                                         "size": 100000.0}
    assert frontmatter.parse(text)[0] == {"done": True, "date": datetime.date(2024, 1, 31),
                                          "mode": "0o17", "size": "1e5"}


def test_body_is_kept_byte_for_byte():
    text = "---\na: 1\n---\n\n  Body  \n\n"
    assert _vaultlint_split(text)[1] == "\n  Body  \n\n"
    assert frontmatter.parse(text)[1] == "Body"
