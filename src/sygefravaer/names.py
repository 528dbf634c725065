"""How names from the input tables are compared (domain.md 3), shared by reading and the rules."""

from __future__ import annotations

import unicodedata

# The all-municipality average: the fallback for a staff group without a national figure (4.2).
KRL_TOTAL = "Kommuner i alt"

# A center, sector or staff-group cell with one of these names (normalized, case ignored), or
# ending in " i alt" or " total", marks a totals or subtotal row (domain.md 3).
TOTAL_NAMES = frozenset({"i alt", "total", "totalt", "hovedtotal", "subtotal", "sum", "samlet"})
TOTAL_ENDINGS = (" i alt", " total")


def normalize_name(name: object) -> str:
    """A name as the tables hold it (domain.md 3): Unicode NFC (a Mac writes å as a + ring),
    runs of whitespace, no-break spaces too, as one space, stripped."""
    text = str(name)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def group_key(name: object) -> str:
    """A name as it is matched ignoring letter case: normalized, then case folded (a staff
    group against KRL's spelling; two names of one table that differ only in case)."""
    key = normalize_name(name).casefold()
    return key if key.isascii() else unicodedata.normalize("NFC", key)


def is_total_name(name: object) -> bool:
    """Whether a center, sector or staff-group cell names a totals or subtotal row (domain.md 3):
    `I alt`, `Total`, `Hovedtotal`, ..., or `<name> i alt` / `<name> total`."""
    key = group_key(name)
    return key in TOTAL_NAMES or key.endswith(TOTAL_ENDINGS)


KRL_TOTAL_KEY = group_key(KRL_TOTAL)
