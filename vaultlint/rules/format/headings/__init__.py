"""The headings family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule

RULES: tuple[Rule, ...] = ()
