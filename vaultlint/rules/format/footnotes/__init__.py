"""The footnotes family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.footnotes import (
    footnote_after_punctuation,
    footnote_numbering,
    footnotes_at_end,
)

RULES: tuple[Rule, ...] = (
    footnote_after_punctuation.RULE,
    footnote_numbering.RULE,
    footnotes_at_end.RULE,
)
