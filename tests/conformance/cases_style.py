"""obsidian-linter examples for the style family (format: see tests/test_conformance.py)."""

CASES: list[tuple] = []

UNSUPPORTED: dict[tuple[str, int], str] = {}
