"""`--fix` never changes a word unless asked, and never where a change breaks something else.

Each case is one the issue saw on real notes or in hostile tests: a heading renamed (breaking
`[[n#We recieve mail]]` in another note), a Dataview key and a Templater call renamed, a note's
own name "corrected".
"""

from __future__ import annotations

from conftest import quoted_words, run_cli, typo_findings


def test_plain_fix_changes_no_word(make_vault):
    text = "---\ndescription: We recieve\n---\nWe recieve mail, wich is appleid.\n"
    vault = make_vault({"n.md": text})
    res = run_cli(["--fix", "--no-cache"], vault)
    assert res.exit_code == 1
    assert (vault / "n.md").read_text() == text
    assert {d["fix"]["applicability"] for d in typo_findings(vault, "--no-cache")} == {"unsafe"}


def test_unsafe_fixes_are_listed_word_by_word(make_vault):
    vault = make_vault({"n.md": "We recieve mail.\n"})
    res = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "--select", "typo"], vault)
    assert (vault / "n.md").read_text() == "We receive mail.\n"
    assert "Unsafe fixes applied (1):" in res.stderr
    assert "n.md:1:4: TYP001" in res.stderr and "'receive'" in res.stderr


def test_a_heading_is_reported_but_never_fixed_so_its_links_keep_working(make_vault):
    notes = {"n.md": "# We recieve mail\n\nText.\n",
             "m.md": "See [[n#We recieve mail]].\n"}
    vault = make_vault(notes)
    [diag] = typo_findings(vault, "--no-cache")
    assert (diag["path"], diag["line"], diag["fix"]) == ("n.md", 1, None)
    assert "in a heading" in diag["message"]
    res = run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "n.md").read_text().startswith("# We recieve mail\n")
    assert "LNK" not in res.stdout  # the heading link still resolves
    assert "All checks passed" not in res.stderr  # the typo is still reported


def test_dataview_keys_and_templater_commands_are_not_prose(make_vault):
    text = ("recieve:: a value\n"
            "- **seperate key**:: x\n"
            "Inline [recieve:: 1] and (seperate:: 2) fields.\n"
            "<% tp.file.recieve() %> and <%* tR += seperate %>\n")
    vault = make_vault({"n.md": text})
    assert typo_findings(vault, "--no-cache") == []
    run_cli(["--fix", "--unsafe-fixes", "--no-cache"], vault)
    assert (vault / "n.md").read_text().startswith(text.rstrip("\n"))


def test_a_field_value_is_still_prose(make_vault):
    vault = make_vault({"n.md": "status:: we recieve it\n"})
    diags = typo_findings(vault, "--no-cache")
    assert [(d["column"], w) for d, w in zip(diags, quoted_words(diags))] == [(13, "recieve")]


def test_the_notes_own_name_title_and_aliases_are_not_judged(make_vault):
    vault = make_vault({
        "Recieve Notes.md": "# Recieve Notes\n\nAbout recieve, as named.\n",
        "t.md": "---\ntitle: Seperate things\naliases: [Definately]\n---\n"
                "Seperate and definately, by name. But wich one?\n",
    })
    diags = typo_findings(vault, "--no-cache")
    assert [(d["path"], w) for d, w in zip(diags, quoted_words(diags))] == [("t.md", "wich")]
