"""The README and docs say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from vaultlint import rules as registry

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_rule():
    for rule in registry.ALL_RULES:
        assert f"| {rule.code} | {rule.name} |" in README, rule.name


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert command in README and command in ci


def test_docs_linked_from_readme_exist():
    for line in README.splitlines():
        for part in line.split("](")[1:]:
            target = part.split(")")[0]
            if not target.startswith(("http", "#")):
                path, _, anchor = target.partition("#")
                assert (ROOT / path).exists(), target
                if anchor:  # GitHub's heading slugs
                    slugs = {re.sub(r"[^\w\- ]", "", h.strip("# ").lower()).replace(" ", "-")
                             for h in (ROOT / path).read_text().splitlines() if h.startswith("#")}
                    assert anchor in slugs, target
