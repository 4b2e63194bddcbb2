"""The typo rule end to end: real vaults on disk, the real CLI, the real `typos` binary."""

from __future__ import annotations

from pathlib import Path

from conftest import quoted_words, run_cli, seed_vault, typo_findings

FIRST = "Thoughts on the AI job market.md"


def test_seed_notes_report_appleid_and_no_proper_noun(tmp_path):
    vault = seed_vault(tmp_path / "v")
    diags = [d for d in run_cli(["--output-format", "json"], vault).json() if d["rule"] == "typo"]
    assert [(d["path"], d["line"], d["column"]) for d in diags] == [(FIRST, 13, 80)]
    assert diags[0]["message"] == 'unknown word "appleid": did you mean "applied"?'
    assert diags[0]["fix"]["applicability"] == "unsafe"
    flagged = " ".join(d["message"] for d in diags)
    for name in ("OLMo", "PaLM", "Pythia", "Cohere", "BLOOM", "ELMo", "Gemeni", "Ruder"):
        assert name.lower() not in flagged.lower()


NON_PROSE = """---
recieve: a frontmatter key
status: recieve
tags: [recieve]
---
Inline `recieve` code, math $recieve$ and <span title="recieve">html</span>.
%% recieve in a comment %% <!-- recieve too -->
A URL https://example.com/recieve/seperate and <https://example.org/definately>.
Links [[Recieve notes]], [[Seperate#Definately]], ![[occured.png]] and [text](recieve.md).
A tag #recieve and #seperate/definately, a footnote[^recieve] and a block ^recieve
> [!recieve] callout type

```python
def recieve(): return "seperate"
```

$$
\\recieve{seperate}
$$

<div>
recieve in an HTML block
</div>

    recieve in an indented code block
"""


def test_non_prose_is_never_checked(make_vault):
    text = NON_PROSE + "\nOnly this one: definately.\n"
    text = text.replace("#seperate/definately", "#seperate")
    vault = make_vault({"recieve seperate.md": text})
    diags = typo_findings(vault)
    assert [(d["line"], quoted_words([d])[0]) for d in diags] == [(text.count("\n"), "definately")]


def test_link_aliases_labels_and_chosen_properties_are_prose(make_vault):
    vault = make_vault({"n.md": "---\ndescription: We recieve\nstatus: recieve\n---\n"
                                "See [[Target|seperate]] and [definately](https://x.org).\n"})
    diags = typo_findings(vault)
    assert [(d["line"], quoted_words([d])[0]) for d in diags] == [
        (2, "recieve"), (5, "seperate"), (5, "definately")]


def test_word_fixes_need_the_unsafe_flag(make_vault):
    text = "---\ndescription: We recieve\n---\nWe recieve mail, wich is appleid.\n"
    vault = make_vault({"n.md": text})
    run_cli(["--fix", "--select", "typo"], vault)
    assert (vault / "n.md").read_text() == text  # plain --fix never changes a word
    run_cli(["--fix", "--unsafe-fixes", "--select", "typo"], vault)
    assert (vault / "n.md").read_text() == \
        "---\ndescription: We receive\n---\nWe receive mail, which is applied.\n"


def test_emphasis_inside_a_word_is_joined_and_its_fix_not_offered(make_vault):
    vault = make_vault({"n.md": "**S**ave **rec**ieve and ==seperate== now.\n"})
    diags = typo_findings(vault)
    assert [(quoted_words([d])[0], d["column"], d["fix"] is None) for d in diags] == [
        ("recieve", 12, True), ("seperate", 28, False)]


def test_vault_vocabulary_silences_the_dictionary_not_known_misspellings(make_vault):
    notes = {f"n{i}.md": f"The appleid method and recieve step {i}.\n" for i in range(3)}
    vault = make_vault(notes)
    assert sorted(quoted_words(typo_findings(vault))) == ["recieve"] * 3
    vault.joinpath(".vaultlint.toml").write_text("[rules.typo]\nmin-notes = 0\n")
    assert sorted(quoted_words(typo_findings(vault))) == ["appleid"] * 3 + ["recieve"] * 3


def test_titles_aliases_and_tags_are_vocabulary(make_vault):
    vault = make_vault({
        "Appleid method.md": "Nothing.\n",
        "b.md": "---\naliases: [Wigdow tool]\ntags: [vaault]\n---\n"
                "The wigdow, vaault and appleid.\n",
        "c.md": "The wigdow, vaault and appleid and satrt.\n",
    })
    assert quoted_words(typo_findings(vault)) == ["satrt"]


def test_word_list_file_and_config_words(make_vault):
    vault = make_vault({"n.md": "The appleid step. Halp and satrt.\n"})  # Halp starts a sentence
    assert quoted_words(typo_findings(vault)) == ["appleid", "Halp", "satrt"]
    vault.joinpath(".vaultlint-words.txt").write_text("# ours\nappleid\nhalp  # slang\n")
    assert quoted_words(typo_findings(vault)) == ["satrt"]  # the cached findings are not reused
    vault.joinpath(".vaultlint.toml").write_text('[rules.typo]\nwords = ["satrt"]\n')
    assert quoted_words(typo_findings(vault)) == []


def test_dictionary_tier_can_be_switched_off(make_vault):
    vault = make_vault({"n.md": "The appleid step, recieve.\n",
                        ".vaultlint.toml": "[rules.typo]\ndictionary = false\n"})
    assert quoted_words(typo_findings(vault)) == ["recieve"]


def test_missing_engine_warns_and_the_dictionary_still_runs(make_vault):
    vault = make_vault({"n.md": "The appleid step, recieve.\n",
                        ".vaultlint.toml": '[rules.typo]\ntypos-command = "/nowhere/typos"\n'})
    # typos-command is taken only from a config the user names (docs/safety.md)
    res = run_cli(["--config", str(vault / ".vaultlint.toml"), "--select", "typo",
                   "--output-format", "json", "--no-cache"], vault)
    assert res.exit_code == 1
    assert "'/nowhere/typos' was not found; only the dictionary check runs" in res.stderr
    assert [d["message"] for d in res.json()] == [
        'unknown word "appleid": did you mean "applied"?',
        'unknown word "recieve": did you mean "receive"?']


def test_vocabulary_comes_from_the_whole_vault_when_one_file_is_passed(make_vault):
    notes = {f"n{i}.md": f"A vaault {i}.\n" for i in range(3)}
    vault = make_vault({**notes, "x.md": "The vaault here.\n"})
    assert typo_findings(vault, "x.md") == []
    config = _write(vault, "min-notes = 5")
    assert quoted_words(typo_findings(vault, "x.md", "--config", config)) == ["vaault"]


def _write(vault: Path, option: str) -> str:
    path = vault.parent / "typo.toml"
    path.write_text(f"[rules.typo]\n{option}\n")
    return str(path)


def test_unresolved_near_miss_link_is_left_to_the_link_rule(make_vault):
    vault = make_vault({"n.md": "Models like [[Gemeni]] and ![[gemeni]] too.\n"})
    assert quoted_words(typo_findings(vault)) == []


def test_config_schema_rejects_unknown_typo_options(make_vault):
    vault = make_vault({"n.md": "x\n", ".vaultlint.toml": "[rules.typo]\ndictionnary = true\n"})
    res = run_cli(["--select", "typo"], vault)
    assert res.exit_code == 2 and "dictionnary" in res.stderr
    vault.joinpath(".vaultlint.toml").write_text("[typos]\nwords = []\n")
    res = run_cli(["--select", "typo"], vault)
    assert res.exit_code == 2 and "typos: unknown key(s): words" in res.stderr


def test_a_word_the_note_repeats_is_deliberate(make_vault):
    vault = make_vault({"n.md": "We vaullt here. We vaullt there. One appleid slip.\n"})
    assert quoted_words(typo_findings(vault)) == ["appleid"]
    (vault / ".vaultlint.toml").write_text("[rules.typo]\nmin-repeats = 0\n")
    assert quoted_words(typo_findings(vault)) == ["vaullt", "vaullt", "appleid"]


def test_american_spellings_and_common_tech_words_are_known(make_vault):
    vault = make_vault({"n.md": "The artifact has a favicon, a symlink and a falsy color.\n"})
    assert quoted_words(typo_findings(vault)) == []
