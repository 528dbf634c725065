"""The benchmark generator's input shapes (benchmarks/generate.py, issue 14), on one municipality:
each is read as the numbers it was generated from, so every shape benchmarks the same job."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import sygefravaer

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import generate  # noqa: E402

YEAR = 2017


@pytest.fixture(scope="module")
def tables() -> dict:
    """One municipality of the country: 150 units x 7 years x 10 groups = 10,500 rows."""
    return generate.make_tables(1, generate.LAND_YEARS, 11)


def _load(tmp_path: Path, tables: dict, form: str) -> sygefravaer.Project:
    folder = tmp_path / form
    generate.write_scenario(folder, f"test {form}", tables, form)
    return sygefravaer.load(folder / "scenario.toml")


def test_english_comma_form_reads_as_the_danish_form(tmp_path: Path, tables: dict) -> None:
    """land_en's form (comma, English headers, '.' decimals, plain kroner, 0 for none) and land's
    (semicolon, Danish, decimal commas, 1.234.567 kroner, blank for none) give the same inputs
    and the same allocation, kroner for kroner."""
    da, en = _load(tmp_path, tables, "da"), _load(tmp_path, tables, "en")
    for role in ("absence", "units", "national"):
        a = getattr(da.inputs, role).data.reset_index(drop=True)
        b = getattr(en.inputs, role).data.reset_index(drop=True)
        assert list(a.columns) == list(b.columns), role
        for col in a.columns:
            assert a[col].astype(str).tolist() == b[col].astype(str).tolist(), (role, col)
    assert da.allocate(YEAR).to_dict() == en.allocate(YEAR).to_dict()


def test_english_form_keeps_the_generated_numbers(tmp_path: Path, tables: dict) -> None:
    """The English form's payroll and fte are the generated numbers (no thousands or decimal
    mark misread): sums over the municipality equal the generator's."""
    en = _load(tmp_path, tables, "en")
    units, absence = en.inputs.units.data, en.inputs.absence.data
    assert units["payroll"].sum() == tables["units"]["Lønsum"].sum()
    assert absence["fte"].sum() == pytest.approx(tables["absence"]["Årsværk"].sum(), abs=1e-6)
    assert len(absence) == 150 * 7 * 10


def test_xlsx_scenario_holds_exactly_the_units_of_its_rows(tmp_path: Path, tables: dict) -> None:
    """Cut mid-unit as xlsx_200k is (149 whole units of 70 rows and 10 rows of the 150th, its
    first year only), the scenario loads, holds those 150 units and allocates its total."""
    rows = 149 * 70 + 10
    folder = tmp_path / "xlsx"
    assert generate.write_xlsx_scenario(folder, "test xlsx", tables, rows) == (rows, 150)
    project = sygefravaer.load(folder / "scenario.toml")
    assert len(project.inputs.absence.data) == rows
    assert len(project.inputs.units.data) == 150
    doc = project.allocate(YEAR).to_dict()
    total = generate.scenario_totals(150)[YEAR]  # 2.5 million kr. for 150 units
    assert total == 2_500_000
    assert doc["total"] == total
    assert sum(u["reduction"] for u in doc["units"]) == total
    assert len(doc["units"]) == 150
