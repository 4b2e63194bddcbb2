"""The English word list of the `typo` rule (SCOWL-derived, vaultlint/data/words-en.txt.gz):
both spellings and their inflections are known, common non-words are not, locales mean
something, suggestions are never offensive, and accented words are never split."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import quoted_words, run_cli, typo_findings
from vaultlint import spelling

WRITERS_WORDS = ["favorite", "specialty", "marvelous", "pedantically", "archeologist", "detectible"]
SLIPS = ["alot", "eachother", "flys"]


# --- the word list ------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "en-us"])
@pytest.mark.parametrize("word", WRITERS_WORDS)
def test_a_writers_words_are_known(locale, word):
    assert spelling.dictionary(locale).known(word)


@pytest.mark.parametrize("word", ["colours", "organised", "travelled", "flies", "datasets",
                                  "deprioritize", "backends", "configs", "don't", "cat's",
                                  "children’s", "runtime", "math", "profiler", "changelog"])
def test_inflections_possessives_variants_and_tech_words_are_known(word):
    assert spelling.dictionary("en").known(word)


@pytest.mark.parametrize("word", SLIPS + ["possibile", "appleid", "wigdow"])
def test_slips_are_not_known(word):
    assert not spelling.dictionary("en").known(word)


def test_common_non_words_get_their_correction():
    words = spelling.dictionary("en")
    assert [words.suggest(w) for w in SLIPS] == ["a lot", "each other", "flies"]
    assert words.suggest("Alot") == "A lot"


def test_locales_accept_their_own_spellings():
    us, gb, en = (spelling.dictionary(loc) for loc in ("en-us", "en-gb", "en"))
    assert us.known("color") and not us.known("colour")
    assert gb.known("colour") and not gb.known("color") and not gb.known("favorite")
    assert en.known("color") and en.known("colour")
    # Accepted variants and words common to every variety are known everywhere.
    assert all(d.known("detectible") and d.known("pedantically") for d in (us, gb, en))


def test_the_data_file_carries_scowls_notice_and_loads_once():
    header = gzip.decompress(spelling.WORDS_FILE.read_bytes()).decode().split("\n\n")[0]
    assert "Copyright 2000-2011 by Kevin Atkinson" in header
    assert "Permission to use, copy, modify, distribute and sell" in header
    assert spelling.word_list() is spelling.word_list()
    plain, some = spelling.word_list()
    assert "favorite" in some and "possibile" not in plain  # sizes <= 70 only


def test_the_wheel_ships_the_word_lists():
    tomls = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert 'packages = ["vaultlint"]' in tomls  # hatch ships every file under vaultlint/
    assert spelling.WORDS_FILE.parent.name == "data" and spelling.BLOCKED_FILE.is_file()


# --- suggestions ---------------------------------------------------------------------------------


def test_a_blocked_word_is_never_suggested():
    words = spelling.dictionary("en")
    blocked = spelling.blocked_suggestions()
    assert "shit" in blocked and "shit" in words.counts  # a frequent word, one edit away
    suggestion = words.suggest("shitt")
    assert suggestion is not None and suggestion not in blocked  # the next candidate
    for word in ("fcuk", "cunts", "bitchs"):
        assert words.suggest(word) not in blocked


@settings(deadline=None, max_examples=60)
@given(st.sampled_from(sorted(spelling.blocked_suggestions())), st.integers(0, 5),
       st.sampled_from("aeioustr"))
def test_no_one_edit_neighbour_of_a_blocked_word_is_offered_it(word, at, letter):
    typo = word[: at % (len(word) + 1)] + letter + word[at % (len(word) + 1):]
    if len(typo) >= spelling.MIN_WORD:
        assert spelling.dictionary("en").suggest(typo) not in spelling.blocked_suggestions()


# --- words with accents and apostrophes --------------------------------------------------------


def test_accented_words_are_whole_words():
    assert spelling.dictionary_words("séances produttività Möbius crème") == ()
    assert spelling.dictionary_words("flys sédances") == ((0, "flys"),)
    assert spelling.split_words("Möbius_strip") == {"möbius", "strip"}


def test_words_touching_an_apostrophe_are_not_judged():
    for text in ("stylin'", "rock'n'roll", "'til", "students'", "weren’t"):
        chunk = spelling.chunk(text)
        assert chunk is not None and chunk.text == text
        assert spelling.dictionary_words(chunk.text) == ()
    assert spelling.chunk("'quoted'").text == "quoted"  # a pair of quotes is not a word's


def test_accented_prose_is_reported_whole_or_not_at_all_and_never_split(make_vault):
    text = "Les séances, produttività, Möbius and crème: we recieve it.\n"
    vault = make_vault({"n.md": text})
    diags = typo_findings(vault)
    assert quoted_words(diags) == ["recieve"]
    assert diags[0]["column"] == text.index("recieve") + 1  # character, not byte, columns
    res = run_cli(["--fix", "--unsafe-fixes", "--select", "typo"], vault)
    assert res.exit_code in (0, 1)
    assert (vault / "n.md").read_text() == text.replace("recieve", "receive")


def test_the_typos_engine_maps_positions_after_accented_text():
    engine = spelling.typos_engine()
    assert engine is not None
    (m,) = engine.misspellings("Möbius-séance-recieve")
    assert "Möbius-séance-recieve"[m.index : m.index + len(m.typo)] == "recieve"


# --- end to end --------------------------------------------------------------------------------


def test_writers_words_pass_and_slips_are_reported_with_en_us(make_vault):
    prose = " ".join(WRITERS_WORDS) + ". There was alot to do for eachother; it flys.\n"
    vault = make_vault({"n.md": prose})
    for locale in ("en", "en-us"):
        (vault / ".vaultlint.toml").write_text(f'[rules.typo]\nlocale = "{locale}"\n')
        assert quoted_words(typo_findings(vault)) == SLIPS


def test_a_known_non_word_in_many_notes_is_still_reported(make_vault):
    vault = make_vault({f"n{i}.md": f"Note {i} has alot of text, alot.\n" for i in range(4)})
    diags = typo_findings(vault)
    assert len(diags) == 8 and set(quoted_words(diags)) == {"alot"}
    assert diags[0]["message"] == '"alot" is a misspelling of "a lot"'
    # Only the user's own word list silences it.
    (vault / ".vaultlint.toml").write_text('[rules.typo]\nwords = ["alot"]\n')
    assert typo_findings(vault) == []


def test_regular_inflections_of_listed_words_are_known_by_english_spelling_rules():
    words = spelling.dictionary("en")
    for word in ("glitching", "encodings", "templated", "jittering", "carried", "settings"):
        assert words.known(word), word
    for slip in ("flys", "boxs", "wated", "recieved"):  # no regular form of a listed word
        assert not words.known(slip), slip
