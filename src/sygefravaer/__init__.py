"""sygefravaer: sickness-absence targets and budget-reduction allocation for Danish municipalities."""

__version__ = "0.1.0"
