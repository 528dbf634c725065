"""Baseline for the allocation benchmarks (issue 14): a minimal pandas script that reads the
absence table, sums the sick days per unit (center and sector) and divides a total pro rata on
them, rounded to whole kroner, printed as JSON. One read per input form:

    --form da    semicolon CSV in Danish form: read_csv(sep=";", decimal=",")
    --form en    comma CSV with English headers: read_csv(path)
    --form xlsx  the xlsx sheet (header on its third row): read_excel(engine="calamine", header=2)

    python benchmarks/baseline_allocate.py --form da ABSENCE TOTAL > shares.json
"""

import argparse
import sys

import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("--form", choices=("da", "en", "xlsx"), default="da")
ap.add_argument("path")
ap.add_argument("total", type=int)
args = ap.parse_args()
if args.form == "da":
    df = pd.read_csv(args.path, sep=";", decimal=",")
elif args.form == "en":
    df = pd.read_csv(args.path)
else:
    df = pd.read_excel(args.path, engine="calamine", header=2)
center, sector, days = (
    ("center", "sector", "sick_days")
    if args.form == "en"
    else ("Center", "Sektor", "Sygefraværsdage")
)
w = df.groupby([center, sector])[days].sum()
share = (w / w.sum() * args.total).round().astype("int64")
sys.stdout.write(share.reset_index().to_json(orient="records", force_ascii=False))
