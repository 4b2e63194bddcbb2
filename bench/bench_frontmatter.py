"""Frontmatter validation cost: 10,000 generated frontmatters, parsed alone vs parsed + validated
against the shipped article schema, side by side in one run; prints the ratio.

    python3 bench/bench_frontmatter.py [N]

Also times jsonschema-rs on the same data when it is installed, to back the validator choice
documented in docs/frontmatter.md.
"""

from __future__ import annotations

import random
import sys
import time

from vaultlint import fm_schema
from vaultlint.frontmatter import load_for_check
from vaultlint.resources import schemas_dir


def generate(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = ["NLP", "LLM", "Rust", "Python", "Obsidian", "Vision", "Audio", "Agents"]
    out = []
    for i in range(n):
        priority = "high" if rng.random() < 0.02 else str(rng.randint(0, 3))  # a few violations
        out.append(
            f"already_read: {rng.choice(['true', 'false'])}\n"
            f"link: https://example.org/post/{i}\n"
            f"read_priority: {priority}\nrelevance: {rng.randint(0, 5)}\nsource: null\n"
            "tags:\n" + "".join(f"- {w}\n" for w in rng.sample(words, 3)) +
            f"type: Content\nupload_date: '2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'\n")
    return out


def timed(fn) -> tuple[float, int]:
    start = time.perf_counter()
    count = fn()
    return time.perf_counter() - start, count


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    texts = generate(n)
    validator = fm_schema.compile_schema(schemas_dir() / "article.schema.json")

    def parse() -> int:
        return sum(1 for t in texts if load_for_check(t) is not None)

    def parse_validate() -> int:
        return sum(len(list(validator.iter_errors(load_for_check(t)))) for t in texts)

    parse()  # warm up (imports, caches)
    t_parse, _ = timed(parse)
    t_both, errors = timed(parse_validate)
    print(f"{n} frontmatters")
    print(f"parse only              {t_parse:8.3f} s  ({t_parse / n * 1e6:7.1f} us/note)")
    print(f"parse + validate        {t_both:8.3f} s  ({t_both / n * 1e6:7.1f} us/note, "
          f"{errors} violations)")
    print(f"ratio (parse+validate / parse) = {t_both / t_parse:.2f}x")
    try:
        import jsonschema_rs
    except ImportError:
        return
    data = [load_for_check(t) for t in texts]
    compiled = _rs_validator(jsonschema_rs)
    t_rs, rs_errors = timed(lambda: sum(len(list(compiled.iter_errors(d))) for d in data))
    t_py, py_errors = timed(lambda: sum(len(list(fm_schema.iter_errors(validator.full, d)))
                                        for d in data))
    print(f"validation alone: jsonschema {t_py:.3f} s ({py_errors} violations), "
          f"jsonschema-rs {t_rs:.3f} s ({rs_errors} violations): {t_py / t_rs:.1f}x")


def _rs_validator(jsonschema_rs):
    """The article schema with its local $ref inlined (jsonschema-rs resolves no local files
    here without a retriever; inlining keeps the comparison about validation speed)."""
    import json

    schema = json.loads((schemas_dir() / "article.schema.json").read_text())
    note = json.loads((schemas_dir() / "obsidian-note.schema.json").read_text())
    note.pop("$id", None)
    schema.pop("$id", None)
    schema["$defs"] = note.pop("$defs")  # the inlined schema's "#/$defs/..." point at the root
    schema["allOf"] = [note]
    return jsonschema_rs.validator_for(schema, validate_formats=True)


if __name__ == "__main__":
    main()
