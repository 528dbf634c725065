"""Deterministic synthetic inputs for the benchmarks (issue 14), under benchmarks/generated/.

Each scenario is a folder with its absence, units and national tables and a scenario.toml:

- `kommune/`: one municipality, 13 centers, 150 sectors, 10 staff groups, 6 calendar years.
- `land/`: the country as one scenario, 98 municipalities' worth (centers are named
  "<municipality> - <center>", so every unit key is unique), 14,700 units, 7 years, 1,029,000
  absence rows, written like a Danish HR export: `;` separated, Danish headers, decimal commas,
  payroll as `1.234.567` kroner (a zero as an empty cell).
- `land_en/`: the same country in the form a script or another system writes: a plain comma CSV,
  English headers (the code names: center, sector, staff_group, period, fte, sick_days ...), `.`
  decimals, integer periods, kroner as plain integers. Same numbers as `land/`, so the two must
  allocate alike.
- `land_halv/`: the first 49 municipalities of the country (Danish form), for the no-cliff check.
- `land_4x/`: four times the country, 392 municipalities, 4,116,000 rows (Danish form).
- `xlsx_200k/`: an xlsx scenario: `absence.xlsx` is the first 200,000 absence rows of the country
  in one sheet (a title row, a blank row, then the header; openpyxl's write-only mode), with the
  units those rows hold (Danish CSV) and the national file. 200,000 rows are 2,857 whole units
  (70 rows each) and the first 10 rows of the 2,858th, which thus has only 2010: the tool warns
  and gives it its benchmark as target (a cut export), so the sheet keeps its round 200,000 rows.

Everything is derived from fixed seeds, so runs are comparable. `manifest.json` records VERSION
and each input's number of absence rows; a stale or missing manifest makes `generate` rebuild.

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
VERSION = 3  # bump when the generated data changes, so stale files are rebuilt

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
LAND_YEARS = list(range(2010, 2017))  # 7 calendar years: 1,029,000 rows for the country
KRL_YEARS = list(range(2009, 2018))
XLSX_ROWS = 200_000
UNITS_PER_MUNI = sum(len(s) for s in CENTERS.values())  # 150

ABSENCE_HEADER = ["Center", "Sektor", "Personalegruppe", "Periode", "Årsværk", "Sygefraværsdage"]
UNITS_HEADER = ["Center", "Sektor", "Lønsum", "Vikarbudget", "Tidligere reduktion"]
NATIONAL_HEADER = ["År", "Personalegruppe", "Sygefravær pr. fuldtidsbeskæftiget"]
# The English form's headers: the code names of src/sygefravaer/io/headers.py, as a script names
# its columns.
ENGLISH = {
    "Center": "center",
    "Sektor": "sector",
    "Personalegruppe": "staff_group",
    "Periode": "period",
    "Årsværk": "fte",
    "Sygefraværsdage": "sick_days",
    "Lønsum": "payroll",
    "Vikarbudget": "substitute_budget",
    "Tidligere reduktion": "prior_reduction",
    "År": "year",
    "Sygefravær pr. fuldtidsbeskæftiget": "days_per_fte",
}
MONEY = ["Lønsum", "Vikarbudget", "Tidligere reduktion"]

SCENARIO = """# Synthetic benchmark scenario (benchmarks/generate.py); not real data.
name = "{name}"
absence = "{absence}"
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


def _kroner(x: pd.Series) -> list[str]:
    """Whole kroner with Danish thousands separators: 1234567 -> '1.234.567', 0 -> ''."""
    return [f"{int(v):,}".replace(",", ".") if v else "" for v in x]


def make_tables(n_muni: int, years: list[int], seed: int, national_names: bool = True) -> dict:
    """Absence, units and national tables (Danish headers, numbers as numbers) for n_muni
    municipalities' worth of units; rows are ordered unit by unit, then year, then group."""
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
    prior[np.arange(n_muni) * UNITS_PER_MUNI + 3] = 150_000
    unit_tbl = pd.DataFrame(
        {
            "Center": units["center"],
            "Sektor": units["sector"],
            "Lønsum": payroll.astype("int64"),
            "Vikarbudget": substitute.astype("int64"),
            "Tidligere reduktion": prior.astype("int64"),
        }
    )
    # National averages: 10 groups and Kommuner i alt per KRL year, slowly falling; two decimals,
    # so that both forms write the same numbers.
    nrng = np.random.default_rng(seed + 1)
    nat_rows = []
    for k, year in enumerate(KRL_YEARS):
        vals = GROUP_LEVEL - 0.12 * k + nrng.normal(0.0, 0.2, size=n_groups)
        for g, v in zip(GROUPS, vals, strict=True):
            nat_rows.append((year, g, round(float(v), 2)))
        nat_rows.append((year, KRL_TOTAL, round(float(np.mean(vals)), 2)))
    national = pd.DataFrame(nat_rows, columns=NATIONAL_HEADER)
    return {"absence": absence, "units": unit_tbl, "national": national}


def _write_csv(df: pd.DataFrame, path: Path, form: str) -> None:
    """One table as CSV: `da` as a Danish HR export, `en` as `df.to_csv(path, index=False)`."""
    tmp = path.with_suffix(".tmp")
    if form == "da":
        df = df.assign(**{c: _kroner(df[c]) for c in MONEY if c in df})
        df.to_csv(tmp, sep=";", index=False, decimal=",", float_format="%.2f", encoding="utf-8")
    elif form == "en":
        df.rename(columns=ENGLISH).to_csv(tmp, index=False, encoding="utf-8")
    else:
        raise ValueError(form)
    tmp.replace(path)


def scenario_totals(n_units: int) -> dict[int, int]:
    """Cumulative totals for n_units units: per municipality's 150 units 1.0-2.5 million kr. a
    year (increments the over-target caps carry), to whole thousands."""
    per = {2014: 1_000_000, 2015: 1_500_000, 2016: 2_000_000, 2017: 2_500_000}
    return {y: int(round(v * n_units / UNITS_PER_MUNI, -3)) for y, v in per.items()}


def _write_scenario(folder: Path, name: str, absence: str, n_units: int) -> None:
    totals = ", ".join(f"{y} = {v}" for y, v in scenario_totals(n_units).items())
    text = SCENARIO.format(name=name, absence=absence, totals=totals)
    (folder / "scenario.toml").write_text(text, "utf-8")


def write_scenario(folder: Path, name: str, tables: dict, form: str = "da") -> int:
    """Write one CSV scenario folder in form `da` or `en`; returns its number of absence rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for role in ("absence", "units", "national"):
        _write_csv(tables[role], folder / f"{role}.csv", form)
    _write_scenario(folder, name, "absence.csv", len(tables["units"]))
    return len(tables["absence"])


def first_municipalities(tables: dict, n_muni: int) -> dict:
    """The first n_muni municipalities of a country (rows are ordered unit by unit)."""
    n_units = n_muni * UNITS_PER_MUNI
    per_unit = len(tables["absence"]) // len(tables["units"])
    return {
        "absence": tables["absence"].iloc[: n_units * per_unit],
        "units": tables["units"].iloc[:n_units],
        "national": tables["national"],
    }


def write_xlsx(path: Path, absence: pd.DataFrame) -> None:
    """Absence rows as one xlsx sheet below a title row and a blank row (the header is the third
    row), written in openpyxl's write-only mode."""
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


def write_xlsx_scenario(folder: Path, name: str, tables: dict, rows: int) -> tuple[int, int]:
    """A scenario whose absence is the first `rows` rows of a country as xlsx, with exactly the
    units those rows hold (a cut unit included) as Danish CSV; returns (rows, units)."""
    folder.mkdir(parents=True, exist_ok=True)
    absence = tables["absence"].iloc[:rows]
    keys = absence[["Center", "Sektor"]].drop_duplicates()
    units = tables["units"].merge(keys, on=["Center", "Sektor"], how="inner")
    assert len(units) == len(keys), "every absence unit must be in the country's units"
    write_xlsx(folder / "absence.xlsx", absence)
    _write_csv(units, folder / "units.csv", "da")
    _write_csv(tables["national"], folder / "national.csv", "da")
    _write_scenario(folder, name, "absence.xlsx", len(units))
    return len(absence), len(units)


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

    muni = make_tables(1, MUNI_YEARS, 7, national_names=False)
    done("kommune", write_scenario(OUT / "kommune", "Syntetisk kommune", muni))
    land = make_tables(98, LAND_YEARS, 11)
    done("land", write_scenario(OUT / "land", "Syntetisk land", land))
    done("land_en", write_scenario(OUT / "land_en", "Syntetisk land (engelsk)", land, "en"))
    land4 = make_tables(392, LAND_YEARS, 13)
    done("land_4x", write_scenario(OUT / "land_4x", "Syntetisk land (4x)", land4))
    del land4
    half = first_municipalities(land, 49)
    done("land_halv", write_scenario(OUT / "land_halv", "Syntetisk land (halv)", half))
    rows, units = write_xlsx_scenario(OUT / "xlsx_200k", "Syntetisk xlsx", land, XLSX_ROWS)
    manifest["xlsx_200k_units"] = units
    done("xlsx_200k", rows)
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
