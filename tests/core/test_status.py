"""Status (domain.md 4.4) on the core fixtures, every expected value worked out by hand.

glide fixture, working_days = 200. Targets (see tests/test_targets.py for their arithmetic):
  2014: Skoler 13.1, Dagtilbud 14.0, Hjemmeplejen 16.5, Plejecentre 16.0
  2015: Skoler 12.3, Dagtilbud 14.0, Hjemmeplejen 15.0, Plejecentre 16.0
Payroll: Skoler 16.000.000, Dagtilbud 6.000.000, Hjemmeplejen 20.000.000, Plejecentre 5.000.000
Absence (fte / sick days): 2013: 40/560, 20/260, 50/900, 10/60
                           2014: 40/500, 25/300, 50/750, 10/170
                           2015Q1: 40/480, 60/900, 50/800, 10/150
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from contract import STATUS_KEYS

from sygefravaer.api import load_scenario
from sygefravaer.core.status import (
    FIELDS,
    center_figures,
    compute_status,
    municipal_figures,
    resolve_period,
    status_figures,
)
from sygefravaer.errors import InputError
from sygefravaer.io.inputs import load_inputs

BU, SO = "Børn og Unge", "Sundheds- og Omsorgscentret"
CONTRACT = STATUS_KEYS


def load(core_dir, name):
    sc = load_scenario(core_dir / name / "scenario.toml")
    return sc, load_inputs(sc)


def unit(res, center, sector):
    u = res.units
    rows = u[(u["center"] == center) & (u["sector"] == sector)]
    assert len(rows) == 1
    return rows.iloc[0]


def center(res, name):
    c = res.centers
    rows = c[c["center"] == name]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.fixture
def glide(core_dir):
    return load(core_dir, "glide")


# --------------------------------------------------------------------------- which period


@pytest.mark.parametrize(
    ("year", "period", "expected"),
    [
        (2014, None, (2014, "2013")),  # target year y compares calendar year y-1
        (None, "2018Q1", (2018, "2018Q1")),  # rolling 12 months against that year's target
        (None, "2017", (2018, "2017")),  # a calendar year P against P+1 (decision 6)
        (None, "2018q1", (2018, "2018Q1")),
    ],
)
def test_resolve_period(year, period, expected):
    assert resolve_period(year, period) == expected


def test_year_compares_previous_calendar_year(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2014)
    assert (res.target_year, res.period) == (2014, "2013")
    # Skoler: 2013 absence 560/40 = 14.0 (the 2014 absence would give 12.5)
    assert unit(res, BU, "Skoler")["days_per_fte"] == pytest.approx(14.0)


# --------------------------------------------------------------------------- units, 2014


def test_unit_rows_2014(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2014)
    s = unit(res, BU, "Skoler")
    # Skoler: 560/40 = 14.0 against 13.1: gap 0.9, red; excess 0.9*40 = 36 days;
    # day_cost 16e6/(40*200) = 2000; potential 36*2000 = 72,000 (= 0.9*16e6/200);
    # cost of absence 560*2000 = 1,120,000
    assert s["fte"] == 40 and s["sick_days"] == 560
    assert s["target"] == pytest.approx(13.1)
    assert s["gap"] == pytest.approx(0.9)
    assert s["status"] == "red"
    assert s["excess_days"] == pytest.approx(36.0)
    assert s["day_cost"] == pytest.approx(2000.0)
    assert s["potential"] == pytest.approx(72_000.0)
    assert s["cost"] == pytest.approx(1_120_000.0)

    d = unit(res, BU, "Dagtilbud")
    # Dagtilbud: 260/20 = 13.0 against 14.0: gap -1.0, green, no excess, no potential;
    # day_cost 6e6/(20*200) = 1500; cost 260*1500 = 390,000
    assert d["gap"] == pytest.approx(-1.0)
    assert d["status"] == "green"
    assert d["excess_days"] == 0
    assert d["potential"] == 0
    assert d["day_cost"] == pytest.approx(1500.0)
    assert d["cost"] == pytest.approx(390_000.0)

    h = unit(res, SO, "Hjemmeplejen")
    # Hjemmeplejen: 900/50 = 18.0 against 16.5: gap 1.5, red, excess 75, potential
    # 1.5*20e6/200 = 150,000; cost 900 * 20e6/(50*200) = 900*2000 = 1,800,000
    assert h["status"] == "red"
    assert h["excess_days"] == pytest.approx(75.0)
    assert h["potential"] == pytest.approx(150_000.0)
    assert h["cost"] == pytest.approx(1_800_000.0)

    p = unit(res, SO, "Plejecentre")
    # Plejecentre: 60/10 = 6.0 against 16.0: gap -10, green; day_cost 5e6/(10*200) = 2500,
    # cost 60*2500 = 150,000
    assert p["gap"] == pytest.approx(-10.0)
    assert p["status"] == "green"
    assert p["cost"] == pytest.approx(150_000.0)


def test_potential_identity_holds_for_every_unit(glide):
    sc, inputs = glide
    for year in (2014, 2015):
        u = compute_status(sc, inputs, year=year).units
        # potential = excess_days * day_cost = max(0, gap) * payroll / working_days (4.4)
        assert (u["potential"] - u["excess_days"] * u["day_cost"]).abs().max() < 1e-6
        assert (u["potential"] - u["gap"].clip(lower=0) * u["payroll"] / 200).abs().max() < 1e-6
        assert ((u["status"] == "green") == (u["gap"] <= 0)).all()


# --------------------------------------------------------------------------- centers, 2014


def test_center_rows_are_ratio_of_sums_2014(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2014)
    b = center(res, BU)
    # BU: (560 + 260)/(40 + 20) = 820/60 = 13.6667 (mean of unit ratios would be 13.5)
    # target (13.1*40 + 14*20)/60 = 13.4; own gap 0.26667, red. Excess days and potential are
    # the sums of its units' (4.4, every total row adds up): Skoler 560/40 = 14.0 against 13.1,
    # gap 0.9, 0.9*40 = 36 days, 0.9 * 16e6/200 = 72,000 kr.; Dagtilbud 13.0 against 14.0,
    # green, 0. Cost of absence: 1,120,000 (Skoler) + 390,000 (Dagtilbud) = 1,510,000
    assert b["fte"] == 60 and b["sick_days"] == 820
    assert b["days_per_fte"] == pytest.approx(820 / 60)
    assert b["target"] == pytest.approx(13.4)
    assert b["gap"] == pytest.approx(820 / 60 - 13.4)
    assert b["status"] == "red"
    assert b["excess_days"] == pytest.approx(36.0)
    assert b["potential"] == pytest.approx(72_000.0)
    assert b["cost"] == pytest.approx(1_120_000 + 390_000)

    s = center(res, SO)
    # SO: (900 + 60)/(50 + 10) = 16.0, NOT the mean of 18.0 and 6.0 (12.0);
    # target (16.5*50 + 16*10)/60 = 16.4167 -> 16.4; gap -0.4, green (as a mean of ratios it
    # would be 12.0 against 16.4, green too, but the gap would be -4.4). Green on its own gap,
    # yet its potential is its units' sum: Hjemmeplejen 900/50 = 18.0 against 16.5, gap 1.5,
    # 1.5*50 = 75 days, 1.5 * 20e6/200 = 150,000 kr.; Plejecentre green, 0.
    assert s["days_per_fte"] == pytest.approx(16.0)
    assert s["target"] == pytest.approx(16.4)
    assert s["gap"] == pytest.approx(-0.4)
    assert s["status"] == "green"
    assert s["excess_days"] == pytest.approx(75.0)
    assert s["potential"] == pytest.approx(150_000.0)


def test_municipality_2014(glide):
    sc, inputs = glide
    m = compute_status(sc, inputs, year=2014).municipality
    # fte 120, sick days 1780: 14.8333 (mean of the unit ratios: (14+13+18+6)/4 = 12.75)
    # target 1789/120 -> 14.9; gap -0.0667, green; cost = sum of the four units' costs:
    # 1,120,000 + 390,000 + 1,800,000 + 150,000 = 3,460,000
    assert m["fte"] == pytest.approx(120.0)
    assert m["sick_days"] == pytest.approx(1780.0)
    assert m["days_per_fte"] == pytest.approx(1780 / 120)
    assert m["target"] == pytest.approx(14.9)
    assert m["gap"] == pytest.approx(1780 / 120 - 14.9)
    assert m["status"] == "green"
    # excess days and potential: the four units' sums, 36 + 75 = 111 days and
    # 72,000 + 150,000 = 222,000 kr. (green on its own gap)
    assert m["excess_days"] == pytest.approx(111.0)
    assert m["potential"] == pytest.approx(222_000.0)
    assert m["cost"] == pytest.approx(3_460_000)


# --------------------------------------------------------------------------- 2015: at target


def test_exactly_at_target_is_green_2015(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2015)
    assert res.period == "2014"
    h = unit(res, SO, "Hjemmeplejen")
    # Hjemmeplejen 2014: 750/50 = 15.0, target 2015 = 15.0: gap 0 -> green, no potential
    assert h["gap"] == 0
    assert h["status"] == "green"
    assert h["excess_days"] == 0 and h["potential"] == 0
    s = unit(res, BU, "Skoler")
    # Skoler: 500/40 = 12.5 against 12.3 (the rounded 12.25): gap 0.2, red, excess 8,
    # potential 0.2*16e6/200 = 16,000
    assert s["status"] == "red"
    assert s["gap"] == pytest.approx(0.2)
    assert s["excess_days"] == pytest.approx(8.0)
    assert s["potential"] == pytest.approx(16_000.0)
    p = unit(res, SO, "Plejecentre")
    # Plejecentre: 170/10 = 17.0 against 16.0: excess 10, potential 1.0*5e6/200 = 25,000
    assert p["potential"] == pytest.approx(25_000.0)
    so = center(res, SO)
    # SO: 920/60 = 15.3333 against (15*50 + 16*10)/60 = 15.1667 -> 15.2: red on its own
    # gap; excess days and potential its units' sums: 0 + 10 = 10 days, 0 + 25,000 kr.
    assert so["status"] == "red"
    assert so["excess_days"] == pytest.approx(10.0)
    assert so["potential"] == pytest.approx(25_000.0)
    bu = center(res, BU)
    # BU: 800/65 = 12.3077 against (12.3*40 + 14*25)/65 = 12.9538 -> 13.0: green
    assert bu["target"] == pytest.approx(13.0)
    assert bu["status"] == "green"
    # green, yet Skoler's 8 days and 16,000 kr. are its sum (Dagtilbud 300/25 = 12.0, green)
    assert bu["excess_days"] == pytest.approx(8.0)
    assert bu["potential"] == pytest.approx(16_000.0)
    m = res.municipality
    # municipality: 1720/125 = 13.76 against 1752/125 = 14.016 -> 14.0: green; the units'
    # sums: 8 + 10 = 18 days, 16,000 + 25,000 = 41,000 kr.
    assert m["days_per_fte"] == pytest.approx(13.76)
    assert m["target"] == pytest.approx(14.0)
    assert m["status"] == "green"
    assert m["excess_days"] == pytest.approx(18.0)
    assert m["potential"] == pytest.approx(41_000.0)


def test_calendar_period_equals_year_option(glide):
    sc, inputs = glide
    a = compute_status(sc, inputs, period="2014")
    b = compute_status(sc, inputs, year=2015)
    assert a.target_year == 2015
    assert a.to_dict() == b.to_dict()


# --------------------------------------------------------------------------- quarter


def test_quarter_period_against_that_years_target(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, period="2015Q1")
    assert (res.target_year, res.period) == (2015, "2015Q1")
    d = unit(res, BU, "Dagtilbud")
    # Dagtilbud 2015Q1: 900/60 = 15.0 against 14.0: red, excess 60, potential 1.0*6e6/200 = 30,000
    assert d["target"] == pytest.approx(14.0)
    assert d["status"] == "red"
    assert d["excess_days"] == pytest.approx(60.0)
    assert d["potential"] == pytest.approx(30_000.0)
    s = unit(res, BU, "Skoler")
    # Skoler 2015Q1: 480/40 = 12.0 against 12.3: green
    assert s["gap"] == pytest.approx(-0.3)
    assert s["status"] == "green"
    bu = center(res, BU)
    # BU target with the quarter's fte (40, 60): (12.3*40 + 14*60)/100 = 13.32 -> 13.3
    # (the targets command, weighted by 2014 fte, says 13.0); actual 1380/100 = 13.8: red,
    # gap 0.5, excess 50, potential 0.5*22e6/200 = 55,000
    assert bu["target"] == pytest.approx(13.3)
    assert bu["days_per_fte"] == pytest.approx(13.8)
    assert bu["excess_days"] == pytest.approx(60.0)
    assert bu["potential"] == pytest.approx(30_000.0)
    m = res.municipality
    # municipality: 2330/160 = 14.5625 against 2242/160 = 14.0125 -> 14.0: red, gap 0.5625;
    # the units' sums: Dagtilbud 60 days, 30,000 kr. + Hjemmeplejen 800/50 = 16.0 against 15.0,
    # 50 days, 1.0 * 20e6/200 = 100,000 kr. = 110 days, 130,000 kr.
    assert m["days_per_fte"] == pytest.approx(14.5625)
    assert m["target"] == pytest.approx(14.0)
    assert m["status"] == "red"
    assert m["excess_days"] == pytest.approx(110.0)
    assert m["potential"] == pytest.approx(130_000.0)


def test_national_rule_quarter_2018q1(core_dir):
    sc, inputs = load(core_dir, "national")
    res = compute_status(sc, inputs, period="2018Q1")
    s = unit(res, BU, "Skoler")
    # Skoler 2018Q1: (300 + 120)/40 = 10.5 against 10.3 (KRL 2017, 2017 mix): gap 0.2, red;
    # excess 8; potential 0.2 * 20e6/227 = 17,621.15
    assert s["days_per_fte"] == pytest.approx(10.5)
    assert s["target"] == pytest.approx(10.3)
    assert s["status"] == "red"
    assert s["excess_days"] == pytest.approx(8.0)
    assert s["potential"] == pytest.approx(0.2 * 20e6 / 227)
    b = unit(res, "Kultur", "Bibliotek")
    # Bibliotek: 88/8 = 11.0 against 11.7: green
    assert b["status"] == "green"
    assert b["gap"] == pytest.approx(-0.7)
    m = res.municipality
    # municipality: 508/48 = 10.5833 against (10.3*40 + 11.7*8)/48 = 10.533 -> 10.5: red
    assert m["days_per_fte"] == pytest.approx(508 / 48)
    assert m["target"] == pytest.approx(10.5)
    assert m["status"] == "red"


def test_national_rule_at_target_2017(core_dir):
    sc, inputs = load(core_dir, "national")
    res = compute_status(sc, inputs, year=2017)
    # Bibliotek 2016: 96/8 = 12.0 against Kommuner i alt 2016 = 12.0: exactly at target, green
    b = unit(res, "Kultur", "Bibliotek")
    assert b["gap"] == 0
    assert b["status"] == "green"
    # Skoler 2016: 490/40 = 12.25 against 12.3 (12.25 rounded half up): green, gap -0.05
    s = unit(res, BU, "Skoler")
    assert s["gap"] == pytest.approx(-0.05)
    assert s["status"] == "green"


def test_file_rule_at_target_is_green(core_dir):
    sc, inputs = load(core_dir, "file")
    res = compute_status(sc, inputs, year=2014)
    p = unit(res, SO, "Plejecentre")
    # Plejecentre 2013: 60/10 = 6.0 against the file's 5,95 -> 6.0: green
    assert p["target"] == pytest.approx(6.0)
    assert p["status"] == "green"
    s = unit(res, BU, "Skoler")
    # Skoler 14.0 against 12,45 -> 12.5: gap 1.5, potential 1.5*16e6/200 = 120,000
    assert s["potential"] == pytest.approx(120_000.0)


# --------------------------------------------------------------------------- level, errors, JSON


def test_level_center(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2014, level="center")
    assert res.level == "center"
    assert sorted(res.units["center"]) == [BU, SO]
    doc = res.to_dict()
    for row in doc["units"]:
        assert "sector" not in row
        assert CONTRACT <= set(row)
    bu = next(r for r in doc["units"] if r["center"] == BU)
    # same figures as the center row: 820/60 against 13.4
    assert bu["days_per_fte"] == pytest.approx(820 / 60)
    assert bu["target"] == pytest.approx(13.4)
    assert bu["potential"] == pytest.approx(16.0 * 22e6 / 12_000)


def test_missing_period_is_input_error_listing_periods(glide):
    sc, inputs = glide
    with pytest.raises(InputError) as err:
        compute_status(sc, inputs, year=2017)  # compares 2016: not in the table
    text = err.value.render()
    assert "2016" in text
    assert "2013, 2014, 2015Q1" in text


def test_period_that_is_no_period_is_input_error(glide):
    sc, inputs = glide
    with pytest.raises(InputError):
        compute_status(sc, inputs, period="foråret 2018")


def test_status_to_dict_contract(glide):
    sc, inputs = glide
    doc = compute_status(sc, inputs, year=2014).to_dict()
    assert doc["target_year"] == 2014
    assert doc["period"] == "2013"
    assert len(doc["units"]) == 4
    for row in doc["units"]:
        assert {"center", "sector"} | CONTRACT <= set(row)
    for row in doc["centers"]:
        assert {"center"} | CONTRACT <= set(row)
        assert "sector" not in row
    assert CONTRACT <= set(doc["municipality"])
    s = next(r for r in doc["units"] if r["sector"] == "Skoler")
    assert s["status"] == "red"
    assert s["potential"] == pytest.approx(72_000.0)
    assert isinstance(s["fte"], float | int) and isinstance(s["status"], str)


def _file_scenario(tmp_path, rows: str, targets: str):
    (tmp_path / "absence.csv").write_text(
        "Center;Sektor;Periode;Årsværk;Sygedage\n" + rows, encoding="utf-8"
    )
    units = "".join(
        f"{line.split(';')[0]};{line.split(';')[1]};1.000.000\n" for line in rows.splitlines()
    )
    (tmp_path / "units.csv").write_text("Center;Sektor;Lønsum\n" + units, encoding="utf-8")
    (tmp_path / "targets.csv").write_text("Center;Sektor;År;Måltal\n" + targets, encoding="utf-8")
    (tmp_path / "scenario.toml").write_text(
        'absence = "absence.csv"\nunits = "units.csv"\nworking_days = 200\n'
        '[targets]\nrule = "file"\nfile = "targets.csv"\n',
        encoding="utf-8",
    )
    sc = load_scenario(tmp_path / "scenario.toml")
    return sc, load_inputs(sc)


def test_at_target_despite_float_noise_is_green(tmp_path):
    # 35.1/3 = 11.700000000000001 in binary floating point, 36.9/3 = 12.299999999999999:
    # both are exactly at their targets (decision 5), so green with gap 0 and no potential
    sc, inputs = _file_scenario(
        tmp_path,
        "A;x;2013;3;35,1\nA;y;2013;3;36,9\n",
        "A;x;2014;11,7\nA;y;2014;12,3\n",
    )
    res = compute_status(sc, inputs, year=2014)
    for sector in ("x", "y"):
        u = unit(res, "A", sector)
        assert u["gap"] == 0
        assert u["status"] == "green"
        assert u["potential"] == 0
    # the center: (35.1 + 36.9)/6 = 12.0 against (11.7*3 + 12.3*3)/6 = 12.0: green
    assert center(res, "A")["status"] == "green"


def test_unrounded_actual_against_rounded_target(tmp_path):
    # actual 123.4/10 = 12.34 is NOT rounded to 12.3 before the comparison: red, gap 0.04,
    # potential 0.04 * 1e6/200 = 200
    sc, inputs = _file_scenario(tmp_path, "A;x;2013;10;123,4\n", "A;x;2014;12,3\n")
    u = unit(compute_status(sc, inputs, year=2014), "A", "x")
    assert u["status"] == "red"
    assert u["gap"] == pytest.approx(0.04)
    assert u["potential"] == pytest.approx(200.0)


def test_status_to_frame_columns(glide):
    sc, inputs = glide
    res = compute_status(sc, inputs, year=2014)
    frame = res.to_frame()
    assert list(frame.columns) == ["center", "sector", *FIELDS]
    assert len(frame) == 4
    s = frame[frame["sector"] == "Skoler"].iloc[0]
    # As test_unit_rows_2014: Skoler 560/40 = 14.0 against 13.1, potential 72.000.
    assert s["days_per_fte"] == pytest.approx(14.0) and s["potential"] == pytest.approx(72_000)
    assert s["status"] == "red"
    by_center = compute_status(sc, inputs, year=2014, level="center").to_frame()
    assert list(by_center.columns) == ["center", *FIELDS]
    assert by_center["center"].tolist() == [BU, SO]


def test_center_and_municipal_figures_from_units():
    # Center A: units (10 fte, 100 days, 1 mio., target 12.0, benchmark 10) and (30 fte, 450
    # days, 3 mio., target 14.0, benchmark 12); working_days 200.
    # Center: 40 fte, 550 days -> 13.75 per fte (ratio of sums); target (12*10 + 14*30)/40 =
    # 13.5; gap 0.25, red; excess 0.25*40 = 10 days; day cost 4e6/(40*200) = 500; potential
    # 0.25*4e6/200 = 5.000; benchmark (10*10 + 12*30)/40 = 11.5; cost: each unit's days at its
    # own day cost (1e6/(10*200) = 500 and 3e6/(30*200) = 500): 100*500 + 450*500 = 275.000.
    idx = pd.MultiIndex.from_tuples([("A", "x"), ("A", "y")], names=["center", "sector"])
    units = pd.DataFrame(
        {
            "fte": [10.0, 30.0],
            "sick_days": [100.0, 450.0],
            "payroll": [1e6, 3e6],
            "substitute_budget": [0.0, 0.0],
            "prior_reduction": [0.0, 0.0],
            "target": [12.0, 14.0],
            "benchmark": [10.0, 12.0],
        },
        index=idx,
    )
    sc = SimpleNamespace(working_days=200, targets=SimpleNamespace(decimals=1))
    units = status_figures(units, 200)
    a = center_figures(units, sc).loc["A"]
    muni = municipal_figures(units, sc)
    for got in (a, muni):
        assert got["fte"] == 40 and got["sick_days"] == 550
        assert got["days_per_fte"] == pytest.approx(13.75)
        assert got["target"] == pytest.approx(13.5)
        assert got["gap"] == pytest.approx(0.25) and got["status"] == "red"
        assert got["excess_days"] == pytest.approx(10.0)
        assert got["day_cost"] == pytest.approx(500.0)
        assert got["potential"] == pytest.approx(5_000.0)
        assert got["benchmark"] == pytest.approx(11.5)
        assert got["cost"] == pytest.approx(275_000.0)
