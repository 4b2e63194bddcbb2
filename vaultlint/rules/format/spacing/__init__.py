"""The spacing family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.spacing import (
    blockquotes,
    code_fences,
    frontmatter_blank_line,
    hard_line_breaks,
    heading_indentation,
    horizontal_rules,
    indent_with_tabs,
    list_blank_lines,
    math_block_delimiters,
    math_blocks,
    paragraph_blank_lines,
    tables,
)

RULES: tuple[Rule, ...] = tuple(module.RULE for module in (
    code_fences,
    math_blocks,
    tables,
    horizontal_rules,
    blockquotes,
    heading_indentation,
    frontmatter_blank_line,
    paragraph_blank_lines,
    list_blank_lines,
    indent_with_tabs,
    hard_line_breaks,
    math_block_delimiters,
))
