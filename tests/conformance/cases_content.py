"""obsidian-linter examples for the content family (format: see tests/test_conformance.py).

Every content rule changes the text, so each case runs with --unsafe-fixes (plain --fix leaves
every example alone)."""

_SMART = {"quote-style": {"double-quote-style": "smart", "single-quote-style": "smart"}}
_CJK = "space-between-chinese-japanese-or-korean-and-english-or-numbers"
_TYPO_0 = (
    "---\nkey: absoltely\n---\n\nI absolutely hate when my codeblocks get formatted when they "
    "should not be.\n\n```\n# comments absoltely can be helpful, but they can also be "
    "misleading\n```\n\nNote that inline code also has the applicable spelling errors ignored: "
    "`absoltely` \n\n$$\nMath block absoltely does not get auto-corrected.\n$$\n\nThe same "
    "$ definitely $ applies to inline math.\n\n#defenately stays the same")
_FULLWIDTH_1 = (
    "# List markers should not have the space after them removed if they are followed by a "
    "fullwidth character\n\n- ［contents here］\n  -  ［more contents here］more text here\n"
    "+   ［another item here］\n* ［one last item here］\n\n# Nested in a blockquote\n\n"
    "> - ［contents here］\n>   -  ［more contents here］more text here\n> +  ［another item "
    "here］\n> * ［one last item here］\n\n# Doubly nested in a blockquote\n\n> The following is "
    "doubly nested\n> > - ［contents here］\n> >   -   ［more contents here］more text here\n"
    "> > +  ［another item here］\n> > * ［one last item here］")
_CJK_4 = (
    "_这是一个数学公式_\n*这是一个数学公式 english*\n\n# Handling bold and italics nested in each "
    "other is not supported at this time\n\n**_这是一_个数学公式**\n*这是一 hello__个数学 world "
    "公式__*")

CASES: list[tuple] = [
    # typo (TYP001) fixes words only with --unsafe-fixes
    ("auto-correct-common-misspellings", 0, ["typo"], True, _TYPO_0,
     "`$ x $` is not inline math in Obsidian (a space follows the opening `$`): it is prose"),
    ("auto-correct-common-misspellings", 1, ["typo"], True, None, ""),
    ("auto-correct-common-misspellings", 2, ["typo"], True, None, ""),
    ("auto-correct-common-misspellings", 3, ["typo"], True, None, ""),
    ("proper-ellipsis", 0, ["ellipsis"], True, None, ""),
    ("quote-style", 0, ["quote-style"], True, None, ""),
    ("quote-style", 1, _SMART, True, None, ""),
    ("remove-hyphenated-line-breaks", 0, ["hyphenated-line-break"], True, None, ""),
    ("remove-multiple-spaces", 0, ["multiple-spaces"], True, None, ""),
    ("remove-link-spacing", 0, ["link-text-spacing"], True, None, ""),
    ("remove-link-spacing", 1, ["link-text-spacing"], True, None, ""),
    ("remove-space-before-or-after-characters", 0, ["space-around-punctuation"], True, None, ""),
    ("remove-space-around-characters", 0, ["space-around-fullwidth"], True, None, ""),
    ("remove-space-around-characters", 1, ["space-around-fullwidth"], True, _FULLWIDTH_1,
     "the blanks after a list marker decide what belongs to the item: never touched (list "
     "marker spacing is the style family's rule)"),
    (_CJK, 0, ["cjk-spacing"], True, None, ""),
    (_CJK, 1, ["cjk-spacing"], True, None, ""),
    (_CJK, 2, ["cjk-spacing"], True, None, ""),
    (_CJK, 3, ["cjk-spacing"], True, None, ""),
    (_CJK, 4, ["cjk-spacing"], True, _CJK_4,
     "vaultlint never puts a space inside emphasis markers (`**_ 这是一 _`), which would end the "
     "emphasis: the peer's own example says it does not support this case"),
    (_CJK, 5, ["cjk-spacing"], True, None, ""),
    (_CJK, 6, ["cjk-spacing"], True,
     "日本語 english ひらがな\nカタカナ english カタカナ\nﾊﾝｶｸｶﾀｶﾅ english１２３全角数字\n한글 english한글",
     "Korean attaches a particle to the word before it (`Obsidian을`): no space before Hangul"),
    ("no-bare-urls", 0, ["bare-url"], True, None, ""),
    ("no-bare-urls", 1, ["bare-url"], True, None, ""),
    ("no-bare-urls", 2, ["bare-url"], True, None, ""),
    ("no-bare-urls", 3, {"bare-url": {"no-bare-uris": True}}, True, None, ""),
]

UNSUPPORTED: dict[tuple[str, int], str] = {}
