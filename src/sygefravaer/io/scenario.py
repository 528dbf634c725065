"""The scenario file (TOML) read into a plain dict; its settings are validated in core.scenario.

Syntax errors are reported in Danish with the line and column as written (domain.md 3.4).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..errors import InputError


def read_scenario_file(path: Path) -> dict:
    """The scenario file's TOML as a dict; a missing, unreadable or malformed file is an
    InputError naming the file (and the line)."""
    path = Path(path)
    if not path.exists():
        raise InputError("scenariefilen findes ikke", file=path.resolve())
    if path.is_dir():
        raise InputError("scenariet er en mappe, ikke en fil", file=path.resolve())
    try:
        text = path.read_bytes().decode("utf-8-sig")
        raw = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise InputError("scenariefilen er ikke UTF-8-tekst", file=path) from exc
    except OSError as exc:
        raise InputError(
            f"scenariefilen kan ikke læses ({exc.strerror or exc})", file=path
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, path) from exc
    except RecursionError as exc:  # tomllib recurses into nested arrays and tables
        raise InputError("scenariefilen er for dybt indlejret ([[[...]]])", file=path) from exc
    return raw


# tomllib's most common complaints in Danish (by how the English message starts).
_TOML_DANISH = (
    ("Expected newline or end of document", "efter en værdi skal linjen slutte"),
    ("Invalid value", "ugyldig værdi (tekst skal stå i anførselstegn, decimaltal med punktum)"),
    ("Cannot overwrite a value", "indstillingen står to gange"),
    ("Cannot declare", "tabellen står to gange"),
    ("Expected '=' after a key", "forventede '=' efter indstillingens navn"),
    ("Unterminated string", "teksten mangler sit afsluttende anførselstegn"),
    ("Illegal character '\\n'", "teksten mangler sit afsluttende anførselstegn"),
    ("Unclosed array", "listen mangler sin afsluttende ']'"),
    ("Unclosed inline table", "tabellen mangler sin afsluttende '}'"),
    ("Expected ']' at the end of a table", "tabelnavnet mangler sin afsluttende ']'"),
    ("Invalid statement", "linjen er hverken en indstilling eller en [tabel]"),
    ("Invalid initial character for a key", "ugyldigt tegn i indstillingens navn"),
)


def _toml_error(exc: tomllib.TOMLDecodeError, text: str, path: Path) -> InputError:
    """A TOML syntax error in Danish with its line and column and the line as written."""
    detail = str(exc)
    what = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)$", "", detail)
    for english, danish in _TOML_DANISH:
        if what.startswith(english):
            what = danish
            break
    m = re.search(r"\(at line (\d+), column (\d+)\)$", detail)
    if m is None:
        where = " ved filens slutning" if detail.endswith("(at end of document)") else ""
        return InputError(
            f"TOML-syntaksfejl{where}: {what}", file=path, hint="Se https://toml.io for syntaksen."
        )
    line, col = int(m.group(1)), int(m.group(2))
    lines = text.splitlines()
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else None
    return InputError(
        f"TOML-syntaksfejl i linje {line}, kolonne {col}: {what}",
        file=path,
        value=shown,
        hint="Tekst skal stå i anførselstegn, decimaltal med punktum (7.4), tabeller som "
        "[targets]; se https://toml.io.",
    )
