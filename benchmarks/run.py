"""Time sygefravaer against its baselines (issue 7) and print each figure with its goal.

    python benchmarks/run.py [--repeat N] [--skip-openpyxl]

Generates the synthetic inputs first if needed (benchmarks/generate.py). Every figure is the best of
N runs (subprocesses for whole commands, in-process for reading) and is printed with its baseline,
the ratio and the goal from issue 7. Exit status 1 if a goal fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

GiB = 1 << 30
RESULTS: list[tuple[str, str]] = []  # (figure, PASS/FAIL/SKIP/info)


# --------------------------------------------------------------------------- helpers


def machine() -> list[str]:
    """CPU model, cores, RAM and Python version of this machine."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / (1 << 20):.1f} GiB"
                break
    except OSError:
        pass
    from importlib.metadata import version

    return [
        f"CPU:    {cpu}, {os.cpu_count()} kerner, RAM {ram}",
        f"System: {platform.system()} {platform.release()}, Python {platform.python_version()}",
        "Pakker: "
        + ", ".join(f"{p} {version(p)}" for p in ("pandas", "numpy", "python-calamine", "typer")),
    ]


def run_child(args: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, int]:
    """Run a command; returns (wall seconds, peak RSS in bytes of that child, exit status)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, proc.returncode


def best(fn: Callable[[], float], n: int) -> float:
    return min(fn() for _ in range(n))


def best_cmd(args: list[str], n: int) -> tuple[float, int]:
    """Best wall time of n runs and the largest peak RSS seen; fails loudly on a non-zero exit."""
    times, rss = [], 0
    for _ in range(n):
        t, r, code = run_child(args)
        if code != 0:
            raise SystemExit(f"kommandoen fejlede (exit {code}): {' '.join(args)}")
        times.append(t)
        rss = max(rss, r)
    return min(times), rss


# The command run in-process by a small wrapper that reports the process's own peak resident
# memory (VmHWM) at exit. A child's ru_maxrss also counts the benchmark process it was forked
# from (Linux carries the high-water mark over fork and exec), which grows with the in-process
# reading figures; VmHWM belongs to the command's own memory only.
PEAK_PROBE = """
import atexit, sys
def _peak():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                sys.stderr.write("VMHWM " + line.split()[1] + "\\n")
atexit.register(_peak)
from sygefravaer.cli import main
sys.argv = ["sygefravaer"] + sys.argv[1:]
main()
"""


def peak_memory(args: list[str]) -> tuple[int, str]:
    """(peak bytes, how measured) of `sygefravaer ARGS`: VmHWM where /proc has it."""
    if Path("/proc/self/status").exists():
        out = subprocess.run(
            [sys.executable, "-c", PEAK_PROBE, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
        for line in out.stderr.splitlines():
            if line.startswith("VMHWM "):
                return int(line.split()[1]) * 1024, "VmHWM"
    _, rss, _ = run_child([exe("sygefravaer"), *args])
    return rss, "ru_maxrss"


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"  {'figur':<44} {'måling':>10} {'basislinje':>11} {'forhold':>8}  mål")


def row(figure: str, value: str, baseline: str, ratio: str, goal: str, ok: bool | None) -> None:
    verdict = "info" if ok is None else ("PASS" if ok else "FAIL")
    RESULTS.append((figure, verdict))
    print(f"  {figure:<44} {value:>10} {baseline:>11} {ratio:>8}  {goal} {verdict}")


def secs(t: float) -> str:
    return f"{t:.3f} s"


def exe(name: str) -> str:
    """A console script from the same environment as this Python."""
    cand = Path(sys.executable).parent / name
    return str(cand) if cand.exists() else (shutil.which(name) or name)


# --------------------------------------------------------------------------- 1. startup


def bench_startup(n: int) -> None:
    header(f"1. Opstart (subprocess, bedste af {n})")
    py = sys.executable
    base = best(lambda: run_child([py, "-c", "import typer"])[0], n)
    sg = exe("sygefravaer")
    for flag in ("--help", "--version"):
        t = best(lambda flag=flag: run_child([sg, flag])[0], n)
        row(
            f"sygefravaer {flag}",
            secs(t),
            secs(base),
            f"{t / base:.2f}x",
            "<= 1.3x",
            t / base <= 1.3,
        )
    # Which heavy modules do --help and --version import?
    probe = (
        "import sys\n"
        "from sygefravaer.cli import main\n"
        "sys.argv = ['sygefravaer', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pandas', 'openpyxl', 'numpy', 'python_calamine', 'pydantic')\n"
        "sys.stderr.write(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    for flag in ("--help", "--version"):
        out = subprocess.run(
            [py, "-c", probe, flag], capture_output=True, text=True, cwd=ROOT, check=False
        )
        loaded = out.stderr.strip().split()
        bad = [m for m in loaded if m in ("pandas", "openpyxl")]
        row(
            f"  importeret ved {flag}",
            ",".join(loaded) or "-",
            "",
            "",
            "hverken pandas eller openpyxl",
            not bad,
        )


# --------------------------------------------------------------------------- 2. reading


def bench_reading(out: Path, n: int, skip_openpyxl: bool) -> None:
    import pandas as pd

    from sygefravaer.io import readers

    path = out / "fravaer_200k.xlsx"
    header(f"2. Læsning af {path.name} (200.000 rækker, i processen, bedste af {n})")

    def ours() -> float:
        t0 = time.perf_counter()
        table = readers.read_absence(path)
        t = time.perf_counter() - t0
        assert len(table.data) == generate.XLSX_ROWS, len(table.data)
        return t

    def calamine() -> float:
        t0 = time.perf_counter()
        df = pd.read_excel(path, engine="calamine", header=2)
        t = time.perf_counter() - t0
        assert len(df) == generate.XLSX_ROWS, len(df)
        return t

    ours()  # warm-up: imports and caches
    t_ours = best(ours, n)
    t_cal = best(calamine, n)
    row(
        "readers.read_absence vs read_excel(calamine)",
        secs(t_ours),
        secs(t_cal),
        f"{t_ours / t_cal:.2f}x",
        "<= 1.25x",
        t_ours / t_cal <= 1.25,
    )
    if skip_openpyxl:
        row("readers.read_absence vs read_excel(openpyxl)", secs(t_ours), "-", "-", ">= 5x", None)
        return
    t0 = time.perf_counter()
    pd.read_excel(path, engine="openpyxl", header=2)
    t_opx = time.perf_counter() - t0
    row(
        "readers.read_absence vs read_excel(openpyxl)",
        secs(t_ours),
        secs(t_opx),
        f"{t_opx / t_ours:.1f}x",
        ">= 5x hurtigere",
        t_opx / t_ours >= 5,
    )


# --------------------------------------------------------------------------- 3. computing


def _check_allocation(path: Path, total: int) -> tuple[int, int]:
    doc = json.loads(path.read_text("utf-8"))
    got = sum(u["reduction"] for u in doc["units"])
    if doc["total"] != total or got != total:
        raise SystemExit(f"allocate --json giver {got} kr., forventet {total} kr.")
    return len(doc["units"]), sum(1 for u in doc["units"] if u["status"] == "red")


def bench_computing(out: Path, n: int) -> None:
    import tomllib

    sg = exe("sygefravaer")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    header(f"3. Beregning: allocate --json på hele landet (subprocess, bedste af {n})")
    timings = {}
    for name in ("land", "land_halv", "land_4x"):
        scen = out / name / "scenario.toml"
        totals = tomllib.loads(scen.read_text("utf-8"))["reduction"]["totals"]
        year = max(int(y) for y in totals)
        total = totals[str(year)]
        args = [sg, "allocate", str(scen), "--year", str(year), "--json"]
        with tempfile.NamedTemporaryFile("w+b", suffix=".json", delete=False) as fh:
            tmp = Path(fh.name)
        try:
            times, rss = [], 0
            for _ in range(n):
                with open(tmp, "wb") as fh:
                    t, r, code = run_child(args, stdout=fh)
                if code != 0:
                    raise SystemExit(f"kommandoen fejlede (exit {code}): {' '.join(args)}")
                times.append(t)
                rss = max(rss, r)
            units, red = _check_allocation(tmp, total)
        finally:
            tmp.unlink(missing_ok=True)
        base_args = [
            sys.executable,
            str(HERE / "baseline_allocate.py"),
            str(out / name / "absence.csv"),
            str(total),
        ]
        t_base, _ = best_cmd(base_args, n)
        timings[name] = (min(times), rss, t_base, units, red, year)
    t, rss, t_base, units, red, year = timings["land"]
    scen = out / "land" / "scenario.toml"
    rss, how = peak_memory(["allocate", str(scen), "--year", str(year), "--json"])
    rows = manifest["land"]
    print(f"  ({rows:,} fraværsrækker, {units:,} enheder, {red:,} over måltal, år {year})")
    row(
        "allocate --json vs minimalt pandas-script",
        secs(t),
        secs(t_base),
        f"{t / t_base:.2f}x",
        "<= 2x",
        t / t_base <= 2,
    )
    row(
        f"  maks. hukommelse ({how})",
        f"{rss / GiB:.2f} GiB",
        "",
        "",
        "< 1.5 GiB",
        rss < 1.5 * GiB,
    )
    t_half = timings["land_halv"][0]
    half_rows = manifest["land_halv"]
    row(
        f"  skalering: {rows:,} vs {half_rows:,} rækker",
        secs(t),
        secs(t_half),
        f"{t / t_half:.2f}x",
        f"<= {2.2 * rows / (2 * half_rows):.2f}x",
        t / t_half <= 2.2 * rows / (2 * half_rows),
    )
    t4, _, t4_base, units4, red4, _ = timings["land_4x"]
    rss4, how4 = peak_memory(
        ["allocate", str(out / "land_4x" / "scenario.toml"), "--year", str(year), "--json"]
    )
    rows4 = manifest["land_4x"]
    print(f"  4 x landet: {rows4:,} fraværsrækker, {units4:,} enheder, {red4:,} over måltal")
    row(
        "  4 x landet vs minimalt pandas-script",
        secs(t4),
        secs(t4_base),
        f"{t4 / t4_base:.2f}x",
        "<= 2x",
        t4 / t4_base <= 2,
    )
    row(
        f"  4 x landet, maks. hukommelse ({how4})",
        f"{rss4 / GiB:.2f} GiB",
        "",
        "",
        "< 1.5 GiB",
        rss4 < 1.5 * GiB,
    )
    # One municipality, for the meeting: informative.
    scen = out / "kommune" / "scenario.toml"
    t_k, _ = best_cmd([sg, "compare", str(scen), "--year", "2017", "--json"], n)
    row("compare --json, én kommune (9.000 rækker)", secs(t_k), "", "", "(øjeblikkeligt)", None)


# --------------------------------------------------------------------------- 4. writing


def bench_writing(n: int) -> None:
    header(f"4. Skrivning: run for eksempelkommunen (subprocess, bedste af {n})")
    sg = exe("sygefravaer")
    scen = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
    has_run = subprocess.run([sg, "run", "--help"], capture_output=True, cwd=ROOT).returncode == 0
    if not scen.exists() or not has_run:
        why = "eksemplet findes ikke endnu" if not scen.exists() else "kommandoen run findes ikke"
        print(f"  SPRUNGET OVER: {why} ({scen.relative_to(ROOT)}, `sygefravaer run`)")
        RESULTS.append(("run eksempelkommune", "SKIP"))
        return
    times, books = [], 0
    for _ in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            t, _, code = run_child([sg, "run", str(scen), "--out", tmp])
            if code != 0:
                raise SystemExit(f"sygefravaer run fejlede (exit {code})")
            books = len(list(Path(tmp).rglob("*.xlsx")))
            times.append(t)
    t = min(times)
    row(f"run (alle år, {books} projektmapper)", secs(t), "", "", "< 2 s", t < 2.0)


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description="Benchmarks for sygefravaer (issue 7).")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (bedste af N)")
    ap.add_argument("--skip-openpyxl", action="store_true", help="spring openpyxl-målingen over")
    args = ap.parse_args()
    print("sygefravaer benchmarks (issue 7)")
    for line in machine():
        print("  " + line)
    # Bytecode as after a first run: where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes)
    # Python would otherwise compile the package anew in every timed process.
    import compileall

    import sygefravaer

    compileall.compile_dir(Path(sygefravaer.__file__).parent, quiet=1)
    t0 = time.perf_counter()
    out = generate.generate()
    if time.perf_counter() - t0 > 1:
        print(f"  (testdata genereret på {time.perf_counter() - t0:.0f} s)")
    bench_startup(max(args.repeat, 10))
    bench_reading(out, args.repeat, args.skip_openpyxl)
    bench_computing(out, args.repeat)
    bench_writing(args.repeat)
    failed = [f for f, v in RESULTS if v == "FAIL"]
    skipped = [f for f, v in RESULTS if v == "SKIP"]
    print(
        f"\nResultat: {sum(v == 'PASS' for _, v in RESULTS)} PASS, {len(failed)} FAIL, "
        f"{len(skipped)} SKIP"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
