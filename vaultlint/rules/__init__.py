"""The explicit rule registry: every rule module is imported here, nothing is discovered."""

from __future__ import annotations

from vaultlint.rules import (
    ambiguous_link,
    broken_block_link,
    broken_embed,
    broken_heading_link,
    broken_wikilink,
    confused_word,
    consecutive_blank_lines,
    deprecated_property,
    duplicate_url,
    empty_frontmatter,
    final_newline,
    frontmatter_schema,
    heading_blank_lines,
    heading_increment,
    internal_error,
    invalid_suppression,
    invalid_yaml,
    read_error,
    tags_format,
    trailing_whitespace,
    typo,
    unused_suppression,
    yaml_format,
)
from vaultlint.rules.base import Example, Rule, RuleContext
from vaultlint.rules.format import content, footnotes, headings, spacing, style, yaml

FORMATTER: tuple[Rule, ...] = (*spacing.RULES, *style.RULES, *content.RULES, *headings.RULES,
                               *footnotes.RULES, *yaml.RULES)

ALL_RULES: tuple[Rule, ...] = (
    *(module.RULE for module in (
        trailing_whitespace,
        consecutive_blank_lines,
        final_newline,
        heading_blank_lines,
        heading_increment,
        yaml_format,
    )),
    *FORMATTER,
    *(module.RULE for module in (
        invalid_yaml,
        frontmatter_schema,
        deprecated_property,
        tags_format,
        empty_frontmatter,
        typo,
        confused_word,
        duplicate_url,
        broken_wikilink,
        broken_embed,
        broken_heading_link,
        broken_block_link,
        ambiguous_link,
        read_error,
        unused_suppression,
        invalid_suppression,
        internal_error,
    )),
)

BY_NAME: dict[str, Rule] = {**{a: r for r in ALL_RULES for a in r.aliases},
                             **{r.name: r for r in ALL_RULES}}
BY_CODE: dict[str, Rule] = {r.code: r for r in ALL_RULES}


class UnknownRuleError(KeyError):
    pass


def get(name_or_code: str) -> Rule:
    rule = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code.upper())
    if rule is None:
        raise UnknownRuleError(f"unknown rule {name_or_code!r} (see `vaultlint rule --all`)")
    return rule


def select(selectors: list[str]) -> list[Rule]:
    """Rules matched by any selector (codes, code prefixes, names or ALL)."""
    return [r for r in ALL_RULES if any(r.matches(s) for s in selectors)]


def is_known_selector(selector: str) -> bool:
    return any(r.matches(selector) for r in ALL_RULES)


__all__ = ["ALL_RULES", "Example", "Rule", "RuleContext", "get", "select", "is_known_selector"]
