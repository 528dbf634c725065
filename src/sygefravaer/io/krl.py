"""Read KRL's national averages as published: the long form and the wide form (issue 6).

KRL's own tables and exports from its statistics database put the staff groups in rows and one
column per year, with a title above, notes ("Kilde: ...", "Anm.: ...") below, blank rows around
the table, Danish headers and decimal commas. `read_krl` reads either form into the long form of
domain.md section 3 (year, staff_group, group_key, days_per_fte[, source]); `write_long` writes
it back as CSV atomically. The low-level pieces (raw cells, Danish numbers, header aliases, group
keys, InputError with file/sheet/row/column) are the other io modules' (sources, numbers,
headers, tables).
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, InputNote, InputWarning
from ..names import group_key
from .checks import first
from .headers import ALIASES, NATIONAL, find_header, norm_header
from .numbers import read_number_columns
from .sources import CsvSource, SheetCells, XlsxSheet, read_source
from .tables import Table, Where, csv_error

# The long form's columns, in the order they are written (domain.md section 3).
LONG_COLUMNS = ["year", "staff_group", "days_per_fte"]

# A year heading: `2017`, `2017.0` (a number cell), `År 2017`, or with a footnote mark
# (`2017*`, `2017 1)`).
_YEAR = re.compile(r"^(?:år\s+)?((?:19|20)\d\d)(?:\.0)?\s*(?:\*+|\d\))?$", re.IGNORECASE)
# Words that mark a year's figures as provisional: `2017 (foreløbige tal)`, `Foreløbig 2017`.
_PROVISIONAL = re.compile(r"\(?\s*\bforel(?:øbige?|oebige?|\.)(?:\s+tal)?\s*\)?", re.IGNORECASE)
_PROVISIONAL_NOTE = re.compile(r"\bforel(?:øbig|oebig)", re.IGNORECASE)
# Cells that mean "no figure" in KRL's and Statistics Denmark's tables.
_MISSING = {"..", "...", ".", "-", "–", "—", "x", ":", "n/a", "na", "nan", "none"}
# A note row whose text names the source: "Kilde: KRL, Fraværsstatistik 2017".
_SOURCE = re.compile(r"^\s*kilde\s*[:.]\s*(.+)$", re.IGNORECASE)
_DELIMS = (";", "\t", ",")


@dataclass(frozen=True)
class WideHeader:
    """Where a wide table's header is: its row index and the year of each year column."""

    row: int
    years: dict[int, int]  # column index -> year


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""


def _cell_year(v: object) -> int | None:
    heading = year_heading(v)
    return heading[0] if heading else None


def year_heading(v: object) -> tuple[int, str] | None:
    """The year a heading cell names and how it marks it: (2017, '') for `2017`, (2017, '*')
    for `2017*`, (2017, 'foreløbig') for `2017 (foreløbige tal)` or `Foreløbige tal 2017`."""
    if isinstance(v, bool) or _blank(v):
        return None
    if isinstance(v, (int, float)):
        return (int(v), "") if float(v).is_integer() and 1900 <= v <= 2099 else None
    text = " ".join(str(v).split())
    if m := _YEAR.match(text):
        return int(m.group(1)), "*" if "*" in text else ""
    rest, words = _PROVISIONAL.subn(" ", text)
    if words and (m := _YEAR.match(rest.strip(" ,:;-–"))):
        return int(m.group(1)), "foreløbig"
    return None


_NUMBER = re.compile(r"^-?\d{1,3}(?:[.\s]?\d{3})*(?:,\d+)?$|^-?\d+(?:[.,]\d+)?$")


def _number_like(v: object) -> bool:
    """A figure as KRL writes it: a number cell, or text such as 11,7 or 12.0."""
    if isinstance(v, bool) or _blank(v):
        return False
    if isinstance(v, (int, float)):
        return True
    return bool(_NUMBER.match(str(v).strip()))


def _split_csv(text: str) -> tuple[list[list[str]], str]:
    """Parse CSV text with the delimiter that gives the most rows of one width (> 1 field).

    Counting characters (as tables.py does for a table) misjudges a `;` file with decimal commas
    and a title such as "Sygefravær, kommuner"; consistent row widths do not.
    """
    best: tuple[int, int, list[list[str]], str] | None = None
    for rank, delim in enumerate(_DELIMS):
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
        widths = Counter(
            len(_trim(r)) for r in rows if len(_trim(r)) > 1 and any(c.strip() for c in r)
        )
        score = max(widths.values(), default=0)
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, rows, delim)
    assert best is not None
    return best[2], best[3]


def _trim(row: list) -> list:
    end = len(row)
    while end and _blank(row[end - 1]):
        end -= 1
    return row[:end]


def source_rows(
    source: XlsxSheet | CsvSource, path: Path
) -> tuple[list[list[object]], str | None, bool]:
    """A file's cells as rows: (rows, sheet name, danish) where danish says the file is a `;` or
    tab CSV or a workbook (a decimal comma is its locale's own: numbers.shown_forms)."""
    if isinstance(source, XlsxSheet):
        return source.rows, source.name, True
    text = source.text()
    if not text.strip():
        return [], None, True  # tables.read_table reports the empty file as for any table
    try:
        parsed, delim = _split_csv(text)
    except csv.Error as exc:  # e.g. a quoted field longer than csv's field limit
        raise csv_error(path, exc) from exc
    return parsed, None, delim != ","


def find_wide_header(rows: list[list[object]]) -> WideHeader | None:
    """The row (among the first 50) with the most year headings, if it heads a table of numbers.

    A wide table needs at least one year column with a figure below it; the first such row wins
    a tie, so a title like "2017" above the real header row does not.
    """
    best: WideHeader | None = None
    for i, row in enumerate(rows[:50]):
        years = {j: y for j, v in enumerate(row) if (y := _cell_year(v)) is not None}
        if not years or min(years) == 0:  # no room for a staff-group column left of the years
            continue
        if best is not None and len(years) <= len(best.years):
            continue
        below = rows[i + 1 : i + 200]
        if any(
            j < len(r) and _number_like(r[j]) and _cell_year(r[j]) is None
            for r in below
            for j in years
        ):
            best = WideHeader(i, years)
    return best


def national_form(rows: list[list[object]]) -> str | None:
    """'long' if the cells have a long-form header, 'wide' if a year header row, else None."""
    if find_header(rows[:30], NATIONAL) is not None:
        return "long"
    return "wide" if find_wide_header(rows) is not None else None


def table_form(path: Path, sheet: str | None = None) -> str | None:
    """The form of a national-average file: national_form of its cells."""
    path = Path(path)
    return national_form(source_rows(read_source(path, sheet), path)[0])


def wide_table(
    rows: list[list[object]],
    path: Path,
    sheet: str | None,
    danish: bool,
    cells: SheetCells | None = None,
) -> Table:
    """A wide KRL table's cells (staff groups in rows, a column per year) in the long form.

    Rows are ordered by year, then by the group's order in the file. Cells such as `..` or `-`
    mean no figure and give no row; notes and blank rows around the table are skipped; a note
    "Kilde: ..." becomes the source column. The figures are read as one export writes them
    (numbers.read_number_columns); a year marked provisional (`2017 (foreløbige tal)`) is read
    as its year, with a note on the table's warnings. `danish`: see source_rows. `cells`: a
    sheet's cells beyond their values (sources.SheetCells), checked as for every table: a
    formula without a saved value or an error value among the figures or the groups is refused
    (calamine reads both as blank, and a blank figure is no figure: issue 9).
    """
    head = _wide_header(rows, path, sheet)
    header = rows[head.row]
    body = rows[head.row + 1 :]
    width = max((len(r) for r in rows), default=0)
    grid = (
        pd.DataFrame.from_records(
            [list(r) + [None] * (width - len(r)) for r in body], columns=range(width)
        )
        if body
        else pd.DataFrame(columns=range(width))
    )
    rownums = np.arange(head.row + 2, head.row + 2 + len(grid))
    ycols = sorted(head.years)
    vals = grid[ycols].astype(object)
    missing = _no_figure(vals, head)
    has_data = ~missing.all(axis=1)
    label_col = _label_column(header, ycols, grid, has_data)
    labels = (
        grid[label_col].map(lambda v: "" if _blank(v) else " ".join(str(v).split()))
        if label_col is not None
        else pd.Series("", index=grid.index)
    )
    notes = _notes(rows, head.row, grid.index[has_data.to_numpy()] + head.row + 1)
    source = next((m.group(1).strip() for n in notes if (m := _SOURCE.match(n))), None)
    label_name = _col_name(header, label_col) if label_col is not None else None
    marked = _check_cells(cells, header, ycols, label_col, label_name, head.row + 2)
    if not has_data.any():
        raise InputError(
            "den brede KRL-tabel har årstal i overskriften, men ingen tal under dem",
            file=path,
            sheet=sheet,
            row=head.row + 1,
        )
    _check_labels(labels, has_data, Where(path, sheet, rownums), label_name)
    keep = has_data.to_numpy()
    where = Where(path, sheet, rownums[keep])
    long = _long_rows(vals[keep], missing[keep], labels[keep], head, header, where, danish)
    cols = ["year", "staff_group", "group_key", "days_per_fte"]
    if source:
        long["source"] = source
        cols.append("source")
    columns = {"staff_group": label_name or "Personalegruppe"}
    provisional = provisional_notes(head, header, notes, path)
    found = (*provisional, *marked)
    return Table(long[cols].copy(), path, sheet, long["_row"].to_numpy(), columns, found)


def _check_cells(
    cells: SheetCells | None,
    header: list[object],
    ycols: list[int],
    label_col: int | None,
    label_name: str | None,
    first_row: int,
) -> tuple[InputWarning, ...]:
    """SheetCells.check on the year columns and the group column, from `first_row` (the
    spreadsheet row below the header) down: errors for formulas without a value and error
    values, warnings for figures formatted as percent. Columns are named as the table names
    them (a year column by its heading, the groups by theirs or 'Personalegruppe')."""
    if cells is None:
        return ()
    years = {f"year_{j}": j for j in ycols}
    positions, headers = dict(years), {code: _col_name(header, j) for code, j in years.items()}
    if label_col is not None:
        positions["staff_group"] = label_col
        headers["staff_group"] = label_name or "Personalegruppe"
    return cells.check(positions, headers, list(years), first_row)


def provisional_notes(
    head: WideHeader, header: list[object], notes: list[str], path: Path
) -> tuple[InputNote, ...]:
    """A note per year whose figures are provisional: its heading says so (`2017 (foreløbige
    tal)`), or a note below the table does ("Tallene for 2017 er foreløbige", "*) Foreløbige
    tal" for `2017*`); a `2017*` without such a note is said to be read as 2017."""
    told = [n for n in notes if _PROVISIONAL_NOTE.search(n)]
    out = []
    for j in sorted(head.years, key=head.years.get):
        year, mark = year_heading(header[j]) or (head.years[j], "")
        name = _col_name(header, j)
        named = re.compile(rf"(?<![\d–-]){year}(?![\d–-])")  # 2017, not 2015-2017
        if mark == "foreløbig" or any(named.search(n) or (mark and "*" in n) for n in told):
            text = f"KRL-tallene for {year} er foreløbige (kolonnen {name!r})"
        elif mark == "*":
            text = (
                f"KRL-kolonnen {name!r} er læst som {year}; en stjerne markerer ofte foreløbige tal"
            )
        else:
            continue
        out.append(InputNote(f"{path.name}: {text}", file=path))
    return tuple(out)


def _wide_header(rows: list[list[object]], path: Path, sheet: str | None) -> WideHeader:
    """The year header row; none, or one year in two columns, is an input error."""
    head = find_wide_header(rows)
    if head is None:
        raise InputError(
            "filen er hverken en lang tabel (år, personalegruppe, landsgennemsnit) eller en bred "
            "KRL-tabel (personalegrupper i rækker, en kolonne pr. år)",
            file=path,
            sheet=sheet,
            hint="Den brede form skal have en overskriftsrække med årstal, fx "
            "'Personalegruppe;2016;2017', og tal under årene.",
        )
    header = rows[head.row]
    seen: dict[int, int] = {}
    for j, y in head.years.items():
        if y in seen:
            raise InputError(
                f"året {y} står i flere kolonner",
                file=path,
                sheet=sheet,
                row=head.row + 1,
                column=str(header[j]).strip(),
                hint="En bred KRL-tabel har én kolonne pr. år.",
            )
        seen[y] = j
    return head


def _no_figure(vals: pd.DataFrame, head: WideHeader) -> pd.DataFrame:
    """Cells of the year columns that hold no figure: blank, `..`, `-`, ..., or a year heading
    repeated below (a second table, or a header row repeated on each printed page): a row whose
    every cell in the year columns equals its column's year."""
    text = vals.map(lambda v: "" if _blank(v) else " ".join(str(v).split()).lower())
    missing = text.isin(_MISSING) | text.eq("")
    as_years = vals.map(_cell_year)
    repeated = pd.concat(
        [as_years[j].eq(head.years[j]) | missing[j] for j in vals.columns], axis=1
    ).all(axis=1) & ~missing.all(axis=1)
    return missing | repeated.to_numpy()[:, None]


def _check_labels(labels: pd.Series, has_data: pd.Series, where: Where, name: str | None) -> None:
    """Every row with figures names its staff group (column `name`), and no group twice."""
    i = first(has_data & labels.eq(""))
    if i is not None:
        raise where.error(
            "rækken har tal, men ingen personalegruppe",
            index=i,
            column=name,
            hint="Skriv personalegruppens navn (fx 'Kommuner i alt') i første kolonne.",
        )
    keep = has_data.to_numpy()
    i = first(labels[keep].map(group_key).duplicated())
    if i is not None:
        raise Where(where.path, where.sheet, where.rows[keep]).error(
            "personalegruppen står mere end én gang",
            index=i,
            column=name,
            value=labels[keep].iloc[i],
        )


def _long_rows(
    vals: pd.DataFrame,
    missing: pd.DataFrame,
    labels: pd.Series,
    head: WideHeader,
    header: list[object],
    where: Where,
    danish: bool,
) -> pd.DataFrame:
    """One row per group and year with a figure, by year and then the group's row (with `_row`,
    the spreadsheet row); a figure that is no number, or negative, is an input error."""
    keys = labels.map(group_key)
    names = {j: _col_name(header, j) or str(head.years[j]) for j in sorted(head.years)}
    cells = {names[j]: vals[j].where(~missing[j], None).reset_index(drop=True) for j in names}
    # One reading for the whole table, each year column decided from all its cells (numbers.py).
    figures = read_number_columns(cells, where, danish=danish, money=())
    parts = []
    for j, name in names.items():  # one step per year column, not per row
        numbers = _year_figures(*figures[name], vals[j], name, where)
        part = pd.DataFrame(
            {
                "year": head.years[j],
                "staff_group": labels.to_numpy(),
                "group_key": keys.to_numpy(),
                "days_per_fte": numbers,
                "_row": where.rows,
                "_pos": np.arange(len(labels)),
            }
        )
        parts.append(part[~np.isnan(numbers)])
    long = pd.concat(parts, ignore_index=True).sort_values(["year", "_pos"], kind="stable")
    long = long.reset_index(drop=True)
    long["year"] = long["year"].astype(int)
    long["staff_group"] = long["staff_group"].astype(object)  # as the readers' text columns
    return long


def _year_figures(
    numbers: np.ndarray, bad: np.ndarray, cells: pd.Series, name: str, where: Where
) -> np.ndarray:
    """The figures of one year column (NaN where none), each a number and not negative."""
    i = first(bad)
    if i is not None:
        raise where.error(
            "cellen er ikke et tal",
            index=i,
            column=name,
            value=cells.iloc[i],
            hint="Skriv tal som 11,7; '..' eller '-' betyder intet tal.",
        )
    i = first(numbers < 0)
    if i is not None:
        raise where.error(
            "landsgennemsnittet kan ikke være negativt", index=i, column=name, value=cells.iloc[i]
        )
    return numbers


def _col_name(header: list[object], j: int | None) -> str | None:
    if j is None:
        return None
    v = header[j] if j < len(header) else None
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # a year typed as a number cell: '2017', not '2017.0'
    return None if _blank(v) else " ".join(str(v).split())


def _label_column(
    header: list[object], ycols: list[int], grid: pd.DataFrame, has_data: pd.Series
) -> int | None:
    """The staff-group column: one headed by an alias (Personalegruppe), else the rightmost column
    left of the first year that has text in a row with figures (exports may nest a group under a
    sector in the column before it)."""
    for j, v in enumerate(header):
        if j not in ycols and not _blank(v) and ALIASES.get(norm_header(v)) == "staff_group":
            return j
    rows = grid[has_data.to_numpy()]
    for j in range(min(ycols) - 1, -1, -1):
        if rows[j].map(lambda v: not _blank(v)).any():
            return j
    return None


def _notes(rows: list[list[object]], header_row: int, data_rows) -> list[str]:
    """The texts of the one-cell rows above and below the table: titles, "Kilde: ...",
    "Anm.: ..."."""
    data = set(int(i) for i in data_rows) | {header_row}
    out = []
    for i, row in enumerate(rows):
        if i in data:
            continue
        cells = [" ".join(str(c).split()) for c in row if not _blank(c)]
        if len(cells) == 1:
            out.append(cells[0])
    return out


# --------------------------------------------------------------------------- writing


def long_frame(table: Table) -> pd.DataFrame:
    """The long form to write: year, staff_group, days_per_fte (and source where known)."""
    d = table.data
    cols = LONG_COLUMNS + (["source"] if "source" in d.columns and d["source"].ne("").any() else [])
    out = d[cols].copy()
    out["year"] = out["year"].astype(int)
    return out.reset_index(drop=True)


def to_csv_text(frame: pd.DataFrame) -> str:
    """CSV text of the long form: `,`-separated, UTF-8, `.` decimals (as data/ holds it)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(frame.columns))
    for rec in frame.itertuples(index=False, name=None):
        w.writerow([_fmt(v) for v in rec])
    return buf.getvalue()


def _fmt(v: object) -> str:
    if isinstance(v, (float, np.floating)):
        return repr(round(float(v), 6))  # 11.94, 12.0; rounding drops float noise from xlsx
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return "" if v is None else str(v)


def write_long(frame: pd.DataFrame, out: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Write the long form atomically (temp file in the same folder, then os.replace).

    Refuses to write over any of `inputs` (the file being imported), so nothing is ever lost.
    """
    out = Path(out)
    for p in inputs:
        if _same(out, Path(p)):
            raise InputError(
                "uddatafilen er den samme som inddatafilen og overskrives ikke",
                file=out,
                hint="Angiv en anden sti med --out.",
            )
    if out.is_dir():
        raise InputError("--out er en mappe, ikke en fil", file=out)
    if not out.parent.exists():
        raise InputError(
            "mappen til uddatafilen findes ikke",
            file=out.parent.resolve(),
            hint="Opret mappen først.",
        )
    data = to_csv_text(frame).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


# --------------------------------------------------------------------------- comparing


@dataclass
class ImportReport:
    """What an import read, and how it differs from the previous file."""

    years: list[int]
    groups: list[str]
    rows: int
    previous: str | None = None
    new_groups: list[str] | None = None  # names not in the previous file
    dropped_groups: list[str] | None = None  # names of the previous file not in the new
    suggestions: dict[str, str] | None = None  # new name -> similar previous name
    new_years: list[int] | None = None
    dropped_years: list[int] | None = None
    revised: list[dict] | None = None  # {year, staff_group, old, new} for changed figures

    @property
    def mismatch(self) -> bool:
        """Group names differ from the previous file's (what --strict refuses)."""
        return bool(self.new_groups or self.dropped_groups)

    def to_dict(self) -> dict:
        """The report as JSON-ready fields, with `mismatch`."""
        return {k: v for k, v in self.__dict__.items()} | {"mismatch": self.mismatch}


def compare_national(
    new: pd.DataFrame, old: pd.DataFrame | None, previous: str | None = None
) -> ImportReport:
    """Years and groups read, group names that do not match the previous file, revised figures."""
    import difflib

    groups = list(dict.fromkeys(new["staff_group"]))
    rep = ImportReport(
        years=sorted(int(y) for y in new["year"].unique()),
        groups=groups,
        rows=len(new),
        previous=previous,
    )
    if old is None:
        return rep
    okeys = dict(zip(old["staff_group"].map(group_key), old["staff_group"], strict=True))
    nkeys = dict(zip(new["staff_group"].map(group_key), new["staff_group"], strict=True))
    rep.new_groups = [nkeys[k] for k in nkeys if k not in okeys]
    rep.dropped_groups = [okeys[k] for k in okeys if k not in nkeys]
    sugg = {}
    for name in rep.new_groups:
        close = difflib.get_close_matches(
            group_key(name), [group_key(n) for n in rep.dropped_groups], n=1, cutoff=0.6
        )
        if close:
            sugg[name] = okeys[close[0]]
    rep.suggestions = sugg
    oy, ny = set(old["year"].astype(int)), set(new["year"].astype(int))
    rep.new_years = sorted(ny - oy)
    rep.dropped_years = sorted(oy - ny)
    a = old.assign(k=old["staff_group"].map(group_key))[["year", "k", "days_per_fte"]]
    b = new.assign(k=new["staff_group"].map(group_key))[
        ["year", "k", "staff_group", "days_per_fte"]
    ]
    m = b.merge(a, on=["year", "k"], suffixes=("", "_old"))
    changed = m[(m["days_per_fte"] - m["days_per_fte_old"]).abs() > 1e-9]
    rep.revised = [
        {
            "year": int(r.year),
            "staff_group": r.staff_group,
            "old": float(r.days_per_fte_old),
            "new": float(r.days_per_fte),
        }
        for r in changed.itertuples(index=False)
    ]
    return rep


def merge_previous(new: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """The new figures plus the previous file's (year, group) rows that the new file lacks."""
    nk = set(zip(new["year"].astype(int), new["staff_group"].map(group_key), strict=True))
    ok = pd.Series(
        [
            k not in nk
            for k in zip(old["year"].astype(int), old["staff_group"].map(group_key), strict=True)
        ],
        index=old.index,
        dtype=bool,
    )
    keep = old[ok]
    cols = list(new.columns)
    if "source" in keep.columns and "source" not in cols:
        new = new.assign(source="")
        cols.append("source")
    both = pd.concat([new, keep.reindex(columns=cols).fillna({"source": ""})], ignore_index=True)
    both["year"] = both["year"].astype(int)
    return both.sort_values(["year"], kind="stable").reset_index(drop=True)
