"""The fast path for a CSV table: pandas' C parser reads the numeric columns itself (issue 7).

Used only where it gives what reading every cell as text gives (tables.py's general path);
anything it cannot read exactly the same way makes it give None, and the caller reads as text.
tests/io/test_fast_read.py checks the two paths give the same tables and errors.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from .codes import Factorized
from .headers import TableSpec, header_codes
from .numbers import MONEY


def read_csv_fast(
    text: str | None,
    delim: str,
    h: int,
    spec: TableSpec,
    danish: bool,
    stream: Callable[[], BinaryIO] | None = None,
    *,
    path: Path | None = None,
) -> tuple[list[str], pd.DataFrame, dict[int, Factorized]] | None:
    """Header, body and codes: the numeric columns parsed by pandas' C parser, the amounts in
    kroner (numbers.MONEY) as text for numbers.py to read as the text path does, the others read
    as text, each with its factorization by position (coded_text: codes and distinct texts in
    order of first appearance); None where the text path must read the table.

    Only when every numeric cell parsed is a plain number (`12,5` in a `;` CSV, `12.5` in a `,`
    CSV) of one reading: pandas then gives the same float as the text path. Anything else
    (thousands separators, `kr.`, bad cells, ragged rows, -0, a TRUE or FALSE cell in a column
    of 0 and 1, a value such as 45.125 in a `,` CSV unless the column shows dot decimals) gives
    None. `h` is the header's line; `stream`, when given, opens the file's own UTF-8 bytes
    (then `text` may be None); `path`, when given, is the same file for pandas to read by name.
    A pandas warning also gives None: a first data row longer than the header only gives a
    ParserWarning and loses its extra cells; the text path then reports the row with its
    number (issue 5).
    """
    if stream is None:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None

        def stream() -> BinaryIO:
            return io.BytesIO(data)

    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            return _read(stream, delim, h, spec, danish, path)
        except pd.errors.ParserWarning:
            return None


def _read(
    stream: Callable[[], BinaryIO],
    delim: str,
    h: int,
    spec: TableSpec,
    danish: bool,
    path: Path | None = None,
) -> tuple[list[str], pd.DataFrame, dict[int, Factorized]] | None:
    def source() -> contextlib.AbstractContextManager:
        return contextlib.nullcontext(str(path)) if path is not None else stream()

    opts = dict(
        sep=delim,
        header=None,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        encoding="utf-8",
    )
    try:
        with source() as fh:
            head = pd.read_csv(fh, skiprows=h, nrows=1, dtype=object, **opts)
        header = [str(c) for c in head.iloc[0].tolist()]
        codes = header_codes(header, spec)
        numeric = [i for i, c in enumerate(codes) if c in spec.numeric]
        if not numeric:
            return None
        # Amounts in kroner are left as text, read by numbers.scan_numbers as the text path reads
        # them: they are mostly written with thousands dots (5.796.748), which the C parser does
        # not read, and only the units table has them (issue 14: the whole table was read twice).
        parsed = [i for i in numeric if codes[i] not in MONEY]
        # Text columns as text (object), whatever pandas would guess of them (an integer period
        # is text too), then coded; the other numbers by the C parser (issue 14).
        body = dict(
            skiprows=h + 1,
            names=list(range(len(header))),
            index_col=False,
            decimal="," if danish else ".",
            **opts,
        )
        with source() as fh:
            df = pd.read_csv(
                fh,
                dtype={i: ("float64" if i in parsed else object) for i in range(len(header))},
                na_values={i: [""] for i in parsed},
                **body,
            )
        for i in parsed:
            v = df[i].to_numpy(dtype="float64")
            if not _plain(v):
                return None
            if _only_zero_and_one(v) and _truth_words(stream, i, body):
                return None  # TRUE/FALSE, which pandas reads as 1 and 0: the text path refuses
        if not danish and _undecided(df, parsed) and has_dot_three_field(stream):
            return None  # 45.125 in a `,` CSV: 45125 or 45,125, decided by the text path
    except (ValueError, TypeError, IndexError, pd.errors.ParserError):
        return None
    coded = {}
    for i in df.columns:
        if i not in numeric:  # the cells stay as read: a column of its own texts is used as is
            cat = coded_text(df[i].to_numpy())
            coded[i] = (np.asarray(cat.codes), list(cat.categories))
    return header, df, coded


def coded_text(values: np.ndarray) -> pd.Categorical:
    """An object array of text cells as a Categorical of its distinct texts, exactly
    `pd.Categorical(values)` but with its categories in order of first appearance (issue 14).

    pandas' parser hands out one string object per distinct cell of a chunk, so the cells are
    numbered by object first (a hash of integers, not of a million texts) and the few objects
    then by their text; equal texts in two objects still get one code. The rows are numbered in
    blocks of _BLOCK, each block's codes kept as uint16: no array of int64 per row (issue 14:
    fresh memory costs more than the hashing).
    """
    values = np.ascontiguousarray(values, dtype=object)
    n = len(values)
    if n == 0:
        return pd.Categorical(values)
    # The array's object pointers as integers: a view, valid while `values` lives.
    ptrs = np.ctypeslib.as_array((ctypes.c_ssize_t * n).from_address(values.ctypes.data))
    local = np.empty(n, dtype=np.uint16)  # per row its object's number within its block
    firsts, sizes = [], []  # per block: the row where each of its objects first stands
    for a in range(0, n, _BLOCK):
        codes, objects = pd.factorize(ptrs[a : a + _BLOCK])
        local[a : a + len(codes)] = codes
        # pandas numbers in order of first appearance, so object j first stands where the
        # running maximum of the codes first reaches j.
        at = np.searchsorted(np.maximum.accumulate(codes), np.arange(len(objects)))
        firsts.append(at + a)
        sizes.append(len(objects))
    # The blocks' objects in block order: their texts in order of first appearance.
    tcodes, texts = pd.factorize(values[np.concatenate(firsts)])
    small = _code_type(len(texts))  # the type the Categorical keeps its codes in
    tcodes = tcodes.astype(small)
    out = np.empty(n, dtype=small)
    ends = np.cumsum(sizes)
    for b, a in enumerate(range(0, n, _BLOCK)):
        out[a : a + _BLOCK] = tcodes[ends[b] - sizes[b] : ends[b]][local[a : a + _BLOCK]]
    return pd.Categorical.from_codes(out, categories=pd.Index(texts, dtype=object), validate=False)


_BLOCK = 1 << 16  # rows per block of coded_text: its objects are numbered in uint16


def _code_type(k: int) -> type:
    """The integer type pandas keeps a Categorical's codes of k categories in."""
    for t in (np.int8, np.int16, np.int32):
        if k < np.iinfo(t).max:
            return t
    return np.int64


def _plain(v: np.ndarray) -> bool:
    """No -0: the text path keeps its sign from the text."""
    return not (np.signbit(v) & (v == 0)).any()


def _only_zero_and_one(v: np.ndarray) -> bool:
    """Every number cell 0 or 1: pandas would read TRUE and FALSE cells so."""
    if not (np.nanmax(v, initial=-np.inf) <= 1 and np.nanmin(v, initial=np.inf) >= 0):
        return False  # the usual column: a number above 1 (two passes, no copy)
    seen = v[~np.isnan(v)]
    return bool(len(seen)) and bool(((seen == 0) | (seen == 1)).all())


def _truth_words(stream: Callable[[], BinaryIO], i: int, body: dict) -> bool:
    """Whether column `i` holds a TRUE or FALSE cell, decided on its raw text (issue 14): an
    all-zero money column is common and need not leave the fast path."""
    with stream() as fh:
        cells = pd.read_csv(fh, usecols=[i], dtype=object, **body)[i]
    texts = pd.unique(cells.to_numpy())
    return any(str(t).strip().lower() in ("true", "false") for t in texts)


def _undecided(df: pd.DataFrame, parsed: list[int]) -> bool:
    """Whether a number column of a `,` CSV parsed by pandas (none in kroner) may hold a 45.125
    that the text path would read otherwise."""
    return any(not _decimal_cells(df[i]) for i in parsed)


def _decimal_cells(v: pd.Series) -> bool:
    """Whether some cell of a `,` CSV's column can only be a dot decimal (numbers.DECIMAL): a
    fraction of more than three decimals, or a fraction on 1,000 or more (not one of two: the
    cell may be 20.250, which pandas reads as 20.25). Then
    the text path reads the column's 45.125 as 45,125 too (numbers.column_reading), as pandas
    does, and the file need not be searched for such cells (issue 14). Values under 0.001 are
    left out: a writer may show them as 1e-05, which shows no form."""
    # Two arrays of the column's size, worked in place (issue 14: seven temporaries were 26 ms
    # of fresh memory on the country's fte).
    a = np.abs(v.to_numpy(dtype="float64"))
    k = np.floor(a)
    keep = (a >= 1e-3) & (a != k)  # a fraction, not too small to show its form
    np.multiply(a, 1000, out=k)
    d = np.rint(k)  # np.round's rounding
    np.subtract(k, d, out=d)
    np.abs(d, out=d)
    keep &= (d >= 1e-6) | (a >= 1000)  # not of three decimals, or on 1,000 or more
    return bool(keep.any())


# A dot, three digits and the field's end, or a space or tab before it: what a field such as
# 45.125 ends in. A literal first character lets the regular expression engine skip to each dot
# (the pattern with a leading digit, \d\.\d{3}, took 0.75 s on the country's 86 MB; issue 14).
# It finds more than such fields (a text cell "v.125", spaces before a comma): a false alarm only
# sends the file to the text path.
_DOT_THREE = re.compile(rb'\.\d{3}[ \t,\r\n"]')


def has_dot_three_field(stream: Callable[[], BinaryIO], size: int = 1 << 24) -> bool:
    """Whether the file holds a field such as 45.125 anywhere (see _DOT_THREE); read in chunks of
    `size` bytes, each searched on its own and the few bytes across each seam together."""
    tail = b""
    with stream() as fh:
        while True:
            chunk = fh.read(size)
            if _DOT_THREE.search(tail + chunk[:8]) or _DOT_THREE.search(chunk):
                return True
            if not chunk:
                return _DOT_THREE.search(tail + b"\n") is not None  # the file's last field
            tail = (tail + chunk[-8:])[-8:]
