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


class InputErrors(InputError):
    """Several input problems found together (a reader that checks every row reports every bad
    row, not only the first); `errors` holds each one, the first gives the message."""

    def __init__(self, errors: list[InputError]) -> None:
        if not errors:
            raise ValueError("InputErrors needs at least one error")
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(
            first.message,
            file=first.file,
            sheet=first.sheet,
            row=first.row,
            column=first.column,
            value=first.value,
            hint=first.hint,
        )

    def render(self) -> str:
        """Every problem, one block each (the first as a single InputError renders it)."""
        if len(getattr(self, "errors", ())) <= 1:
            return super().render()
        return "\n".join(e.render() for e in self.errors)


def raise_all(errors: list[InputError]) -> None:
    """Raise the problems found: one InputError as it is, several as InputErrors; none: return."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)


class InputWarning:
    """Data that may be right but is doubtful: shown on stderr, in `run --json` and on the
    workbooks' assumptions sheet; `--strict` turns it into exit status 2. It names what it doubts
    (`file`, and the row or unit in the message)."""

    is_note = False

    def __init__(self, message: str, *, file: str | Path | None = None) -> None:
        self.message = message
        self.file = str(file) if file is not None else None

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and str(other) == str(self)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.message))


def strict_error(warnings: list[InputWarning], doing: str) -> InputError | None:
    """Under --strict: the error for the warnings (not the notes) among `warnings`, counted once
    each, or None when there are none. `doing` says what was not done ("intet er skrevet")."""
    doubts = len({str(w) for w in warnings if not w.is_note})
    if not doubts:
        return None
    return InputError(
        f"--strict: {doubts} advarsel{'er' if doubts > 1 else ''} om data (se ovenfor); {doing}",
        hint="Ret data, eller kør uden --strict for at fortsætte trods advarslerne.",
    )


class InputNote(InputWarning):
    """Something the reader did that the analyst should know but that is not a doubt about the
    data (unknown columns skipped, a provisional KRL year): shown, never turned into exit 2."""

    is_note = True


class AllocationError(InputError):
    """A model cannot carry an increment (no units, caps too small): exit status 2 (4.5)."""
