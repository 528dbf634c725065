"""Small-unit suppression (domain.md 3, `min_fte`): which units are hidden, and why."""

from __future__ import annotations

from sygefravaer.core.suppression import COMPLEMENT, SMALL, hidden_reasons, hidden_units, is_small


def rows(**fte):
    return [{"sector": k, "fte": v} for k, v in fte.items()]


def test_hidden_units_complementary_suppression():
    assert hidden_units(rows(a=3, b=10, c=40), 5) == {"a", "b"}  # 3 + 10 >= 5
    assert hidden_units(rows(a=3, b=4, c=40), 5) == {"a", "b"}  # both small: 7 >= 5
    assert hidden_units(rows(a=1, b=2, c=40), 5) == {"a", "b", "c"}  # 1 + 2 < 5
    assert hidden_units(rows(a=6, b=10), 5) == set()
    assert hidden_units(rows(a=3), 5) == {"a"}  # alone: the center itself is < 5 too
    assert hidden_units(rows(a=3, b=10), 0) == set()


def test_hidden_reasons_tell_a_small_unit_from_its_complement():
    # --min-fte 40: 12 fte is small; 40.7 is hidden only so that 12 cannot be worked out
    assert hidden_reasons(rows(a=12, b=40.7, c=90), 40) == {"a": SMALL, "b": COMPLEMENT}
    assert hidden_reasons(rows(a=3, b=4, c=40), 5) == {"a": SMALL, "b": SMALL}
    assert hidden_reasons(rows(a=40, b=41), 40) == {}  # exactly 40 is not under 40


def test_is_small():
    assert is_small(4.9, 5) and not is_small(5, 5)
    assert not is_small(None, 5) and not is_small(float("nan"), 5)
    assert not is_small(1, 0)  # min_fte 0 shows everything
