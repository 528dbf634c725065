"""Make docs/oversigt.png: the overview sheet of the directorate's workbook for the bundled
example, printed by LibreOffice in a Danish locale (1.337.741 kr., 11,9), as the README shows it.

    python docs/make_oversigt.py        # from the repository root; writes docs/oversigt.png

The steps: `run` on examples/eksempelkommune (the directorate's workbook only, dated by
SOURCE_DATE_EPOCH) -> PDF by LibreOffice with a fresh profile whose locale is da-DK (the number
formats of the workbook print with the locale's separators, so a US profile gives 1,337,741) ->
page 1 as PNG at 130 dpi, cut to what is printed on it. Needs LibreOffice (soffice) and
poppler-utils (pdftoppm, pdftotext). tests/test_docs.py checks the page's text for Danish forms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
PNG = ROOT / "docs" / "oversigt.png"
DPI = 130
MARGIN = 16  # pixels of white kept around the printed area
# A LibreOffice user profile that sets only the locale, so number formats print the Danish way.
DANISH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>da-DK</value></prop></item>
</oor:items>
"""


def overview_workbook(folder: Path) -> Path:
    """The directorate's workbook of the bundled example, written into `folder`."""
    sys.path.insert(0, str(ROOT / "src"))
    import sygefravaer

    project = sygefravaer.load(SCENARIO)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or "1700000000"  # the date printed on the sheet
    try:
        done = project.write_run(project.compute_run(), folder / "ud", per_center=False)
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    return next(Path(f) for f in done.files if str(f).endswith("_oversigt.xlsx"))


def overview_pdf(folder: Path) -> Path:
    """The workbook printed to PDF by LibreOffice in a Danish locale."""
    folder = Path(folder)
    xlsx = overview_workbook(folder)
    profile = folder / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(DANISH_PROFILE, encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / (xlsx.stem + ".pdf")


def page_text(pdf: Path) -> str:
    """The text of the PDF's first page, laid out as printed."""
    cmd = ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def printed_box(ppm: bytes) -> tuple[int, int, int, int]:
    """x, y, width and height of the non-white part of a binary PPM image, with a margin."""
    header = ppm.split(maxsplit=4)  # P6, width, height, maxval, pixels
    width, height = int(header[1]), int(header[2])
    pixels = np.frombuffer(ppm[len(ppm) - width * height * 3 :], np.uint8)
    ink = (pixels.reshape(height, width, 3) < 245).any(axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    x0, y0 = max(cols[0] - MARGIN, 0), max(rows[0] - MARGIN, 0)
    x1, y1 = min(cols[-1] + MARGIN, width - 1), min(rows[-1] + MARGIN, height - 1)
    return int(x0), int(y0), int(x1 - x0 + 1), int(y1 - y0 + 1)


def page_png(pdf: Path, png: Path) -> Path:
    """The PDF's first page as a PNG, cut to its printed area."""
    page = ["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile"]
    ppm = subprocess.run([*page, str(pdf)], check=True, capture_output=True).stdout
    x, y, w, h = printed_box(ppm)
    crop = ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-png"]
    subprocess.run([*page, *crop, str(pdf), str(png.with_suffix(""))], check=True)
    return png


def main(argv: list[str]) -> int:
    if argv[1:] and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pdf = overview_pdf(Path(tmp))
        if "1.337.741 kr." not in page_text(pdf):
            print("the page does not show Danish number forms; not written", file=sys.stderr)
            return 1
        page_png(pdf, PNG)
    print(f"written: {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
