"""The style family of the formatter (see vaultlint/rules/format/__init__.py): how the same
structure is written. Style choices are taste: off by default."""

from __future__ import annotations

from vaultlint.rules.base import Rule
from vaultlint.rules.format.style import (bullet_character, bullet_marker, code_fence_language, doubled_list_marker,
                                      emphasis_marker, empty_list_item, list_marker_space,
                                      ordered_list_number,
                                      quote_marker_space, strong_marker)

RULES: tuple[Rule, ...] = (bullet_marker.RULE, ordered_list_number.RULE, quote_marker_space.RULE,
                          emphasis_marker.RULE, strong_marker.RULE, code_fence_language.RULE,
                          list_marker_space.RULE, empty_list_item.RULE, doubled_list_marker.RULE,
                          bullet_character.RULE)
