"""The one error type for problems the user can fix in their input (exit status 2)."""

from __future__ import annotations

import numbers
from pathlib import Path


class InputError(Exception):
    """A problem in the user's input, located as precisely as we know it.

    `row` is the row number as the spreadsheet shows it (1-based, header row included).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.hint = hint
        super().__init__(self.render())

    def location(self) -> str:
        """Where the problem is: file, sheet, row and column, as far as known."""
        parts = []
        if self.file:
            parts.append(f"fil {self.file}")
        if self.sheet:
            parts.append(f"ark {self.sheet!r}")
        if self.row is not None:
            parts.append(f"række {self.row}")
        if self.column:
            parts.append(f"kolonne {self.column!r}")
        return ", ".join(parts)

    def render(self) -> str:
        """The full message for stderr: location, problem, offending value and what is accepted."""
        text = self.message
        loc = self.location()
        if loc:
            text = f"{loc}: {text}"
        if self.value is not None:
            text += f" (værdi: {_shown(self.value)})"
        if self.hint:
            text += f"\n  {self.hint}"
        return text


def _shown(value: object) -> str:
    """An offending value as the user sees it: numbers in Danish form (-4.000.000, 12,5)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return repr(value) if isinstance(value, str) else repr(str(value))
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:  # 2013 stays 2013; 60000 is shown as 60.000
        return f"{int(v):,}".replace(",", ".") if abs(v) >= 10_000 else str(int(v))
    return f"{v:g}".replace(".", ",")


class InputWarning:
    """A problem that does not stop the run; collected and shown on stderr and in workbooks."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"InputWarning({self.message!r})"


class AllocationError(InputError):
    """A model cannot carry an increment (no units, caps too small): exit status 2 (4.5)."""
