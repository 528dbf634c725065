"""The scenario file (domain.md section 3.4): defaults, validation, paths relative to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sygefravaer.api import load_scenario
from sygefravaer.errors import InputError
from sygefravaer.io.inputs import load_inputs

MINIMAL = 'absence = "absence.csv"\nunits = "units.csv"\n'


def scenario_file(tmp_path: Path, text: str, name: str = "scenario.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_paths_resolved_relative_to_scenario_file_not_cwd(core_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # somewhere else entirely
    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    paths = sc.input_paths()
    glide = (core_dir / "glide").resolve()
    assert paths["absence"] == glide / "absence.csv"
    assert paths["units"] == glide / "units.csv"
    assert paths["national"] == glide / "national.csv"
    inputs = load_inputs(sc)
    assert inputs.absence.path == glide / "absence.csv"


def test_relative_scenario_path_and_parent_folder_paths(core_dir, monkeypatch):
    monkeypatch.chdir(core_dir)
    sc = load_scenario(Path("file") / "scenario.toml")  # the scenario named relative to cwd
    paths = sc.input_paths()
    # the file scenario names ../glide/absence.csv and targets.csv next to itself
    assert paths["absence"] == (core_dir / "glide" / "absence.csv").resolve()
    assert paths["targets"] == (core_dir / "file" / "targets.csv").resolve()
    assert paths["absence"].is_absolute()
    inputs = load_inputs(sc)
    assert inputs.targets is not None and len(inputs.targets.data) == 4


def test_paths_in_subfolder(tmp_path, monkeypatch):
    data = tmp_path / "projekt" / "data"
    data.mkdir(parents=True)
    (data / "absence.csv").write_text(
        "Center;Sektor;Periode;Årsværk;Sygefraværstimer\nA;x;2013;10;800\n", encoding="utf-8"
    )
    (data / "units.csv").write_text("Center;Sektor;Lønsum\nA;x;1.000.000\n", encoding="utf-8")
    p = scenario_file(
        tmp_path / "projekt",
        'absence = "data/absence.csv"\nunits = "data/units.csv"\nhours_per_day = 8\n'
        '[targets]\nrule = "file"\nfile = "data/targets.csv"\n',
    )
    (data / "targets.csv").write_text("Center;Sektor;År;Måltal\nA;x;2014;9\n", encoding="utf-8")
    monkeypatch.chdir(data)
    sc = load_scenario(p)
    inputs = load_inputs(sc)
    # the scenario's hours_per_day = 8 converts 800 sick hours to 800/8 = 100 days
    assert inputs.absence.data["sick_days"].iloc[0] == pytest.approx(100.0)


def test_defaults(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, MINIMAL))
    assert sc.working_days == 227
    assert sc.hours_per_day == 7.4
    assert sc.level == "sector"
    assert sc.targets.rule == "glide"
    assert sc.targets.gap_closure == 1.0
    assert sc.targets.decimals == 1
    assert sc.targets.benchmark_year is None
    assert sc.reduction.model == "over-target"
    assert sc.reduction.weight == "value"
    assert sc.reduction.cap is True
    assert sc.reduction.rounding == 1
    assert sc.national is None


def test_full_example_from_domain(tmp_path):
    text = """
name = "Eksempelkommune"
absence = "absence.csv"
units = "units.csv"
national = "national.csv"
working_days = 227
hours_per_day = 7.4
level = "center"

[targets]
rule = "glide"
base_year = 2013
final_year = 2017
benchmark_year = 2012
gap_closure = 0.5
decimals = 1

[reduction]
model = "green-harvester"
weight = "days"
cap = false
rounding = 1000
totals = { 2014 = 3200000, 2015 = 5000000, 2016 = 7700000, 2017 = 9400000 }
increments = { 2015 = 1800000 }
"""
    sc = load_scenario(scenario_file(tmp_path, text))
    assert sc.name == "Eksempelkommune"
    assert sc.level == "center"
    assert (sc.targets.base_year, sc.targets.final_year, sc.targets.benchmark_year) == (
        2013,
        2017,
        2012,
    )
    assert sc.targets.gap_closure == 0.5
    assert sc.reduction.totals == {
        2014: 3_200_000,
        2015: 5_000_000,
        2016: 7_700_000,
        2017: 9_400_000,
    }
    # increments of the cumulative totals: 3.2, 5.0-3.2 = 1.8, 7.7-5.0 = 2.7, 9.4-7.7 = 1.7 mio.
    assert sc.increments() == {2014: 3_200_000, 2015: 1_800_000, 2016: 2_700_000, 2017: 1_700_000}


def test_slide_slip_is_caught(tmp_path):
    # the 2014 slide prints 2.2 mio. for 7.7 - 5.0; the tool must refuse it (domain.md 1, 4.5)
    text = MINIMAL + (
        "[reduction]\ntotals = { 2014 = 3200000, 2015 = 5000000, 2016 = 7700000, 2017 = 9400000 }\n"
        "increments = { 2015 = 1800000, 2016 = 2200000, 2017 = 1700000 }\n"
    )
    with pytest.raises(InputError) as err:
        load_scenario(scenario_file(tmp_path, text))
    msg = err.value.render()
    assert "2016" in msg and "2.200.000" in msg and "2.700.000" in msg


def test_decreasing_totals_is_input_error(tmp_path):
    text = MINIMAL + "[reduction]\ntotals = { 2014 = 3200000, 2015 = 3000000 }\n"
    with pytest.raises(InputError, match="2015"):
        load_scenario(scenario_file(tmp_path, text))


def test_total_not_multiple_of_rounding_is_input_error(tmp_path):
    text = MINIMAL + "[reduction]\nrounding = 1000\ntotals = { 2014 = 3200500 }\n"
    with pytest.raises(InputError, match="2014"):
        load_scenario(scenario_file(tmp_path, text))


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ('level = "afdeling"\n', "level"),
        ("working_days = 0\n", "working_days"),
        ("[targets]\ngap_closure = 1.5\n", "gap_closure"),
        ('[targets]\nrule = "gennemsnit"\n', "rule"),
        ("kommune = 101\n", "kommune"),  # unknown key
        ("[targets]\nbase_yaer = 2013\n", "base_yaer"),  # misspelt key
    ],
)
def test_invalid_settings_are_input_errors(tmp_path, extra, needle):
    p = scenario_file(tmp_path, MINIMAL + extra)
    with pytest.raises(InputError) as err:
        load_scenario(p)
    assert needle in err.value.render()
    assert err.value.file == str(p)


def test_missing_required_setting(tmp_path):
    with pytest.raises(InputError, match="units"):
        load_scenario(scenario_file(tmp_path, 'absence = "absence.csv"\n'))


def test_toml_syntax_error(tmp_path):
    with pytest.raises(InputError, match="TOML"):
        load_scenario(scenario_file(tmp_path, MINIMAL + "level = sector\n"))


def test_missing_scenario_file(tmp_path):
    with pytest.raises(InputError, match="findes ikke"):
        load_scenario(tmp_path / "findes_ikke.toml")


def test_scenario_with_bom(tmp_path):
    p = tmp_path / "scenario.toml"
    p.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_scenario(p).absence == Path("absence.csv")


def test_missing_input_file_is_input_error_with_resolved_path(tmp_path):
    sc = load_scenario(scenario_file(tmp_path, MINIMAL))
    with pytest.raises(InputError) as err:
        load_inputs(sc)
    assert str((tmp_path / "absence.csv").resolve()) in err.value.render()
