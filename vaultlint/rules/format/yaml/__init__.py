"""The yaml family of the formatter (see vaultlint/rules/format/__init__.py)."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.yaml import key_order
from vaultlint.rules.format.yaml import array_style
from vaultlint.rules.format.yaml import removed_keys
from vaultlint.rules.format.yaml import array_dedupe
from vaultlint.rules.format.yaml import array_sort
from vaultlint.rules.format.yaml import inserted_keys
from vaultlint.rules.format.yaml import value_quotes
from vaultlint.rules.format.yaml import title_key  # part 2
from vaultlint.rules.format.yaml import timestamps  # part 2
from vaultlint.rules.format.yaml import body_tags  # part 2
from vaultlint.rules.format.yaml import title_alias  # yaml-title-alias

RULES: tuple[Rule, ...] = (
    key_order.RULE,
    array_style.RULE,
    removed_keys.RULE,
    array_dedupe.RULE,
    array_sort.RULE,
    inserted_keys.RULE,
    value_quotes.RULE,
    title_key.RULE,  # part 2
    timestamps.RULE,  # part 2
    body_tags.RULE,  # part 2
    title_alias.RULE,  # yaml-title-alias
)
