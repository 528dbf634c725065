"""The fast path for a CSV table: pandas' C parser reads the numeric columns itself (issue 7).

Used only where it gives what reading every cell as text gives (tables.py's general path);
anything it cannot read exactly the same way makes it give None, and the caller reads as text.
tests/io/test_fast_read.py checks the two paths give the same tables and errors.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from typing import BinaryIO

import numpy as np
import pandas as pd

from .headers import TableSpec, header_codes


def read_csv_fast(
    text: str | None,
    delim: str,
    h: int,
    spec: TableSpec,
    danish: bool,
    stream: Callable[[], BinaryIO] | None = None,
) -> tuple[list[str], pd.DataFrame] | None:
    """Header and body with the numeric columns parsed by pandas' C parser, the others as
    categories; None where the text path must read the table.

    Only when every numeric cell is a plain number (`12,5` in a `;` CSV, `12.5` in a `,` CSV):
    pandas then gives the same float as parse_numbers. Anything else (thousands separators, `kr.`,
    bad cells, ragged rows, -0, columns of only 0 and 1 that may be TRUE/FALSE) gives None.
    `h` is the header's line; `stream`, when given, opens the file's own UTF-8 bytes (then `text`
    may be None). A pandas warning also gives None: a first data row longer than the header only
    gives a ParserWarning and loses its extra cells; the text path then reports the row with its
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
            return _read(stream, delim, h, spec, danish)
        except pd.errors.ParserWarning:
            return None


def _read(
    stream: Callable[[], BinaryIO], delim: str, h: int, spec: TableSpec, danish: bool
) -> tuple[list[str], pd.DataFrame] | None:
    opts = dict(
        sep=delim,
        header=None,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
        encoding="utf-8",
    )
    try:
        with stream() as fh:
            head = pd.read_csv(fh, skiprows=h, nrows=1, dtype=object, **opts)
        header = [str(c) for c in head.iloc[0].tolist()]
        numeric = [i for i, c in enumerate(header_codes(header, spec)) if c in spec.numeric]
        if not numeric:
            return None
        with stream() as fh:
            df = pd.read_csv(
                fh,
                skiprows=h + 1,
                names=list(range(len(header))),
                index_col=False,
                dtype={i: ("float64" if i in numeric else "category") for i in range(len(header))},
                na_values={i: [""] for i in numeric},
                decimal="," if danish else ".",
                **opts,
            )
    except (ValueError, TypeError, IndexError, pd.errors.ParserError):
        return None
    return (header, df) if all(_plain(df[i].to_numpy(dtype="float64")) for i in numeric) else None


def _plain(v: np.ndarray) -> bool:
    """No -0 (parse_numbers keeps its sign from the text) and not only 0 and 1 (TRUE/FALSE?)."""
    if (np.signbit(v) & (v == 0)).any():
        return False
    seen = v[~np.isnan(v)]
    return not (len(seen) and np.isin(seen, (0.0, 1.0)).all())
