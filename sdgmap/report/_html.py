"""The report page: one self-contained HTML file (inline SVG, CSS and JS, nothing fetched).

The page is the Jinja2 template ``templates/report.html.j2`` (with its CSS and scripts beside
it), rendered with autoescape: every user-supplied string is escaped exactly once, by the
template. This module only turns an impact map into plain values for it.

A Content-Security-Policy forbids any request at view time, and a first inline script
writes script errors and blocked requests into ``#js-errors``, so a headless browser can
check the page by dumping its DOM.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .._taxonomy import taxonomy
from ..about import __version__
from ..mapping._results import GroupBreakdown, ImpactMap, MapComparison, MappedInitiative
from ._charts import field_label, goal_name, shown
from ._labels import COMPONENTS, LABELS, OPERATING_POINTS
from ._svg import colon, number, percent, points, slug

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")
_EVIDENCE_PER_GOAL = 3


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The Jinja2 environment of the report's templates (autoescape on, undefined names fail)."""
    return Environment(loader=PackageLoader("sdgmap.report", "templates"), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_html(impact_map: ImpactMap, charts: dict[str, str], rows: list[MappedInitiative], language: str,
                title: str | None, comparisons: dict[str, dict[str, MapComparison]]) -> str:
    """The whole page; ``charts`` maps names (wheel, coverage...) to inline SVG."""
    words = LABELS[language]
    before, _, after = words["rows_note"].partition("{shown}")
    settings = impact_map.settings
    context = {
        "language": language,
        "words": words,
        "colon": colon(language),
        "csp": CSP,
        "version": __version__,
        "heading": title or words["title"],
        "impact": impact_map,
        "operating_points": ", ".join(OPERATING_POINTS[language].get(p, p) for p in impact_map.operating_points) or "—",
        "charts": {name: Markup(svg) for name, svg in charts.items()},  # noqa: S704 (built by _svg, escaped there)
        "goals": {g: _Goal(taxonomy().goal(g).colour, goal_name(g, language)) for g in range(1, 18)},
        "nav": [(key, words[key]) for key in ("profile", "gaps", "cooccurrence", "systemic", "map", "initiatives")],
        "gap_threshold": percent(settings.gap_threshold, language),
        "gaps": [{"goal": gap.goal, "kind": gap.kind, "count": gap.count, "share": percent(gap.share, language, 1)}
                 for gap in impact_map.gaps],
        "network_note": words["network_note"].format(phi=number(settings.network_min_phi, language, 2),
                                                     count=settings.network_min_count),
        "systemic_means": _systemic_means(impact_map, language),
        "dropped_values": ", ".join(f"{field_label(field, language)} ({count})"
                                    for field, count in impact_map.dropped_values.items()),
        "breakdowns": [_breakdown(b, comparisons.get(b.field, {}), language) for b in impact_map.breakdowns],
        "rows": [_row(item, language) for item in rows],
        "rows_note": (before, after.format(total=impact_map.count)),
    }
    return template_environment().get_template("report.html.j2").render(context)


class _Goal:
    __slots__ = ("colour", "name")

    def __init__(self, colour: str, name: str) -> None:
        self.colour, self.name = colour, name


def _systemic_means(impact_map: ImpactMap, language: str) -> list[tuple[str, str]]:
    if impact_map.systemic is None:
        return []
    names = COMPONENTS[language]
    return [(names.get(name, name), number(value, language)) for name, value in impact_map.systemic.component_means.items()]


def _breakdown(breakdown: GroupBreakdown, comparisons: dict[str, MapComparison], language: str) -> dict:
    field = field_label(breakdown.field, language)
    groups = []
    for group in breakdown.groups:
        top = sorted((g for g in group.goals if g.count), key=lambda g: (-g.count, g.goal))[:4]
        differences = comparisons.get(group.value)
        marks = [] if differences is None else [
            ("▲" if d.difference > 0 else "▼", d.goal, points(d.difference, language))
            for d in differences.goals if d.significant]
        groups.append({
            "value": shown(group.value),
            "count": group.count,
            "top": [(g.goal, f"{goal_name(g.goal, language)}{colon(language)}{percent(g.share, language)}") for g in top],
            "median": number(group.systemic.median, language) if group.systemic else "—",
            "marks": marks,
        })
    return {"key": f"groups-{slug(breakdown.field)}", "heading": LABELS[language]["groups"].format(field=field),
            "column": field[:1].upper() + field[1:], "groups": groups, "missing": breakdown.missing}


def _row(item: MappedInitiative, language: str) -> dict:
    initiative, reading = item.initiative, item.classification
    scores = {g.goal: g.score for g in reading.goals}
    place = ", ".join(shown(v) for v in (initiative.place, initiative.region) if v)
    text = shown(initiative.text)
    name = shown(initiative.name) if initiative.name else text[:60]
    evidence = []
    for goal in reading.sdgs:  # each phrase next to the goal it supports, strongest first
        phrases = sorted((e for e in reading.evidence if e.kind == "phrase" and e.goal == goal), key=lambda e: -e.weight)
        if phrases:
            evidence.append((goal, [shown(e.text) for e in phrases[:_EVIDENCE_PER_GOAL]]))
    return {
        "id": shown(initiative.id),
        "name": name,
        "text": text[:400],
        "place": place,
        "year": initiative.year or "",
        "language": reading.language,
        "sdgs": list(reading.sdgs),
        "sort": reading.sdgs[0] if reading.sdgs else 99,
        "chips": [(g, f"{goal_name(g, language)}{colon(language)}{number(scores[g], language)}") for g in reading.sdgs],
        "systemic": "" if item.systemic_score is None else number(item.systemic_score, language),
        "systemic_sort": item.systemic_score if item.systemic_score is not None else -1,
        "evidence": evidence,
        "search": " ".join(str(v) for v in (shown(initiative.id), name, place, text) if v).lower(),
    }
