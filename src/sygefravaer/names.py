"""How names from the input tables are compared (domain.md 3), shared by reading and the rules."""

from __future__ import annotations

# The all-municipality average: the fallback for a staff group without a national figure (4.2).
KRL_TOTAL = "Kommuner i alt"


def group_key(name: object) -> str:
    """A staff group as it is matched against KRL's spelling: spaces folded, case ignored."""
    return " ".join(str(name).split()).casefold()


KRL_TOTAL_KEY = group_key(KRL_TOTAL)
