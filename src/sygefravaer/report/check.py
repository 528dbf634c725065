"""The text of `sygefravaer check`: every problem by file (errors, then warnings, then notes),
then a short summary of what was read. It receives the report and computes nothing."""

from __future__ import annotations

ROLE_NAMES = {
    "scenario": "Scenariet",
    "absence": "Fravær",
    "units": "Enheder",
    "national": "Landsgennemsnit",
    "targets": "Måltal",
    "computation": "Beregningen",
}


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _indent(text: str) -> str:
    return "\n".join(
        "    " + line.strip() if i else line for i, line in enumerate(text.splitlines())
    )


def _shown(path) -> str:
    """A path as the analyst gave it: relative to the working folder where it lies below it."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_lines(report) -> list[str]:
    """The report as lines of Danish text, one block per file."""
    lines = [f"Kontrol af {report.name or report.scenario} ({report.scenario})", ""]
    for f in report.files:
        where = "" if f.path is None else f" {_shown(f.path)}"
        rows = "" if f.rows is None else f" ({_n(f.rows, 'række', 'rækker')})"
        lines.append(f"{ROLE_NAMES.get(f.role, f.role)}:{where}{rows}")
        if not (f.errors or f.warnings or f.notes):
            lines.append("  ingen problemer")
        lines += [f"  Fejl: {_indent(e.render())}" for e in f.errors]
        lines += [f"  Advarsel: {w}" for w in f.warnings]
        lines += [f"  Bemærk: {n}" for n in f.notes]
        lines.append("")
    lines += _summary_lines(report.summary)
    e, w, n = len(report.errors), len(report.warnings), len(report.notes)
    verdict = "klar til brug" if not e else "ret fejlene, før tallene bruges"
    lines.append(
        f"Resultat: {_n(e, 'fejl', 'fejl')}, {_n(w, 'advarsel', 'advarsler')}, "
        f"{_n(n, 'bemærkning', 'bemærkninger')}: {verdict}"
    )
    return lines


def _span(values: list) -> str:
    if not values:
        return "ingen"
    return str(values[0]) if len(values) == 1 else f"{values[0]}-{values[-1]} ({len(values)})"


def _summary_lines(summary: dict) -> list[str]:
    if "units" not in summary:
        return []
    totals = summary.get("totals") or {}
    money = "; ".join(f"{y}: {t:,}".replace(",", ".") + " kr." for y, t in totals.items())
    return [
        "Læst:",
        f"  {summary['centers']} centre, {summary['units']} enheder, "
        f"{summary['staff_groups']} personalegrupper",
        f"  perioder: {', '.join(summary['periods'])}",
        f"  KRL-år: {_span(summary.get('krl_years', []))}",
        f"  totaler: {money or 'ingen'}",
        "",
    ]
