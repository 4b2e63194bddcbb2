"""obsidian-linter examples for the spacing family (format: see tests/test_conformance.py)."""

FENCES = ["blank-lines-around-code-fences"]
MATH = ["blank-lines-around-math-blocks"]
TABLES = ["blank-lines-around-tables"]
RULES = ["blank-lines-around-horizontal-rules"]
QUOTES = ["blank-lines-around-blockquotes"]

CASES: list[tuple] = [
    *[("empty-line-around-code-fences", i, FENCES, False, None, "") for i in range(4)],
    *[("empty-line-around-math-blocks", i, MATH, False, None, "") for i in range(5)],
    ("empty-line-around-tables", 0, TABLES, False,
     "| Column 1 | Column 2 |\n|----------|----------|\n| foo      | bar      |\n"
     "| baz      | qux      |\n| quux     | quuz     |\nMore text.\n\n# Heading\n\n**Note that "
     "text directly following a table is considered part of a table according to github markdown**",
     "a line right under a table is one more row of it (markdown-it, GitHub, Obsidian): a blank "
     "line before it would change the table, so the blank line goes after that row"),
    *[("empty-line-around-tables", i, TABLES, False, None, "") for i in (1, 2, 3)],
    ("empty-line-around-horizontal-rules", 0, RULES + ["consecutive-blank-lines"], False, None,
     ""),
    *[("empty-line-around-horizontal-rules", i, RULES, False, None, "") for i in (1, 2, 3, 4)],
    *[("empty-line-around-blockquotes", i, QUOTES, False, None, "") for i in range(3)],
]

CASES += [
    ("headings-start-line", 0, ["heading-indentation"], False, None, ""),
    ("headings-start-line", 1, ["heading-indentation"], False, None, ""),
]

CASES += [("add-blank-line-after-yaml", i, ["blank-line-after-frontmatter"], False, None, "")
          for i in range(3)]
CASES += [("paragraph-blank-lines", i, ["paragraph-blank-lines"], True, None, "") for i in (0, 1)]
CASES += [("remove-empty-lines-between-list-markers-and-checklists", i, ["list-item-blank-lines"],
           True, None, "") for i in range(6)]
CASES += [("convert-spaces-to-tabs", i, {"indent-with-tabs": {"tab-size": 3}}, False, None, "")
          for i in (0, 1)]
CASES += [
    ("two-spaces-between-lines-with-content", 0, ["hard-line-breaks"], True,
     "# Heading 1\nFirst paragraph stays as the first paragraph\n\n- list item 1\n- list item 2  \n"
     "Continuation of list item 2\n- list item 3\n\n1. Item 1\n2. Item 2  \nContinuation of item 3"
     "\n3. Item 3\n\nParagraph for with link [[other file name]].  \nContinuation *of* the "
     "paragraph has `inline code block` __in it__.  \nEven more continuation\n\nParagraph lines "
     "that end in <br/>\nOr lines that end in <br>\nAre left swapped  \nSince they mean the same "
     "thing\n\n``` text\nCode blocks are ignored\nEven with multiple lines\n```\nAnother paragraph "
     "here\n\n> Blockquotes are affected  \n> More content here  \nContent here\n\n<div>\nhtml "
     "content\nshould be ignored\n</div>\nEven more content here\n",
     "a line ending in <br> or <br/> already breaks; vaultlint never rewrites HTML (the fixer "
     "keeps HTML byte for byte), so the <br> stays"),
]

CASES += [("move-math-block-indicators-to-their-own-line", i, ["math-block-delimiters"], i == 1,
           None, "") for i in range(3)]  # 1: `$$$`, whose line break is inside the math: unsafe

# Every example of the spacing family's peer rules is a case above: none unsupported.
UNSUPPORTED: dict[tuple[str, int], str] = {}
