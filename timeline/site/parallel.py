"""Independent pieces of a build run side by side in forked worker processes, when the machine has more than one core
to give and the work is worth it; otherwise (one core, no fork, threads running, TIMELINE_JOBS=1) one after the
other in this process, with the same results in the same order.

A worker is a fork of the build: it sees the loaded organisations as they are, renders one piece into the staging
folder and sends back what the build needs of it (small: file names, digests, the feeds' titles). A piece that fails
in a worker is done again in this process, so its error is raised here as it would be without workers, and nothing
is published.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")

JOBS_VARIABLE = "TIMELINE_JOBS"
"""How many processes a build may use at most (default: the cores this process may run on, at most MOST_JOBS)."""
MOST_JOBS = 4
WORTH_FORKING = 1000
"""The least work (facts to render, summed over the pieces) that workers are forked for: one organisation edited
(the CSTO: about 190) rebuilds as fast in one process (measured: 0.85-0.96 s either way), the bundled 22 (about
3,700) 1.6 times faster in two."""


class _Failed:
    """What a worker returns for a piece that raised (its exception may not survive pickling)."""


_JOB: list[Callable[[int], object]] = []
"""The function the workers run, set before they are forked (a closure cannot be sent to a process)."""


def _run(index: int) -> object:
    try:
        return _JOB[0](index)
    except Exception:
        return _Failed()


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to the build's process, which stops the pieces not started and raises it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def jobs(weight: int | None = None) -> int:
    """How many processes a build may use: TIMELINE_JOBS, else the cores it may run on (at most MOST_JOBS) for work
    of at least WORTH_FORKING (`weight`); 1 where processes cannot be forked, or while other threads run (a fork
    copies their locks as they are)."""
    asked = os.environ.get(JOBS_VARIABLE, "").strip()
    if asked.isdigit() and int(asked) > 0:
        wanted = int(asked)
    elif weight is not None and weight < WORTH_FORKING:
        wanted = 1
    else:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        wanted = max(1, min(cores, MOST_JOBS))
    if wanted < 2:
        return 1  # multiprocessing is not even imported
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return wanted


def each(run: Callable[[int], T], count: int, weights: Sequence[int] | None = None) -> list[T]:
    """`run(i)` for i in range(count), in that order; in worker processes when more than one is allowed and there
    is more than one piece, the heaviest pieces (`weights`) started first."""
    with streamed(run, count, weights) as results:
        return list(results)


@contextmanager
def streamed(run: Callable[[int], T], count: int, weights: Sequence[int] | None = None) -> Iterator[Iterator[T]]:
    """As `each`, but the results come one at a time, in order, as they are taken: the build's process holds a
    result only until it is taken, not every piece's at once. Leaving the block early (an error, Ctrl-C) cancels
    the pieces not started and waits for the workers to finish the ones they hold."""
    workers = min(jobs(sum(weights) if weights else None), count)
    if workers < 2:
        yield (run(i) for i in range(count))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(count), key=lambda i: -(weights[i] if weights else 0))
    _JOB[:] = [run]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        try:
            futures: dict[int, Future] = {i: pool.submit(_run, i) for i in order}
        except OSError:  # no process to be had: every piece here
            futures = {}
        yield (_taken(run, i, futures.pop(i, None)) for i in range(count))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        _JOB.clear()


def _taken(run: Callable[[int], T], index: int, future: Future | None) -> T:
    """A piece's result from its worker; the piece done again in this process when it failed there, when its worker
    was killed or when it never went to one (so its error is raised here, as it would be without workers)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        result = future.result() if future is not None else _Failed()
    except (BrokenProcessPool, OSError):
        result = _Failed()
    return run(index) if isinstance(result, _Failed) else result
