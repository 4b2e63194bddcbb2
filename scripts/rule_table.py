"""Write the README's rule table from the rule registry, so the two cannot drift apart.

    python3 scripts/rule_table.py           # rewrite the table in README.md
    python3 scripts/rule_table.py --check   # exit 1 if README.md's table is not the generated one

The table sits between `<!-- rules-table:start -->` and `<!-- rules-table:end -->`. Each row
comes from the rule itself: its code, name, `fix` ("safe", "unsafe", "safe/unsafe" or none),
whether it is on by default, the obsidian-linter ids it answers to (`aliases`) and its `table`
text (else its summary). tests/test_docs.py checks that README.md is up to date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vaultlint import rules as registry

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def _order(rule: registry.Rule) -> tuple[int, str]:
    """Families in the registry's order (layout, frontmatter, typos, ...), codes sorted within."""
    families = list(dict.fromkeys(r.code.rstrip("0123456789") for r in registry.ALL_RULES))
    return families.index(rule.code.rstrip("0123456789")), rule.code


def table() -> str:
    rows = ["| code | name | fix | default | obsidian-linter | what it checks |",
            "|---|---|---|---|---|---|"]
    for rule in sorted(registry.ALL_RULES, key=_order):
        peer = ", ".join(f"`{a}`" for a in rule.aliases) or "–"
        default = "on" if rule.default_enabled else "off"
        rows.append(f"| {rule.code} | {rule.name} | {rule.fix or '–'} | {default} | {peer} | "
                    f"{rule.table or rule.summary} |")
    return "\n".join(rows) + "\n"


def with_table(readme: str) -> str:
    """README text with the generated table between the markers."""
    head, start, rest = readme.partition(START + "\n")
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"README.md lacks the {START} / {END} markers")
    return head + start + table() + end + tail


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    wanted = with_table(current)
    if "--check" in argv:
        if current != wanted:
            print("README.md's rule table is out of date: run python3 scripts/rule_table.py")
            return 1
        return 0
    if current != wanted:
        README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
