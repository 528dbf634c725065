"""Baseline for the computing benchmark: a minimal pandas script that reads the absence CSV,
groups it by unit and divides a total pro rata on the sick days (issue 7).

    python benchmarks/baseline_allocate.py ABSENCE.csv TOTAL > shares.json
"""

import sys

import pandas as pd

path, total = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path, sep=";", decimal=",")
w = df.groupby(["Center", "Sektor"])["Sygefraværsdage"].sum()
share = (w / w.sum() * total).round().astype("int64")
sys.stdout.write(share.reset_index().to_json(orient="records", force_ascii=False))
