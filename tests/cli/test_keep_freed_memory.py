"""The console script has glibc's malloc keep freed memory for the next arrays
(cli.keep_freed_memory, issue 14): a freed 16 MiB array stays in the process for reuse instead of
going back to the system (and coming back as new pages, each faulted in on first touch)."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

# RSS (in pages) after a 16 MiB array is touched and freed, with or without the setting.
PROBE = """
import sys
import numpy as np
if {keep}:
    from sygefravaer.cli import keep_freed_memory
    keep_freed_memory()
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1])
before = rss()
a = np.ones(2 << 20)  # 16 MiB
del a
print(rss() - before)
"""

glibc = sys.platform.startswith("linux") and "libc.so.6" in str(ctypes.util.find_library("c"))


def grown(keep: bool) -> int:
    code = PROBE.format(keep=keep)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout)


@pytest.mark.skipif(not glibc, reason="mallopt is glibc's")
def test_a_freed_array_stays_for_the_next_one() -> None:
    pages = (16 << 20) // 4096
    assert grown(keep=False) < pages // 4  # by default the array was mapped and given back
    assert grown(keep=True) > pages * 3 // 4  # kept in the heap


# RSS (in pages) after a thread touches and frees a 16 MiB array and the main thread then makes
# one of the same size.
THREAD_PROBE = """
import threading
import numpy as np
from sygefravaer.cli import keep_freed_memory
keep_freed_memory()
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1])
before = rss()
def piece():
    a = np.ones(2 << 20)
    del a
t = threading.Thread(target=piece)
t.start()
t.join()
b = np.ones(2 << 20)
print(rss() - before)
"""


@pytest.mark.skipif(not glibc, reason="mallopt is glibc's")
def test_what_a_thread_frees_is_there_for_the_main_thread() -> None:
    # One arena for all threads (issue 14): the main thread's array takes the pages the
    # thread freed; with an arena per thread it would need 16 MiB of new pages, 32 MiB in all.
    out = subprocess.run(
        [sys.executable, "-c", THREAD_PROBE], capture_output=True, text=True, check=True
    )
    pages = (16 << 20) // 4096
    assert pages * 3 // 4 < int(out.stdout) < pages * 5 // 4
