"""Column headers: the accepted names of each column, what each table holds, finding the header.

Headers match case-insensitively in English or Danish (domain.md section 2), in Unicode NFC and
with or without a unit in brackets ("Årsværk (antal)"), and the header row may sit below title
rows; a table without its required columns is an InputError that lists the headers found and the
names accepted. A header that nearly names a column (`resembles`) is the reader's to refuse.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

# Header aliases: normalised header text -> code name (domain.md section 2).
ALIASES: dict[str, str] = {}


def norm_header(text: object) -> str:
    """A header cell as it is matched: NFC, no BOM or no-break space, lower case, `_`/`-` as
    space."""
    s = unicodedata.normalize("NFC", str(text).replace("\ufeff", "").replace("\xa0", " "))
    s = s.strip().lower()
    s = re.sub(r"[_\-]+", " ", s)
    return re.sub(r"\s+", " ", s)


def _alias(code: str, *names: str) -> None:
    for name in (code, *names):
        ALIASES[norm_header(name)] = code


_alias("center", "centre", "centret")
_alias("sector", "sektor", "område")
_alias("staff_group", "personalegruppe", "staff group", "faggruppe")
_alias("period", "periode")
_alias("year", "år", "aar")
_alias("fte", "årsværk", "aarsvaerk", "fuldtidsbeskæftigede", "fuldtidsbeskaeftigede")
_alias("sick_days", "sygefraværsdage", "fraværsdagsværk", "sygedage", "sick days")
_alias("sick_hours", "sygefraværstimer", "sick hours")
_alias(
    "days_per_fte",
    "sygefravær pr. fuldtidsbeskæftiget",
    "sygefravær pr fuldtidsbeskæftiget",
    "dage pr. fuldtidsbeskæftiget",
    "landsgennemsnit",
    "days per fte",
)
_alias("payroll", "lønsum")
_alias("substitute_budget", "vikarbudget", "substitute budget")
_alias("prior_reduction", "tidligere reduktion", "tidl. reduktion", "prior reduction")
_alias("target", "måltal")
_alias("source", "kilde", "source_url", "source url")

# Danish display names for messages, per code name.
LABELS = {
    "center": "Center",
    "sector": "Sektor",
    "staff_group": "Personalegruppe",
    "period": "Periode",
    "year": "År",
    "fte": "Årsværk",
    "sick_days": "Sygefraværsdage",
    "sick_hours": "Sygefraværstimer",
    "days_per_fte": "Sygefravær pr. fuldtidsbeskæftiget",
    "payroll": "Lønsum",
    "substitute_budget": "Vikarbudget",
    "prior_reduction": "Tidligere reduktion",
    "target": "Måltal",
    "source": "Kilde",
}


@dataclass(frozen=True)
class TableSpec:
    """What one kind of table must and may hold."""

    kind: str  # Danish name used in messages
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    numeric: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one column of each group
    # (code, serves as): e.g. an absence table's `År` is its period when it has no `Periode`.
    stand_in: tuple[tuple[str, str], ...] = ()


ABSENCE = TableSpec(
    kind="fraværstabel",
    required=("center", "sector", "period", "fte"),
    optional=("staff_group", "sick_days", "sick_hours"),
    numeric=("fte", "sick_days", "sick_hours"),
    one_of=(("sick_days", "sick_hours"),),
    stand_in=(("year", "period"),),  # domain.md section 2: period = Periode, År
)
UNITS = TableSpec(
    kind="enhedstabel",
    required=("center", "sector", "payroll"),
    optional=("substitute_budget", "prior_reduction", "staff_group"),
    numeric=("payroll", "substitute_budget", "prior_reduction"),
)
NATIONAL = TableSpec(
    kind="landsgennemsnit",
    required=("year", "staff_group", "days_per_fte"),
    optional=("source",),
    numeric=("days_per_fte",),
)
TARGETS = TableSpec(
    kind="måltalstabel",
    required=("center", "sector", "year", "target"),
    numeric=("target",),
)


# A unit in brackets at the end of a header: "Tidligere reduktion (kr.)", "Årsværk [antal]".
_UNIT = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])$")

# How alike a header and an accepted name must be (difflib's ratio) for "mente du ...?":
# "Tidligere reduktioner" and "Personalegrupe" are over 0.9, unrelated export columns far below.
_RESEMBLES = 0.85


def header_code(cell: object) -> str | None:
    """Code name of one header cell, with or without a unit in brackets; None if unknown."""
    if cell is None or not str(cell).strip():
        return None
    name = norm_header(cell)
    code = ALIASES.get(name)
    if code is None:
        bare = _UNIT.sub("", name)
        code = ALIASES.get(bare) if bare != name else None
    return code


def resembles(cell: object, codes: Iterable[str]) -> str | None:
    """The code of `codes` an unknown header cell nearly names (a misspelling, a plural:
    "Personalegrupe", "Tidligere reduktioner"), or None."""
    wanted = set(codes)
    names = {name: code for name, code in ALIASES.items() if code in wanted}
    close = difflib.get_close_matches(
        _UNIT.sub("", norm_header(cell)), list(names), n=1, cutoff=_RESEMBLES
    )
    return names[close[0]] if close else None


def did_you_mean(code: str) -> str:
    """The question a message asks about a header that nearly names `code`."""
    return f"mente du {LABELS.get(code, code)!r}?"


def header_codes(cells: list[object], spec: TableSpec) -> list[str | None]:
    """Code name of each header cell (None if unknown), with the spec's stand-ins applied."""
    codes = [header_code(c) for c in cells]
    for code, serves in spec.stand_in:
        if serves not in codes:
            codes = [serves if c == code else c for c in codes]
    return codes


def find_header(rows: list[list[object]], spec: TableSpec) -> int | None:
    """Index of the first row that holds all required columns (title rows may precede it)."""
    for i, row in enumerate(rows[:30]):
        codes = set(header_codes(row, spec)) - {None}
        if all(r in codes for r in spec.required) and all(
            any(c in codes for c in group) for group in spec.one_of
        ):
            return i
    return None


def missing_columns_error(
    rows: list[list[object]], spec: TableSpec, path: Path, sheet: str | None
) -> InputError:
    """The error for a table without its header: what is missing, found and accepted."""
    # Point at the row that looks most like a header.
    first = next((r for r in rows[:30] if any(c is not None and str(c).strip() for c in r)), [])
    found = [str(c).strip() for c in first if c is not None and str(c).strip()]
    codes = set(header_codes(found, spec))
    missing = [c for c in spec.required if c not in codes]
    lacking = [(c,) for c in missing]
    for group in spec.one_of:
        if not any(c in codes for c in group):
            missing.append(" eller ".join(group))
            lacking.append(group)
    unknown = [h for h, c in zip(found, header_codes(found, spec), strict=True) if c is None]
    guesses = [
        f"Overskriften {h!r}: {did_you_mean(code)}\n  "
        for h in unknown
        if (code := resembles(h, [c for group in lacking for c in group]))
    ]
    accepted = "; ".join(
        f"{code}: "
        + ", ".join(
            sorted({k for k, v in ALIASES.items() if v == code or (v, code) in spec.stand_in})
        )
        for code in (*spec.required, *spec.optional)
    )
    return InputError(
        f"{spec.kind} mangler kolonne(r): {', '.join(missing)}; fundne overskrifter: "
        f"{', '.join(found) if found else '(ingen)'}",
        file=path,
        sheet=sheet,
        hint="".join(guesses)
        + f"Accepterede navne (store/små bogstaver er ligegyldige): {accepted}.",
    )
