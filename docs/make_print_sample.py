"""Render docs/udskrift.png: the first printed page of a center's workbook from the example.

Runs `sygefravaer run examples/eksempelkommune/scenario.toml` into a scratch folder (with
SOURCE_DATE_EPOCH, so the page carries a fixed date), prints the center's workbook to PDF with
LibreOffice, as the test tests/report/test_print.py does, and turns page 1 into a PNG with
poppler's pdftoppm. Needs soffice, pdftoppm and the Carlito font (see .ci/run).

    python docs/make_print_sample.py [CENTER]    # default: Sundheds- og Omsorgscentret
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sygefravaer.report.workbook import center_filenames

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "examples" / "eksempelkommune" / "scenario.toml"
OUT = ROOT / "docs" / "udskrift.png"
DPI = "80"


# LibreOffice's own setting for the locale of number forms: Danish (1.234.567 kr., 12,5).
_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>da-DK</value></prop></item>
</oor:items>
"""


def danish_profile(folder: Path) -> None:
    """A throw-away LibreOffice profile that shows numbers in Danish forms."""
    user = folder / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")


def main(center: str = "Sundheds- og Omsorgscentret") -> None:
    """Write docs/udskrift.png from `center`'s workbook."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        cli = "from sygefravaer.cli import app; app()"
        run = [sys.executable, "-c", cli, "run", str(SCENARIO), "--out", tmp, "--quiet"]
        subprocess.run(run, check=True, env=env)

        book = tmp_path / "centre" / center_filenames([center])[center]
        danish_profile(tmp_path / "profile")
        profile = (tmp_path / "profile").as_uri()
        convert = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        convert += ["--convert-to", "pdf", "--outdir", tmp, str(book)]
        subprocess.run(convert, check=True, capture_output=True)
        pdf = tmp_path / f"{book.stem}.pdf"
        page = [
            "pdftoppm",
            *("-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile"),
            str(pdf),
            str(tmp_path / "page"),
        ]
        subprocess.run(page, check=True)
        shutil.copyfile(tmp_path / "page.png", OUT)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
