"""The typo rule and the language of the prose: English tiers for English only, Hunspell
dictionaries for other languages when configured. Real CLI, real CLD2, real spylls."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import quoted_words, run_cli, typo_findings
from vaultlint import hunspell, language
from vaultlint.note import Note

ITALIAN = (
    "Questo è un paragrafo in italiano che parla di produttività e di come organizzare le "
    "note. È possibile usare il comando per cambiare il tema del vault quando si vuole, e "
    "non è difficile: basta aprire le impostazioni e scegliere il tema che si preferisce. "
    "La produttività dipende anche dalla cura con cui si scrivono le note ogni giorno.\n"
)
SPANISH = (
    "Este es un párrafo en español sobre la productividad y la manera de organizar las "
    "notas. Es posible usar el comando para cambiar el tema de la bóveda cuando se quiera, "
    "y no es difícil: basta con abrir la configuración y elegir el tema que se prefiera. "
    "Las notas bien escritas se encuentran de nuevo sin esfuerzo.\n"
)
GERMAN = (
    "Das ist deine Sache, und ich weiß es nicht genau. Wir haben viele Notizen und wollen "
    "sie ordentlich halten, damit man sie später wiederfindet. Deine Notizen gehören dir, "
    "und niemand sonst sollte sie ohne deine Erlaubnis lesen oder verändern dürfen. "
    "Gute Notizen findet man auch nach Jahren noch wieder.\n"
)
ENGLISH = (
    "This is an English paragraph about productivity and how to organise notes in a vault. "
    "We recieve many notes every day, and we should keep them tidy and searchable for later "
    "use, because a note that cannot be found again is a note that was written for nothing.\n"
)
ITALIAN_WORDS = ("possibile", "comando", "tema", "produttività", "paragrafo", "vuole")

# A tiny Hunspell dictionary: `/A` forms the plural (possibile -> possibili, comando -> comandi).
AFF = "SET UTF-8\nTRY aeioulnrstcdmpbgvzàèéìòù\n\nSFX A Y 2\nSFX A e i e\nSFX A o i o\n"
WORDS = ("possibile/A", "comando/A", "tema", "produttività", "questo", "paragrafo/A",
         "italiano/A", "parla", "come", "organizzare", "note", "usare", "cambiare", "vault",
         "quando", "vuole", "difficile", "basta", "aprire", "impostazioni", "scegliere",
         "preferisce", "dipende", "anche", "dalla", "cura", "scrivono", "ogni", "giorno")


def set_of_words(diags: list[dict]) -> set[str]:
    return set(quoted_words(diags))


def _vault(root: Path, notes: dict[str, str], config: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in notes.items():
        (root / name).write_text(text, encoding="utf-8")
    if config:
        (root / ".vaultlint.toml").write_text(config, encoding="utf-8")
    return root


def _dictionary(folder: Path, name: str = "it_IT") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.aff").write_text(AFF, encoding="utf-8")
    (folder / f"{name}.dic").write_text(f"{len(WORDS)}\n" + "\n".join(WORDS) + "\n",
                                        encoding="utf-8")
    return folder / name


def test_italian_spanish_and_german_notes_are_not_judged_as_english(tmp_path):
    vault = _vault(tmp_path / "v", {"it.md": ITALIAN, "es.md": SPANISH, "de.md": GERMAN})
    assert typo_findings(vault) == []
    # The same notes judged as English (the old behaviour) are full of "typos":
    config = str(_config(tmp_path, 'language = "en"'))
    judged = set_of_words(typo_findings(vault, "--config", config))
    assert {"possibile", "comando", "tema", "deine"} <= judged


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cfg.toml"
    path.write_text(f"[rules.typo]\n{body}\n", encoding="utf-8")
    return path


def test_mixed_note_reports_only_the_english_paragraph(tmp_path):
    vault = _vault(tmp_path / "v", {"mixed.md": f"# Notes\n\n{ENGLISH}\n{ITALIAN}\n{ENGLISH}"})
    diags = typo_findings(vault)
    assert set_of_words(diags) == {"recieve"}
    assert sorted(d["line"] for d in diags) == [3, 7]


def test_frontmatter_lang_is_respected(tmp_path):
    short = "Il comando è possibile, il tema no.\n"  # too short for any detection
    vault = _vault(tmp_path / "v", {"a.md": f"---\nlang: it\n---\n{short}",
                                    "b.md": f"---\nlanguage: Italian\n---\n{short}",
                                    "c.md": short})
    assert typo_findings(vault, "--isolated") == []  # c.md: too short, takes the vault's language
    alone = _vault(tmp_path / "alone", {"c.md": short})  # undetermined: English, as before
    assert {"possibile", "comando", "tema"} <= set_of_words(typo_findings(alone, "--isolated"))
    # and an English declaration wins over detection:
    vault2 = _vault(tmp_path / "v2", {"it.md": f"---\nlang: en\n---\n{ITALIAN}"})
    assert {"possibile", "comando"} <= set_of_words(typo_findings(vault2))


def test_config_default_language(tmp_path):
    short = "Il comando è possibile, il tema no.\n"
    vault = _vault(tmp_path / "v", {"a.md": short, "b.md": f"---\nlang: en\n---\n{short}"},
                   '[rules.typo]\nlanguage = "it"\n')
    assert {d["path"] for d in typo_findings(vault)} == {"b.md"}


def test_hunspell_dictionary_flags_italian_slips_and_accepts_inflections(tmp_path):
    base = _dictionary(tmp_path / "v" / "dictionaries")
    text = ITALIAN.replace("È possibile usare il comando", "I comandi sono possibili, è "
                           "possibbile usare il comando")
    vault = _vault(tmp_path / "v", {"it.md": text}, "")
    config = '[rules.typo]\ndictionaries = { it = "dictionaries/it_IT" }\n'
    (vault / ".vaultlint.toml").write_text(config, encoding="utf-8")
    diags = typo_findings(vault)
    assert [d["message"] for d in diags] == \
        ['unknown word "possibbile": did you mean "possibile"? (it)']
    assert diags[0]["fix"]["applicability"] == "unsafe"
    # an absolute path works too, and `.dic` may be named
    (vault / ".vaultlint.toml").write_text(
        f'[rules.typo]\ndictionaries = {{ it = "{base}.dic" }}\n', encoding="utf-8")
    assert set_of_words(typo_findings(vault)) == {"possibbile"}


def test_fix_never_changes_an_italian_word(tmp_path):
    _dictionary(tmp_path / "v" / "dictionaries")
    text = ITALIAN.replace("È possibile", "È possibbile")
    vault = _vault(tmp_path / "v", {"it.md": text, "it2.md": ITALIAN},
                   '[rules.typo]\ndictionaries = { it = "dictionaries/it_IT" }\n')
    run_cli(["--select", "typo", "--fix"], vault)
    assert (vault / "it.md").read_text(encoding="utf-8") == text  # plain --fix: words stay
    (vault / ".vaultlint.toml").unlink()  # no dictionary: nothing to judge Italian by
    run_cli(["--select", "typo", "--fix", "--unsafe-fixes"], vault)
    assert (vault / "it.md").read_text(encoding="utf-8") == text
    assert (vault / "it2.md").read_text(encoding="utf-8") == ITALIAN


def test_unreadable_dictionary_warns_and_checks_nothing(tmp_path):
    vault = _vault(tmp_path / "v", {"it.md": ITALIAN.replace("possibile", "possibbile")},
                   '[rules.typo]\ndictionaries = { it = "/dev/null" }\n')
    res = run_cli(["--select", "typo", "--output-format", "json"], vault)
    assert res.json() == []
    assert "not a regular file" in res.stderr or "cannot read" in res.stderr


def test_bounded_reading_refuses_devices_and_large_files(tmp_path):
    big = tmp_path / "big.dic"
    big.write_bytes(b"x" * 100)
    assert hunspell.read_bounded(big, limit=200) == b"x" * 100
    for path, limit in ((Path("/dev/zero"), 200), (big, 50), (tmp_path, 200)):
        try:
            hunspell.read_bounded(path, limit=limit)
        except hunspell.DictionaryError:
            continue
        raise AssertionError(f"{path} was read")


def test_hunspell_words_skip_elisions_names_and_code():
    assert hunspell.words("dell'organizzazione") == ((5, "organizzazione"),)
    assert hunspell.words("l’altro") == ((2, "altro"),)
    assert hunspell.words("produttività") == ((0, "produttività"),)
    assert hunspell.words("Roma") == () and hunspell.words("a/b.md") == ()


def test_normalize_codes_and_names():
    assert [language.normalize(c) for c in ("it", "it-IT", "pt_BR", "Italian", "GERMAN", 3)] \
        == ["it", "it", "pt", "it", "de", None]


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 50),
                          st.sampled_from(["it", "de", "en"])), max_size=5),
       st.integers(0, 1100))
def test_languages_at_is_the_block_language_else_the_note_language(raw, offset):
    blocks, end = [], 0
    for gap, size, lang in raw:  # disjoint, sorted blocks
        blocks.append((end + gap, end + gap + size, lang))
        end += gap + size
    languages = language.Languages("fr", tuple(blocks))
    inside = [lang for s, e, lang in blocks if s <= offset < e]
    assert languages.at(offset) == (inside[0] if inside else "fr")
    assert languages.is_english(offset) == (languages.at(offset) == "en")


def test_detection_reads_prose_only():
    code = "```\n" + "let variabile = possibile; // commento italiano molto lungo\n" * 20 + "```\n"
    note = Note("n.md", ENGLISH + code)
    assert language.prose_languages(note).at(0) == "en"
    assert language.prose_languages(Note("i.md", ITALIAN)).at(0) == "it"
