"""The console script ends without the interpreter's teardown (cli.quick_exit, issue 14), and
that changes nothing a caller sees: the whole output, the exit status, the exit handlers.

Each case is a fresh process running the console script's `main()` (os._exit ends it), compared
with the same command through typer's CliRunner, which never reaches quick_exit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sygefravaer.cli import app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "eksempelkommune" / "scenario.toml"

# An exit handler that writes a line, and optionally a thread still running when main() ends.
PROLOGUE = """
import atexit, sys, threading, time
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
if {thread}:
    late = lambda: (time.sleep(0.3), print("thread done", file=sys.stderr))
    threading.Thread(target=late).start()
from sygefravaer.cli import main
sys.argv = ["sygefravaer", *sys.argv[1:]]
main()
"""


def console(*args: str, thread: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROLOGUE.format(thread=thread), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_output_status_and_exit_handlers_as_without_it() -> None:
    args = ["allocate", str(EXAMPLE), "--year", "2017", "--json"]
    r = console(*args)
    ref = CliRunner().invoke(app, args)
    assert (r.returncode, ref.exit_code) == (0, 0)
    # Every byte of the JSON is flushed before the process ends (a pipe's buffer is not).
    assert r.stdout == ref.stdout
    assert r.stderr.endswith("exit handler ran\n")


def test_an_input_error_keeps_status_2_and_its_message() -> None:
    r = console("targets", "findes-ikke.toml", "--json")
    assert r.returncode == 2
    assert "scenariefilen findes ikke" in r.stderr
    assert r.stderr.endswith("exit handler ran\n")


def test_a_usage_error_and_help_keep_their_status() -> None:
    assert console("allocate", str(EXAMPLE)).returncode == 2  # --year is missing
    r = console("--help")
    assert r.returncode == 0 and "allocate" in r.stdout


def test_a_running_thread_gets_the_normal_exit() -> None:
    # quick_exit would end the thread mid-sleep; the normal exit waits for it.
    r = console("targets", str(EXAMPLE), "--json", thread=True)
    assert r.returncode == 0
    assert "thread done" in r.stderr and "exit handler ran" in r.stderr
