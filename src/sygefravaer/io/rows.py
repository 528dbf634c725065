"""Row checks shared by the table builder and the readers: which rows fail, and their errors
(made only for the rows reported), raised together (errors.InputErrors)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

import numpy as np
import pandas as pd

from ..errors import InputError, raise_all
from ..names import KRL_TOTAL_KEY, group_key, is_total_name


class Locates(Protocol):
    """What points an error at a row and column of an input file (tables.Located)."""

    def error(self, message: str, **where: object) -> InputError:
        """An InputError at `index` (a row position) and `column`, with `value` and `hint`."""


MAX_REPORTED = 50
TOTALS_HINT = "Slet total- og subtotalrækker: værktøjet summerer selv."
CASE_HINT = "Skriv navnet ens i alle rækker (store og små bogstaver tæller med)."


Coded = tuple[np.ndarray, np.ndarray]  # per row a code, per code its text


def column_codes_of(
    d: pd.DataFrame, col: str, codes: Mapping[str, np.ndarray], texts: Mapping[str, np.ndarray]
) -> Coded:
    """(per row a code, per code its text) of a text column: the table's codes where it has
    them, else a factorization of the column (the general path)."""
    c, t = codes.get(col), texts.get(col)
    if c is not None and t is not None and len(c) == len(d):
        return np.asarray(c), np.asarray(t, dtype=object)
    c, u = pd.factorize(d[col].astype(object))  # text cells: cell_text's strings
    return c, np.asarray(u, dtype=object)


# The rows that fail a check, and the error of one of them (made only for the rows reported).
RowCheck = tuple[np.ndarray, Callable[[int], InputError]]


def total_rows(
    table: Locates,
    d: pd.DataFrame,
    cols: tuple[str, ...],
    codes: Mapping[str, np.ndarray],
    texts: Mapping[str, np.ndarray],
) -> list[RowCheck]:
    """Per column of `cols`, the totals or subtotal rows: a cell named like a total
    (names.is_total_name; domain.md 3), judged once per distinct text. 'Kommuner i alt' as a
    staff group is KRL's group, not a total of the table's rows."""
    found = []
    for col in cols:
        if col not in d.columns:
            continue
        c, t = column_codes_of(d, col, codes, texts)
        named = np.array(
            [is_total_name(x) and not (col == "staff_group" and group_key(x) == KRL_TOTAL_KEY)
             for x in t] + [False],
            dtype=bool,
        )  # fmt: skip
        if named.any():
            found.append((named[c], _total_error(table, col, c, t)))
    return found


def _total_error(
    table: Locates, col: str, c: np.ndarray, t: np.ndarray
) -> Callable[[int], InputError]:
    def error(i: int) -> InputError:
        return table.error(
            "rækken er en total- eller subtotalrække",
            index=i,
            column=col,
            value=t[c[i]],
            hint=TOTALS_HINT,
        )

    return error


def refuse_rows(checks: list[RowCheck]) -> None:
    """Raise the error of every row that fails a check, by row (the first first; a row that
    fails several checks by the first of them), at most MAX_REPORTED of them and a count of
    the rest, in one InputErrors."""
    if not checks:
        return
    rows = np.flatnonzero(np.logical_or.reduce([np.asarray(m) for m, _ in checks]))
    errors = [next(f for m, f in checks if m[i])(int(i)) for i in rows[:MAX_REPORTED]]
    if len(rows) > MAX_REPORTED:
        last = errors[-1]
        more = len(rows) - MAX_REPORTED
        errors.append(
            InputError(f"og {more} rækker mere af samme slags", file=last.file, sheet=last.sheet)
        )
    raise_all(errors)
