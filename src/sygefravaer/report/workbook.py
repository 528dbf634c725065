"""Excel workbooks (openpyxl): presentation only, laid out from the results of the core.

Three workbooks: `allocate --output` (one year's allocation), and from `run` an overview for the
directorate and one per center. Every cell holds a value (no formulas), text that looks like a
formula (`=`, `+`, `-`, `@`) is stored as text with a quote prefix, and files are written
atomically (a temporary file in the same folder, then a rename) with fixed timestamps, so the same
inputs give the same bytes. Every workbook is written in openpyxl's write-only mode: rows stream to
disk, so a sector sheet with many thousand rows does not hold a cell object per value in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumFmt, StrRef
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from .. import __version__
from ..core import models
from ..core.run import RunResult
from ..core.suppression import hidden_units
from ..errors import InputError

MONEY = '#,##0 "kr."'
DAYS = "0.0"
FTE = "#,##0.0"
INT = "0"
PCT = "0.0%"

STATUS_TEXT = {"green": "grøn", "red": "rød"}
RULE_NAMES = {
    "glide": "glidebane fra basisårets niveau mod landsgennemsnittet",
    "national": "landsgennemsnittet (seneste udgivne KRL-år før måltalsåret)",
    "file": "måltal fra fil",
}
ROLE_NAMES = {
    "scenario": "Scenariefil",
    "absence": "Fravær",
    "units": "Enheder",
    "national": "Landsgennemsnit (KRL)",
    "targets": "Måltal",
}

_FILL = {
    "green": PatternFill("solid", fgColor="C6EFCE"),
    "red": PatternFill("solid", fgColor="FFC7CE"),
    "header": PatternFill("solid", fgColor="1F4E78"),
    "total": PatternFill("solid", fgColor="D9E1F2"),
    "muted": PatternFill("solid", fgColor="EDEDED"),
}
_FONT_NAME = "Calibri"
_FONT = {
    "green": Font(name=_FONT_NAME, color="006100"),
    "red": Font(name=_FONT_NAME, color="9C0006"),
    "header": Font(name=_FONT_NAME, bold=True, color="FFFFFF"),
    "title": Font(name=_FONT_NAME, bold=True, size=14, color="1F4E78"),
    "subtitle": Font(name=_FONT_NAME, italic=True, color="595959"),
    "bold": Font(name=_FONT_NAME, bold=True),
    "muted": Font(name=_FONT_NAME, italic=True, color="595959"),
}
_SERIES_COLORS = ("2E75B6", "C00000", "A5A5A5")
_CENTER = Alignment(horizontal="center")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_FORMULA_START = ("=", "+", "-", "@")
_DEFAULT_STAMP = dt.datetime(2000, 1, 1)


# --------------------------------------------------------------------------- cells and sheets


@dataclass
class Col:
    """A column: Danish label, number format, and how its values are styled ('status')."""

    label: str
    fmt: str | None = None
    kind: str | None = None


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _plain(v):
    """Cell values: numpy scalars unwrapped, NaN as empty, text cleaned of illegal characters."""
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    if isinstance(v, Suppressed):
        return v
    if isinstance(v, str):
        return ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def text_cell(ws, value: str, **style) -> WriteOnlyCell:
    """A text cell that is never a formula: `=SUM(A1)` or `-Administration` stays text.

    Control characters that XML cannot hold (from an HR export, say) are dropped.
    """
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(ws, value=value)
    if value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    _style(cell, **style)
    return cell


def _style(cell, font=None, fill=None, fmt=None, align=None) -> None:
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if fmt is not None:
        cell.number_format = fmt
    if align is not None:
        cell.alignment = align


def _cell(ws, value, col: Col, bold: bool = False, fill=None):
    value = _plain(value)
    font = _FONT["bold"] if bold else None
    if value is None:
        if fill is None:
            return None
        cell = WriteOnlyCell(ws, value=None)
        _style(cell, fill=fill)
        return cell
    if col.kind == "status" and value in STATUS_TEXT:
        return text_cell(
            ws,
            STATUS_TEXT[value],
            font=Font(name=_FONT_NAME, bold=bold, color=_FONT[value].color),
            fill=_FILL[value],
            align=_CENTER,
        )
    if isinstance(value, str):
        if isinstance(value, Suppressed):
            return text_cell(ws, str(value), font=_FONT["muted"], fill=fill)
        return text_cell(ws, value, font=font, fill=fill)
    cell = WriteOnlyCell(ws, value=value)
    _style(cell, font=font, fill=fill, fmt=col.fmt if not isinstance(value, bool) else None)
    return cell


class Suppressed(str):
    """An absence figure hidden for privacy in a per-center workbook (units under min fte)."""


@dataclass
class Sheet:
    """A table sheet: title lines, one header row, data rows and total rows, laid out on close."""

    title: str
    columns: list[Col]
    heading: list[str] = field(default_factory=list)
    rows: list[tuple[list, bool]] = field(default_factory=list)  # (values, is_total)
    notes: list[str] = field(default_factory=list)
    freeze_cols: int = 1

    def add(self, values: Sequence, total: bool = False) -> None:
        self.rows.append((list(values), total))

    @property
    def header_row(self) -> int:
        return len(self.heading) + 1 + (1 if self.heading else 0)

    @property
    def end_row(self) -> int:
        """The last row the sheet writes (notes included)."""
        return self.header_row + len(self.rows) + (1 + len(self.notes) if self.notes else 0)

    def data_range(self) -> tuple[int, int]:
        """First and last spreadsheet row of the non-total rows (for charts)."""
        first = self.header_row + 1
        n = sum(1 for _, total in self.rows if not total)
        return first, first + n - 1

    def write(self, wb: Workbook, charts: Iterable = ()) -> None:
        ws = wb.create_sheet(self.title)
        for i, width in enumerate(self._widths(), 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        h = self.header_row
        last_col = get_column_letter(max(len(self.columns), 1))
        ws.freeze_panes = f"{get_column_letter(self.freeze_cols + 1)}{h + 1}"
        ws.row_dimensions[h].height = 32  # two lines of header text
        ws.print_title_rows = f"{h}:{h}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        data = [v for v, total in self.rows if not total]
        if data:
            # Total rows sit below the filter range, so sorting never moves them.
            ws.auto_filter.ref = f"A{h}:{last_col}{h + len(data)}"
        for chart, anchor in charts:
            ws.add_chart(chart, anchor)
        for i, line in enumerate(self.heading):
            ws.append([text_cell(ws, line, font=_FONT["title" if i == 0 else "subtitle"])])
        if self.heading:
            ws.append([])
        ws.append(
            [
                text_cell(
                    ws, c.label, font=_FONT["header"], fill=_FILL["header"], align=_HEADER_ALIGN
                )
                for c in self.columns
            ]
        )
        ordered = [(v, False) for v in data] + [(v, True) for v, t in self.rows if t]
        for values, total in ordered:
            fill = _FILL["total"] if total else None
            ws.append(
                [
                    _cell(
                        ws,
                        v,
                        c,
                        bold=total,
                        fill=fill if c.kind != "status" or _missing(v) else None,
                    )
                    for v, c in zip(values, self.columns, strict=False)
                ]
            )
        if self.notes:
            ws.append([])
            for note in self.notes:
                ws.append([text_cell(ws, note, font=_FONT["muted"])])

    def _widths(self) -> list[float]:
        widths = []
        for i, col in enumerate(self.columns):
            longest = max((len(w) for w in col.label.split()), default=4)
            head = min(max(math.ceil(len(col.label) / 2) + 1, longest), 22)
            body = 0
            for values, _ in self.rows[:2000]:
                if i < len(values):
                    body = max(body, _shown_len(values[i], col))
            widths.append(float(min(max(head, body, 6) + 2, 48)))
        return widths


def _shown_len(v, col: Col) -> int:
    v = _plain(v)
    if v is None:
        return 0
    if col.kind == "status" and v in STATUS_TEXT:
        return 5
    if isinstance(v, str):
        return len(v)
    if isinstance(v, (int, float)) and col.fmt == MONEY:
        return len(f"{abs(v):,.0f}") + 5
    if isinstance(v, (int, float)) and col.fmt in (DAYS, FTE):
        return len(f"{v:,.1f}") + 1
    return len(str(v))


def _bar_chart(
    sheet: Sheet,
    title: str,
    y_title: str | None,
    cats_col: int,
    value_cols: Sequence[int],
    fmt: str | None = None,
    horizontal: bool = True,
) -> BarChart | None:
    """A native bar chart over the non-total rows of `sheet` (columns are 1-based)."""
    first, last = sheet.data_range()
    if last < first:
        return None
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.style = 10
    chart.title = title
    chart.y_axis.title = y_title
    if fmt:
        chart.y_axis.numFmt = NumFmt(formatCode=fmt, sourceLinked=False)
    chart.gapWidth = 60
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    h = sheet.header_row
    for col in value_cols:
        data = Reference(None, min_col=col, min_row=h, max_row=last, max_col=col)
        data.worksheet = _SheetRef(sheet.title)
        chart.add_data(data, titles_from_data=True)
    for series, color in zip(chart.series, _SERIES_COLORS, strict=False):
        series.graphicalProperties.solidFill = color
        series.graphicalProperties.line.solidFill = color
    cats = Reference(None, min_col=cats_col, min_row=first, max_row=last)
    cats.worksheet = _SheetRef(sheet.title)
    for series in chart.series:  # text labels: a string reference, not openpyxl's numRef
        series.cat = AxDataSource(strRef=StrRef(f=str(cats)))
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row at the top
    n = last - first + 1
    chart.height = max(7.5, min(4 + 0.55 * n, 30))
    chart.width = 22
    if len(value_cols) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    return chart


def _column_after(sheet: Sheet, cm: float) -> str:
    """The first column that starts at least `cm` centimetres from the sheet's left edge."""
    at = 0.0
    for i, width in enumerate(sheet._widths(), 1):
        if at >= cm:
            return get_column_letter(i)
        at += (int(width * 7) + 5) / 37.8  # Excel: pixels = width * 7 + 5; 96 dpi
    return get_column_letter(len(sheet.columns) + 1)


class _SheetRef:
    """Stands in for a worksheet in a chart Reference (only its title is used)."""

    def __init__(self, title: str) -> None:
        self.title = title


# --------------------------------------------------------------------------- assumptions


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_files(scenario, inputs) -> dict[str, Path]:
    """Every file the figures come from, by role: the scenario and its tables."""
    out: dict[str, Path] = {}
    if scenario.path is not None:
        out["scenario"] = Path(scenario.path)
    out.update(inputs.paths())
    return out


def _kr(n) -> str:
    return f"{int(n):,} kr.".replace(",", ".")


def _num(x, d: int = 1) -> str:
    return f"{x:.{d}f}".replace(".", ",")


def assumptions_sheet(
    scenario,
    inputs,
    krl_years: dict[int, int | None] | None = None,
    extra: Sequence[tuple[str, object]] = (),
    warnings: Sequence = (),
) -> Sheet:
    """'Forudsætninger': every setting, input file and warning, so any figure can be traced."""
    t, r = scenario.targets, scenario.reduction
    s = Sheet(
        "Forudsætninger",
        [Col("Forudsætning"), Col("Værdi"), Col("Detalje")],
        heading=[f"Forudsætninger – {scenario.name}", "Indstillinger, inddatafiler og advarsler"],
    )
    s.add(["Scenarie", scenario.name])
    s.add(["Måltalsregel", t.rule, RULE_NAMES.get(t.rule, "")])
    if t.rule == "glide":
        s.add(["Basisår", t.base_year, "fraværet dette år er glidebanens udgangspunkt"])
        s.add(["Slutår", t.final_year, "året, hvor målet er nået"])
        s.add(["Andel af afstanden, der lukkes", t.gap_closure])
    if t.years:
        s.add(["Måltalsår", ", ".join(map(str, t.years))])
    s.add(
        [
            "Landsgennemsnittets år (KRL)",
            t.benchmark_year if t.benchmark_year is not None else "seneste før måltalsåret",
        ]
    )
    for year, k in sorted((krl_years or {}).items()):
        s.add([f"KRL-år brugt for måltal {year}", k if k is not None else "intet"])
    s.add(["Decimaler i måltal", t.decimals, "afrundet halvt op"])
    s.add(["Arbejdsdage pr. årsværk", scenario.working_days])
    s.add(["Timer pr. dag", scenario.hours_per_day, "sygefraværstimer omregnes til dage"])
    s.add(["Fordelingsniveau", {"sector": "sektor", "center": "center"}[scenario.level]])
    s.add(["Model", r.model, models.get(r.model).label_da])
    if models.get(r.model).only_red:
        s.add(["Vægt", r.weight, "potentiale i kr." if r.weight == "value" else "dage over måltal"])
        s.add(["Loft (effektiviseringspotentiale)", "ja" if r.cap else "nej"])
    s.add(["Afrunding", _kr(r.rounding), "største rest får de resterende enheder"])
    for year, total in sorted(r.totals.items()):
        s.add([f"Reduktion i alt {year} (kumulativ)", _kr(total)])
    for year, inc in sorted(scenario.increments().items()):
        s.add([f"Stigning {year}", _kr(inc)])
    s.add(["Mindste antal årsværk", _num(scenario.min_fte, 1).replace(",0", "")])
    for label, value in extra:
        s.add([label, value])
    for role, path in input_files(scenario, inputs).items():
        s.add([f"Fil: {ROLE_NAMES.get(role, role)}", Path(path).name, f"SHA-256 {sha256(path)}"])
    s.add(["Program", f"sygefravaer {__version__}"])
    seen = set()
    for w in [*inputs.warnings, *warnings]:
        msg = str(w)
        if msg not in seen:
            seen.add(msg)
            s.add(["Advarsel", msg])
    if not seen:
        s.add(["Advarsler", "ingen"])
    return s


# --------------------------------------------------------------------------- saving


def stamp(scenario, inputs) -> dt.datetime:
    """The workbooks' timestamp: SOURCE_DATE_EPOCH, else the newest input file's time (UTC).

    Derived from the inputs, not the clock, so the same inputs give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        if epoch is not None:
            t = int(epoch)
        else:
            t = max(int(Path(p).stat().st_mtime) for p in input_files(scenario, inputs).values())
        when = dt.datetime.fromtimestamp(t, tz=dt.UTC).replace(tzinfo=None)
    except (ValueError, OSError, OverflowError):
        return _DEFAULT_STAMP
    return when if when.year >= 1980 else _DEFAULT_STAMP


def check_output(path: Path, inputs_paths: Iterable[Path]) -> Path:
    """Refuse an output path that is one of the input files (InputError, exit 2)."""
    out = Path(path)
    target = out.resolve()
    for p in inputs_paths:
        p = Path(p)
        same = target == p.resolve()
        if not same and out.exists():
            try:
                same = os.path.samefile(out, p)
            except OSError:
                same = False
        if same:
            raise InputError(
                "uddatafilen er en af inddatafilerne, og den overskrives ikke",
                file=out,
                hint="Skriv projektmappen til en anden fil, fx fordeling.xlsx.",
            )
    if target.exists() and target.is_dir():
        raise InputError("uddatafilen er en mappe", file=out, hint="Angiv et filnavn, fx x.xlsx.")
    if out.suffix.lower() != ".xlsx":
        raise InputError(
            "uddatafilen skal hedde .xlsx (en Excel-projektmappe)",
            file=out,
            hint=f"Fx {out.with_suffix('.xlsx').name}.",
        )
    return out


def save(wb: Workbook, path: Path, when: dt.datetime, inputs_paths: Iterable[Path] = ()) -> Path:
    """Save atomically with fixed timestamps: a temporary file in the same folder, then a rename.

    A failure leaves any earlier file at `path` untouched; an input file is never the target.
    """
    path = check_output(path, inputs_paths)
    wb.properties.creator = "sygefravaer"
    wb.properties.lastModifiedBy = "sygefravaer"
    wb.properties.created = when
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps `modified` with the clock; _repack puts `when` back
    wb.properties.modified = when
    core = tostring(wb.properties.to_tree())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"kan ikke skrive i mappen: {exc.strerror}", file=path.parent) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            _repack(buf, f, when, core)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"kan ikke skrive filen: {exc.strerror or exc}", file=path) from exc
        raise
    return path


def _repack(src: io.BytesIO, dst, when: dt.datetime, core: bytes) -> None:
    """Copy the xlsx zip with every entry stamped `when` and the core properties fixed."""
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    src.seek(0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = core if item.filename == "docProps/core.xml" else zin.read(item.filename)
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)


def _new_workbook() -> Workbook:
    return Workbook(write_only=True)


def _write(sheets: Sequence[tuple[Sheet, list]], path, scenario, inputs) -> Path:
    files = list(input_files(scenario, inputs).values())
    check_output(Path(path), files)  # before any sheet streams rows
    wb = _new_workbook()
    for sheet, charts in sheets:
        sheet.write(wb, [c for c in charts if c[0] is not None])
    return save(wb, Path(path), stamp(scenario, inputs), files)


# --------------------------------------------------------------------------- allocate --output


def _weight_fmt(model: str, weight: str) -> str:
    return DAYS if models.get(model).weight_of(weight) == "excess_days" else MONEY


def _records(df, cols: Sequence[str]) -> list[dict]:
    """Rows of `df` as dicts (the callers never change them, so a run may share them)."""
    present = [c for c in cols if c in df.columns]
    out = [dict(zip(present, row, strict=True)) for row in df[present].itertuples(index=False)]
    return out


def write_allocation_workbook(path, scenario, inputs, result, targets=None) -> Path:
    """`allocate --output`: the year's allocation per unit and center, a chart, the assumptions."""
    year = result.year
    years = [y.year for y in result.years]
    sector = result.level != "center"
    last = result.years[-1].units
    st = result.status
    period = st.period if st is not None else str(year - 1)
    key = ["center", "sector"] if sector else ["center"]
    units = result.units.copy()
    for col in ("days_per_fte", "target", "gap"):
        if col in last.columns:
            units[col] = last[col].to_numpy()
    cols = [Col("Center")] + ([Col("Sektor")] if sector else [])
    cols += [
        Col("Status", kind="status"),
        Col(f"Årsværk {period}", FTE),
        Col(f"Fravær {period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {year}", DAYS),
        Col("Afvigelse (dage)", DAYS),
        Col("Effektiviseringspotentiale", MONEY),
        Col(
            f"Vægt ({models.get(result.model).label_da.split(' (')[0].lower()})",
            _weight_fmt(result.model, result.weight),
        ),
        Col("Loft", MONEY),
        Col(f"Andel {year}", MONEY),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {y}", MONEY) for y in years],
        Col(f"Reduktion {year} i alt", MONEY),
    ]
    name = models.get(result.model).label_da
    heading = [
        f"Budgetreduktion {year} – {name} – {scenario.name}",
        f"Fravær {period} mod måltal {year}. Reduktion i alt {_kr(result.total)}, "
        f"heraf stigning {year}: {_kr(result.increment)}.",
    ]
    s = Sheet("Fordeling", cols, heading=heading, freeze_cols=len(key))
    for r in _records(
        units,
        [
            *key,
            "status",
            "fte",
            "days_per_fte",
            "target",
            "gap",
            "potential",
            "weight",
            "cap",
            "share",
            "prior_reduction",
            *[f"increment_{y}" for y in years],
            "reduction",
        ],
    ):
        s.add(
            [r[k] for k in key]
            + [
                r.get("status"),
                r.get("fte"),
                r.get("days_per_fte"),
                r.get("target"),
                r.get("gap"),
                r.get("potential"),
                r.get("weight"),
                r.get("cap"),
                r.get("share"),
                r["prior_reduction"],
                *[r[f"increment_{y}"] for y in years],
                r["reduction"],
            ]
        )
    total = ["I alt"] + ([None] if sector else [])
    total += [None] * 9 + [
        sum(int(x) for x in units["prior_reduction"]),
        *[int(y.increment) for y in result.years],
        int(result.total),
    ]
    s.add(total, total=True)
    s.notes = [
        "Stigning: årets ændring af enhedens reduktion; det første år er andelen minus "
        "en tidligere reduktion (negativ = penge tilbage). Reduktion i alt = tidligere "
        "reduktion + alle stigninger."
    ]

    c = Sheet(
        "Centre",
        [
            Col("Center"),
            Col("Tidligere reduktion", MONEY),
            *[Col(f"Stigning {y}", MONEY) for y in years],
            Col(f"Reduktion {year} i alt", MONEY),
        ],
        heading=[f"Budgetreduktion {year} pr. center – {scenario.name}", name],
    )
    for r in _records(
        result.centers,
        ["center", "prior_reduction", *[f"increment_{y}" for y in years], "reduction"],
    ):
        c.add(
            [
                r["center"],
                r["prior_reduction"],
                *[r[f"increment_{y}"] for y in years],
                r["reduction"],
            ]
        )
    c.add(["I alt", total[len(key) + 9], *total[len(key) + 10 :]], total=True)
    chart = _bar_chart(c, f"Budgetreduktion {year} pr. center", None, 1, [len(years) + 3], MONEY)
    krl = targets.krl_year if targets is not None else None
    extra = [("Fordelt år", year), ("Sammenlignet periode", period)]
    a = assumptions_sheet(scenario, inputs, krl, extra, result.warnings)
    anchor = f"A{c.end_row + 2}"
    return _write([(s, []), (c, [(chart, anchor)]), (a, [])], path, scenario, inputs)


# --------------------------------------------------------------------------- run


def safe_filename(name: str) -> str:
    """A file name that works on Windows, macOS and Linux, keeping Danish letters."""
    s = ILLEGAL_CHARACTERS_RE.sub("", str(name))
    s = re.sub(r'[<>:"/\\|?*\s]+', "_", s).strip("._ ") or "center"
    if s.split(".")[0].upper() in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }:
        s = "_" + s
    return s[:100]


def center_filenames(centers: Sequence[str]) -> dict[str, str]:
    """center -> unique file name (`centre/<name>.xlsx`), case-insensitively unique."""
    out, used = {}, set()
    for c in centers:
        base = safe_filename(c)
        name, n = base, 2
        while name.casefold() in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name.casefold())
        out[c] = f"{name}.xlsx"
    return out


def _status_cols(prefix_period: str, target_year) -> list[Col]:
    return [
        Col(f"Årsværk {prefix_period}", FTE),
        Col(f"Fravær {prefix_period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {target_year}", DAYS),
        Col("Status", kind="status"),
    ]


def overview_workbook(run: RunResult, path) -> Path:
    """The directorate's workbook: summary, sectors, targets, models, assumptions."""
    sc = run.scenario
    sheets = [
        _summary_sheet(run),
        (_sector_sheet(run), []),
        (_targets_sheet(run), []),
        (_models_sheet(run), []),
        (
            assumptions_sheet(sc, run.inputs, run.targets.krl_year, _run_extra(run), run.warnings),
            [],
        ),
    ]
    return _write(sheets, path, sc, run.inputs)


def _run_extra(run: RunResult) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    if run.years:
        out.append(("Fordelte år", ", ".join(map(str, run.years))))
    for y in run.years:
        st = run.status.get(y)
        if st is not None:
            out.append((f"Fravær sammenlignet med måltal {y}", st.period))
    return out


def _summary_sheet(run: RunResult):
    sc, y = run.scenario, run.last
    st = run.status.get(y) if y is not None else None
    alloc = run.allocations.get(y) if y is not None else None
    period = st.period if st is not None else "-"
    years = run.years
    cols = [
        Col("Center"),
        *_status_cols(period, y if y is not None else ""),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {yy}", MONEY) for yy in years],
        Col(f"Reduktion {y} i alt" if y is not None else "Reduktion", MONEY),
    ]
    heading = [
        f"Sygefravær og budgetreduktion – {sc.name}",
        f"Fravær {period} mod måltal {y}; model: {models.get(sc.reduction.model).label_da}."
        if y is not None
        else "Ingen reduktion i scenariet.",
    ]
    s = Sheet("Oversigt", cols, heading=heading)
    status_by = (
        {} if st is None else {r["center"]: r for r in _records(st.centers, st.centers.columns)}
    )
    alloc_by = (
        {}
        if alloc is None
        else {r["center"]: r for r in _records(alloc.centers, alloc.centers.columns)}
    )
    for center in sorted(set(status_by) | set(alloc_by)):
        sr, ar = status_by.get(center, {}), alloc_by.get(center, {})
        s.add(
            [
                center,
                sr.get("fte"),
                sr.get("days_per_fte"),
                sr.get("target"),
                sr.get("status"),
                ar.get("prior_reduction"),
                *[ar.get(f"increment_{yy}") for yy in years],
                ar.get("reduction"),
            ]
        )
    m = st.municipality if st is not None else {}
    s.add(
        [
            "Kommunen i alt",
            m.get("fte"),
            m.get("days_per_fte"),
            m.get("target"),
            m.get("status"),
            sum(int(x) for x in alloc.centers["prior_reduction"]) if alloc is not None else None,
            *([int(ya.increment) for ya in alloc.years] if alloc is not None else []),
            int(alloc.total) if alloc is not None else None,
        ],
        total=True,
    )
    s.notes = [
        "Fravær = sygefraværsdage pr. årsværk (summen af dage / summen af årsværk). "
        "Centrets og kommunens måltal er enhedernes måltal vægtet med årsværk.",
        "Stigning: årets ændring af reduktionen (første år: andel minus tidligere reduktion). "
        "Reduktionerne er varige og lægges sammen.",
    ]
    charts = []
    row = s.end_row + 2
    beside = "A"
    if alloc is not None:
        chart = _bar_chart(s, f"Budgetreduktion {y} pr. center", None, 1, [len(cols)], MONEY)
        charts.append((chart, f"A{row}"))
        if chart is not None:
            beside = _column_after(s, chart.width + 0.5)
    if st is not None:
        chart = _bar_chart(
            s, f"Fravær {period} mod måltal {y} pr. center", "dage pr. årsværk", 1, [3, 4], DAYS
        )
        charts.append((chart, f"{beside}{row}"))
    return s, charts


def _sector_rows(run: RunResult, center: str | None = None):
    """(year, status row, allocation row) per year and unit, in year, center, sector order."""
    for y in run.years or run.targets.years:
        st = run.status.get(y)
        alloc = run.allocations.get(y)
        arows = {}
        if alloc is not None and alloc.level != "center":
            arows = {
                (r["center"], r["sector"]): r for r in _records(alloc.units, alloc.units.columns)
            }
        srows = _records(st.units, st.units.columns) if st is not None else []
        sby = {(r["center"], r["sector"]): r for r in srows}
        for k in sorted(set(sby) | set(arows)):
            if center is None or k[0] == center:
                yield y, (st.period if st is not None else None), sby.get(k, {}), arows.get(k, {})


def _sector_sheet(run: RunResult) -> Sheet:
    sc = run.scenario
    cols = [
        Col("Måltalsår", INT),
        Col("Fraværsperiode"),
        Col("Center"),
        Col("Sektor"),
        Col("Årsværk", FTE),
        Col("Sygefraværsdage", FTE),
        Col("Fravær (dage pr. årsværk)", DAYS),
        Col("Måltal", DAYS),
        Col("Landsgennemsnit", DAYS),
        Col("Afvigelse (dage)", DAYS),
        Col("Status", kind="status"),
        Col("Dage over måltal", FTE),
        Col("Dagsværdi", MONEY),
        Col("Effektiviseringspotentiale", MONEY),
        Col("Vægt", _weight_fmt(sc.reduction.model, sc.reduction.weight)),
        Col("Stigning", MONEY),
        Col("Reduktion (kumulativ)", MONEY),
    ]
    s = Sheet(
        "Sektorer",
        cols,
        heading=[
            f"Sektorer pr. år – {sc.name}",
            f"Model: {models.get(sc.reduction.model).label_da}",
        ],
        freeze_cols=4,
    )
    for y, period, sr, ar in _sector_rows(run):
        s.add(
            [
                y,
                period,
                sr.get("center", ar.get("center")),
                sr.get("sector", ar.get("sector")),
                sr.get("fte"),
                sr.get("sick_days"),
                sr.get("days_per_fte"),
                sr.get("target"),
                sr.get("benchmark"),
                sr.get("gap"),
                sr.get("status"),
                sr.get("excess_days"),
                sr.get("day_cost"),
                sr.get("potential"),
                ar.get("weight"),
                ar.get("increment"),
                ar.get("reduction"),
            ]
        )
    if run.allocations and next(iter(run.allocations.values())).level == "center":
        s.notes = ["Reduktionen fordeles på centerniveau; se arket Oversigt."]
    return s


def _targets_sheet(run: RunResult) -> Sheet:
    ts = run.targets
    years = list(ts.years)
    krl = ts.krl_year
    same = len({krl.get(y) for y in years}) <= 1 and all(
        ts.benchmark[y].equals(ts.benchmark[years[0]]) for y in years
    )
    bench_years = years[:1] if same else years

    def bench_label(y):
        k = krl.get(y)
        return f"Landsgennemsnit (KRL {k})" if same else f"Landsgennemsnit {y} (KRL {k})"

    cols = [Col("Niveau"), Col("Center"), Col("Sektor")]
    cols += [Col(f"Måltal {y}", DAYS) for y in years]
    cols += [Col(bench_label(y), DAYS) for y in bench_years]
    s = Sheet(
        "Måltal",
        cols,
        heading=[
            f"Måltal pr. år – {run.scenario.name}",
            f"Regel: {RULE_NAMES.get(ts.rule, ts.rule)}",
        ],
        freeze_cols=3,
    )
    for (c, sec), row in ts.units.iterrows():
        s.add(
            [
                "Sektor",
                c,
                sec,
                *[row[y] for y in years],
                *[ts.benchmark.at[(c, sec), y] for y in bench_years],
            ]
        )
    for c, row in ts.centers.iterrows():
        s.add(["Center", c, None, *[row[y] for y in years]])
    s.add(["Kommunen", "Kommunen i alt", None, *[ts.municipality[y] for y in years]], total=True)
    return s


def _models_sheet(run: RunResult) -> Sheet:
    chosen = run.scenario.reduction.model
    names = models.NAMES
    cols = [Col("År", INT), Col("Center")] + [
        Col(models.get(m).label_da + (" – valgt" if m == chosen else ""), MONEY) for m in names
    ]
    s = Sheet(
        "Modeller",
        cols,
        heading=[
            f"De tre modeller side om side – {run.scenario.name}",
            "Reduktion i alt pr. center (kumulativ) det år, under hver model.",
        ],
        freeze_cols=2,
    )
    notes = []
    for y in run.years:
        cmp = run.compare[y]
        by = {}
        for m in names:
            if m in cmp.errors:
                notes.append(
                    f"{y}, {models.get(m).label_da}: kan ikke fordele: {cmp.errors[m].message}"
                )
            r = cmp.results.get(m)
            if r is None:
                continue
            by[m] = {
                row["center"]: row["reduction"]
                for row in _records(r.centers, ["center", "reduction"])
            }
        centers = sorted(set().union(*[set(v) for v in by.values()])) if by else []
        for c in centers:
            s.add([y, c, *[by.get(m, {}).get(c) for m in names]])
    for y in run.years:
        res = run.compare[y].results
        totals = [int(res[m].total) if m in res else "kan ikke fordele" for m in names]
        s.add([y, "I alt", *totals], total=True)
    s.notes = notes
    return s


def center_workbook(run: RunResult, center: str, path, min_fte: float | None = None) -> Path:
    """One center's workbook: its sectors with the reasoning, the center against the municipality.

    Units (and the center) with fewer than `min_fte` full-time equivalents in the compared period
    show their absence figures as 'skjult': sickness figures for a handful of people identify them.
    """
    sc = run.scenario
    min_fte = sc.min_fte if min_fte is None else min_fte
    hidden = Suppressed(f"skjult (< {_num(min_fte, 1).replace(',0', '')} årsværk)")

    def private(row: dict) -> bool:
        fte = row.get("fte")
        return min_fte > 0 and fte is not None and not _missing(fte) and fte < min_fte

    y = run.last
    years = run.years
    st = run.status.get(y) if y is not None else None
    alloc = run.allocations.get(y) if y is not None else None
    period = st.period if st is not None else "-"
    wfmt = _weight_fmt(sc.reduction.model, sc.reduction.weight)
    absence_keys = (
        "sick_days",
        "days_per_fte",
        "gap",
        "status",
        "excess_days",
        "potential",
        "cost",
    )
    if models.get(sc.reduction.model).only_red:
        absence_keys += ("weight", "cap", "share")

    def masked(row: dict, hide: bool | None = None) -> dict:
        if not (private(row) if hide is None else hide):
            return row
        return {k: (hidden if k in absence_keys and not _missing(v) else v) for k, v in row.items()}

    hide_cache: dict = {}

    def hide(yy) -> set:
        """Sectors hidden in year yy: small units and their complement (see hidden_units)."""
        if yy not in hide_cache:
            st_y = run.status.get(yy)
            rows = [] if st_y is None else _records(st_y.units, st_y.units.columns)
            hide_cache[yy] = hidden_units([r for r in rows if r["center"] == center], min_fte)
        return hide_cache[yy]

    # Sheet 1: the latest year, one row per sector, with the reasoning and every year's increment.
    cols = [
        Col("Sektor"),
        Col(f"Årsværk {period}", FTE),
        Col("Sygefraværsdage", FTE),
        Col(f"Fravær {period} (dage pr. årsværk)", DAYS),
        Col(f"Måltal {y}", DAYS),
        Col("Landsgennemsnit", DAYS),
        Col("Afvigelse (dage)", DAYS),
        Col("Status", kind="status"),
        Col("Dagsværdi", MONEY),
        Col("Effektiviseringspotentiale", MONEY),
        Col("Vægt", wfmt),
        Col("Tidligere reduktion", MONEY),
        *[Col(f"Stigning {yy}", MONEY) for yy in years],
        Col(f"Reduktion {y} i alt" if y is not None else "Reduktion", MONEY),
    ]
    s = Sheet(
        "Sektorer",
        cols,
        heading=[
            f"{center} – sygefravær og budgetreduktion {y if y is not None else ''}".strip(),
            f"{sc.name}. Fravær {period} mod måltal {y}; model: {_model_name(sc)}.",
        ],
    )
    srows = (
        {}
        if st is None
        else {
            r["sector"]: masked(r, r["sector"] in hide(y))
            for r in _records(st.units, st.units.columns)
            if r["center"] == center
        }
    )
    arows = {}
    if alloc is not None and alloc.level != "center":
        arows = {
            r["sector"]: r
            for r in _records(alloc.units, alloc.units.columns)
            if r["center"] == center
        }
    for sec in sorted(set(srows) | set(arows)):
        sr, ar = srows.get(sec, {}), masked(arows.get(sec, {}), sec in hide(y))
        s.add(
            [
                sec,
                sr.get("fte"),
                sr.get("sick_days"),
                sr.get("days_per_fte"),
                sr.get("target"),
                sr.get("benchmark"),
                sr.get("gap"),
                sr.get("status"),
                sr.get("day_cost"),
                sr.get("potential"),
                ar.get("weight"),
                ar.get("prior_reduction"),
                *[ar.get(f"increment_{yy}") for yy in years],
                ar.get("reduction"),
            ]
        )
    crow = {}
    if st is not None:
        crow = next(
            (masked(r) for r in _records(st.centers, st.centers.columns) if r["center"] == center),
            {},
        )
    carow = {}
    if alloc is not None:
        carow = next(
            (r for r in _records(alloc.centers, alloc.centers.columns) if r["center"] == center), {}
        )
    s.add(
        [
            f"{center} i alt",
            crow.get("fte"),
            crow.get("sick_days"),
            crow.get("days_per_fte"),
            crow.get("target"),
            crow.get("benchmark"),
            crow.get("gap"),
            crow.get("status"),
            crow.get("day_cost"),
            crow.get("potential"),
            None,
            carow.get("prior_reduction"),
            *[carow.get(f"increment_{yy}") for yy in years],
            carow.get("reduction"),
        ],
        total=True,
    )
    notes = [
        "Dagsværdi = lønsum / (årsværk × arbejdsdage). Effektiviseringspotentiale = dage over "
        "måltal × dagsværdi. " + _model_reason(sc),
        "Stigning: årets ændring af reduktionen (første år: andel minus tidligere reduktion).",
    ]
    if min_fte > 0:
        notes.append(
            f"Fraværstal for enheder med under {_num(min_fte, 1).replace(',0', '')} "
            "årsværk er skjult, da de kan udpege enkeltpersoner; er de skjulte enheder "
            "tilsammen for små, skjules også den mindste anden enhed, så centrets total "
            "ikke afslører dem."
        )
    s.notes = notes
    chart = None
    if st is not None:
        chart = _bar_chart(
            s, f"Fravær {period} mod måltal {y} pr. sektor", "dage pr. årsværk", 1, [4, 5], DAYS
        )
    charts = [(chart, f"A{s.end_row + 2}")]

    # Sheet 2: every year, per sector.
    ycols = [
        Col("Måltalsår", INT),
        Col("Fraværsperiode"),
        Col("Sektor"),
        Col("Årsværk", FTE),
        Col("Fravær (dage pr. årsværk)", DAYS),
        Col("Måltal", DAYS),
        Col("Afvigelse (dage)", DAYS),
        Col("Status", kind="status"),
        Col("Effektiviseringspotentiale", MONEY),
        Col("Vægt", wfmt),
        Col("Loft", MONEY),
        Col("Andel", MONEY),
        Col("Stigning", MONEY),
        Col("Reduktion (kumulativ)", MONEY),
    ]
    ys = Sheet(
        "Sektorer pr. år", ycols, heading=[f"{center} – sektorer pr. år", sc.name], freeze_cols=3
    )
    for yy, per, sr, ar in _sector_rows(run, center):
        secret = sr.get("sector", ar.get("sector")) in hide(yy)
        sr, ar = masked(sr, secret), masked(ar, secret)
        ys.add(
            [
                yy,
                per,
                sr.get("sector", ar.get("sector")),
                sr.get("fte"),
                sr.get("days_per_fte"),
                sr.get("target"),
                sr.get("gap"),
                sr.get("status"),
                sr.get("potential"),
                ar.get("weight"),
                ar.get("cap"),
                ar.get("share"),
                ar.get("increment"),
                ar.get("reduction"),
            ]
        )

    # Sheet 3: the center against the municipality, year by year.
    mcols = [
        Col("Måltalsår", INT),
        Col("Fraværsperiode"),
        Col("Centrets årsværk", FTE),
        Col("Centrets fravær", DAYS),
        Col("Centrets måltal", DAYS),
        Col("Centrets status", kind="status"),
        Col("Kommunens fravær", DAYS),
        Col("Kommunens måltal", DAYS),
        Col("Kommunens status", kind="status"),
        Col("Centrets reduktion (kumulativ)", MONEY),
        Col("Kommunens reduktion (kumulativ)", MONEY),
    ]
    ms = Sheet(
        "Center og kommune", mcols, heading=[f"{center} og kommunen", sc.name], freeze_cols=2
    )
    for yy in years or run.targets.years:
        st_y, al_y = run.status.get(yy), run.allocations.get(yy)
        cr = {}
        if st_y is not None:
            cr = next(
                (
                    masked(r)
                    for r in _records(st_y.centers, st_y.centers.columns)
                    if r["center"] == center
                ),
                {},
            )
        mu = st_y.municipality if st_y is not None else {}
        ca = {}
        if al_y is not None:
            ca = next(
                (r for r in _records(al_y.centers, al_y.centers.columns) if r["center"] == center),
                {},
            )
        ms.add(
            [
                yy,
                st_y.period if st_y is not None else None,
                cr.get("fte"),
                cr.get("days_per_fte"),
                cr.get("target"),
                cr.get("status"),
                mu.get("days_per_fte"),
                mu.get("target"),
                mu.get("status"),
                ca.get("reduction"),
                int(al_y.total) if al_y is not None else None,
            ]
        )
    a = assumptions_sheet(
        sc,
        run.inputs,
        run.targets.krl_year,
        [
            ("Center", center),
            *_run_extra(run),
            ("Skjul fravær under (årsværk)", _num(min_fte, 1).replace(",0", "")),
        ],
        run.warnings,
    )
    return _write([(s, charts), (ys, []), (ms, []), (a, [])], path, sc, run.inputs)


def _model_name(sc) -> str:
    return models.get(sc.reduction.model).label_da


def _model_reason(sc) -> str:
    r = sc.reduction
    m = models.get(r.model)
    if not m.only_red:
        return m.basis_da
    w = "effektiviseringspotentialet" if r.weight == "value" else "dagene over måltal"
    cap = " Ingen enhed betaler mere end sit potentiale." if (m.capped and r.cap) else ""
    return m.basis_da.format(weight=w) + cap


def write_run(
    run: RunResult, out: Path, per_center: bool = True, min_fte: float | None = None
) -> list[Path]:
    """`run`: the overview workbook and (optionally) one workbook per center under out/centre/."""
    out = Path(out)
    overview = out / f"{safe_filename(run.scenario.name)}_oversigt.xlsx"
    centers = center_filenames(_centers(run)) if per_center else {}
    inputs = input_files(run.scenario, run.inputs).values()
    for p in [overview, *(out / "centre" / f for f in centers.values())]:
        check_output(p, inputs)  # refuse before writing anything
    files = [overview_workbook(run, overview)]
    for center, fname in centers.items():
        files.append(center_workbook(run, center, out / "centre" / fname, min_fte))
    return files


def _centers(run: RunResult) -> list[str]:
    names = set(run.targets.centers.index)
    for a in run.allocations.values():
        names |= set(a.centers["center"])
    return sorted(names)
