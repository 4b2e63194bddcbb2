"""The headings family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.headings import (
    file_name_heading,
    heading_capitalization,
    heading_trailing_punctuation,
)

RULES: tuple[Rule, ...] = (
    heading_trailing_punctuation.RULE,
    heading_capitalization.RULE,
    file_name_heading.RULE,
)
