"""The benchmark's helpers: two deterministic, differently shaped generators and the memory
sampler of bench/run.py (no timing asserts: the machines are shared)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate  # noqa: E402
import generate_other  # noqa: E402
import run  # noqa: E402


def texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.md"))}


def test_generators_are_deterministic(tmp_path: Path) -> None:
    for module in (generate, generate_other):
        first, second = tmp_path / f"{module.__name__}1", tmp_path / f"{module.__name__}2"
        assert len(module.generate(first, 30)) == 30
        module.generate(second, 30)
        assert texts(first) == texts(second)


def test_the_other_vault_is_shaped_differently(tmp_path: Path) -> None:
    generate.generate(tmp_path / "project", 30)
    generate_other.generate(tmp_path / "other", 30)
    project = "\n".join(texts(tmp_path / "project").values())
    other = texts(tmp_path / "other")
    joined = "\n".join(other.values())
    for marker in ("|---|", "[^1]:", "- [ ] ", "lang: it", "https://"):
        assert marker in joined, marker
    for marker in ("|---|", "[^1]:", "- [ ] ", "lang: it"):
        assert marker not in project, marker
    assert any(name.startswith("Daily/") for name in other)
    sizes = sorted(len(text.encode()) for text in other.values())
    assert sizes[0] < 400 and sizes[-1] > 30_000  # tiny notes and a long one


def test_peak_memory_counts_a_real_child(tmp_path: Path) -> None:
    code = "x = bytearray(50_000_000); import time; time.sleep(0.2)"
    tree, largest = run.peak_memory([sys.executable, "-c", code], tmp_path)
    assert tree >= 40 and largest >= 40


def test_peak_memory_sums_the_process_tree(tmp_path: Path) -> None:
    child = f"{sys.executable} -c 'x = bytearray(30_000_000); import time; time.sleep(0.5)'"
    tree, largest = run.peak_memory(["sh", "-c", f"{child} & {child}; wait"], tmp_path)
    assert tree >= 50 and largest < tree


def test_planted_defects_are_where_a_paragraph_ends(tmp_path: Path) -> None:
    for module in (generate, generate_other):
        vault = tmp_path / module.__name__
        module.generate(vault, 30)
        originals = run.plantable(vault)
        assert len(originals) == 3
        run.plant(originals)
        for path, text in originals.items():
            planted = path.read_text(encoding="utf-8")
            assert "   \n\n\n\n" in planted and planted.replace("   \n\n\n\n", "\n\n") == text
