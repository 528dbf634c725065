"""The JSON keys domain.md section 5 fixes for a status document (units, centers, municipality),
written out here rather than taken from the code they check."""

STATUS_KEYS = {
    "fte",
    "sick_days",
    "days_per_fte",
    "target",
    "gap",
    "status",
    "excess_days",
    "potential",
}
