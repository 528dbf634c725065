"""sygefravaer: sickness-absence targets and budget reductions for Danish municipalities."""

__version__ = "0.1.0"
