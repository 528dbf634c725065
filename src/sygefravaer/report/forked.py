"""Jobs shared out over forked processes: `run` writes one workbook per center, each on its own,
and on two cores the centers' workbooks take about half the time (issue 14)."""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def map_forked(fn: Callable[[T], R], jobs: Sequence[T], processes: int = 1) -> list[R]:
    """`[fn(j) for j in jobs]`, the jobs shared out over `processes` processes (this one and
    forked children), the results in the jobs' order; each result must pickle.

    Serial where the system has no fork, where another thread runs (a fork copies only the
    calling thread, and a lock another thread holds would stay locked in the child) and for
    fewer than two jobs. A child that fails in any way leaves its jobs to this process, which
    then does them itself, so an error is raised here with the message it has serially.
    """
    n = min(processes, len(jobs))
    if n < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [fn(j) for j in jobs]
    parts = [range(k, len(jobs), n) for k in range(n)]
    sys.stdout.flush()  # else what waits in a buffer would be written by the children too
    sys.stderr.flush()
    children = [_fork(fn, jobs, part) for part in parts[1:]]
    results: dict[int, R] = {}
    try:
        results.update((i, fn(jobs[i])) for i in parts[0])
    finally:
        done = [(part, _collect(pid, fd)) for pid, fd, part in children]
    for part, got in done:
        redone = got if got is not None else [fn(jobs[i]) for i in part]
        results.update(zip(part, redone, strict=True))
    return [results[i] for i in range(len(jobs))]


def _fork(fn: Callable, jobs: Sequence, part: range) -> tuple[int, int, range]:
    """A child doing `part` of the jobs; it sends the pickled results down a pipe and ends
    without the interpreter's teardown (no exit handlers, no flushing of the parent's files)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read, part
    code = 1
    try:
        os.close(read)
        with os.fdopen(write, "wb") as fh:
            fh.write(pickle.dumps([fn(jobs[i]) for i in part]))
        code = 0
    finally:
        os._exit(code)


def _collect(pid: int, fd: int) -> list | None:
    """A child's results, or None where it failed. The pipe is read before the wait: a child
    blocks on writing more than the pipe holds until it is read."""
    with os.fdopen(fd, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a cut-off pipe: the jobs are done again here
        return None
