"""sygefravaer: sickness-absence targets and budget-reduction allocation for Danish municipalities.

The public API (see docs/api.md), loaded lazily so that `sygefravaer --help` stays light:

    import sygefravaer
    p = sygefravaer.load("scenario.toml")            # read and validate every input
    p.targets(); p.status(year=2014); p.allocate(2014); p.compare(2014); p.run("ud")
    p.diff("krl_2017.csv").targets()                  # old against new national averages

Every result has `to_dict()` (the `--json` document) and `to_frame()` (a pandas DataFrame).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Public name -> the module that defines it (imported on first use, module __getattr__).
_LAZY = {
    "load": "api",
    "load_scenario": "api",
    "Project": "api",
    "NationalDiff": "api",
    "DiffResult": "api",
    "RunOutput": "api",
    "InputError": "errors",
    "InputWarning": "errors",
    "AllocationError": "core.allocation",
    "TargetSet": "core.targets",
    "StatusResult": "core.status",
    "AllocationResult": "core.allocation",
    "CompareResult": "core.allocation",
    "RunResult": "core.run",
    "MODELS": "core.models",
}
__all__ = [
    "AllocationError",
    "AllocationResult",
    "CompareResult",
    "DiffResult",
    "InputError",
    "InputWarning",
    "MODELS",
    "NationalDiff",
    "Project",
    "RunOutput",
    "RunResult",
    "StatusResult",
    "TargetSet",
    "__version__",
    "load",
    "load_scenario",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports on demand
    from .api import DiffResult, NationalDiff, Project, RunOutput, load, load_scenario
    from .core.allocation import AllocationError, AllocationResult, CompareResult
    from .core.models import MODELS
    from .core.run import RunResult
    from .core.status import StatusResult
    from .core.targets import TargetSet
    from .errors import InputError, InputWarning


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'sygefravaer' has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
