"""What core reads of the validated input tables: the io layer's Table and Inputs have it.

core imports nothing from io/; these protocols name the part of the contract it relies on, so
that any object with these attributes (a table read from a file, or one built in a test) will do.
Core only reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning


class InputTable(Protocol):
    """A validated table: its rows, where it came from, and the text codes of some columns."""

    @property
    def data(self) -> pd.DataFrame: ...

    @property
    def path(self) -> Path: ...

    @property
    def codes(self) -> Mapping[str, np.ndarray]: ...

    @property
    def code_texts(self) -> Mapping[str, np.ndarray]: ...

    def sorted_units(self) -> tuple[np.ndarray, pd.MultiIndex] | None: ...

    def error(self, message: str, **where: object) -> InputError: ...


class InputTables(Protocol):
    """A scenario's tables, read and checked against each other (`national`, `targets` may be
    absent), and the warnings found on the way."""

    @property
    def absence(self) -> InputTable: ...

    @property
    def units(self) -> InputTable: ...

    @property
    def national(self) -> InputTable | None: ...

    @property
    def targets(self) -> InputTable | None: ...

    @property
    def warnings(self) -> list[InputWarning]: ...
