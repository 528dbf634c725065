"""Deterministic synthetic inputs for the benchmarks (issue 7), written under benchmarks/generated/.

Three scenarios, each a folder with absence.csv, units.csv, national.csv and scenario.toml, written
like a real HR export (Danish headers, `;` separated, decimal commas, `1.234.567` kroner):

- `kommune/`: one municipality, 13 centers, about 150 sectors, 10 staff groups, 6 calendar years.
- `land/`: the country as one big scenario, 98 municipalities' worth (centers are named
  "<municipality> - <center>", so every unit key is unique), 7 years, about 1 million absence rows.
- `land_halv/`: the first 49 municipalities of the country, for the scaling check.

Plus `fravaer_200k.xlsx`: the first 200,000 absence rows of the country in one sheet (written in
openpyxl's write-only mode). Everything is derived from fixed seeds, so runs are comparable.

    python benchmarks/generate.py [--force]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "generated"
VERSION = 2  # bump when the generated data changes, so stale files are rebuilt

MUNICIPALITIES = """Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør
Egedal Esbjerg Fanø Favrskov Faxe Fredensborg Fredericia Frederiksberg Frederikshavn Frederikssund
Furesø Faaborg-Midtfyn Gentofte Gladsaxe Glostrup Greve Gribskov Guldborgsund Haderslev Halsnæs
Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk Holstebro Horsens Hvidovre
Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg Kerteminde Kolding København Køge
Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø Mariagerfjord Middelfart Morsø Norddjurs
Nordfyns Nyborg Næstved Odder Odense Odsherred Randers Rebild Ringkøbing-Skjern Ringsted Roskilde
Rudersdal Rødovre Samsø Silkeborg Skanderborg Skive Slagelse Solrød Sorø Stevns Struer Svendborg
Syddjurs Sønderborg Thisted Tønder Tårnby Vallensbæk Varde Vejen Vejle Vesthimmerland Viborg
Vordingborg Ærø Aabenraa Aalborg Aarhus""".split()

# 13 centers and the sectors inside them: 150 sectors in all.
CENTERS: dict[str, list[str]] = {
    "Center for Sundhed og Omsorg": [
        "Hjemmeplejen Nord",
        "Hjemmeplejen Syd",
        "Hjemmeplejen Øst",
        "Hjemmeplejen Vest",
        "Plejecenter Solgården",
        "Plejecenter Egely",
        "Plejecenter Bakkehuset",
        "Plejecenter Lindehøj",
        "Sygeplejen",
        "Træning og Rehabilitering",
        "Madservice",
        "Visitation",
        "Demensteam",
        "Aftenvagten",
        "Nattevagten",
    ],
    "Center for Dagtilbud": [
        "Dagplejen",
        "Børnehuset Mælkebøtten",
        "Børnehuset Regnbuen",
        "Børnehuset Solsikken",
        "Vuggestuen Myretuen",
        "Vuggestuen Troldehøj",
        "Område Nord",
        "Område Syd",
        "Område Midt",
        "Pædagogisk Udvikling",
        "Specialbørnehaven",
        "Børnehuset Mariehønen",
    ],
    "Center for Skole": [
        "Nordskolen",
        "Sydskolen",
        "Østskolen",
        "Vestskolen",
        "Midtbyskolen",
        "Engskolen",
        "Skovskolen",
        "Specialskolen",
        "Ungdomsskolen",
        "SFO Nord",
        "SFO Syd",
        "PPR",
    ],
    "Center for Børn og Familie": [
        "Familierådgivningen",
        "Sundhedsplejen",
        "Tandplejen",
        "Familiehuset",
        "Døgninstitutionen",
        "Forebyggelse",
        "Ungeindsatsen",
        "Handicap Børn",
        "Plejefamilier",
        "Myndighed Børn",
        "Støttekontaktpersoner",
    ],
    "Center for Social og Handicap": [
        "Bostedet Åbakken",
        "Bostedet Kildevang",
        "Bofællesskabet Lyngen",
        "Aktivitetscentret",
        "Beskyttet Beskæftigelse",
        "Socialpsykiatrien",
        "Misbrugscentret",
        "Hjemløseindsatsen",
        "Botilbud Nord",
        "Botilbud Syd",
        "Myndighed Voksne",
        "Bostøtten",
    ],
    "Center for Arbejdsmarked": [
        "Jobcentret",
        "Ydelseskontoret",
        "Virksomhedsservice",
        "Ungeenheden",
        "Integration",
        "Sygedagpenge",
        "Fleksjob",
        "Ressourceforløb",
        "Revalidering",
        "Erhvervsuddannelse",
        "Borgerservice",
    ],
    "Center for Teknik og Miljø": [
        "Vej og Park",
        "Byggesag",
        "Miljø",
        "Natur",
        "Planlægning",
        "Affald og Genbrug",
        "Materielgården",
        "Kollektiv Trafik",
        "Ejendomsservice",
        "Beredskab",
        "Kirkegårde",
    ],
    "Center for Kultur og Fritid": [
        "Biblioteket",
        "Musikskolen",
        "Kulturhuset",
        "Idrætsanlæg",
        "Svømmehallen",
        "Museet",
        "Fritidsklubberne",
        "Ungdomsklubben",
        "Foreningsservice",
        "Arkivet",
        "Kunstskolen",
    ],
    "Center for Økonomi": [
        "Regnskab",
        "Budget og Analyse",
        "Indkøb",
        "Opkrævning",
        "Løn",
        "Forsikring",
        "Ejendomsskat",
        "Revision",
        "Controlling",
        "Betalingskontoret",
        "Finansiering",
    ],
    "Center for HR og Digitalisering": [
        "HR",
        "Arbejdsmiljø",
        "IT-drift",
        "Digitalisering",
        "Kommunikation",
        "Uddannelse",
        "Rekruttering",
        "Personalejura",
        "Data og Statistik",
        "Informationssikkerhed",
        "Servicedesk",
    ],
    "Center for Politik og Ledelse": [
        "Direktionssekretariatet",
        "Byrådssekretariatet",
        "Jura",
        "Borgmesterkontoret",
        "Strategi",
        "Erhverv og Turisme",
        "Landdistrikter",
        "Klimasekretariatet",
        "Bestillerenheden",
        "Kvalitet",
        "Projektkontoret",
    ],
    "Center for Ejendomme": [
        "Drift af Bygninger",
        "Rengøring",
        "Kantiner",
        "Energi",
        "Anlæg",
        "Udlejning",
        "Vedligehold",
        "Pedeller",
        "Servicecentret",
        "Boligsocial Indsats",
        "Bygningsdata",
    ],
    "Center for Sundhedsfremme": [
        "Forebyggelsescentret",
        "Rygestop",
        "Genoptræning",
        "Hjælpemidler",
        "Sundhedshuset",
        "Akutteamet",
        "Frivillighed",
        "Ældrerådet",
        "Værestedet",
        "Tolkebistand",
        "Træningscentret",
    ],
}
GROUPS = [
    "Social- og sundhedspersonale",
    "Pædagogisk personale",
    "Lærere m.fl.",
    "Akademikere",
    "Kontorpersonale",
    "Sygeplejersker",
    "Terapeuter",
    "Ledere",
    "Teknisk personale",
    "Rengøring og service",
]
GROUP_LEVEL = np.array([15.8, 13.6, 10.9, 7.9, 11.3, 12.4, 10.2, 6.1, 12.9, 16.7])
KRL_TOTAL = "Kommuner i alt"

MUNI_YEARS = list(range(2011, 2017))  # 6 calendar years
LAND_YEARS = list(range(2010, 2017))  # 7 calendar years: about 1.03 million rows
KRL_YEARS = list(range(2009, 2018))
XLSX_ROWS = 200_000

ABSENCE_HEADER = ["Center", "Sektor", "Personalegruppe", "Periode", "Årsværk", "Sygefraværsdage"]
UNITS_HEADER = ["Center", "Sektor", "Lønsum", "Vikarbudget", "Tidligere reduktion"]
NATIONAL_HEADER = ["År", "Personalegruppe", "Sygefravær pr. fuldtidsbeskæftiget"]

SCENARIO = """# Synthetic benchmark scenario (benchmarks/generate.py); not real data.
name = "{name}"
absence = "absence.csv"
units = "units.csv"
national = "national.csv"
working_days = 227
hours_per_day = 7.4
level = "sector"

[targets]
rule = "glide"
base_year = 2013
final_year = 2017
benchmark_year = 2012
gap_closure = 1.0
decimals = 1

[reduction]
model = "over-target"
weight = "value"
cap = true
rounding = 1
totals = {{ {totals} }}
"""


def _units(n_muni: int, national_names: bool) -> pd.DataFrame:
    """The unit keys: n_muni copies of the 13 centers and 150 sectors."""
    centers, sectors = [], []
    for m in range(n_muni):
        # Beyond the 98 municipalities (4 x the country): the names again, numbered.
        name = MUNICIPALITIES[m % len(MUNICIPALITIES)]
        name += f" {m // len(MUNICIPALITIES) + 1}" if m >= len(MUNICIPALITIES) else ""
        prefix = f"{name} - " if national_names else ""
        for c, secs in CENTERS.items():
            for s in secs:
                centers.append(prefix + c)
                sectors.append(s)
    return pd.DataFrame({"center": centers, "sector": sectors})


def _da(x: np.ndarray, decimals: int = 2) -> np.ndarray:
    """Numbers as Danish text with a decimal comma: 12.34 -> '12,34'."""
    return np.char.replace(np.char.mod(f"%.{decimals}f", x), ".", ",")


def _kroner(x: np.ndarray) -> list[str]:
    """Whole kroner with Danish thousands separators: 1234567 -> '1.234.567'."""
    return [f"{int(v):,}".replace(",", ".") if v else "" for v in x]


def _make(n_muni: int, years: list[int], seed: int, national_names: bool) -> dict[str, object]:
    """Absence, units and national tables for n_muni municipalities' worth of units."""
    rng = np.random.default_rng(seed)
    units = _units(n_muni, national_names)
    n_units, n_groups, n_years = len(units), len(GROUPS), len(years)
    # Staff mix per unit: a few dominant groups; fte per group lognormal.
    mix = rng.dirichlet(np.full(n_groups, 0.6), size=n_units)
    size = rng.lognormal(np.log(30), 0.6, size=n_units)
    unit_effect = rng.normal(0.0, 1.8, size=n_units)
    fte_base = np.maximum(mix * size[:, None], 0.05)
    # rows: unit x year x group (the order an HR system would export them in)
    u_idx = np.repeat(np.arange(n_units), n_years * n_groups)
    y_idx = np.tile(np.repeat(np.arange(n_years), n_groups), n_units)
    g_idx = np.tile(np.arange(n_groups), n_units * n_years)
    n = len(u_idx)
    fte = fte_base[u_idx, g_idx] * rng.normal(1.0, 0.05, size=n)
    fte = np.round(np.maximum(fte, 0.05), 2)
    level = GROUP_LEVEL[g_idx] + unit_effect[u_idx] - 0.15 * y_idx + rng.normal(0.0, 1.5, size=n)
    dpf = np.clip(level, 0.5, 40.0)
    sick = np.round(fte * dpf, 2)
    absence = pd.DataFrame(
        {
            "Center": units["center"].to_numpy()[u_idx],
            "Sektor": units["sector"].to_numpy()[u_idx],
            "Personalegruppe": np.array(GROUPS, dtype=object)[g_idx],
            "Periode": np.array(years)[y_idx],
            "Årsværk": fte,
            "Sygefraværsdage": sick,
        }
    )
    # Units: payroll ~ 420,000 kr. per fte; half have a substitute budget; one prior reduction per
    # municipality (the seed's "kortsigtet effektivisering").
    payroll = np.round(size * rng.normal(420_000, 40_000, size=n_units))
    substitute = np.where(rng.random(n_units) < 0.5, np.round(payroll * 0.02, -3), 0)
    prior = np.zeros(n_units)
    per_muni = n_units // n_muni
    prior[np.arange(n_muni) * per_muni + 3] = 150_000
    unit_tbl = pd.DataFrame(
        {
            "Center": units["center"],
            "Sektor": units["sector"],
            "Lønsum": _kroner(payroll),
            "Vikarbudget": _kroner(substitute),
            "Tidligere reduktion": _kroner(prior),
        }
    )
    # National averages: 10 groups and Kommuner i alt per KRL year, slowly falling.
    nrng = np.random.default_rng(seed + 1)
    nat_rows = []
    for k, year in enumerate(KRL_YEARS):
        vals = GROUP_LEVEL - 0.12 * k + nrng.normal(0.0, 0.2, size=n_groups)
        for g, v in zip(GROUPS, vals, strict=True):
            nat_rows.append((year, g, v))
        nat_rows.append((year, KRL_TOTAL, float(np.mean(vals))))
    national = pd.DataFrame(nat_rows, columns=NATIONAL_HEADER)
    return {"absence": absence, "units": unit_tbl, "national": national}


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    df.to_csv(tmp, sep=";", index=False, decimal=",", float_format="%.2f", encoding="utf-8")
    tmp.replace(path)


def _write_scenario(folder: Path, name: str, n_muni: int) -> None:
    # Cumulative totals per municipality, scaled: increments the over-target caps can carry.
    per = {2014: 1_000_000, 2015: 1_500_000, 2016: 2_000_000, 2017: 2_500_000}
    totals = ", ".join(f"{y} = {v * n_muni}" for y, v in per.items())
    (folder / "scenario.toml").write_text(SCENARIO.format(name=name, totals=totals), "utf-8")


def write_scenario(folder: Path, name: str, tables: dict, n_muni: int) -> int:
    """Write one scenario folder; returns its number of absence rows."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(tables["absence"], folder / "absence.csv")
    _write_csv(tables["units"], folder / "units.csv")
    _write_csv(tables["national"], folder / "national.csv")
    _write_scenario(folder, name, n_muni)
    return len(tables["absence"])


def _first(tables: dict, n_muni: int) -> dict:
    """The first n_muni municipalities of a country (rows are ordered unit by unit)."""
    n_units = n_muni * sum(len(s) for s in CENTERS.values())
    per_unit = len(GROUPS) * len(LAND_YEARS)
    return {
        "absence": tables["absence"].iloc[: n_units * per_unit],
        "units": tables["units"].iloc[:n_units],
        "national": tables["national"],
    }


def write_xlsx(path: Path, absence: pd.DataFrame) -> None:
    """Absence rows as one xlsx sheet below a title row, written in openpyxl's write-only mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Fravær")
    ws.append(["Sygefravær pr. enhed og personalegruppe (syntetiske data)"])
    ws.append([])
    ws.append(ABSENCE_HEADER)
    cols = [absence[c].tolist() for c in ABSENCE_HEADER]
    for row in zip(*cols, strict=True):
        ws.append(row)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)


def generate(force: bool = False, quiet: bool = False) -> Path:
    """Write every benchmark input unless an up-to-date set exists; returns the folder."""
    stamp = OUT / "manifest.json"
    if not force and stamp.exists():
        try:
            if json.loads(stamp.read_text("utf-8")).get("version") == VERSION:
                return OUT
        except (OSError, ValueError):
            pass
    OUT.mkdir(parents=True, exist_ok=True)
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    manifest: dict[str, object] = {"version": VERSION}
    t0 = time.perf_counter()

    def done(what: str, n: int) -> None:
        manifest[what] = n
        say(f"  {what}: {n:,} fraværsrækker ({time.perf_counter() - t0:.1f} s)")

    muni = _make(1, MUNI_YEARS, 7, national_names=False)
    done("kommune", write_scenario(OUT / "kommune", "Syntetisk kommune", muni, 1))
    land = _make(98, LAND_YEARS, 11, national_names=True)
    done("land", write_scenario(OUT / "land", "Syntetisk land", land, 98))
    land4 = _make(392, LAND_YEARS, 13, national_names=True)
    done("land_4x", write_scenario(OUT / "land_4x", "Syntetisk land (4x)", land4, 392))
    del land4
    half = _first(land, 49)
    done("land_halv", write_scenario(OUT / "land_halv", "Syntetisk land (halv)", half, 49))
    write_xlsx(OUT / "fravaer_200k.xlsx", land["absence"].iloc[:XLSX_ROWS])
    done("fravaer_200k.xlsx", XLSX_ROWS)
    stamp.write_text(json.dumps(manifest, indent=2), "utf-8")
    return OUT


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = ap.parse_args()
    out = generate(force=args.force)
    print(out)


if __name__ == "__main__":
    main()
