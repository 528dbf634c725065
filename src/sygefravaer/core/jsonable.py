"""Plain-Python values for JSON: numpy scalars to int/float, NaN to None; and the compact JSON
text of a document written from its records' columns (the --json of the big results)."""

from __future__ import annotations

import json
import math
from itertools import repeat
from json.encoder import encode_basestring

import numpy as np
import pandas as pd


def plain(v: object) -> object:
    """A JSON-ready value: numpy scalars unwrapped, NaN and missing as None."""
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if math.isnan(f) else f
    return v


def records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows of `df` as dicts with the given columns (missing columns skipped)."""
    if not any(c in df.columns for c in columns):
        return [{} for _ in range(len(df))]
    return rows_of(columns_of(df, columns))


def columns_of(df: pd.DataFrame, columns: list[str]) -> dict[str, list]:
    """The given columns of `df` (missing ones skipped) as lists of plain values (`plain`)."""
    return {c: _plain_column(df[c]) for c in columns if c in df.columns}


def rows_of(columns: dict[str, list | dict[str, list]]) -> list[dict]:
    """The rows {name: value, ...} of equal-length columns of plain values, keys in the columns'
    order; a column given as a dict of columns is a nested dict per row (json_rows' form)."""
    flat = {k: v for k, v in columns.items() if not isinstance(v, dict)}
    names = list(flat)
    rows = list(map(dict, map(zip, repeat(names), zip(*flat.values(), strict=True))))
    nested = [k for k, v in columns.items() if isinstance(v, dict)]
    for k in nested:
        inner = rows_of(columns[k]) if columns[k] else [{} for _ in rows]
        for row, value in zip(rows, inner, strict=True):
            row[k] = value
    if nested and list(columns) != names + nested:  # keys in the columns' order
        order = list(columns)
        rows = [{k: row[k] for k in order} for row in rows]
    return rows


def _plain_column(s: pd.Series) -> list:
    """A column as plain values, like `plain` per cell; numpy columns in bulk (issue 7)."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iubf":
        arr = s.to_numpy()
        if s.dtype.kind == "f":
            nan = np.isnan(arr)
            if nan.any():  # NaN as None, the floats as they are
                out = arr.astype(object)
                out[nan] = None
                return out.tolist()
        return arr.tolist()
    if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
        kind = pd.api.types.infer_dtype(s, skipna=False)
        if kind == "string":
            return s.tolist()  # plain() leaves text as it is
        if kind == "integer":  # whole kroner as Python ints (numpy ints among them unwrapped)
            return list(map(int, s.tolist()))
        if pd.api.types.infer_dtype(s, skipna=True) == "string":  # texts, and missing cells
            out = s.tolist()
            for i in np.flatnonzero(pd.isna(s.to_numpy())).tolist():
                out[i] = plain(out[i])
            return out
    return [plain(v) for v in s.tolist()]


# --- JSON text written column by column (issue 14) ---------------------------------------------
#
# `json.dumps(doc, ensure_ascii=False, separators=(",", ":"))` of a document whose big part is a
# list of records spends most of its time on one dict per record, made only to be encoded. The
# functions below write the same text from the columns: each column's values encoded by the json
# module itself (the whole column in one call where it holds no text), then one %-format per
# record (json_rows).


def dumps(value: object) -> str:
    """The compact JSON text of `value`, as `--json` writes it when piped (UTF-8, no spaces)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_NUMBERS = frozenset({int, float, bool, type(None)})


def json_values(values: list) -> list[str]:
    """Each value's JSON text, as `dumps` writes it inside a document. A column of numbers,
    booleans and nulls is written in one encoder call and split at its commas (their texts
    hold none); texts by the encoder's own string function; anything else one by one."""
    kinds = set(map(type, values))
    if not values:
        return []
    if kinds <= _NUMBERS:
        return dumps(values)[1:-1].split(",")
    if kinds == {str}:
        return list(map(encode_basestring, values))
    if kinds <= {str, type(None)}:
        return [encode_basestring(v) if v is not None else "null" for v in values]
    return list(map(dumps, values))


def json_rows(columns: dict[str, list | dict[str, list]]) -> str:
    """`dumps(rows_of(columns))` from columns of plain values (columns_of' form), one %-format
    per row (issue 14: no JSON text per value for the ints, so no million small strings). A
    column of exact ints is written by %s, which gives their repr as the json module does; a
    column of floats by float_texts; any other column by its JSON texts (json_values)."""
    fixed, values = _template(columns)
    if not values:
        raise ValueError("json_rows needs a column of values")
    if not len(values[0]):
        return "[]"
    kinds = [set(map(type, v)) for v in values]
    floats = [i for i, k in enumerate(kinds) if k == {float}]
    written = dict(zip(floats, float_texts([values[i] for i in floats]), strict=True))
    for i, (v, k) in enumerate(zip(values, kinds, strict=True)):
        if i not in written:
            written[i] = v if k <= {int} else json_values(v)
    row = "%s".join(text.replace("%", "%%") for text in fixed)
    rows = list(map(row.__mod__, zip(*(written[i] for i in range(len(values))), strict=True)))
    rows[0] = "[" + rows[0]
    rows[-1] += "]"
    return ",".join(rows)


def float_texts(columns: list[list[float]]) -> list[list[str]]:
    """Each float's JSON text, as `dumps` writes it (repr; NaN, Infinity), made once per
    distinct value over all the columns (issue 14: a repr costs 0.4 us, and an allocation's
    weight, potential and cap share their values). Distinct is by the bits (-0.0 is not 0.0)."""
    if not columns:
        return []
    bits = np.concatenate([np.array(c, dtype=np.float64) for c in columns]).view(np.int64)
    codes, uniques = pd.factorize(bits)
    texts = np.array(json_values(uniques.view(np.float64).tolist()), dtype=object)[codes]
    bounds = np.cumsum([0, *map(len, columns)])
    return [texts[a:b].tolist() for a, b in zip(bounds, bounds[1:], strict=False)]


def _template(columns: dict) -> tuple[list[str], list[list[str]]]:
    """The fixed texts around a row's values and the value columns, in order: a row is
    fixed[0] + v0 + fixed[1] + v1 + ... + fixed[-1]."""
    fixed, values, text = [], [], "{"
    for i, (name, col) in enumerate(columns.items()):
        text += ("," if i else "") + encode_basestring(name) + ":"
        if isinstance(col, dict):
            inner, inner_values = _template(col)
            if not inner_values:  # {}: the same text in every row
                text += inner[0]
                continue
            fixed.append(text + inner[0])
            fixed.extend(inner[1:-1])
            values.extend(inner_values)
            text = inner[-1]
        else:
            fixed.append(text)
            values.append(col)
            text = ""
    fixed.append(text + "}")
    return fixed, values


def json_object(items: dict[str, str]) -> str:
    """`dumps` of a dict from its values' JSON texts: {"key":value,...} in the items' order."""
    parts = ["{"]
    for i, (k, v) in enumerate(items.items()):
        parts += ["," if i else "", encode_basestring(k), ":", v]
    parts.append("}")
    return "".join(parts)


def json_array(texts: list[str]) -> str:
    """`dumps` of a list from its items' JSON texts."""
    return "[" + ",".join(texts) + "]"
