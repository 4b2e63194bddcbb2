"""broken-block-link end to end: real vaults, the real CLI."""

from __future__ import annotations

from conftest import run_cli


def test_block_ids_compare_case_insensitively(make_vault):
    vault = make_vault({
        "T.md": "A claim. ^Claim-1\n\n- item ^LIST\n\n![[pic.png]]^version-image\n\n"
                "```\nx ^incode\n```\n\n%% y ^incomment %%\n",
        "pic.png": "",
        "n.md": "[[T#^claim-1]] ![[T#^list]] [[T#^VERSION-IMAGE]]\n[[T#^incode]]\n"
                "[[T#^incomment]]\n[[T#^gone]]\n[[#^here]] [[#^nothere]]\n\nSelf. ^here\n",
    })
    res = run_cli(["--select", "broken-block-link", "--output-format", "json", "--no-cache"],
                  vault)
    assert [(d["line"], d["message"]) for d in res.json()] == [
        (2, "[[T#^incode]]: no block '^incode' in 'T.md'"),
        (3, "[[T#^incomment]]: no block '^incomment' in 'T.md'"),
        (4, "[[T#^gone]]: no block '^gone' in 'T.md'"),
        (5, "[[#^nothere]]: no block '^nothere' in this note"),
    ]
