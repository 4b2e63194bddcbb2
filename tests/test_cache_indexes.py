"""Whole-vault indexes kept in the cache: patching one gives what rebuilding it gives, a cached
run reports what an uncached one does after every kind of edit, and facts are read lazily."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from vaultlint.cache import Cache
from vaultlint.config import settings_from
from vaultlint.links import ALIASES
from vaultlint.note import Note
from vaultlint.rules.duplicate_url import SOURCE_URLS
from vaultlint.language import LANGUAGES
from vaultlint.rules.typo import VOCABULARY
from vaultlint.runner import RunOptions, execute
from vaultlint.vault import Vault

KEEPABLE = (VOCABULARY, SOURCE_URLS, ALIASES)
URLS = ["https://example.com/a", "https://EXAMPLE.com/a/", "https://example.com/b?utm_source=x",
        "https://example.com/b", "http://other.org/x#frag"]
WORDS = ["appleid", "gemeni", "zorgblat", "kubectl", "the", "notes", "quux"]
ALIAS_NAMES = ["AI", "ai", " Artificial Intelligence", "ML", "Été"]


@st.composite
def note_texts(draw) -> str:
    """Notes whose facts matter to the kept indexes: URLs, aliases, names and prose words."""
    props = []
    if draw(st.booleans()):
        props.append(f"link: {draw(st.sampled_from(URLS))}")
    aliases = draw(st.lists(st.sampled_from(ALIAS_NAMES), max_size=3))
    if aliases:
        props.append("aliases: [" + ", ".join(a.strip() for a in aliases) + "]")
    if draw(st.booleans()):
        props.append(f"tags: [{draw(st.sampled_from(WORDS))}]")
    front = "---\n" + "\n".join(props) + "\n---\n" if props else ""
    body_url = f"Link: {draw(st.sampled_from(URLS))}\n" if draw(st.booleans()) else ""
    prose = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6)))
    return f"{front}{body_url}{prose}\n"


vaults = st.dictionaries(st.sampled_from([f"n{i}.md" for i in range(8)]), note_texts(),
                         max_size=8)


def _vault(tmp_path: Path) -> Vault:
    return Vault(tmp_path, [], settings_from(tmp_path, None, {}))


def _facts(spec, notes: dict[str, str]) -> dict:
    return {p: spec.extract(Note.from_bytes(p, t.encode())) for p, t in notes.items()}


def _plain(index) -> object:
    """Comparable form of an index (dict order and Counter type do not matter)."""
    encoded = index if isinstance(index, dict) else {"names": index.names, "words": index.notes_using}
    return {k: dict(v) if isinstance(v, dict) else v for k, v in encoded.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=vaults, after=vaults)
def test_patching_a_kept_index_equals_rebuilding_it(tmp_path, before, after):
    vault = _vault(tmp_path)
    for spec in KEEPABLE:
        old, new = _facts(spec, before), _facts(spec, after)
        index = spec.decode(spec.encode(spec.combine(old, vault)), vault)  # as read back
        for path in sorted(set(old) | set(new)):
            if old.get(path) != new.get(path) or (path in old) != (path in new):
                spec.update(index, path, old.get(path), new.get(path), vault)
        assert _plain(spec.encode(index)) == _plain(spec.encode(spec.combine(new, vault))), spec.name


language_facts = st.dictionaries(
    st.sampled_from(["a.md", "b.md", "z/c.md", *(f"x/{n}.md" for n in "defg"),
                     *(f"x/y/{n}.md" for n in "hijkl")]),  # x/ and x/y/ can reach 5 notes
    st.sampled_from([None, "en", "it", "de"]), max_size=13)


@settings(max_examples=150, deadline=None)
@given(before=language_facts, after=language_facts)
def test_patching_the_language_index_equals_rebuilding_it(before, after):
    """The vault's language per folder, kept as counts and patched note by note, is what
    counting every note's language again gives (folder and root majorities alike)."""
    vault = None  # the language index reads only the facts
    index = LANGUAGES.decode(LANGUAGES.encode(LANGUAGES.combine(before, vault)), vault)
    for path in sorted(set(before) | set(after)):
        LANGUAGES.update(index, path, before.get(path), after.get(path), vault)
    rebuilt = LANGUAGES.combine(after, vault)
    assert LANGUAGES.encode(index) == LANGUAGES.encode(rebuilt)
    assert index.folders == rebuilt.folders
    assert [index.of(p) for p in after] == [rebuilt.of(p) for p in after]


def _report(vault: Path, *args: str) -> list[dict]:
    return run_cli(["--output-format", "json", "--select", "LNK,DUP,TYP", *args], vault).json()


def test_cached_runs_match_uncached_runs_through_every_kind_of_edit(make_vault):
    vault = make_vault({
        "a.md": "---\nlink: https://example.com/post\n---\nSee [[AI]] and [[b#Intro]].\n",
        "b.md": "# Intro\n\nzorgblat and zorgblat appear here.\n",
        "c.md": "Link: https://example.com/other\nzorgblat once.\n",
        **{f"filler{i}.md": f"# Filler {i}\n\nPlain words.\n" for i in range(20)},
    })
    edits = [
        ("c.md", "Link: https://example.com/post/?utm_source=feed\nzorgblat once.\n"),  # dup
        ("b.md", "---\naliases: [AI]\n---\n# Intro\n\nzorgblat.\n"),  # alias appears
        ("b.md", "# Outro\n\nno more words like that.\n"),  # heading, alias and words gone
        ("d.md", "---\nurl: https://example.com/post\n---\nA new note.\n"),  # added
        ("a.md", None),  # deleted
    ]
    assert _report(vault) == _report(vault, "--no-cache")
    for path, text in edits:
        if text is None:
            (vault / path).unlink()
        else:
            (vault / path).write_text(text)
        cached = _report(vault)
        assert cached == _report(vault, "--no-cache"), path
        assert cached == _report(vault)  # and again, from what that run kept


def test_kept_indexes_are_stored_with_the_state_they_were_built_from(make_vault):
    vault = make_vault({"a.md": "---\naliases: [X]\nlink: https://e.com\n---\nquux [[nowhere]]\n"})
    run_cli(["--output-format", "json"], vault)
    [db] = list((vault / ".vaultlint_cache").glob("*/cache.db"))
    with sqlite3.connect(db) as conn:
        kept = {spec for (spec,) in conn.execute("SELECT spec FROM indexes")}
    assert {VOCABULARY.key, SOURCE_URLS.key, ALIASES.key, LANGUAGES.key} <= kept


def test_a_check_of_one_note_reads_only_the_link_facts_it_needs(make_vault):
    notes = {f"n{i}.md": f"# Heading {i}\n\ntext\n" for i in range(50)}
    notes["a.md"] = "See [[n1#Heading 1]] and [[n2#Wrong]].\n"
    vault = make_vault(notes)
    run_cli(["--output-format", "json"], vault)  # fills the cache
    (vault / "a.md").write_text("See [[n1#Heading 1]] and [[n3#Wrong]].\n")
    run = execute(RunOptions(paths=["a.md"], cwd=vault, jobs=1))
    assert [(d.code, d.line) for d in run.diagnostics] == [("LNK003", 1)]  # [[n3#Wrong]]
    assert "n3#Wrong" in run.diagnostics[0].message
    read = run.vault.cache._facts.get("links@1", {})
    assert 0 < len(read) <= 3  # n1 and n3 (and perhaps a.md itself), not all 51 notes


def test_an_edit_that_keeps_a_notes_facts_writes_no_facts(make_vault):
    vault = make_vault({"a.md": "---\nlink: https://e.com/x\n---\nprose\n", "b.md": "other\n"})
    run_cli(["--output-format", "json"], vault)
    [db] = list((vault / ".vaultlint_cache").glob("*/cache.db"))

    def facts_rows() -> set:
        with sqlite3.connect(db) as conn:
            return set(conn.execute("SELECT spec, fh FROM facts"))

    before = facts_rows()
    (vault / "a.md").write_text("---\nlink: https://e.com/x\n---\nprose, edited\n")
    run_cli(["--output-format", "json"], vault)
    assert facts_rows() == before


def test_unreferenced_facts_are_collected(tmp_path):
    folder = tmp_path / "cache"
    cache = Cache(folder)
    cache.entry_by_hash("a.md", "h0", "sig")
    for version in range(1200):  # a note edited 1,200 times, its facts changing each time
        cache.set_facts("a.md", "words@1", [f"word{version}"])
        cache.save()
    with sqlite3.connect(folder / "cache.db") as conn:
        stored = conn.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    assert stored <= 2 + 1000  # the live one and at most the slack the collector allows
    reopened = Cache(folder)
    fh = reopened.files["a.md"]["fh"]["words@1"]
    assert reopened.facts("words@1", fh) == ["word1199"]
