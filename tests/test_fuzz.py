"""Bounded fuzz target: no input makes the parser, any default rule or the fixer crash.

Hypothesis, not atheris, so the run is bounded and reproducible in CI."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import note_text
from vaultlint.config import Settings
from vaultlint.engine import Linter
from vaultlint.fixer import fix_note, verify
from vaultlint.note import DecodeError, Note
from vaultlint.vault import Vault

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


def _linter(tmp_path_factory) -> Linter:
    root = tmp_path_factory.mktemp("v")
    s = Settings(root=root)  # every default-enabled rule, not only the FMT ones
    return Linter(s, Vault(root, ["n.md"], s))


def _exercise(linter: Linter, data: bytes) -> None:
    try:
        note = Note.from_bytes("n.md", data)
    except DecodeError:
        return  # reported as read-error by the engine
    note.frontmatter, note.regions, note.headings, note.block_lines  # noqa: B018 (parse all)
    diags, crashed = linter.lint(note)
    assert not crashed, [d.message for d in diags if d.code == "VL999"]
    outcome = fix_note(note, lambda n: linter.lint(n)[0])
    after = Note("n.md", outcome.text, note.bom)
    assert verify(note, after, {i for d in outcome.applied for i in d.fix.intents}) is None
    assert fix_note(after, lambda n: linter.lint(n)[0]).text == outcome.text  # idempotent


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, data):
    _exercise(_linter(tmp_path_factory), data)


@FUZZ
@given(text=note_text(), bom=st.booleans(), noise=st.text(max_size=20))
def test_structured_notes_with_noise(tmp_path_factory, text, bom, noise):
    cut = len(text) // 2  # random characters spliced into otherwise well-formed notes
    data = (("\ufeff" if bom else "") + text[:cut] + noise + text[cut:]).encode("utf-8", "replace")
    _exercise(_linter(tmp_path_factory), data)
