"""The spelling engines on their own: chunks, the real `typos` binary, the word list."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultlint import spelling


def _runs(text: str) -> dict[str, list[int]]:
    runs = spelling.Runs(text)
    return {run: runs.offsets(run) for run in runs.counts}


def test_chunks_drop_edge_punctuation_and_emphasis_markers_keeping_offsets():
    text = '  ("recieve," **S**ave ==seperate== [!note] [^1] ^abc &nbsp; 42 -- x.'
    found = {run: spelling.chunk(run) for run in _runs(text)}
    kept = {run: c.text for run, c in found.items() if c is not None}
    assert kept == {'("recieve,"': "recieve", "**S**ave": "Save", "==seperate==": "seperate",
                    "x.": "x"}
    at = _runs(text)["**S**ave"][0]
    save = found["**S**ave"]
    assert save.span(at, 1, 4) == (at + 5, at + 8) and text[at + 5 : at + 8] == "ave"
    at = _runs(text)['("recieve,"'][0]
    assert found['("recieve,"'].span(at, 0, 7) == (at + 2, at + 9)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n\u00a0\u2003.*", max_size=40), st.integers(0, 45),
       st.integers(0, 45))
def test_runs_are_each_whole_run_with_its_places_as_a_scan_finds_them(text, start, end):
    """`Runs` counts runs with one findall and finds a run's places only when asked: the same
    runs, order, counts and places as a plain scan of text[start:end] (slices cut runs)."""
    start, end = min(start, len(text)), min(max(start, end), len(text))
    scanned: dict[str, list[int]] = {}
    for m in re.finditer(r"\S+", text[start:end]):
        scanned.setdefault(m.group(), []).append(start + m.start())
    runs = spelling.Runs(text, start, end)
    assert list(runs.counts) == list(scanned)
    assert {r: runs.offsets(r) for r in runs.counts} == scanned
    assert all(runs.counts[r] == len(places) for r, places in scanned.items())


@pytest.fixture(scope="module")
def engine():
    command = spelling.typos_command()
    assert command is not None, "the typos dependency is not installed"
    return spelling.TyposEngine(command)


def test_one_call_judges_many_texts_with_character_indexes(engine):
    engine.check(["café-recieve", "fine", "wich", "Teh"])
    assert engine.verdicts["fine"] == ()
    (m,) = engine.verdicts["café-recieve"]
    assert (m.index, m.typo, m.corrections) == (5, "recieve", ("receive",))
    (m,) = engine.verdicts["wich"]
    assert m.corrections == ("which", "witch")
    assert engine.misspellings("Teh")[0].corrections == ("The",)


def test_a_broken_engine_is_reported_once_and_judges_nothing(capsys):
    broken = spelling.TyposEngine("/nowhere/typos")
    assert broken.misspellings("recieve") == ()
    assert broken.failed
    assert broken.misspellings("seperate") == ()
    err = capsys.readouterr().err
    assert err.count("cannot run /nowhere/typos") == 1


@pytest.fixture(scope="module")
def words():
    found = spelling.dictionary()
    assert found is not None, "symspellpy's word list is not installed"
    return found


@pytest.mark.parametrize("word", ["applied", "colors", "behaviors", "datasets", "offenses",
                                  "armored", "deprioritize", "backend", "changelog", "profiler",
                                  "canceled", "math", "runtime"])
def test_known_words_inflections_variants_and_compounds(words, word):
    assert words.known(word)


@pytest.mark.parametrize("typo,fix", [("appleid", "applied"), ("recieve", "receive"),
                                      ("wigdow", "window"), ("vaault", "vault"),
                                      ("satrt", "start"), ("confents", "contents")])
def test_unknown_words_get_the_commonest_near_word(words, typo, fix):
    assert not words.known(typo)
    assert words.suggest(typo) == fix


def test_words_far_from_any_common_word_get_no_suggestion(words):
    assert words.suggest("frontmatterish") is None
    assert words.suggest("zqxj") is None


def test_dictionary_words_are_lowercase_prose_words_only():
    assert spelling.dictionary_words("pre-training") == ((4, "training"),)
    for chunk in ("OLMo", "PaLM", "Cohere", "weren't", "v1.2", "a/b/c", "x@y.org", "snake_case"):
        assert spelling.dictionary_words(chunk) == (), chunk


def test_name_words_split_case_and_separators():
    assert spelling.split_words("Natural_Language_Processing") == \
        {"natural", "language", "processing"}
    assert {"palm", "pa", "lm"} <= spelling.split_words("PaLM 2")


def test_rules_work_without_a_vault():
    from vaultlint.note import Note
    from vaultlint.rules import duplicate_url, typo
    from vaultlint.rules.base import RuleContext

    note = Note("n.md", "---\nlink: https://x.org\n---\nWe recieve the appleid one.\n")
    found = {}
    for rule in (typo.RULE, duplicate_url.RULE):
        ctx = RuleContext(rule, note, dict(rule.options), vault=None)
        found[rule.name] = [d.message.split('"')[1] for d in rule.run(note, ctx)]
    assert found == {"typo": ["recieve", "appleid"], "duplicate-url": []}
