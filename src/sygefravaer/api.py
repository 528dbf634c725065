"""The public API: load a scenario with its inputs, then ask for targets, status, allocations."""

from __future__ import annotations

from pathlib import Path

from .core.scenario import Scenario, parse_scenario
from .io.scenario import read_scenario_file


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (domain.md 3.4); problems are InputErrors."""
    path = Path(path)
    return parse_scenario(read_scenario_file(path), path)
