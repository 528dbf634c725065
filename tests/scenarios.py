"""Scenario files over the small allocation fixtures, shared by the test folders."""

from __future__ import annotations

from pathlib import Path

ALLOC = Path(__file__).parent / "data" / "alloc"
BASIC = ALLOC / "basic"
KEYS = [("Nord", "P"), ("Nord", "Q"), ("Syd", "R"), ("Syd", "S"), ("Øst", "T")]


def write_scenario(
    tmp_path: Path,
    *,
    totals: dict[int, int],
    model: str = "over-target",
    weight: str = "value",
    cap: bool = True,
    rounding: int = 1,
    level: str = "sector",
    units: str = "units.csv",
    targets: str = "targets.csv",
    increments: dict[int, int] | None = None,
    folder: Path = BASIC,
) -> Path:
    """A scenario over the fixture tables (absolute paths), with the given reduction policy."""

    def table(d: dict[int, int]) -> str:
        return "{ " + ", ".join(f"{y} = {v}" for y, v in d.items()) + " }"

    lines = [
        'name = "Allokeringstest"',
        f"absence = '{(folder / 'absence.csv').as_posix()}'",
        f"units = '{(folder / units).as_posix()}'",
        "working_days = 200",
        f'level = "{level}"',
        "min_fte = 0",
        "[targets]",
        'rule = "file"',
        f"file = '{(folder / targets).as_posix()}'",
        "[reduction]",
        f'model = "{model}"',
        f'weight = "{weight}"',
        f"cap = {'true' if cap else 'false'}",
        f"rounding = {rounding}",
        f"totals = {table(totals)}",
    ]
    if increments is not None:
        lines.append(f"increments = {table(increments)}")
    path = tmp_path / "scenario.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
