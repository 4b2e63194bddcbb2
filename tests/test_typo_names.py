"""Names are names: the `typo` rule judges neither tier's words that name things (the note's own
title and aliases, titles and link targets of the vault, CamelCase, handles, all caps, a
capitalised word mid-sentence), and never splits or fixes a word next to an apostrophe."""

from __future__ import annotations


import pytest

from conftest import quoted_words, run_cli, typo_findings


# Each line has a name the typos engine would "correct", and one real slip as a control.
@pytest.mark.parametrize("line", [
    "Thanks to GeorgeAzma for this; we recieve it.",       # CamelCase: not GeorgeAsthma
    "Ask @automattic or @GeorgeAzma; we recieve it.",       # handles
    "The French exam (FRE) is hard; we recieve it.",        # all caps: not FREE
    "The theme is stylin' and rock'n'roll; we recieve it.",  # apostrophes: not styling'
    "Built by Automattic in 2005, we recieve it.",          # capitalised mid-sentence
])
def test_names_are_not_judged_but_slips_beside_them_are(make_vault, line):
    vault = make_vault({"n.md": line + "\n"})
    assert quoted_words(typo_findings(vault)) == ["recieve"]


@pytest.mark.parametrize("namer", [{"Automattic.md": "A company.\n"},        # a note title
                                   {"m.md": "See [[Automattic]].\n"},          # a link target
                                   {"m.md": "---\naliases: [Automattic]\n---\nA company.\n"}])
def test_capitalised_word_of_a_title_alias_or_link_target_is_a_name_anywhere(make_vault, namer):
    vault = make_vault({"n.md": "Automattic makes it. We recieve it.\n", **namer})
    assert quoted_words(typo_findings(vault)) == ["recieve"]


def test_the_notes_own_name_is_not_judged(make_vault):
    vault = make_vault({"GeorgeAzma.md": "# GeorgeAzma\n\nGeorgeAzma wrote Azma. We recieve.\n"})
    assert quoted_words(typo_findings(vault)) == ["recieve"]


def test_a_capitalised_slip_that_starts_a_sentence_is_still_reported(make_vault):
    text = "Recieve mail. Then: Recieve more!\n- Recieve a list item\n# Recieve heading\n"
    vault = make_vault({"n.md": text})
    assert quoted_words(typo_findings(vault)) == ["Recieve"] * 4


def test_a_slip_in_a_title_case_phrase_is_reported_a_lone_capital_is_a_name(make_vault):
    text = ("Turn on Spaced Repetiton in the Notion Style Gallary Cover.\n"   # title case
            "Ask Halp now, or email Halp about Gallary.\n")                  # names
    vault = make_vault({"n.md": text})
    assert quoted_words(typo_findings(vault)) == ["Repetiton", "Gallary"]


def test_a_possessive_is_judged_a_dropped_letter_is_not(make_vault):
    vault = make_vault({"n.md": "The langauge's rules and a flys' wings; rock'n'roll.\n"})
    assert quoted_words(typo_findings(vault)) == ["langauge"]


def test_a_lowercase_slip_in_a_link_target_is_no_vocabulary(make_vault):
    notes = {f"n{i}.md": f"See [[wigdow]] {i}.\n" for i in range(4)}
    vault = make_vault({**notes, "x.md": "The wigdow is open.\n"})
    assert quoted_words(typo_findings(vault)) == ["wigdow"]


def test_no_fix_is_ever_offered_inside_a_name(make_vault):
    text = "GeorgeAzma, Automattic and (FRE) are stylin'.\n"
    vault = make_vault({"n.md": text})
    run_cli(["--fix", "--unsafe-fixes", "--select", "typo"], vault)
    assert (vault / "n.md").read_text() == text


def test_code_and_tags_name_no_thing(make_vault):
    vault = make_vault({"code.md": "`def recieve(): pass` #recieve\n",
                        "n.md": "Recieve mail first.\n"})
    assert quoted_words(typo_findings(vault)) == ["Recieve"]


def test_title_case_headings_and_slips_of_proper_nouns_are_judged(make_vault):
    text = ("# Formal Defintion\n\n# Hyeonseo Nam\n\n"
            "I have studied since Feburary with Hyeonseo Nam.\n")
    vault = make_vault({"n.md": text})
    assert quoted_words(typo_findings(vault)) == ["Defintion", "Feburary"]
