"""duplicate-url end to end: real vaults, the real CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli, seed_vault


def _dups(vault: Path, *args: str) -> list[tuple[str, int, str]]:
    res = run_cli(["--select", "duplicate-url", "--output-format", "json", *args], vault)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    return [(d["path"], d["line"], d["message"]) for d in res.json()]


def test_seed_notes_are_a_pair(tmp_path):
    vault = seed_vault(tmp_path / "v")
    url = "https://newsletter.ruder.io/p/thoughts-on-the-2024-ai-job-market"
    assert _dups(vault) == [
        ("Ruder - 2024 AI job market.md", 3,
         f'same source URL as "Thoughts on the AI job market.md": {url}'),
        ("Thoughts on the AI job market.md", 2,
         f'same source URL as "Ruder - 2024 AI job market.md": {url}'),
    ]


def test_every_note_of_a_group_names_all_the_others(make_vault):
    vault = make_vault({
        "a.md": "---\nurl: https://x.org/post\n---\n",
        "b.md": "Source: http://www.x.org/post/?utm_source=rss#top\n",
        "c.md": "---\nhref: [\"https://X.ORG:443/post\"]\n---\n",
        "d.md": "---\nlink: https://x.org/post?page=2\n---\n",  # another page
    })
    found = _dups(vault)
    assert [(p, line) for p, line, _ in found] == [("a.md", 2), ("b.md", 1), ("c.md", 2)]
    assert found[0][2].startswith('same source URL as "b.md", "c.md": ')
    assert found[1][2].startswith('same source URL as "a.md", "c.md": ')


def test_the_whole_vault_is_compared_when_one_file_is_passed(make_vault):
    vault = make_vault({"a.md": "Link: https://x.org/p\n", "sub/b.md": "URL: https://x.org/p/\n",
                        "c.md": "text\n"})
    assert [p for p, _, _ in _dups(vault, "a.md")] == ["a.md"]
    assert [p for p, _, _ in _dups(vault, "c.md")] == []


def test_a_note_repeating_its_own_url_is_no_duplicate(make_vault):
    vault = make_vault({"a.md": "---\nlink: https://x.org/p\n---\nLink: https://x.org/p\n"})
    assert _dups(vault) == []


def test_only_labelled_lines_near_the_top_count(make_vault):
    far = "\n" * 12 + "Link: https://x.org/p\n"
    vault = make_vault({"a.md": "Link: https://x.org/p\n", "b.md": far,
                        "c.md": "Read https://x.org/p today\n", "d.md": "Via: https://x.org/p\n"})
    assert [p for p, _, _ in _dups(vault)] == []
    vault.joinpath(".vaultlint.toml").write_text(
        '[rules.duplicate-url]\nbody-lines = 20\nlabels = ["link", "via"]\n')
    assert [p for p, _, _ in _dups(vault)] == ["a.md", "b.md", "d.md"]


def test_configured_properties_and_tracking_parameters(make_vault):
    vault = make_vault({"a.md": "---\nsource_url: https://x.org/p?src=feed\n---\n",
                        "b.md": "---\nlink: https://x.org/p\n---\n"})
    assert _dups(vault) == []
    vault.joinpath(".vaultlint.toml").write_text(
        '[rules.duplicate-url]\nproperties = ["link", "source_url"]\n'
        'extend-tracking-params = ["src"]\n')
    assert [p for p, _, _ in _dups(vault)] == ["a.md", "b.md"]


def test_long_groups_name_five_and_count_the_rest(make_vault):
    vault = make_vault({f"n{i}.md": "Link: https://x.org/p\n" for i in range(8)})
    message = _dups(vault)[0][2]
    assert message.startswith('same source URL as "n1.md", "n2.md", "n3.md", "n4.md", "n5.md" '
                              "and 2 more: ")
