"""confused-word (TYP002): real words in the wrong place, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli, seed_vault
from vaultlint import language
from vaultlint.note import Note
from vaultlint.rules import confused_word

SEED = "Thoughts on the AI job market.md"


def _found(vault: Path, *args: str) -> list[tuple[str, int, str]]:
    res = run_cli(["--select", "confused-word", "--output-format", "json", "--no-cache", *args],
                  vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [(d["path"], d["line"], d["message"]) for d in res.json()]


def _words(make_vault, text: str) -> list[str]:
    """The flagged words of a one-note vault, as `written->suggested`."""
    vault = make_vault({"n.md": text})
    res = run_cli(["--select", "TYP002", "--output-format", "json", "--no-cache"], vault)
    out = []
    for d in res.json():
        written = text.splitlines()[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]
        out.append(f"{written}->{d['message'].split('did you mean ')[1].split('?')[0][1:-1]}")
    return out


def test_the_seed_note_gets_tan_and_have_showed(tmp_path):
    vault = seed_vault(tmp_path / "v")
    found = [(p, line, m) for p, line, m in _found(vault) if p == SEED]
    assert [(line, m.split(":")[0]) for _, line, m in found] == [(20, '"tan"'), (30, '"showed"')]
    assert 'did you mean "than"? ("faster than" is a comparison)' in found[0][2]
    assert 'did you mean "shown"?' in found[1][2]


def test_off_by_default_and_on_with_extend_select(tmp_path):
    vault = seed_vault(tmp_path / "v")
    plain = run_cli(["--no-cache", "--output-format", "concise"], vault)
    assert "TYP002" not in plain.stdout and "TYP001" in plain.stdout
    on = run_cli(["--no-cache", "--output-format", "concise", "--extend-select",
                  "confused-word"], vault)
    assert on.stdout.count("TYP002") == 2


def test_the_fix_is_unsafe_only(tmp_path):
    vault = seed_vault(tmp_path / "v")
    before = (vault / SEED).read_text(encoding="utf-8")
    run_cli(["--fix", "--select", "confused-word", "--no-cache"], vault)
    assert (vault / SEED).read_text(encoding="utf-8") == before
    run_cli(["--fix", "--unsafe-fixes", "--select", "confused-word", "--no-cache"], vault)
    after = (vault / SEED).read_text(encoding="utf-8")
    assert "much faster than in a typical PHD" in after
    assert "(eg FB, MSFT) have shown some renewed" in after
    assert after.replace("than in a", "tan in a").replace("have shown", "have showed") == before


def test_a_heading_is_reported_but_never_fixed(make_vault):
    vault = make_vault({"n.md": "# Its a heading\n\nIts a body.\n",
                        "m.md": "[[n#Its a heading]]\n"})
    found = _found(vault)
    assert [line for _, line, _ in found] == [1, 3]
    assert "in a heading" in found[0][2] and "in a heading" not in found[1][2]
    run_cli(["--fix", "--unsafe-fixes", "--select", "confused-word", "--no-cache"], vault)
    assert (vault / "n.md").read_text(encoding="utf-8") == "# Its a heading\n\nIt's a body.\n"


@pytest.mark.parametrize("text,expected", [
    ("It is much faster tan in a PhD.\n", ["tan->than"]),
    ("Its a grayscale image and its not hard.\n", ["Its->It's", "its->it's"]),
    ("It's been given it's own style.\n", ["it's->its"]),
    ("Your not alone; your probably right.\n", ["Your->You're", "your->you're"]),
    ("They did there own thing, and their are many.\n", ["there->their", "their->there"]),
    ("You could of asked; we would of known.\n", ["of->have", "of->have"]),
    ("Try not to loose weight.\n", ["loose->lose"]),
    ("It is more then the rest, rather then relying on it.\n", ["then->than", "then->than"]),
    ("RAM is much faster then it was.\n", ["then->than"]),
    ("We ate, and than we left.\n", ["than->then"]),
    ("She has went home. They have already took it. I had began.\n",
     ["went->gone", "took->taken", "began->begun"]),
    ("Programs that have ran on the system.\n", ["ran->run"]),
    ("We saw the affect of the drug.\n", ["affect->effect"]),
])
def test_classic_confusions_are_flagged(make_vault, text, expected):
    assert _words(make_vault, text) == expected


@pytest.mark.parametrize("text", [
    "He wore a tan coat and a darker tan.\n",
    "He showed me the way; they have shown it; it had shown.\n",
    "It costs more than then.\n",
    "Its color fades. It's late, and it's a pity.\n",
    "Your own notes. You're welcome. Their own car is there.\n",
    "A loose connection; do not lose track.\n",
    "It would, of course, work. The might of the sea.\n",
    "The money they had went to rent. The problems we have became worse.\n",
    "Have you been? I have gone; she had done it; they have seen it.\n",
    "Loose ends, a tan-colored wall, then/than, the `its a` code.\n",
    "Bring your a-game; its-a-trap; faster tan-colored.\n",
    "We then left. More, then less. Better than ever.\n",
    "If the company splits shares even more then you might have less.\n",
    "The effect of the drug; it had no effect on him.\n",
])
def test_correct_sentences_are_not_flagged(make_vault, text):
    assert _words(make_vault, text) == []


def test_code_math_links_and_html_are_not_prose(make_vault):
    text = ("`much faster tan in` and $faster tan in$\n\n```\nits a have showed\n```\n\n"
            "[[faster tan in]] and [label](faster%20tan%20in) <span title=\"its a\">x</span>\n"
            "%% its a %% <!-- could of been -->\n")
    assert _words(make_vault, text) == []


def test_phrases_stop_at_punctuation_and_markup(make_vault):
    assert _words(make_vault, "It is faster. Tan is a colour.\n") == []
    assert _words(make_vault, "It is faster `x` tan is here.\n") == []
    assert _words(make_vault, "## It is faster\ntan is a colour.\n") == []
    assert _words(make_vault, "It is much faster\ntan in a PhD.\n") == ["tan->than"]
    assert _words(make_vault, "It is **faster** tan in a PhD.\n") == ["tan->than"]


def test_ignored_words_and_ratio_options(make_vault):
    vault = make_vault({"n.md": "It is much faster tan in a PhD.\nWe saw the affect of it.\n",
                        ".vaultlint.toml": '[rules.confused-word]\nwords = ["tan"]\n'})
    assert [line for _, line, _ in _found(vault)] == [2]
    vault.joinpath(".vaultlint.toml").write_text(
        '[rules.confused-word]\nwords = ["tan"]\nratio = 100000\n')
    assert _found(vault) == []


def test_non_english_prose_is_left_alone(make_vault):
    italian = ("Questa nota è scritta in italiano: la macchina its a più veloce e il "
               "colore è molto bello, anche se la strada per arrivare a casa è lunga.\n")
    vault = make_vault({"it.md": "---\nlang: it\n---\n" + italian})
    assert _found(vault) == []


def test_detected_non_english_prose_is_left_alone(make_vault):
    """No frontmatter: the language is detected, and the English words inside Italian prose
    ("its a", "more then the") are not judged; the same words in English prose are."""
    italian = ("Questa nota è scritta in italiano: la macchina its a più veloce e il colore è "
               "molto bello, anche se la strada per arrivare a casa è lunga e piena di curve.\n\n"
               "Il secondo paragrafo parla di more then the cose che abbiamo visto durante il "
               "viaggio, quando siamo arrivati al mare dopo una lunga giornata di sole.\n")
    english = ("This note is written in English, and its a plain error that anyone who reads "
               "the whole sentence carefully will spot.\n")
    vault = make_vault({"it.md": italian, "en.md": english})
    assert [(p, line) for p, line, _ in _found(vault)] == [("en.md", 1)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "tan", "then", "have", "we", "showed", "its", "faster",
                                 "ab'c", " ", "  ", "\n", ". ", "**", "`", "-", "’"]),
                max_size=80))
def test_the_window_around_a_word_sees_its_whole_context(parts):
    """Only the words around a candidate are read (a window): they are exactly the words the
    whole phrase has there, and a suggestion is another word."""
    note = Note("n.md", "".join(parts))
    masked = language.prose_text(note)
    for phrase in confused_word.phrases(note.text, masked, note.body_start):
        for i, word in enumerate(phrase):
            assert note.text[word.start:word.end] == word.text
            window, j = confused_word.phrase_at(note.text, masked, note.body_start, word.start)
            assert window[j] == word
            assert window[max(0, j - 5):j + 2] == phrase[max(0, i - 5):i + 2]
            found = confused_word._classic(window, j)
            assert found is None or found.word != word.lower
