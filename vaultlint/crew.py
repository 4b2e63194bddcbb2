"""Worker processes that keep the notes they parse, so a cold check parses each note once.

A check has two passes: every note's facts (what the vault's indexes are built from), then every
note's findings (which read those indexes). Forked afresh for the second pass, workers had to
parse every note again (2.5 parses per note with 2 workers: slower than one process). A crew is
forked once for both: each worker extracts the facts of its share of the notes and keeps them
parsed, the parent gathers every worker's facts and hands the whole set to each, and each
worker then checks its own share. Between the passes a worker drops each note's block tokens,
the largest part of a parsed note (a rule that needs them parses them again): the regions,
prose and frontmatter it keeps are what the second pass would otherwise redo. A worker keeps
at most KEEP_MAX notes so (about 20 KB each); in a larger vault the others are parsed again.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from vaultlint.cache import Changes
from vaultlint.engine import Linter
from vaultlint.vault import IndexSpec


# Notes a worker keeps parsed between the passes (about 20 KB each): at most 100 MB a worker.
KEEP_MAX = 5_000


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed, out of memory)."""


class Crew:
    """`jobs` forked workers, each extracting the facts of a share of `paths` at once."""

    def __init__(self, linter: Linter, specs: list[IndexSpec], paths: list[str], jobs: int
                 ) -> None:
        context = mp.get_context("fork")
        self.shares = [paths[k::jobs] for k in range(jobs)]  # notes of all sizes in each
        self.links: list[Connection] = []
        self.workers: list[Any] = []
        for share in self.shares:
            ours, theirs = context.Pipe()
            worker = context.Process(target=_serve, args=(theirs, linter, specs, share),
                                     daemon=True)
            worker.start()
            theirs.close()
            self.links.append(ours)
            self.workers.append(worker)

    def facts(self) -> list[Changes]:
        """Every worker's facts (the first pass), once all have finished it."""
        return [self._receive(k) for k in range(len(self.links))]

    def check(self, todo: list[str], batch: int, gathered: list[Changes]) -> Iterator[Any]:
        """(FileResult, cache changes or None) of every note of `todo`, checked by the worker
        holding it (notes no worker holds, their facts cached, are shared out), as batches
        finish. Each worker first receives `gathered`: every worker's facts."""
        owner = {p: k for k, share in enumerate(self.shares) for p in share}
        mine: list[list[str]] = [[] for _ in self.links]
        spread = 0
        for path in todo:
            k = owner.get(path)
            if k is None:
                k, spread = spread % len(self.links), spread + 1
            mine[k].append(path)
        payload = pickle.dumps(gathered, protocol=pickle.HIGHEST_PROTOCOL)
        for link, paths in zip(self.links, mine):
            link.send_bytes(payload)
            link.send((paths, batch))
        del payload  # a copy of every note's facts: not kept while the workers check
        busy = dict(enumerate(self.links))
        while busy:
            for link in wait(list(busy.values())):
                k = self.links.index(link)
                answer = self._receive(k)
                if answer is None:  # the worker checked all it had
                    del busy[k]
                    continue
                results, changes = answer
                for i, result in enumerate(results):
                    yield result, changes if i == len(results) - 1 else None

    def close(self) -> None:
        for link in self.links:
            link.close()
        for worker in self.workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()

    def _receive(self, k: int) -> Any:
        try:
            return self.links[k].recv()
        except (EOFError, OSError):
            raise WorkerDied(f"worker process {self.workers[k].pid} ended "
                             f"(exit code {self.workers[k].exitcode})") from None


def _serve(link: Connection, linter: Linter, specs: list[IndexSpec], share: list[str]) -> None:
    """A worker: the facts of its share, then (with every worker's facts) their findings."""
    vault = linter.vault
    vault.cache.start_worker()
    for kept, path in enumerate(share):
        for spec in specs:
            vault.facts(path, spec)
        note = vault.notes.get(path)
        if kept >= KEEP_MAX:  # a huge vault: memory stays bounded, the rest is parsed again
            vault.notes.pop(path, None)
        elif note is not None:  # parsed again when a rule asks: cheap, and half the memory
            note.release_tokens()
    link.send(vault.cache.take_changes())
    gathered = pickle.loads(link.recv_bytes())
    todo, batch = link.recv()
    for changes in gathered:
        vault.cache.adopt(changes)
    for path in set(share).difference(todo):
        vault.notes.pop(path, None)
    for start in range(0, len(todo), batch):
        paths = todo[start : start + batch]
        results = linter.check_many(paths)
        for path in paths:
            vault.notes.pop(path, None)
        link.send((results, vault.cache.take_changes()))
    link.send(None)
    link.close()
