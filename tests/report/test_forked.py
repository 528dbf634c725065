"""The center workbooks shared out over forked processes (issue 14): the same results and files
as one process, in the jobs' order, and an error raised as it is serially."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

import sygefravaer
from sygefravaer.report.forked import map_forked

EXAMPLE = Path(__file__).parents[2] / "examples" / "eksempelkommune" / "scenario.toml"
forks = pytest.mark.skipif(not hasattr(os, "fork"), reason="the system does not fork")


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("processes", [1, 2, 3, 8])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 7])
def test_results_in_the_jobs_order(processes: int, n: int) -> None:
    got = map_forked(square_and_pid, list(range(n)), processes)
    assert [r for r, _ in got] == [x * x for x in range(n)]


@forks
def test_the_jobs_run_in_several_processes() -> None:
    # 7 jobs over 3 processes: this one does jobs 0, 3, 6, a child 1, 4 and another 2, 5.
    pids = [pid for _, pid in map_forked(square_and_pid, list(range(7)), 3)]
    assert pids[0] == pids[3] == pids[6] == os.getpid()
    assert pids[1] == pids[4] != os.getpid()
    assert pids[2] == pids[5] not in (os.getpid(), pids[1])


def test_serial_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pids = {pid for _, pid in map_forked(square_and_pid, list(range(4)), 2)}
    finally:
        stop.set()
        other.join()
    assert pids == {os.getpid()}  # a fork copies one thread only: no fork here


def fails_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"job {x} failed")
    return x


@pytest.mark.parametrize("processes", [1, 2])
def test_an_error_is_raised_here_as_serially(processes: int) -> None:
    # With 2 processes job 3 is the child's (jobs 1, 3): this process does it again and raises.
    with pytest.raises(ValueError, match="job 3 failed"):
        map_forked(fails_on_three, list(range(5)), processes)


@forks
def test_a_child_that_fails_leaves_its_jobs_to_this_process() -> None:
    parent = os.getpid()

    def only_here(x: int) -> tuple[int, int]:
        if os.getpid() != parent:
            os._exit(3)  # a child that dies without a word
        return x + 1, os.getpid()

    assert map_forked(only_here, [10, 20, 30], 2) == [(11, parent), (21, parent), (31, parent)]


@forks
def test_run_writes_the_same_files_in_two_processes(tmp_path: Path) -> None:
    p = sygefravaer.load(EXAMPLE)
    result = p.compute_run()
    one = p.write_run(result, tmp_path / "one", processes=1).files
    two = p.write_run(result, tmp_path / "two", processes=2).files
    assert [f.relative_to(tmp_path / "one") for f in one] == [
        f.relative_to(tmp_path / "two") for f in two
    ]
    assert len(one) > 2  # the overview and a workbook per center

    def digest(f: Path) -> str:
        return hashlib.sha256(f.read_bytes()).hexdigest()

    assert list(map(digest, one)) == list(map(digest, two))  # byte for byte
