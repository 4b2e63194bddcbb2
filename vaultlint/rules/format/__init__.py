"""The formatter: obsidian-linter's file rules as vaultlint rules, one module each, grouped by
what they touch. Each family package lists its rules in `RULES` (registered in
`vaultlint/rules/__init__.py`); codes are per family:

- `spacing/` FMT1xx: blank lines and spaces around blocks (code fences, math, tables, ...);
- `style/` FMT2xx: how the same structure is written (emphasis, lists, blockquotes, fences);
- `content/` FMT3xx: the text itself (bare URLs, quotes, ellipses, spaces, CJK spacing);
- `headings/` FMT4xx: headings (capitalisation, punctuation, the file-name heading);
- `footnotes/` FMT5xx: footnotes (numbering, placement);
- `yaml/` FM3xx: frontmatter formatting through ruamel.yaml (key order, arrays, escaping, ...).

The first layout rules (FMT001-FMT006) predate the families and stay in `vaultlint/rules/`.
"""
