"""Generate the made-up unit figures of the Eksempelkommune example (absence.csv, units.csv).

The centers are those of the 2014 seed (Høje-Taastrup Kommune, slide 30); every unit figure is
invented and calibrated so the tool reproduces the seed's published municipal figures: absence 13.5
days (2012) and 13.4 (2013), targets 12.9, 12.5, 12.0, 11.5 for 2014-2017, cost of absence over
50 mio. kr., and an over-target allocation (with caps) that can carry 3.2, 5.0, 7.7 and 9.4 mio. kr.
Deterministic: no randomness, the same files every run.

    python examples/eksempelkommune/make_data.py           # writes the two CSV files
    python examples/eksempelkommune/make_data.py --check   # and prints the figures via the tool
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEARS = [2012, 2013, 2014, 2015, 2016]

# KRL 2012 averages used as benchmarks (data/krl_landsgennemsnit.csv): staff group -> days.
KIA = ""  # no staff group: the unit falls back to 'Kommuner i alt' (11.94)
AKAD = "Akademikere"  # 6.1
SOSU = "Social- og sundhedspersonale"  # 15.3
B2012 = {KIA: 11.94, AKAD: 6.1, SOSU: 15.3}

# Scale of all fte figures and the municipality-wide calibration targets.
FTE_SCALE = 1.13
S_TARGET = 13.405  # fte-weighted mean of max(absence 2013, benchmark): the glide's starting level
MUNI_2012 = 13.5  # municipal absence 2012 (seed slide 24)

# One row per unit:
# center, sector, staff group, fte 2013, payroll per fte (kr.), substitute budget (share of
# payroll, 0 = none), excess over benchmark in 2013 (days, > 0: red) or slack under it (< 0: green),
# change 2012 -> 2013 seen backwards (2012 = 2013 + this), yearly fte growth, speed of improvement
# after 2013 (1 = the municipal pace; 0 = none; red units only) or, for green units, drift in days
# per year (> 0 creeps up over the benchmark later).
UNITS: list[tuple[str, str, str, float, int, float, float, float, float, float]] = [
    ("Borgerservicecentret", "Administration", KIA, 10, 440_000, 0, -0.3, 0.1, 0.0, 0.0),
    ("Borgerservicecentret", "Borgerservice", KIA, 48, 400_000, 0, -0.2, 0.3, -0.01, 0.05),
    (
        "Børne- og Ungerådgivningscentret (BURC)",
        "Administration",
        AKAD,
        24,
        530_000,
        0,
        1.6,
        -0.3,
        0.0,
        0.6,
    ),
    (
        "Børne- og Ungerådgivningscentret (BURC)",
        "Rådgivning og familiebehandling",
        KIA,
        92,
        480_000,
        0,
        2.0,
        -0.4,
        0.02,
        1.0,
    ),
    ("Børne- og Ungerådgivningscentret (BURC)", "PPR", AKAD, 40, 550_000, 0, -0.2, 0.2, 0.0, 0.0),
    ("Byrådscentret", "Administration", AKAD, 60, 550_000, 0, -0.25, 0.2, 0.0, 0.0),
    (
        "Center for Ejendomme og Intern Service (CEIS)",
        "Administration",
        AKAD,
        16,
        520_000,
        0,
        -0.3,
        0.1,
        0.0,
        0.0,
    ),
    (
        "Center for Ejendomme og Intern Service (CEIS)",
        "Rengøring/Kantine",
        KIA,
        138,
        330_000,
        0.03,
        5.5,
        0.2,
        -0.01,
        0.8,
    ),
    (
        "Center for Ejendomme og Intern Service (CEIS)",
        "Teknisk Service",
        KIA,
        58,
        390_000,
        0,
        2.0,
        0.4,
        0.0,
        2.0,
    ),
    ("Driftsbyen", "Administration", AKAD, 12, 520_000, 0, -0.1, 0.2, 0.0, 0.0),
    ("Driftsbyen", "Driftsbyen ekskl. adm.", KIA, 128, 410_000, 0.02, 2.6, -0.2, 0.0, 0.7),
    ("Fritids- og Kulturcentret", "Administration", AKAD, 14, 520_000, 0, -0.2, 0.1, 0.0, 0.0),
    ("Fritids- og Kulturcentret", "Kulturinstitutioner", KIA, 54, 410_000, 0, 1.2, 0.3, 0.0, 2.0),
    ("Fritids- og Kulturcentret", "Halpersonale", KIA, 28, 370_000, 0, 3.0, -0.5, 0.0, 0.5),
    ("Fritids- og Kulturcentret", "Klubber", KIA, 68, 390_000, 0.03, 1.6, 0.2, 0.01, 1.0),
    ("HR-Centret", "Administration", AKAD, 46, 540_000, 0, -0.2, 0.1, 0.0, 0.0),
    ("Institutions- og Skolecentret", "Administration", AKAD, 42, 530_000, 0, 0.8, 0.1, 0.0, 1.5),
    (
        "Institutions- og Skolecentret",
        "Skoler (eks. SFO)",
        KIA,
        860,
        520_000,
        0.02,
        0.9,
        0.2,
        -0.01,
        1.0,
    ),
    ("Institutions- og Skolecentret", "SFO", KIA, 158, 350_000, 0.03, 2.4, 0.1, 0.0, 1.0),
    ("Institutions- og Skolecentret", "Dagpasning", KIA, 540, 390_000, 0.04, 3.2, -0.1, 0.03, 1.0),
    ("Jobcentret", "Administration", AKAD, 14, 530_000, 0, -0.3, 0.0, 0.0, 0.0),
    ("Jobcentret", "Jobindsats", KIA, 88, 460_000, 0, -0.15, 0.2, 0.02, 0.25),
    ("Jobcentret", "Sprogcentret", KIA, 32, 470_000, 0, -0.4, 0.1, -0.02, 0.0),
    ("Social- og Handicapcentret", "Administration", AKAD, 28, 530_000, 0, -0.2, 0.1, 0.0, 0.0),
    (
        "Social- og Handicapcentret",
        "Social- og Handicapinstitutioner",
        KIA,
        330,
        410_000,
        0.03,
        3.4,
        0.1,
        0.0,
        0.8,
    ),
    ("Social- og Handicapcentret", "Myndighed", KIA, 44, 480_000, 0, 1.0, -0.2, 0.0, 1.5),
    ("Sundheds- og Omsorgscentret", "Administration", AKAD, 34, 530_000, 0, -0.1, 0.1, 0.0, 0.0),
    ("Sundheds- og Omsorgscentret", "Hjemmeplejen", SOSU, 236, 380_000, 0.04, 3.6, 0.3, 0.02, 1.0),
    ("Sundheds- og Omsorgscentret", "Plejecentre", SOSU, 204, 380_000, 0.04, 2.4, 0.0, 0.0, 1.3),
    ("Sundheds- og Omsorgscentret", "Tandplejen", KIA, 36, 440_000, 0.02, 0.6, 0.3, 0.0, 2.0),
    ("Sundheds- og Omsorgscentret", "Sygeplejen", KIA, 58, 470_000, 0.02, 1.8, 0.2, 0.0, 1.0),
    ("Teknik- og Miljøcentret", "Administration", AKAD, 18, 540_000, 0, -0.2, 0.1, 0.0, 0.0),
    ("Teknik- og Miljøcentret", "Plan, Byg og Miljø", AKAD, 72, 530_000, 0, -0.15, 0.2, 0.0, 0.0),
    (
        "Økonomi- og Digitaliseringscentret",
        "Administration",
        AKAD,
        76,
        540_000,
        0,
        -0.2,
        0.1,
        0.0,
        0.0,
    ),
    (
        "Økonomi- og Digitaliseringscentret",
        "IT og digitalisering",
        AKAD,
        34,
        510_000,
        0,
        -0.3,
        0.2,
        0.0,
        0.0,
    ),
]

# Prior reduction from budget 2013 ('kortsigtet effektivisering'), kr.: only this center.
PRIOR = {
    ("Sundheds- og Omsorgscentret", "Hjemmeplejen"): 400_000,
    ("Sundheds- og Omsorgscentret", "Plejecentre"): 300_000,
}
# Share of the gap to the benchmark closed by the end of each year, at speed 1 (red units).
PROGRESS = {2014: 0.2, 2015: 0.42, 2016: 0.62}


def _fte(fte13: float, growth: float, year: int) -> float:
    return round(fte13 * FTE_SCALE * (1 + growth * (year - 2013)), 1)


def _scale() -> float:
    """k such that the fte-weighted mean of max(A2013, B) is S_TARGET (excess scaled by k)."""
    base = excess = total = 0.0
    for _, _, group, fte13, _, _, e, *_ in UNITS:
        f = _fte(fte13, 0, 2013)
        total += f
        base += f * B2012[group]
        if e > 0:
            excess += f * e
    return (S_TARGET * total - base) / excess


def levels() -> dict[tuple[str, str], dict[int, tuple[float, float]]]:
    """(fte, days per fte) per unit and year, before rounding of sick days."""
    k = _scale()
    out: dict[tuple[str, str], dict[int, tuple[float, float]]] = {}
    for i, (center, sector, group, fte13, _, _, e, d12, growth, pace) in enumerate(UNITS):
        b = B2012[group]
        a13 = b + (k * e if e > 0 else e)
        per = {2013: a13, 2012: a13 + d12}
        for y, p in PROGRESS.items():
            wiggle = 0.08 * (-1) ** (i + y)  # small year-to-year noise, alternating by unit
            if e > 0:
                per[y] = a13 - min(1.05, p * pace) * (a13 - b) + wiggle
            else:
                per[y] = a13 + pace * (y - 2013) + wiggle
        out[(center, sector)] = {y: (_fte(fte13, growth, y), per[y]) for y in YEARS}
    # Shift 2012 so the municipality shows MUNI_2012 (the seed's 13.5).
    tot_f = sum(v[2012][0] for v in out.values())
    tot_d = sum(v[2012][0] * v[2012][1] for v in out.values())
    shift = MUNI_2012 - tot_d / tot_f
    for v in out.values():
        f, a = v[2012]
        v[2012] = (f, a + shift)
    return out


def _dk(x: float, decimals: int = 1) -> str:
    """Danish number text: decimal comma, no thousands separator (12,5)."""
    return f"{x:.{decimals}f}".replace(".", ",")


def _kr(x: int) -> str:
    """Whole kroner with thousands dots (1.234.567)."""
    return f"{x:,}".replace(",", ".")


def write() -> None:
    lv = levels()
    lines = ["Center;Sektor;Periode;Årsværk;Sygefraværsdage"]
    for (center, sector), per in lv.items():
        for y in YEARS:
            f, a = per[y]
            lines.append(f"{center};{sector};{y};{_dk(f)};{_dk(round(f * a, 1))}")
    (HERE / "absence.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["Center;Sektor;Personalegruppe;Lønsum;Vikarbudget;Tidligere reduktion"]
    for center, sector, group, fte13, ppf, sub, *_ in UNITS:
        payroll = int(round(_fte(fte13, 0, 2013) * ppf, -3))
        substitute = _kr(int(round(payroll * sub, -3))) if sub else ""
        prior = PRIOR.get((center, sector))
        lines.append(
            f"{center};{sector};{group};{_kr(payroll)};{substitute};{_kr(prior) if prior else ''}"
        )
    (HERE / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def check() -> None:
    """Print the calibrated figures as the tool computes them."""
    from sygefravaer.api import load_scenario
    from sygefravaer.core.allocation import allocate
    from sygefravaer.core.status import compute_status
    from sygefravaer.core.targets import compute_targets
    from sygefravaer.io.inputs import load_inputs

    sc = load_scenario(HERE / "scenario.toml")
    inp = load_inputs(sc)
    a = inp.absence.data
    for y in YEARS:
        r = a[a["year"] == y]
        print(f"absence {y}: {r['sick_days'].sum() / r['fte'].sum():.3f}")
    ts = compute_targets(sc, inp)
    print("targets", ts.municipality)
    for y in (2014, 2015, 2016, 2017):
        st = compute_status(sc, inp, year=y)
        m = st.municipality
        red = st.units[st.units["status"] == "red"]
        reds = st.centers.loc[st.centers["status"] == "red", "center"].tolist()
        print(
            f"{y}: actual {m['days_per_fte']:.3f} target {m['target']} cost {m['cost']:,.0f} "
            f"potential(red) {red['potential'].sum():,.0f} red units {len(red)}/{len(st.units)}"
        )
        print("   red centers:", ", ".join(reds))
        res = allocate(sc, inp, y)
        print(f"   allocated {res.total:,} increment {res.increment:,}")


if __name__ == "__main__":
    write()
    if "--check" in sys.argv:
        check()
