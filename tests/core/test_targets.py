"""Targets (domain.md 4.1 to 4.3), every expected value worked out by hand in the comments.

Fixtures: tests/data/core/glide (glide rule, KRL year 2012, working_days 200), national (national
rule, 2018) and file (file rule). The absence rows used below are:

glide, 2013 (base year):
  Børn og Unge / Skoler        Lærere 30 fte 360 days, Dagplejere 10 fte 200 days  -> 560/40 = 14.0
  Børn og Unge / Dagtilbud     no staff group (units table: Pædagogisk personale) 20 fte 260 -> 13.0
  Sundheds- og Omsorgscentret / Hjemmeplejen  no group anywhere  50 fte 900 -> 18.0
  Sundheds- og Omsorgscentret / Plejecentre   Social- og sundhedspersonale 10 fte 60 -> 6.0
glide, 2014: Skoler 40 fte 500 days, Dagtilbud 25/300, Hjemmeplejen 50/750, Plejecentre 10/170.
KRL 2012: Kommuner i alt 12.0, Lærere 10.0, Pædagogisk personale 14.0, Social- og sundhedsp. 16.0
KRL 2013: 11.0, 9.0, 13.0, 15.0; KRL 2014: 10.0, 8.0, 12.0, 14.0 (Dagplejere: no row in any year)
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sygefravaer.api import load_scenario
from sygefravaer.core.absence import levels
from sygefravaer.core.benchmark import benchmarks
from sygefravaer.core.targets import (
    center_targets,
    compute_targets,
    municipal_target,
    round_half_up,
)
from sygefravaer.errors import InputError
from sygefravaer.io.inputs import load_inputs

BU, SO = "Børn og Unge", "Sundheds- og Omsorgscentret"
SKOLER, DAGTILBUD = (BU, "Skoler"), (BU, "Dagtilbud")
HJEMMEPLEJEN, PLEJECENTRE = (SO, "Hjemmeplejen"), (SO, "Plejecentre")


def load(core_dir, name, **targets):
    """Scenario `name` with [targets] settings overridden, and its inputs."""
    sc = load_scenario(core_dir / name / "scenario.toml")
    if targets:
        sc = replace(sc, targets=replace(sc.targets, **targets))
    return sc, load_inputs(sc)


# --------------------------------------------------------------------------- 4.1 ratio of sums


def test_level_is_ratio_of_sums_not_mean_of_ratios():
    rows = pd.DataFrame(
        {
            "center": ["A", "A"],
            "sector": ["x", "y"],
            "fte": [10.0, 90.0],
            "sick_days": [200.0, 900.0],
        }
    )
    # x: 200/10 = 20.0, y: 900/90 = 10.0; the center: (200+900)/(10+90) = 11.0,
    # whereas the mean of the ratios would be (20+10)/2 = 15.0.
    center = levels(rows, ["center"])
    assert center.loc["A", "days_per_fte"] == pytest.approx(11.0)
    assert center.loc["A", "fte"] == 100.0
    assert center.loc["A", "sick_days"] == 1100.0
    units = levels(rows, ["center", "sector"])
    assert units.loc[("A", "x"), "days_per_fte"] == pytest.approx(20.0)


def test_level_of_unit_sums_its_staff_group_rows(core_dir):
    _, inputs = load(core_dir, "glide")
    a = inputs.absence.data
    lv = levels(a[a["period"] == "2013"], ["center", "sector"])
    # Skoler: (360 + 200) / (30 + 10) = 14.0 (the groups' own 12.0 and 20.0 do not average to it)
    assert lv.loc[SKOLER, "days_per_fte"] == pytest.approx(14.0)
    # Sundheds- og Omsorgscentret: (900 + 60)/(50 + 10) = 16.0; mean of 18.0 and 6.0 would be 12.0
    c = levels(a[a["period"] == "2013"], ["center"])
    assert c.loc[SO, "days_per_fte"] == pytest.approx(16.0)


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (12.25, 1, 12.3),  # exactly half: up, not to even (round() would give 12.2)
        (12.45, 1, 12.5),  # 12.45 is 12.4499999... in binary; decision 5: still 12.5
        (13.125, 2, 13.13),  # exactly half at 2 decimals
        (12.24, 1, 12.2),
        (11.375, 1, 11.4),
        (12.5, 0, 13.0),
    ],
)
def test_round_half_up(x, decimals, expected):
    assert float(round_half_up(x, decimals)) == pytest.approx(expected, abs=1e-12)


# --------------------------------------------------------------------------- 4.2 benchmark


def _national(year, figures):
    return pd.DataFrame(
        {
            "year": [year] * len(figures),
            "staff_group": list(figures),
            "group_key": [" ".join(g.split()).casefold() for g in figures],
            "days_per_fte": list(figures.values()),
        }
    )


def test_benchmark_weighted_by_staff_mix_with_fallback_for_missing_group():
    rows = pd.DataFrame(
        {
            "center": ["A", "A", "A"],
            "sector": ["x", "x", "x"],
            "staff_group": ["Lærere", "Pædagoger", "Ukendt gruppe"],
            "fte": [30.0, 10.0, 20.0],
        }
    )
    units = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": [""]})
    nat = _national(2012, {"Kommuner i alt": 12.0, "Lærere": 10.0, "Pædagoger": 16.0})
    # (30*10.0 + 10*16.0 + 20*12.0 [no row -> Kommuner i alt]) / 60 = (300+160+240)/60 = 700/60
    b = benchmarks(rows, units, nat, 2012)["benchmark"]
    assert b.loc[("A", "x")] == pytest.approx(700 / 60)


def test_benchmark_without_breakdown_uses_units_staff_group_else_total():
    rows = pd.DataFrame(
        {"center": ["A", "A"], "sector": ["x", "y"], "staff_group": ["", ""], "fte": [5.0, 7.0]}
    )
    units = pd.DataFrame(
        {"center": ["A", "A"], "sector": ["x", "y"], "staff_group": ["Lærere", ""]}
    )
    nat = _national(2012, {"Kommuner i alt": 12.0, "Lærere": 10.0})
    b = benchmarks(rows, units, nat, 2012)["benchmark"]
    assert b.loc[("A", "x")] == pytest.approx(10.0)  # units table says Lærere
    assert b.loc[("A", "y")] == pytest.approx(12.0)  # nothing: Kommuner i alt


def test_benchmark_missing_total_when_needed_is_input_error():
    rows = pd.DataFrame(
        {"center": ["A"], "sector": ["x"], "staff_group": ["Ukendt gruppe"], "fte": [5.0]}
    )
    units = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": [""]})
    nat = _national(2012, {"Lærere": 10.0})
    with pytest.raises(InputError, match="Kommuner i alt"):
        benchmarks(rows, units, nat, 2012)


def test_benchmark_missing_total_not_needed_is_fine():
    rows = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": ["Lærere"], "fte": [5.0]})
    units = pd.DataFrame({"center": ["A"], "sector": ["x"], "staff_group": [""]})
    nat = _national(2012, {"Lærere": 10.0})
    assert benchmarks(rows, units, nat, 2012)["benchmark"].loc[("A", "x")] == pytest.approx(10.0)


def test_glide_benchmarks_from_fixture(core_dir):
    sc, inputs = load(core_dir, "glide")
    ts = compute_targets(sc, inputs)
    b = ts.benchmark[2014]
    # Skoler: (30*10.0 Lærere + 10*12.0 Dagplejere -> Kommuner i alt) / 40 = 420/40 = 10.5
    assert b[SKOLER] == pytest.approx(10.5)
    # Dagtilbud: no breakdown, units table says Pædagogisk personale: 14.0
    assert b[DAGTILBUD] == pytest.approx(14.0)
    # Hjemmeplejen: no group at all: Kommuner i alt 12.0
    assert b[HJEMMEPLEJEN] == pytest.approx(12.0)
    # Plejecentre: Social- og sundhedspersonale 16.0
    assert b[PLEJECENTRE] == pytest.approx(16.0)
    assert ts.krl_year[2014] == 2012


def test_glide_national_table_without_total_is_input_error(core_dir, tmp_path):
    sc, inputs = load(core_dir, "glide")
    nat = tmp_path / "national.csv"
    nat.write_text(
        "year,staff_group,days_per_fte\n2012,Lærere,10.0\n2012,Pædagogisk personale,14.0\n",
        encoding="utf-8",
    )
    # Skoler's Dagplejere and Hjemmeplejen (no group) both need Kommuner i alt for 2012.
    inputs = load_inputs(sc, national=nat)
    with pytest.raises(InputError, match="Kommuner i alt") as err:
        compute_targets(sc, inputs)
    assert "2012" in err.value.message


# --------------------------------------------------------------------------- 4.3 glide


def test_glide_unit_targets(core_dir):
    sc, inputs = load(core_dir, "glide")
    ts = compute_targets(sc, inputs)
    assert ts.years == [2014, 2015, 2016, 2017]
    t = ts.units
    # Skoler: A = 14.0 > B = 10.5; T = 14 - 1.0*(14-10.5)*(y-2013)/4 = 14 - 0.875*(y-2013)
    #   2014: 13.125 -> 13.1; 2015: 12.25 -> 12.3 (half up); 2016: 11.375 -> 11.4; 2017: 10.5
    assert [t.at[SKOLER, y] for y in ts.years] == pytest.approx([13.1, 12.3, 11.4, 10.5])
    # Dagtilbud: A = 13.0 <= B = 14.0 (under its benchmark): T = B = 14.0 every year
    assert [t.at[DAGTILBUD, y] for y in ts.years] == pytest.approx([14.0] * 4)
    # Hjemmeplejen: A = 18.0, B = 12.0: T = 18 - 6*(y-2013)/4: 16.5, 15.0, 13.5, 12.0
    assert [t.at[HJEMMEPLEJEN, y] for y in ts.years] == pytest.approx([16.5, 15.0, 13.5, 12.0])
    # Plejecentre: A = 6.0 <= B = 16.0: T = 16.0 (the target is above its actual absence)
    assert [t.at[PLEJECENTRE, y] for y in ts.years] == pytest.approx([16.0] * 4)


def test_glide_center_and_municipal_targets_are_fte_weighted_and_rounded(core_dir):
    sc, inputs = load(core_dir, "glide")
    ts = compute_targets(sc, inputs)
    # 2014 weights = fte 2013 (Skoler 40, Dagtilbud 20, Hjemmeplejen 50, Plejecentre 10):
    #   BU: (13.1*40 + 14.0*20)/60 = (524 + 280)/60 = 13.4
    #   SO: (16.5*50 + 16.0*10)/60 = (825 + 160)/60 = 16.4166... -> 16.4
    #   municipality: (524 + 280 + 825 + 160)/120 = 1789/120 = 14.9083... -> 14.9
    # 2015..2017 weights = fte 2014, the latest calendar year before y (40, 25, 50, 10):
    #   2015 BU: (12.3*40 + 14*25)/65 = (492+350)/65 = 12.9538 -> 13.0
    #        SO: (15.0*50 + 16*10)/60 = 910/60 = 15.1667 -> 15.2; muni 1752/125 = 14.016 -> 14.0
    #   2016 BU: (11.4*40 + 350)/65 = 806/65 = 12.4;  SO: (13.5*50 + 160)/60 = 835/60 -> 13.9
    #        muni: (456 + 350 + 675 + 160)/125 = 1641/125 = 13.128 -> 13.1
    #   2017 BU: (10.5*40 + 350)/65 = 770/65 = 11.846 -> 11.8; SO: (600+160)/60 = 12.667 -> 12.7
    #        muni: (420 + 350 + 600 + 160)/125 = 1530/125 = 12.24 -> 12.2
    c = ts.centers
    assert [c.at[BU, y] for y in ts.years] == pytest.approx([13.4, 13.0, 12.4, 11.8])
    assert [c.at[SO, y] for y in ts.years] == pytest.approx([16.4, 15.2, 13.9, 12.7])
    assert [ts.municipality[y] for y in ts.years] == pytest.approx([14.9, 14.0, 13.1, 12.2])
    # the trap: not the plain mean of the unit targets ((13.1+14+16.5+16)/4 = 14.9 happens to
    # round the same in 2014, but 2017: (10.5+14+12+16)/4 = 13.125, not 12.2)
    assert ts.municipality[2017] != pytest.approx(13.1)


def test_glide_gap_closure_half(core_dir):
    sc, inputs = load(core_dir, "glide", gap_closure=0.5)
    t = compute_targets(sc, inputs).units
    # Skoler: 14 - 0.5*3.5*(y-2013)/4 = 14 - 0.4375*(y-2013):
    #   2014: 13.5625 -> 13.6; 2015: 13.125 -> 13.1; 2016: 12.6875 -> 12.7; 2017: 12.25 -> 12.3
    assert [t.at[SKOLER, y] for y in range(2014, 2018)] == pytest.approx([13.6, 13.1, 12.7, 12.3])
    # Hjemmeplejen: 18 - 0.5*6*(y-2013)/4 = 18 - 0.75*(y-2013): 17.25 -> 17.3, 16.5, 15.75 -> 15.8,
    # 15.0 (only half the gap to 12.0 is closed by the final year)
    assert [t.at[HJEMMEPLEJEN, y] for y in range(2014, 2018)] == pytest.approx(
        [17.3, 16.5, 15.8, 15.0]
    )
    # a unit under its benchmark stays at B whatever c is
    assert t.at[DAGTILBUD, 2017] == pytest.approx(14.0)


def test_glide_two_decimals_rounds_half_up(core_dir):
    sc, inputs = load(core_dir, "glide", decimals=2)
    t = compute_targets(sc, inputs).units
    # Skoler 2014: 13.125 exactly -> 13.13 (half up; Python's round() gives 13.12)
    assert t.at[SKOLER, 2014] == pytest.approx(13.13)
    # Skoler 2016: 11.375 -> 11.38
    assert t.at[SKOLER, 2016] == pytest.approx(11.38)


def test_glide_default_benchmark_year_is_latest_krl_year_up_to_base_year(core_dir):
    # CONTEXT decision 2: without benchmark_year, KRL year = latest <= base_year = 2013 (not 2014)
    sc, inputs = load(core_dir, "glide", benchmark_year=None)
    ts = compute_targets(sc, inputs)
    assert ts.krl_year[2014] == 2013
    # Skoler: B = (30*9.0 + 10*11.0)/40 = 380/40 = 9.5; T2014 = 14 - 4.5/4 = 12.875 -> 12.9
    assert ts.benchmark.at[SKOLER, 2014] == pytest.approx(9.5)
    assert ts.units.at[SKOLER, 2014] == pytest.approx(12.9)
    # Hjemmeplejen: B = 11.0; T2017 = 11.0
    assert ts.units.at[HJEMMEPLEJEN, 2017] == pytest.approx(11.0)


@pytest.mark.parametrize("year", [2013, 2018, 2010])
def test_glide_year_outside_path_is_input_error_naming_years(core_dir, year):
    sc, inputs = load(core_dir, "glide")
    with pytest.raises(InputError) as err:
        compute_targets(sc, inputs, [year])
    text = err.value.render()
    assert str(year) in text
    assert "2014, 2015, 2016, 2017" in text


def test_glide_benchmark_year_not_in_national_table_is_input_error(core_dir):
    sc, inputs = load(core_dir, "glide", benchmark_year=2009)
    with pytest.raises(InputError, match="2009"):
        compute_targets(sc, inputs)


# --------------------------------------------------------------------------- 4.3 national
# national fixture (cp1252): Skoler 2016: Lærere 10 fte, Pædagogisk personale 30 fte;
# Skoler 2017: Lærere 30, Pædagogisk personale 10; Bibliotek only 2016: Biblioteksassistenter 8
# (no national row). KRL 2016: total 12.0, Lærere 10.0, Pæd. 13.0; 2017: 11.7, 9.5, 12.5;
# 2018: 11.0, 9.0, 12.0.


def test_national_rule_latest_krl_year_before_target_year(core_dir):
    sc, inputs = load(core_dir, "national")
    ts = compute_targets(sc, inputs)
    assert ts.years == [2018]
    # KRL year: latest before 2018 = 2017 (the 2018 row in the file must not be used)
    assert ts.krl_year[2018] == 2017
    # Skoler, reference period 2017 (its latest calendar year before 2018):
    #   (30*9.5 + 10*12.5)/40 = (285 + 125)/40 = 10.25 -> 10.3
    #   (with 2016's mix it would be (10*9.5 + 30*12.5)/40 = 11.75; with KRL 2018: 9.75)
    assert ts.benchmark.at[(BU, "Skoler"), 2018] == pytest.approx(10.25)
    assert ts.units.at[(BU, "Skoler"), 2018] == pytest.approx(10.3)
    # Bibliotek, reference period 2016 (its latest): group without row -> Kommuner i alt 2017 11.7
    assert ts.units.at[("Kultur", "Bibliotek"), 2018] == pytest.approx(11.7)
    # municipality: fte of the reference periods (Skoler 40, Bibliotek 8):
    #   (10.3*40 + 11.7*8)/48 = (412 + 93.6)/48 = 10.5333 -> 10.5
    assert ts.municipality[2018] == pytest.approx(10.5)
    assert ts.centers.at["Kultur", 2018] == pytest.approx(11.7)


def test_national_rule_earlier_year(core_dir):
    sc, inputs = load(core_dir, "national")
    ts = compute_targets(sc, inputs, [2017])
    # 2017: KRL 2016; Skoler's reference period 2016: (10*10.0 + 30*13.0)/40 = 490/40 = 12.25
    # -> 12.3; Bibliotek: Kommuner i alt 2016 = 12.0
    assert ts.krl_year[2017] == 2016
    assert ts.units.at[(BU, "Skoler"), 2017] == pytest.approx(12.3)
    assert ts.units.at[("Kultur", "Bibliotek"), 2017] == pytest.approx(12.0)


def test_national_rule_with_benchmark_year(core_dir):
    sc, inputs = load(core_dir, "national", benchmark_year=2016)
    ts = compute_targets(sc, inputs)
    assert ts.krl_year[2018] == 2016
    # Skoler, reference 2017 mix with KRL 2016: (30*10.0 + 10*13.0)/40 = 430/40 = 10.75 -> 10.8
    assert ts.units.at[(BU, "Skoler"), 2018] == pytest.approx(10.8)
    assert ts.units.at[("Kultur", "Bibliotek"), 2018] == pytest.approx(12.0)


def test_national_rule_new_krl_file_changes_target(core_dir):
    # The 2018 story: before KRL 2017 is out the file ends at 2016; the target follows it.
    sc = load_scenario(core_dir / "national" / "scenario.toml")
    old = compute_targets(sc, load_inputs(sc, national=core_dir / "national" / "national_2016.csv"))
    new = compute_targets(sc, load_inputs(sc))
    # old: KRL 2016, Skoler (2017 mix) = 10.75 -> 10.8, Bibliotek 12.0
    #   muni (10.8*40 + 12.0*8)/48 = (432 + 96)/48 = 11.0
    assert old.krl_year[2018] == 2016
    assert old.units.at[(BU, "Skoler"), 2018] == pytest.approx(10.8)
    assert old.municipality[2018] == pytest.approx(11.0)
    # new: KRL 2017 -> 10.3 and 11.7 (see above), muni 10.5
    assert new.units.at[(BU, "Skoler"), 2018] == pytest.approx(10.3)
    assert new.municipality[2018] == pytest.approx(10.5)


def test_national_rule_without_earlier_krl_year_is_input_error(core_dir):
    sc, inputs = load(core_dir, "national")
    with pytest.raises(InputError, match="2016"):
        compute_targets(sc, inputs, [2016])  # no KRL year before 2016 in the file


# --------------------------------------------------------------------------- 4.3 file


def test_file_rule_reads_and_rounds_targets(core_dir):
    sc, inputs = load(core_dir, "file")
    ts = compute_targets(sc, inputs)
    assert ts.years == [2014]
    t = ts.units[2014]
    # the file says 12,45 -> 12.5 (half up), 14 -> 14.0, 17,0 -> 17.0, 5,95 -> 6.0
    assert t[SKOLER] == pytest.approx(12.5)
    assert t[DAGTILBUD] == pytest.approx(14.0)
    assert t[HJEMMEPLEJEN] == pytest.approx(17.0)
    assert t[PLEJECENTRE] == pytest.approx(6.0)
    # BU (fte 2013: 40, 20): (12.5*40 + 14*20)/60 = (500 + 280)/60 = 13.0
    # SO (50, 10): (17*50 + 6*10)/60 = (850 + 60)/60 = 15.1667 -> 15.2
    # muni: (500 + 280 + 850 + 60)/120 = 1690/120 = 14.0833 -> 14.1
    assert ts.centers.at[BU, 2014] == pytest.approx(13.0)
    assert ts.centers.at[SO, 2014] == pytest.approx(15.2)
    assert ts.municipality[2014] == pytest.approx(14.1)


def test_file_rule_year_missing_is_input_error(core_dir):
    sc, inputs = load(core_dir, "file")
    with pytest.raises(InputError, match="2015") as err:
        compute_targets(sc, inputs, [2015])
    assert "2014" in err.value.render()  # says which years the file has


# --------------------------------------------------------------------------- JSON


def test_targets_to_dict_contract(core_dir):
    sc, inputs = load(core_dir, "glide")
    doc = compute_targets(sc, inputs).to_dict()
    assert doc["years"] == [2014, 2015, 2016, 2017]
    unit = next(u for u in doc["units"] if (u["center"], u["sector"]) == SKOLER)
    assert set(unit) >= {"center", "sector", "benchmark", "targets"}
    assert unit["targets"] == pytest.approx(
        {"2014": 13.1, "2015": 12.3, "2016": 11.4, "2017": 10.5}
    )
    assert unit["benchmark"] == pytest.approx(10.5)
    center = next(c for c in doc["centers"] if c["center"] == SO)
    assert center["targets"]["2014"] == pytest.approx(16.4)
    assert doc["municipality"]["targets"]["2017"] == pytest.approx(12.2)


# --------------------------------------------------------------------------- invariants


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=3))
def test_round_half_up_matches_decimal(thousandths, decimals):
    # a value as a published decimal (e.g. "12.345"): rounding its float must agree with exact
    # decimal ROUND_HALF_UP, float noise or not (decision 5)
    text = f"{thousandths / 1000:.3f}"
    exact = Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert float(round_half_up(float(text), decimals)) == pytest.approx(float(exact), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=50, max_value=250),  # target in tenths: 5.0 .. 25.0
            st.integers(min_value=1, max_value=500),  # fte
        ),
        min_size=1,
        max_size=6,
    )
)
def test_center_and_municipal_target_within_unit_targets(units):
    idx = pd.MultiIndex.from_tuples(
        [("C", f"s{i}") for i in range(len(units))], names=["center", "sector"]
    )
    targets = pd.Series([t / 10 for t, _ in units], index=idx)
    fte = pd.Series([float(f) for _, f in units], index=idx)
    muni = municipal_target(targets, fte, 1)
    center = center_targets(targets, fte, 1)["C"]
    # an fte-weighted mean of targets with one decimal, rounded to one decimal, lies between
    # the smallest and the largest target, and the one center equals the municipality
    assert targets.min() - 1e-9 <= muni <= targets.max() + 1e-9
    assert center == muni
    exact = sum(t * f for t, f in units) / sum(f for _, f in units) / 10
    assert abs(muni - exact) <= 0.05 + 1e-9


def test_targets_to_frame_one_column_per_year(core_dir):
    sc, inputs = load(core_dir, "glide")
    frame = compute_targets(sc, inputs).to_frame()
    assert list(frame.columns) == [
        "center",
        "sector",
        "benchmark",
        "target_2014",
        "target_2015",
        "target_2016",
        "target_2017",
    ]
    skoler = frame[(frame["center"] == BU) & (frame["sector"] == "Skoler")].iloc[0]
    # As test_glide_unit_targets and test_glide_benchmarks_from_fixture: benchmark 10.5,
    # 13.125 -> 13.1, 12.25 -> 12.3, 11.375 -> 11.4, 10.5.
    assert skoler["benchmark"] == pytest.approx(10.5)
    assert [skoler[f"target_{y}"] for y in range(2014, 2018)] == pytest.approx(
        [13.1, 12.3, 11.4, 10.5]
    )
    assert len(frame) == 4 and frame.index.tolist() == [0, 1, 2, 3]
