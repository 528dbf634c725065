"""The bundled wide-form KRL table imports to exactly the published figures it was laid out from."""

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from sygefravaer.cli import app

ROOT = Path(__file__).parents[2]


def _rows(path: Path) -> set[tuple[int, str, float]]:
    with open(path, encoding="utf-8") as fh:
        return {
            (int(r["year"]), r["staff_group"], float(r["days_per_fte"])) for r in csv.DictReader(fh)
        }


def test_wide_example_imports_to_the_bundled_long_figures(tmp_path):
    out = tmp_path / "krl_2017.csv"
    res = CliRunner().invoke(
        app,
        [
            "national",
            "import",
            str(ROOT / "examples/krl/KRL_sygefravaer_2017.csv"),
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    imported = _rows(out)
    published = _rows(ROOT / "data/krl_landsgennemsnit.csv")
    # 13 figures: Kommuner i alt 2012-2017 (6), Akademikere 2012, SOSU 2012/2015/2017 (3),
    # teachers 2013/2014 (2), administration 2017: 6 + 1 + 3 + 2 + 1 = 13; each one published.
    assert len(imported) == 13
    assert imported <= published
    assert (2017, "Kommuner i alt", 11.7) in imported and (
        2012,
        "Kommuner i alt",
        11.94,
    ) in imported


def test_wide_example_revises_the_2018_target(tmp_path):
    res = CliRunner().invoke(
        app,
        [
            "targets",
            str(ROOT / "examples/revision2018/scenario.toml"),
            "--national",
            str(ROOT / "examples/krl/KRL_sygefravaer_2017.csv"),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    # The 2018 minutes: the target follows KRL's latest average, 2017 = 11.7 (Kommuner i alt).
    assert json.loads(res.stdout)["municipality"]["targets"]["2018"] == 11.7
