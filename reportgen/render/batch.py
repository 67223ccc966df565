"""Render many documents at once, on every core, with results in job order.

Each document renders independently from its own plain-dict context, so a batch splits
across worker processes without changing a byte of any document. Workers are forked from
a parent that has already compiled the templates (`Renderer.prepare`), so they start
rendering at once; where `fork` does not exist they compile their own copy.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, ReportgenError, TemplateError
from .engine import Renderer
from .properties import CoreProperties

# Below this many documents a pool costs more than it saves.
MIN_JOBS_FOR_POOL = 4
# At most this many documents travel to a worker in one message.
CHUNK_MAX = 16


@dataclass(frozen=True)
class RenderJob:
    """One document to render: template, context, properties, where it goes, what to call it."""

    template: str
    context: Mapping[str, Any]
    properties: CoreProperties | None
    output: Path
    label: str = ""


def render_batch(renderer: Renderer, jobs: Sequence[RenderJob], *, workers: int | None = None,
                 on_done: Callable[[RenderJob], None] | None = None) -> list[bytes]:
    """The bytes of every job, in job order; `on_done` is called in this process as each finishes.

    The first failure (a `TemplateError` naming template and paragraph) is raised after the
    pool is shut down; nothing is written here, so a failed batch leaves no file behind.
    """
    renderer.prepare(sorted({j.template for j in jobs}))
    count = worker_count(workers, len(jobs))
    if count <= 1:
        out = []
        for job in jobs:
            out.append(renderer.render(job.template, job.context, job.properties))
            if on_done:
                on_done(job)
        return out
    results: list[bytes | None] = [None] * len(jobs)
    chunks = _chunks(len(jobs), count)
    # The jobs reach the workers through the initializer: inherited, not copied, under fork.
    with ProcessPoolExecutor(max_workers=count, mp_context=_context(),
                             initializer=_init_worker, initargs=(renderer, list(jobs))) as pool:
        futures: dict[Future, range] = {pool.submit(_render_chunk, chunk.start, chunk.stop): chunk for chunk in chunks}
        try:
            for future in as_completed(futures):
                chunk = futures[future]
                result = future.result()
                if isinstance(result, _Failure):
                    raise type_of(result)(result.problems)
                for i, data in zip(chunk, result, strict=True):
                    results[i] = data
                    if on_done:
                        on_done(jobs[i])
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return [r for r in results if r is not None]


def _chunks(jobs: int, workers: int) -> list[range]:
    """Consecutive slices of the jobs: few enough to keep inter-process traffic low, enough to balance."""
    size = max(1, min(CHUNK_MAX, jobs // (workers * 4) or 1))
    return [range(i, min(i + size, jobs)) for i in range(0, jobs, size)]


def worker_count(requested: int | None, jobs: int) -> int:
    """How many processes to use: the usable cores (or `requested`), never more than jobs."""
    if requested is not None:
        return max(1, min(requested, jobs))
    if jobs < MIN_JOBS_FOR_POOL:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


# The renderer and the batch, set in each worker process by the pool's initializer. This is
# the worker's own state (each process has its copy), not state shared across the program.
_WORKER: dict[str, Any] = {}


def _init_worker(renderer: Renderer, jobs: list[RenderJob]) -> None:
    _WORKER["renderer"] = renderer
    _WORKER["jobs"] = jobs


@dataclass(frozen=True)
class _Failure:
    """A `ReportgenError` raised in a worker, sent back as data (its class and problems)."""

    kind: str
    problems: list[Problem]


def type_of(failure: _Failure) -> type[ReportgenError]:
    return {"TemplateError": TemplateError}.get(failure.kind, ReportgenError)


def _render_chunk(start: int, stop: int) -> list[bytes] | _Failure:
    renderer, jobs = _WORKER["renderer"], _WORKER["jobs"]
    try:
        return [renderer.render(j.template, j.context, j.properties) for j in jobs[start:stop]]
    except ReportgenError as exc:  # keep file and place: exceptions lose them when pickled
        return _Failure(type(exc).__name__, exc.problems)
