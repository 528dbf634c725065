"""A glide unit without a base year (domain.md 4.3), the plausibility warnings (domain.md 3,
issue 9) and the warnings each result carries, every figure worked out by hand in the comments.

Fixtures: tests/data/core/glide and national (see tests/core/test_targets.py for their rows),
copied and changed here; tests/data/alloc/basic for the prior reductions.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from scenarios import write_scenario

from sygefravaer.api import load_scenario
from sygefravaer.core.absence import KEY, glide_reference_mask, levels
from sygefravaer.core.allocation import allocate, compare
from sygefravaer.core.benchmark import benchmarks
from sygefravaer.core.plausibility import (
    LISTED,
    days_per_fte_warnings,
    number,
    unique_warnings,
)
from sygefravaer.core.run import compute_run
from sygefravaer.core.status import compute_status
from sygefravaer.core.targets import compute_targets
from sygefravaer.errors import InputError, InputWarning
from sygefravaer.io.inputs import load_inputs

BU, SO = "Børn og Unge", "Sundheds- og Omsorgscentret"
SKOLER, DAGTILBUD = (BU, "Skoler"), (BU, "Dagtilbud")
HJEMMEPLEJEN, PLEJECENTRE = (SO, "Hjemmeplejen"), (SO, "Plejecentre")
HEADER = "Center;Sektor;Periode;Personalegruppe;Årsværk;Sygefraværsdage\n"


def copy_fixture(core_dir: Path, name: str, tmp_path: Path) -> Path:
    folder = tmp_path / name
    shutil.copytree(core_dir / name, folder)
    return folder


# Skoler has no 2013 rows: 2014 Lærere 20 fte / 200 days, Dagplejere 20 / 300, and 2015
# Lærere 30 / 300, Dagplejere 10 / 100. The other units have the glide fixture's 2013 and 2014.
WITHOUT_BASE = HEADER + (
    "Børn og Unge;Skoler;2014;Lærere;20;200\n"
    "Børn og Unge;Skoler;2014;Dagplejere;20;300\n"
    "Børn og Unge;Skoler;2015;Lærere;30;300\n"
    "Børn og Unge;Skoler;2015;Dagplejere;10;100\n"
    "Børn og Unge;Dagtilbud;2013;;20;260\n"
    "Sundheds- og Omsorgscentret;Hjemmeplejen;2013;;50;900\n"
    "Sundheds- og Omsorgscentret;Plejecentre;2013;Social- og sundhedspersonale;10;60\n"
    "Børn og Unge;Dagtilbud;2014;;25;300\n"
    "Sundheds- og Omsorgscentret;Hjemmeplejen;2014;;50;750\n"
    "Sundheds- og Omsorgscentret;Plejecentre;2014;Social- og sundhedspersonale;10;170\n"
)


@pytest.fixture
def without_base(core_dir, tmp_path):
    folder = copy_fixture(core_dir, "glide", tmp_path)
    (folder / "absence.csv").write_text(WITHOUT_BASE, encoding="utf-8")
    sc = load_scenario(folder / "scenario.toml")
    return sc, load_inputs(sc)


# --------------------------------------------------------------------------- 4.3 no base year


def test_a_unit_without_base_year_gets_its_benchmark_from_its_earliest_year(without_base):
    sc, inputs = without_base
    ts = compute_targets(sc, inputs)
    # Skoler's earliest calendar year is 2014: B = (20*10.0 Lærere + 20*12.0 Dagplejere ->
    # Kommuner i alt) / 40 = 440/40 = 11.0 (its 2015 mix would give (300 + 120)/40 = 10.5).
    assert ts.benchmark.loc[SKOLER].tolist() == pytest.approx([11.0] * 4)
    assert ts.units.loc[SKOLER].tolist() == pytest.approx([11.0] * 4)  # T = B every year
    # The others as in the full fixture (test_targets.py): Dagtilbud 14.0, Hjemmeplejen
    # 16.5, 15.0, 13.5, 12.0, Plejecentre 16.0.
    assert ts.units.loc[DAGTILBUD].tolist() == pytest.approx([14.0] * 4)
    assert ts.units.loc[HJEMMEPLEJEN].tolist() == pytest.approx([16.5, 15.0, 13.5, 12.0])
    assert ts.units.loc[PLEJECENTRE].tolist() == pytest.approx([16.0] * 4)


def test_a_unit_without_base_year_weighs_with_its_reference_fte(without_base):
    sc, inputs = without_base
    ts = compute_targets(sc, inputs)
    # 2014: Skoler has no calendar year before 2014: it weighs with its reference period's
    # fte (2014: 40); Dagtilbud with its 2013 fte 20.
    #   BU: (11.0*40 + 14.0*20)/60 = (440 + 280)/60 = 12.0 (Dagtilbud alone would give 14.0)
    #   municipality: (440 + 280 + 16.5*50 + 16.0*10)/120 = (720 + 825 + 160)/120 = 14.208 -> 14.2
    assert ts.weights.at[SKOLER, 2014] == 40
    assert ts.centers.at[BU, 2014] == pytest.approx(12.0)
    assert ts.municipality[2014] == pytest.approx(14.2)
    # 2015: Skoler's latest year before 2015 is 2014 (40 fte), Dagtilbud's 2014 (25 fte):
    #   BU: (11.0*40 + 14.0*25)/65 = (440 + 350)/65 = 12.15 -> 12.2
    assert ts.centers.at[BU, 2015] == pytest.approx(12.2)


def test_a_unit_without_base_year_is_named_in_a_warning(without_base):
    sc, inputs = without_base
    ts = compute_targets(sc, inputs)
    found = [w for w in ts.warnings if "basisår" in str(w)]
    assert len(found) == 1
    text = str(found[0])
    assert "absence.csv" in text and "1 enhed " in text and "basisår 2013" in text
    assert "Børn og Unge / Skoler: måltal 11 (2014)" in text
    assert found[0].file == str(inputs.absence.path)
    assert all(found[0] in ts.year_warnings[y] for y in ts.years)


def test_a_unit_without_base_year_has_a_status_once_it_has_absence(without_base):
    sc, inputs = without_base
    # 2015 compares 2014: Skoler 500/40 = 12.5 days per fte against 11.0: red, gap 1.5.
    st = compute_status(sc, inputs, year=2015).units.set_index(KEY)
    assert st.at[SKOLER, "days_per_fte"] == pytest.approx(12.5)
    assert st.at[SKOLER, "target"] == pytest.approx(11.0)
    assert st.at[SKOLER, "status"] == "red"
    # 2014 compares 2013: Skoler has no absence then and is not in the status.
    assert SKOLER not in compute_status(sc, inputs, year=2014).units.set_index(KEY).index


def test_every_unit_with_a_base_year_keeps_the_full_fixtures_targets(core_dir, without_base):
    sc = load_scenario(core_dir / "glide" / "scenario.toml")
    full = compute_targets(sc, load_inputs(sc))
    changed = compute_targets(*without_base)
    others = [DAGTILBUD, HJEMMEPLEJEN, PLEJECENTRE]
    pd.testing.assert_frame_equal(changed.units.loc[others], full.units.loc[others])
    assert not [w for w in full.warnings if "basisår" in str(w)]


def test_glide_reference_mask_rule():
    a = pd.DataFrame(
        {
            "center": ["A", "A", "A", "B", "B", "C", "C"],
            "sector": ["x", "x", "x", "y", "y", "z", "z"],
            "year": [2012, 2013, 2014, 2014, 2015, 2013, 2013],
            "quarter": [0, 0, 0, 0, 0, 1, 0],
        }
    )
    # A has 2013: its 2013 row; B has none: its earliest calendar year 2014; C's quarter row
    # is no calendar year, its 2013 row is.
    assert glide_reference_mask(a, 2013).tolist() == [False, True, False, True, False, False, True]


# --------------------------------------------------------------------------- KRL fallbacks


def national(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [r[0] for r in rows],
            "staff_group": [r[1] for r in rows],
            "group_key": [r[1].lower() for r in rows],
            "days_per_fte": [r[2] for r in rows],
        }
    )


def test_a_group_missing_in_one_krl_year_is_warned_about():
    rows = pd.DataFrame(
        {
            "center": ["A", "A", "B"],
            "sector": ["x", "x", "y"],
            "staff_group": ["Lærere", "Pædagoger", "Rengøring"],
            "fte": [6.0, 2.0, 4.0],
        }
    )
    units = pd.DataFrame({"center": ["A", "B"], "sector": ["x", "y"], "staff_group": ""})
    nat = national(
        [
            (2016, "Kommuner i alt", 11.8),
            (2016, "Pædagoger", 11.0),
            (2017, "Kommuner i alt", 12.0),
            (2017, "Lærere", 10.5),
            (2018, "Pædagoger", 12.0),
        ]
    )
    found: list[InputWarning] = []
    b = benchmarks(rows, units, nat, 2017, "krl/national.csv", found)["benchmark"]
    # A: (6*10.5 + 2*12.0 Kommuner i alt) / 8 = 87/8 = 10.875; B: Rengøring has no figure in
    # any year: 12.0, the documented fallback, without a warning (io warns about it).
    assert b.tolist() == pytest.approx([10.875, 12.0])
    assert len(found) == 1
    text = str(found[0])
    assert text.startswith("national.csv: personalegruppen 'Pædagoger'")
    assert "KRL-år 2017 (men for 2016, 2018)" in text and "(12)" in text
    assert "1 enhed: A / x" in text and "Rengøring" not in text
    assert found[0].file == "krl/national.csv"
    # KRL 2016 lacks Lærere (which 2017 has): A's Lærere fall back to 11.8, with a warning.
    other: list[InputWarning] = []
    benchmarks(rows, units, nat, 2016, None, other)
    assert len(other) == 1 and "'Lærere' har intet landsgennemsnit for KRL-år 2016" in str(other[0])
    assert "(men for 2017); 'Kommuner i alt' (11,8)" in str(other[0])


def test_national_rule_warns_for_the_target_year_whose_krl_year_lacks_a_group(core_dir, tmp_path):
    folder = copy_fixture(core_dir, "national", tmp_path)
    nat = folder / "national.csv"
    lines = nat.read_text(encoding="utf-8").splitlines(keepends=True)
    nat.write_text("".join(x for x in lines if not x.startswith("2017;Pædagogisk")), "utf-8")
    sc = load_scenario(folder / "scenario.toml")
    sc = replace(sc, targets=replace(sc.targets, years=[2018, 2019]))
    inputs = load_inputs(sc)
    ts = compute_targets(sc, inputs)
    # 2018 uses KRL 2017, which lacks Pædagogisk personale: Skoler (2017: Lærere 30, Pæd. 10)
    # B = (30*9.5 + 10*11.7 Kommuner i alt)/40 = 402/40 = 10.05 -> 10.1. 2019 uses KRL 2018
    # (Pæd. 12.0): (30*9.0 + 10*12.0)/40 = 390/40 = 9.75 -> 9.8.
    assert ts.units.loc[("Børn og Unge", "Skoler")].tolist() == pytest.approx([10.1, 9.8])
    assert [len(ts.year_warnings[y]) for y in (2018, 2019)] == [1, 0]
    assert "'Pædagogisk personale'" in str(ts.year_warnings[2018][0])
    assert "KRL-år 2017" in str(ts.year_warnings[2018][0])
    assert ts.warnings_of([2019]) == list(inputs.warnings)
    # The status against the 2018 targets carries it; Bibliotek's Biblioteksassistenter (no
    # figure in any year) is not warned about here.
    st = compute_status(sc, inputs, period="2018Q1")
    assert ts.year_warnings[2018][0] in st.warnings
    assert not any("Biblioteksassistenter" in str(w) and "KRL-år" in str(w) for w in st.warnings)


# --------------------------------------------------------------------------- days per fte


def unit_levels(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "center": ["C"] * len(rows),
            "sector": [r[0] for r in rows],
            "fte": [r[1] for r in rows],
            "sick_days": [r[2] for r in rows],
        }
    )
    return levels(frame, KEY)


def test_days_per_fte_inside_the_bounds_give_no_warning():
    # 2 and 40 days per fte are inside (the bounds are "under 2", "over 40").
    lv = unit_levels([("a", 10, 20), ("b", 10, 400), ("c", 0, 0)])
    assert days_per_fte_warnings(lv, "2013", "absence.csv", 5) == []


def test_hours_in_the_days_column_are_warned_with_the_figures():
    # a: 888/10 = 88.8 (hours); b: 4 fte (under min_fte 5) at 100 is not named; c: 12.0.
    # The municipality: (888 + 400 + 120)/24 = 1408/24 = 58.67.
    lv = unit_levels([("a", 10, 888), ("b", 4, 400), ("c", 10, 120)])
    muni, units = days_per_fte_warnings(lv, "2014Q1", "data/absence.csv", 5)
    assert str(muni).startswith("absence.csv, 2014Q1: kommunens sygefravær er 58,7 dage")
    assert "(1.408 sygefraværsdage / 24 årsværk), over 40" in str(muni)
    assert "Sygefraværstimer" in str(muni)
    assert str(units).startswith("absence.csv, 2014Q1: 1 enhed med mindst 5 årsværk")
    assert "C / a: 88,8 dage pr. årsværk (888 sygefraværsdage / 10 årsværk)" in str(units)
    assert "C / b" not in str(units) and "C / c" not in str(units)
    assert muni.file == units.file == "data/absence.csv"


def test_percentages_in_the_days_column_are_warned_as_under_2():
    # 0.045 / 10 = 0.0045 days per fte: under 2, and so is the municipality's.
    lv = unit_levels([("a", 10, 0.045)])
    muni, unit = days_per_fte_warnings(lv, "2013", "absence.xlsx", 5)
    assert "0,0045 dage pr. årsværk" in str(muni) and "under 2" in str(muni)
    assert "procent" in str(unit)


def test_many_units_are_counted_not_all_named():
    lv = unit_levels([(f"s{i:02d}", 10, 500) for i in range(LISTED + 2)])
    _, units = days_per_fte_warnings(lv, "2013", "absence.csv", 5)
    assert f"{LISTED + 2} enheder" in str(units) and str(units).count("C / s") == LISTED
    assert "og 2 flere" in str(units)


def test_status_warns_about_its_compared_period(core_dir, tmp_path):
    folder = copy_fixture(core_dir, "glide", tmp_path)
    path = folder / "absence.csv"
    # Hjemmeplejen's 2014 sick days as hours: 750 * 7.4 = 5550, 5550/50 = 111 days per fte.
    path.write_text(path.read_text("utf-8").replace(";50;750", ";50;5550"), "utf-8")
    sc = load_scenario(folder / "scenario.toml")
    inputs = load_inputs(sc)
    assert not [w for w in compute_status(sc, inputs, year=2014).warnings if "over 40" in str(w)]
    found = [w for w in compute_status(sc, inputs, year=2015).warnings if "over 40" in str(w)]
    # 2014 municipality: (330 + 170 + 300 + 5550 + 170)/(30 + 10 + 25 + 50 + 10) = 6520/125
    # = 52.16: over 40 too.
    assert len(found) == 2
    assert "2014: kommunens sygefravær er 52,2 dage" in str(found[0])
    assert "Sundheds- og Omsorgscentret / Hjemmeplejen: 111 dage" in str(found[1])


# --------------------------------------------------------------------------- totals vs prior


def test_first_total_below_the_pooled_prior_reductions_is_warned(tmp_path):
    # Prior reductions R 100.000 + S 50.000 = 150.000 pooled into 2014's total of 100.000.
    sc = load_scenario(
        write_scenario(tmp_path, totals={2014: 100_000, 2015: 200_000}, units="units_prior.csv")
    )
    res = allocate(sc, load_inputs(sc), 2015)
    found = [w for w in res.warnings if "reduction.totals" in str(w)]
    assert len(found) == 1
    text = str(found[0])
    assert text.startswith("scenario.toml: reduction.totals for 2014 er 100.000 kr.")
    assert "(150.000 kr. i alt i units_prior.csv)" in text and "50.000 kr. tilbage" in text
    assert found[0].file == str(sc.path)


def test_first_total_equal_to_the_prior_reductions_is_not_warned(tmp_path):
    sc = load_scenario(
        write_scenario(tmp_path, totals={2014: 150_000, 2015: 200_000}, units="units_prior.csv")
    )
    res = allocate(sc, load_inputs(sc), 2014)
    assert not [w for w in res.warnings if "reduction.totals" in str(w)]


# --------------------------------------------------------------------------- results' warnings


def test_unique_warnings_keep_the_first_of_each_in_order():
    a, b, c = InputWarning("a"), InputWarning("b"), InputWarning("c")
    assert unique_warnings([b, a], [a, c, InputWarning("b")]) == [b, a, c]


def test_every_result_carries_the_warnings_of_the_years_it_uses(without_base, tmp_path):
    sc, inputs = without_base
    red = replace(sc.reduction, model="green-harvester", totals={2014: 100_000, 2015: 200_000})
    sc = replace(sc, reduction=red)
    ts = compute_targets(sc, inputs)
    missing = next(w for w in ts.warnings if "basisår" in str(w))
    assert ts.warnings[: len(inputs.warnings)] == list(inputs.warnings)
    st = compute_status(sc, inputs, year=2015)
    assert missing in st.warnings
    res = allocate(sc, inputs, 2015)
    assert res.warnings.count(missing) == 1  # two years' statuses, each with it: once
    assert res.warnings == unique_warnings(res.warnings)
    cmp = compare(sc, inputs, 2015)
    assert cmp.warnings.count(missing) == 1
    run = compute_run(sc, inputs)
    assert run.warnings.count(missing) == 1
    assert run.warnings == compute_run(sc, inputs).warnings  # the same order every run
    assert run.warnings[: len(ts.warnings)] == ts.warnings


def test_number_is_danish():
    assert [number(x) for x in (9516.4, 80.0, 12.25, 0.00525, 100_000)] == [
        "9.516,4",
        "80",
        "12,25",
        "0,00525",
        "100.000",
    ]


def test_an_allocation_error_carries_the_warnings_found_before_it(core_dir, tmp_path):
    folder = copy_fixture(core_dir, "glide", tmp_path)
    path = folder / "absence.csv"
    head, rows = path.read_text("utf-8").split("Sygefraværsdage\n")
    # Every row 0,1 sick days (a rate read as days): 2013 Skoler 0.2/40 = 0.005 days per fte,
    # far under every target, so no unit is over target.
    rows = "".join(line.rsplit(";", 1)[0] + ";0,1\n" for line in rows.splitlines())
    path.write_text(head + "Sygefraværsdage\n" + rows, "utf-8")
    sc = load_scenario(folder / "scenario.toml")
    sc = replace(sc, reduction=replace(sc.reduction, totals={2014: 100_000}))
    with pytest.raises(InputError, match="ingen enhed ligger over sit måltal") as err:
        allocate(sc, load_inputs(sc), 2014)
    assert any("2013: kommunens sygefravær er" in str(w) for w in err.value.warnings)
    assert any("under 2" in str(w) for w in err.value.warnings)
