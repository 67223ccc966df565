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
    with ProcessPoolExecutor(max_workers=count, mp_context=_context(),
                             initializer=_init_worker, initargs=(renderer,)) as pool:
        futures: dict[Future, int] = {
            pool.submit(_render_one, job.template, job.context, job.properties): i for i, job in enumerate(jobs)
        }
        try:
            for future in as_completed(futures):
                i = futures[future]
                result = future.result()
                if isinstance(result, _Failure):
                    raise type_of(result)(result.problems)
                results[i] = result
                if on_done:
                    on_done(jobs[i])
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return [r for r in results if r is not None]


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


# One renderer per worker process, set by the pool's initializer. This is the worker's
# own state (each process has its copy), not state shared across the program.
_WORKER: dict[str, Renderer] = {}


def _init_worker(renderer: Renderer) -> None:
    _WORKER["renderer"] = renderer


@dataclass(frozen=True)
class _Failure:
    """A `ReportgenError` raised in a worker, sent back as data (its class and problems)."""

    kind: str
    problems: list[Problem]


def type_of(failure: _Failure) -> type[ReportgenError]:
    return {"TemplateError": TemplateError}.get(failure.kind, ReportgenError)


def _render_one(template: str, context: Mapping[str, Any], properties: CoreProperties | None) -> bytes | _Failure:
    try:
        return _WORKER["renderer"].render(template, context, properties)
    except ReportgenError as exc:  # keep file and place: exceptions lose them when pickled
        return _Failure(type(exc).__name__, exc.problems)
