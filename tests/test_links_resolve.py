"""The resolver, rule by rule of obsidian-semantics.md §1.3, on small vaults built on disk and
checked through the real CLI (`broken-wikilink` / `ambiguous-link` findings say what resolved)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import run_cli


def findings(vault: Path, rule: str, *args: str) -> list[tuple[str, int, str]]:
    res = run_cli(["--select", rule, "--output-format", "json", "--no-cache", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [(d["path"], d["line"], d["message"]) for d in res.json()]


def broken(make_vault, files: dict[str, str], source: str = "src.md") -> list[str]:
    """The link targets of `source` that do not resolve (one link per line)."""
    vault = make_vault(files)
    lines = files[source].splitlines()
    return [lines[line - 1] for path, line, _ in findings(vault, "broken-wikilink")
            if path == source]


def test_file_names_match_case_insensitively_anywhere(make_vault):
    files = {"Deep/Folder/Graph View.md": "", "src.md": "[[graph view]]\n[[GRAPH VIEW.MD]]\n"}
    assert broken(make_vault, files) == []


def test_md_is_optional_other_extensions_are_required(make_vault):
    files = {"Note.md": "", "img/Figure 1.png": "", "Board.canvas": "{}",
             "src.md": "[[Note]]\n[[Note.md]]\n[[Figure 1.png]]\n[[Figure 1]]\n[[Board.canvas]]\n"
                       "[[Board]]\n"}
    assert broken(make_vault, files) == ["[[Figure 1]]", "[[Board]]"]


def test_dotted_note_names_fall_back_to_md(make_vault):
    files = {"Note.1.md": "", "Drawing.excalidraw.md": "", "README": "",
             "src.md": "[[Note.1]]\n[[Drawing.excalidraw]]\n[[README]]\n"}
    assert broken(make_vault, files) == ["[[README]]"]


def test_folder_qualified_targets(make_vault):
    files = {"Projects/2024/Note.md": "", "ab/Other.md": "",
             "src.md": "[[Projects/2024/Note]]\n[[2024/Note]]\n[[projects/2023/Note]]\n"
                       "[[b/Other]]\n"}
    # a path suffix is a plain string test: "b/Other" matches "ab/Other.md" as in Obsidian
    assert broken(make_vault, files) == ["[[projects/2023/Note]]"]


def test_relative_targets(make_vault):
    files = {"a/b/src.md": "[[./Sibling]]\n[[../Up]]\n[[./../Up]]\n[[../../Root]]\n[[../Sibling]]\n",
             "a/b/Sibling.md": "", "a/Up.md": "", "Root.md": ""}
    assert broken(make_vault, files, "a/b/src.md") == ["[[../Sibling]]"]


def test_a_leading_slash_means_the_vault_root_only(make_vault):
    files = {"Sub/Note.md": "", "Top.md": "",
             "src.md": "[[/Sub/Note]]\n[[/Top]]\n[[/Note]]\n"}
    assert broken(make_vault, files) == ["[[/Note]]"]


def test_aliases_are_not_lookup_keys(make_vault):
    files = {"Artificial Intelligence.md": "---\naliases: [AI]\n---\n", "src.md": "[[AI]]\n"}
    vault = make_vault(files)
    [(_, _, message)] = findings(vault, "broken-wikilink")
    assert message == ("[[AI]] matches an alias of 'Artificial Intelligence'; Obsidian does not "
                       "resolve aliases: write [[Artificial Intelligence|AI]]")


def test_unicode_names_compare_nfc(make_vault):
    nfd = unicodedata.normalize("NFD", "Café")
    files = {f"{nfd}.md": "", "src.md": "[[Café]]\n[[CAFÉ]]\n"}
    assert broken(make_vault, files) == []


def test_urls_in_wikilinks_are_note_names(make_vault):
    files = {"src.md": "[[https://example.org]]\n[web](https://example.org)\n<https://x.org>\n"}
    assert broken(make_vault, files) == ["[[https://example.org]]"]


def test_whitespace_around_the_target_is_trimmed(make_vault):
    files = {"Quick Switcher.md": "", "src.md": "[[ Quick Switcher ]]\n[[Quick Switcher |QS]]\n"}
    assert broken(make_vault, files) == []


# --- which file wins ----------------------------------------------------------------------------


def ambiguous(make_vault, files: dict[str, str], name: str = "vault") -> list[str]:
    return [m for _, _, m in findings(make_vault(files, name=name), "ambiguous-link")]


def test_the_exact_root_path_wins_over_the_own_folder(make_vault):
    files = {"Note.md": "", "a/Note.md": "", "a/src.md": "[[Note]]\n"}
    assert ambiguous(make_vault, files) == [
        "[[Note]] matches several files; Obsidian picks 'Note.md' over 'a/Note.md': "
        "write the full path"]


def test_own_folder_then_shortest_path(make_vault):
    # own folder (or below it) first: not reported, that is the evident intent
    files = {"a/b/c/Note.md": "", "z/Note.md": "", "a/b/src.md": "[[Note]]\n"}
    assert ambiguous(make_vault, files) == []
    # no match in the own folder: the shorter path string wins, ancestors count for nothing
    files = {"a/b/Note.md": "", "zzzz/Note.md": "", "q/src.md": "[[Note]]\n"}
    assert ambiguous(make_vault, files, name="v2") == [
        "[[Note]] matches several files; Obsidian picks 'a/b/Note.md' over 'zzzz/Note.md': "
        "write the full path"]


def test_a_full_path_is_not_ambiguous(make_vault):
    files = {"a/Note.md": "", "b/Note.md": "", "src.md": "[[a/Note]]\n[[/b/Note]]\n"}
    assert ambiguous(make_vault, files) == []


def test_the_tie_break_decides_which_headings_count(make_vault):
    files = {"q/src.md": "[[Note#Only in short]]\n[[Note#Only in long]]\n",
             "a/Note.md": "# Only in short\n", "zzzz/Note.md": "# Only in long\n"}
    found = findings(make_vault(files), "broken-heading-link")
    assert [(p, line) for p, line, _ in found] == [("q/src.md", 2)]
    assert "'a/Note.md'" in found[0][2]


@pytest.mark.parametrize("dest", ["Some%20Note.md", "Some%20Note", "Sub/Some%20Note.md",
                                  "../x/Sub/Some%20Note.md", "/Sub/Some%20Note.md",
                                  "<Sub/Some Note.md>", "some%20note.md \"title\""])
def test_markdown_links_are_decoded_through_the_same_lookup(make_vault, dest):
    files = {"x/Sub/Some Note.md": "", "x/src.md": f"[a]({dest})\n"}
    expected = [] if dest != "/Sub/Some%20Note.md" else ["[a](/Sub/Some%20Note.md)"]
    assert broken(make_vault, files, "x/src.md") == expected


def test_suggestions_in_a_big_vault_score_only_names_that_share_a_word(tmp_path):
    import random

    from rapidfuzz import fuzz, process

    from vaultlint.linkcheck import SUGGEST_CUTOFF
    from vaultlint.links import FULL_SCAN_NAMES, NAME_WORD_POSTINGS, LinkIndex, normalise_name

    rng = random.Random(7)
    words = ["alpha", "budget", "canyon", "delta", "ember", "fjord", "garden", "harbor", "notes"]
    names = sorted({f"{rng.choice(words)} {rng.choice(words)} {rng.randrange(10**6)}"
                    for _ in range(FULL_SCAN_NAMES + 1000)})
    index = LinkIndex(None, [f"{n}.md" for n in names])
    everything = list(index.names)
    for name in rng.sample(names, 40):
        slip = name[:2] + name[3:]  # a dropped letter
        pool = index.suggestion_pool(slip)
        assert len(pool) <= 3 * NAME_WORD_POSTINGS + 10
        wanted = normalise_name(slip)
        narrowed = process.extractOne(wanted, pool, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF)
        full = process.extractOne(wanted, everything, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF)
        assert narrowed is not None and narrowed[0] == full[0] == normalise_name(name)
