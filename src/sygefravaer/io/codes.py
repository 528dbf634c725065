"""Text cells and their integer codes: the fast key checks on large tables (issue 7).

A table's text column has one integer per row (equal integers, equal text) and the text of each
integer. From them a million rows are checked for duplicate keys and numbered by unit without
hashing a million texts again. Each fast function here is tested equal to the general way
(pandas' duplicated, groupby, map) in tests/io/test_fast_read.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..names import normalize_name

# (row codes, distinct values): code -1 is a missing cell.
Factorized = tuple[np.ndarray, list]


def cell_text(v: object) -> str:
    """A text cell as the tables hold it: a name normalized (names.normalize_name: NFC, spaces
    folded); a whole number cell without `.0`."""
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        if v.is_integer():
            return str(int(v))
    return normalize_name(v)


def factorize_exact(values: pd.Series) -> Factorized | None:
    """(codes, distinct values) where equal values are interchangeable, else None (issue 7).

    Float columns, pure-text columns and text categories (from the fast CSV path) qualify; code -1
    is a missing cell (NaN). Mixed columns (text and numbers from xlsx) are not factorized.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = values.cat.categories
        if pd.api.types.infer_dtype(cats, skipna=False) != "string":
            return None
        return values.cat.codes.to_numpy(), list(cats)
    kind = values.dtype.kind
    if kind == "f" or (kind == "O" and pd.api.types.infer_dtype(values, skipna=False) == "string"):
        codes, uniques = pd.factorize(values)
        return codes, (uniques.tolist() if kind == "f" else list(uniques))
    return None


def map_unique(
    values: pd.Series, fn: Callable[[object], object], fac: Factorized | None = None
) -> pd.Series:
    """`values.map(fn)` as an object column, with fn called once per distinct value (issue 7)."""
    fac = fac if fac is not None else factorize_exact(values)
    if fac is None:
        return values.map(fn).astype(object)
    codes, uniques = fac
    out = np.empty(len(uniques) + 1, dtype=object)
    out[:-1] = [fn(u) for u in uniques]
    out[-1] = fn(float("nan"))  # code -1: a missing cell
    return pd.Series(out[codes], index=values.index, dtype=object, copy=False)  # a new array


def code_texts(uniques: Sequence) -> np.ndarray:
    """The `cell_text` of each distinct value of a factorization, then of a missing cell (code
    -1, so that `code_texts(uniques)[codes]` is the column as text): made once per table
    column for its checks, its text column and its codes (issue 14)."""
    return np.array([cell_text(u) for u in uniques] + [cell_text(float("nan"))], dtype=object)


def own_texts(uniques: Sequence, texts: Sequence) -> bool:
    """Whether each distinct value is a str equal to its text (`texts`: code_texts, or the
    labels made of the values; an extra last text, a missing cell's, is not looked at)."""
    return all(type(u) is str and u == t for u, t in zip(uniques, texts, strict=False))


def text_codes(
    codes: np.ndarray, uniques: Sequence, texts: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Row codes of the cells' `cell_text` (same text, same code) and the text of each code;
    `codes` and `uniques` are a factorization of the cells (code -1: a missing cell), `texts`
    their code_texts if already made."""
    texts = code_texts(uniques) if texts is None else texts
    tcodes, tuniques = pd.factorize(texts)
    k = len(uniques)
    if (len(codes) == 0 or codes.min() >= 0) and (tcodes[:k] == np.arange(k)).all():
        # Distinct texts and no missing cell: the row codes already are the text codes (issue 7:
        # no new array of a million codes).
        return codes, np.asarray(tuniques, dtype=object)
    return tcodes[codes], np.asarray(tuniques, dtype=object)


def column_codes(frame: pd.DataFrame) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Codes and code texts of each column of `frame` whose every cell is text."""
    codes, texts = {}, {}
    for col in frame.columns:
        v = frame[col]
        if isinstance(v.dtype, pd.StringDtype):
            pass
        elif v.dtype != object or pd.api.types.infer_dtype(v, skipna=False) != "string":
            continue  # numbers, or a number or missing cell among the texts
        c, u = pd.factorize(v)
        if len(c) and c.min() < 0:
            continue  # a missing cell has no text
        codes[col], texts[col] = c, np.asarray(u, dtype=object)
    return codes, texts


def duplicated_rows(
    frame: pd.DataFrame, key: list[str], codes: Mapping[str, np.ndarray]
) -> np.ndarray:
    """`frame.duplicated(key, keep="first")` as an array, from the key columns' codes when all
    are known (`duplicated_coded`), else by pandas."""
    n = len(frame)
    if all(k in codes and len(codes[k]) == n for k in key):
        dup = duplicated_coded([codes[k] for k in key], n)
        if dup is not None:
            return dup
    return frame.duplicated(key, keep="first").to_numpy()


def duplicated_coded(columns: Sequence[np.ndarray], n: int) -> np.ndarray | None:
    """Rows whose key (one code array per key column) an earlier row has; None with a code -1."""
    dense = dense_ids(columns, n, count_only=True)
    if dense is None:
        return None
    if dense[1] == n:  # every key once: the usual case, no hash table needed
        return np.zeros(n, dtype=bool)
    ids, _ = dense_ids(columns, n)
    return pd.Series(ids).duplicated(keep="first").to_numpy()


def dense_ids(
    columns: Sequence[np.ndarray], n: int, count_only: bool = False
) -> tuple[np.ndarray | None, int] | None:
    """Per row a number in [0, k) for its key (equal keys, equal numbers) and k, from one code
    array per key column; None if a code is -1. `count_only`: k alone (ids None).

    Key columns are combined while the combinations fit a small table, and renumbered densely
    through it (a bincount, no hashing: issue 7); a hash factorization when even two columns'
    combinations would not fit. The combinations so far are renumbered before a column would
    make more of them than there are rows (at most n occur), and the numbers are int32 where
    the table's size allows: smaller tables and arrays to touch (issue 14).
    """
    limit = max(8 * n, 1 << 20)
    wide = np.int32 if limit < 2**31 else np.int64  # holds every number below `limit`
    ids, k = None, 1
    for j, c in enumerate(columns):
        if n and c.min() < 0:
            return None
        m = int(c.max()) + 1 if n else 1
        if ids is None:
            ids = c.astype(wide)
        else:
            if k * m > n:
                ids, k = _renumber(ids, k, count_only=False)
                ids = ids.astype(wide, copy=False)  # room for the next column's codes
            if k * m > limit:
                ids, uniques = pd.factorize(ids.astype(np.int64) * m + c)
                k = len(uniques)
                continue
            ids *= m
            ids += c
        k *= m
        if j == len(columns) - 1:
            return _renumber(ids, k, count_only)
    return (np.zeros(n, dtype=np.int64), 1) if ids is None else (ids, k)


def _renumber(ids: np.ndarray, size: int, count_only: bool) -> tuple[np.ndarray | None, int]:
    """Codes in [0, size) renumbered 0..k-1 in their order, through a table of `size` entries."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    if count_only:
        return None, int(np.count_nonzero(present))
    # int32 when it holds the numbers: half the memory to touch (issue 7)
    rank = np.cumsum(present, dtype=np.int32 if size < 2**31 else np.int64)
    k = int(rank[-1]) if size else 0
    rank -= 1
    return rank[ids], k


def sorted_unit_codes(
    codes: Mapping[str, np.ndarray], texts: Mapping[str, np.ndarray], n: int
) -> tuple[np.ndarray, pd.MultiIndex] | None:
    """Per row the number of its (center, sector) among the units in sorted order, and those
    units: the numbering of `groupby(["center", "sector"], sort=True)`, made from the text codes
    (no hashing of a million texts, issue 7). None without both codes of n rows.

    The pairs of codes are factorized as one integer each (issue 14: no size limit), one per
    run of rows of one unit (the rows of a unit mostly stand together), and only the distinct
    units are sorted, by the ranks of their texts in Python's str order (as groupby sorts
    object keys).
    """
    if n == 0 or not all(
        k in codes and k in texts and len(codes[k]) == n for k in ("center", "sector")
    ):
        return None
    (cc, ct), (sc, st) = (
        (codes[k], np.asarray(texts[k], dtype=object)) for k in ("center", "sector")
    )
    if cc.min() < 0 or sc.min() < 0:
        return None
    corder, sorder = _str_order(ct), _str_order(st)
    crank, srank = _inverse(corder), _inverse(sorder)
    ns = len(st)
    starts = run_starts([cc, sc])
    pair, firsts = pd.factorize(crank[cc[starts]] * ns + srank[sc[starts]])
    order = np.argsort(firsts, kind="stable")  # the distinct units, sorted
    u = firsts[order]
    keys = pd.MultiIndex.from_arrays(
        [ct[corder][u // ns], st[sorder][u % ns]], names=["center", "sector"]
    )
    return np.repeat(_inverse(order)[pair], np.diff(np.append(starts, n))), keys


def run_starts(columns: Sequence[np.ndarray]) -> np.ndarray:
    """The rows where a run of rows with equal codes in every column starts (row 0 first): a
    key's runs, found on the small codes without a key per row (issue 14)."""
    n = len(columns[0])
    change = np.zeros(n, dtype=bool)
    change[:1] = True
    for c in columns:
        change[1:] |= c[1:] != c[:-1]
    return np.flatnonzero(change)


def _str_order(texts: np.ndarray) -> np.ndarray:
    """The positions of the texts in Python's str order."""
    return np.array(sorted(range(len(texts)), key=texts.__getitem__), dtype=np.int64)


def _inverse(order: np.ndarray) -> np.ndarray:
    """Each position's rank in `order` (the inverse permutation)."""
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank
