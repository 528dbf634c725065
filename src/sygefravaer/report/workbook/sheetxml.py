"""A sheet's rows as the XML openpyxl writes for them, built as text (issue 14).

openpyxl's write-only mode makes every cell an element and serialises it through et_xmlfile,
which costs more than the rest of a workbook. A sheet whose values are all text, numbers,
booleans or empty has its rows written here instead, byte for byte as openpyxl writes them
(openpyxl 3.1: cell/_writer.py etree_write_cell, worksheet/_writer.py write_row, and the
typing of cell.py's Cell._bind_value), and the saver puts them into the sheet's empty
<sheetData> (`insert_rows`). tests/report/test_workbook_parts.py compares both ways.
"""

from __future__ import annotations

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension

EMPTY_ROWS = b"<sheetData></sheetData>"  # what openpyxl writes for a sheet without rows
_MAX_TEXT = 32767  # openpyxl cuts longer text (Cell.check_string), and so is it here


def writes_as_xml(value) -> bool:
    """A plain cell value this module writes as openpyxl would: text, a number, a boolean or
    nothing (anything else, a date say, goes through openpyxl)."""
    return value is None or isinstance(value, str) or type(value) in (int, float, bool)


def cell_xml(value, style_id: int | None, text: bool = False) -> str | None:
    """What follows `<c r="A1"` for a cell of `value` with the cell style `style_id` (None:
    unstyled); None for a cell openpyxl leaves out (empty and unstyled). `text`: typed as
    text whatever it looks like (a quoted text cell)."""
    s = f' s="{style_id}"' if style_id is not None else ""
    if value is None:
        return f'{s} t="n" />' if style_id is not None else None
    if isinstance(value, str):
        value = str(value)[:_MAX_TEXT]
        kind = "s"
        if not text and len(value) > 1 and value.startswith("="):
            kind = "f"
        elif not text and value in ERROR_CODES:
            kind = "e"
    else:
        kind = "b" if isinstance(value, bool) else "n"
    if value == "":
        return f'{s} t="inlineStr" />'
    if kind == "s":
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        return f'{s} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if kind == "f":
        return f"{s}><f>{_escape(value[1:])}</f><v /></c>"
    shown = _escape(safe_string(value))
    return f'{s} t="{kind}"><v>{shown}</v></c>' if shown else f'{s} t="{kind}"><v /></c>'


def row_xml(ws, r: int, cells: list, height: float | None = None) -> str:
    """Row `r` of `ws`: its height (openpyxl's row dimension attributes) and the cells of
    `cell_xml` from column A on (None: left out)."""
    attrs = "" if height is None else "".join(f' {k}="{v}"' for k, v in _dimension(ws, r, height))
    body = "".join(
        f'<c r="{get_column_letter(i)}{r}"{c}' for i, c in enumerate(cells, 1) if c is not None
    )
    return f'<row r="{r}"{attrs}>{body}</row>'


def _dimension(ws, r: int, height: float) -> list[tuple[str, str]]:
    """The attributes openpyxl writes for a row of this height."""
    return list(RowDimension(ws, index=r, ht=height))


def insert_rows(sheet: bytes, rows: str) -> bytes:
    """The sheet's XML as openpyxl saved it without rows, with `rows` in its <sheetData>."""
    if sheet.count(EMPTY_ROWS) != 1:
        raise RuntimeError("arket har ikke én tom <sheetData>; rækkerne kan ikke sættes ind")
    return sheet.replace(EMPTY_ROWS, b"<sheetData>" + rows.encode("utf-8") + b"</sheetData>")


def _escape(text: str) -> str:
    """Text as ElementTree escapes it in an element (&, < and >)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
