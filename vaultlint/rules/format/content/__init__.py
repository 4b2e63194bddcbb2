"""The content family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.content import (bare_url, cjk_spacing, ellipsis,
                                            hyphenated_line_break, link_text_spacing,
                                            multiple_spaces, quote_style, space_around_fullwidth,
                                            space_around_punctuation)

RULES: tuple[Rule, ...] = tuple(module.RULE for module in (
    ellipsis,
    quote_style,
    hyphenated_line_break,
    multiple_spaces,
    link_text_spacing,
    space_around_punctuation,
    space_around_fullwidth,
    cjk_spacing,
    bare_url,
))
