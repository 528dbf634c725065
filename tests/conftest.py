"""Shared fixtures: paths to the small input files under tests/data/."""

import sys
from pathlib import Path

import pytest

# Shared helpers (cli_tables) are imported by name from every test folder.
sys.path.insert(0, str(Path(__file__).parent))

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables are printed as to a pipe without COLUMNS (200 wide), however the tests are
    run: pytest-xdist's workers inherit a COLUMNS of the terminal that started them."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def data_dir() -> Path:
    return DATA


CORE = DATA / "core"


@pytest.fixture
def core_dir() -> Path:
    """Hand-computable core fixtures (glide/, national/, file/) used by the core tests."""
    return CORE


@pytest.fixture(scope="module")
def example():
    """The bundled eksempelkommune example, loaded once per test module (public API)."""
    import sygefravaer

    return sygefravaer.load(ROOT / "examples" / "eksempelkommune" / "scenario.toml")


@pytest.fixture(scope="module")
def revision():
    """The bundled revision2018 example (national rule, no reduction), loaded once per module."""
    import sygefravaer

    return sygefravaer.load(ROOT / "examples" / "revision2018" / "scenario.toml")
