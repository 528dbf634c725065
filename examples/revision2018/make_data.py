"""Generate the made-up unit figures of the 2018 revision example (absence.csv, units.csv).

The centers and sectors are those of the 2018 seed (Høje-Taastrup Kommune, minutes of Direktionen
22 May 2018, item 4); every unit figure is invented and calibrated so the tool reproduces the
seed: the municipality at 12.6 days at the end of 2017 and 12.3 at the end of March 2018 against a
target of 12.0, with the six red and six green centers the minutes list (BURC green in December
2017, red in March 2018). Deterministic: the same files every run.

    python examples/revision2018/make_data.py           # writes the two CSV files
    python examples/revision2018/make_data.py --check   # and prints the figures via the tool
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PERIODS = ["2016", "2017", "2018Q1"]
FTE_FACTOR = {"2016": 0.98, "2017": 1.0, "2018Q1": 1.01}
# Municipal level per period (seed: 12.3 at the end of March 2018, 0.3 lower than December 2017).
MUNI = {"2017": 12.6, "2018Q1": 12.3}
# The unit whose level absorbs the calibration (the largest sector).
BALANCE = ("Institutions- og Skolecentret", "Skoler (eks. SFO)")

BAC = "Borger- og Arbejdsmarkedscenter"
BURC = "Børne- og Ungerådgivningscentret"
CEIS = "Center for Ejendomme og Intern Service"
FKC = "Fritids- og Kulturcentret"
ISC = "Institutions- og Skolecentret"
SHC = "Social- og Handicapcentret"
SUOC = "Sundheds- og Omsorgscentret"
TMC = "Teknik- og Miljøcentret"
ODC = "Økonomi- og Digitaliseringscentret"

# center, sector, fte (2017), payroll per fte (kr.), days per fte in 2016, 2017, 2018Q1.
# Green/red in 2018Q1 against 12.0 follows the minutes' sector lists; Rengøring/Kantine, Teknisk
# Service and Hjemmeplejen's center lie between 11.7 and 12.0 (green before the revision, red or
# nearly so after it).
UNITS: list[tuple[str, str, float, int, float, float, float]] = [
    (BAC, "Administration", 110, 470_000, 12.6, 13.0, 12.9),
    (BAC, "Sprogcentret", 30, 470_000, 10.4, 10.8, 10.2),
    (BURC, "Administration", 40, 500_000, 11.0, 11.6, 13.6),
    (BURC, "BURC ekskl. adm.", 120, 480_000, 11.9, 11.8, 11.6),
    ("Byrådscentret", "Administration", 65, 540_000, 9.1, 8.6, 8.4),
    (CEIS, "Administration", 18, 500_000, 7.9, 8.2, 8.0),
    (CEIS, "Rengøring/Kantine", 135, 330_000, 13.1, 12.3, 11.9),
    (CEIS, "Teknisk Service", 60, 390_000, 11.4, 11.9, 11.8),
    ("Driftsbyen", "Administration", 14, 500_000, 8.5, 9.0, 9.3),
    ("Driftsbyen", "Driftsbyen ekskl. adm.", 140, 410_000, 13.9, 14.2, 13.8),
    (FKC, "Administration", 16, 500_000, 8.0, 7.6, 7.9),
    (FKC, "Kulturinstitutioner", 55, 410_000, 12.8, 13.1, 12.9),
    (FKC, "Halpersonale", 30, 370_000, 14.6, 15.2, 14.1),
    (FKC, "Klubber", 70, 390_000, 13.0, 13.4, 12.7),
    (FKC, "Opsøgende ungearbejde", 12, 420_000, 11.2, 12.6, 13.5),
    ("HR-Centret", "Administration", 50, 540_000, 7.2, 6.8, 6.5),
    (ISC, "Administration", 45, 520_000, 9.4, 9.0, 8.8),
    (ISC, "Skoler (eks. SFO)", 880, 520_000, 12.7, 12.4, 12.2),
    (ISC, "SFO", 160, 350_000, 13.9, 13.5, 13.0),
    (ISC, "Dagpasning", 560, 390_000, 14.6, 14.3, 13.9),
    (SHC, "Administration", 30, 520_000, 9.0, 8.7, 8.9),
    (SHC, "Social- og Handicapinstitutioner", 340, 410_000, 15.4, 15.0, 14.6),
    (SUOC, "Administration", 35, 520_000, 8.8, 9.1, 8.6),
    (SUOC, "Hjemmeplejen", 250, 380_000, 14.2, 13.0, 12.8),
    (SUOC, "Plejecentre", 210, 380_000, 12.6, 11.4, 11.5),
    (SUOC, "Tandplejen", 38, 440_000, 10.9, 10.2, 9.8),
    (TMC, "Administration", 80, 530_000, 8.1, 7.7, 7.5),
    (ODC, "Administration", 110, 540_000, 8.3, 8.0, 7.7),
]


def levels() -> dict[tuple[str, str], dict[str, tuple[float, float]]]:
    """(fte, days per fte) per unit and period; the BALANCE unit is set to hit MUNI."""
    out = {}
    for center, sector, fte, _, a16, a17, a18 in UNITS:
        per = dict(zip(PERIODS, (a16, a17, a18), strict=True))
        out[(center, sector)] = {p: (round(fte * FTE_FACTOR[p], 1), per[p]) for p in PERIODS}
    for p, level in MUNI.items():
        total_f = sum(v[p][0] for v in out.values())
        other = sum(v[p][0] * v[p][1] for k, v in out.items() if k != BALANCE)
        f = out[BALANCE][p][0]
        out[BALANCE][p] = (f, (level * total_f - other) / f)
    return out


def _dk(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _kr(x: int) -> str:
    return f"{x:,}".replace(",", ".")


def write() -> None:
    lines = ["Center;Sektor;Periode;Årsværk;Sygefraværsdage"]
    for (center, sector), per in levels().items():
        for p in PERIODS:
            f, a = per[p]
            lines.append(f"{center};{sector};{p};{_dk(f)};{_dk(round(f * a, 1))}")
    (HERE / "absence.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["Center;Sektor;Lønsum"]
    for center, sector, fte, ppf, *_ in UNITS:
        lines.append(f"{center};{sector};{_kr(int(round(fte * ppf, -3)))}")
    (HERE / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def check() -> None:
    """Print the calibrated figures as the tool computes them, before and after the revision."""
    from sygefravaer.api import load_scenario
    from sygefravaer.core.status import compute_status
    from sygefravaer.io.inputs import load_inputs

    sc = load_scenario(HERE / "scenario.toml")
    for label, national in (
        ("before", None),
        ("after", HERE.parent.parent / "data" / "krl_landsgennemsnit.csv"),
    ):
        inp = load_inputs(sc, national)
        for period in ("2017", "2018Q1"):
            st = compute_status(sc, inp, year=2018, period=period)
            m = st.municipality
            reds = st.centers.loc[st.centers["status"] == "red", "center"].tolist()
            red_units = st.units.loc[st.units["status"] == "red", ["center", "sector"]]
            print(
                f"{label} {period}: {m['days_per_fte']:.3f} against {m['target']}; "
                f"{len(reds)} red centers, {len(red_units)} red sectors"
            )
            print("   red centers:", "; ".join(reds))


if __name__ == "__main__":
    write()
    if "--check" in sys.argv:
        check()
