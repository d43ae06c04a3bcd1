"""The report's charts as standalone SVG strings, in the official SDG colours.

Each chart has a fixed element id (``chart-wheel``, ``chart-coverage``...) that the report
and its browser test look for, and a ``<title>`` tooltip on every mark.
"""

from __future__ import annotations

import html
import math

from .._taxonomy import taxonomy
from ..mapping._results import CoverageProfile, GroupBreakdown, MapComparison
from ..results import SystemicSummary
from ._labels import FIELD_NAMES, LABELS, OTHER_FIELD
from ._svg import circle, colon, document, esc, line, number, percent, polar, rect, slug, text

_NO_DATA = "#e6e6e6"


def goal_name(goal: int, language: str) -> str:
    return f"{LABELS[language]['goal']} {goal} · {taxonomy().goal(goal).short(language)}"


def field_label(field: str, language: str) -> str:
    """A grouping field as a reader says it: "région", or « theme » for a column the report does not know."""
    return FIELD_NAMES[language].get(field) or OTHER_FIELD[language].format(field=shown(field))


def shown(value) -> str:
    """User text as it should read: HTML entities from scraped sources (``&amp;``, ``&nbsp;``) decoded.

    Escaping happens once, when the SVG or the page is written.
    """
    return html.unescape(str(value))


def wheel_svg(profile: CoverageProfile, language: str = "en") -> str:
    """SDG profile wheel: 17 wedges, each wedge's area proportional to the goal's share."""
    size, centre, inner, outer = 460, 230, 58, 190
    top = max((g.share for g in profile.goals), default=0.0)
    step = 360 / 17
    body = []
    for item in profile.goals:
        colour = taxonomy().goal(item.goal).colour
        start, end = (item.goal - 1) * step + 0.8, item.goal * step - 0.8
        tip = f"{goal_name(item.goal, language)}{colon(language)}{item.count} ({percent(item.share, language)})"
        body.append(_sector(centre, inner, outer, start, end, tip, fill=colour, fill_opacity="0.16"))
        if item.share > 0:
            radius = math.sqrt(inner**2 + (outer**2 - inner**2) * item.share / top)
            body.append(_sector(centre, inner, radius, start, end, tip, fill=colour, class_="wedge"))
        x, y = polar(centre, centre, outer + 18, (start + end) / 2)
        body.append(text(x, y + 5, item.goal, text_anchor="middle", font_weight="700", fill=colour, font_size="15"))
    body.append(text(centre, centre - 2, profile.count, text_anchor="middle", font_size="24", font_weight="700"))
    body.append(text(centre, centre + 18, LABELS[language]["initiatives_count"], text_anchor="middle", fill="#555"))
    return document("chart-wheel", size, size, "".join(body), LABELS[language]["profile"])


def _sector(centre: float, r0: float, r1: float, start: float, end: float, tooltip: str, **attributes) -> str:
    a0, a1 = polar(centre, centre, r1, start), polar(centre, centre, r1, end)
    b1, b0 = polar(centre, centre, r0, end), polar(centre, centre, r0, start)
    path = (f"M{a0[0]:.2f},{a0[1]:.2f} A{r1:.2f},{r1:.2f} 0 0 1 {a1[0]:.2f},{a1[1]:.2f} "
            f"L{b1[0]:.2f},{b1[1]:.2f} A{r0:.2f},{r0:.2f} 0 0 0 {b0[0]:.2f},{b0[1]:.2f} Z")
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attributes.items())
    return f'<path d="{path}"{extra}><title>{esc(tooltip)}</title></path>'


def coverage_svg(profile: CoverageProfile, language: str = "en") -> str:
    """Horizontal bars: share of initiatives per goal, with a tick at the mean score, on a labelled axis."""
    words = LABELS[language]
    label_width, bar_width, row, top = 330, 320, 24, 40
    largest = max((max(g.share, g.mean_score) for g in profile.goals), default=0.0)
    scale, step = _share_axis(largest)
    body = []
    for k in range(round(scale / step) + 1):
        x = label_width + bar_width * k * step / scale
        body.append(line(x, top - 4, x, top + 17 * row, stroke="#d9d9d9" if k else "#444"))
        body.append(text(x, top - 8, percent(k * step, language), text_anchor="middle", font_size="10", fill="#555"))
    body.append(text(label_width + bar_width / 2, 14, words["coverage_axis"], text_anchor="middle", font_size="11",
                     font_weight="700", fill="#444", class_="axis-title"))
    for item in profile.goals:
        y = top + (item.goal - 1) * row
        colour = taxonomy().goal(item.goal).colour
        tip = f"{goal_name(item.goal, language)}{colon(language)}{item.count} ({percent(item.share, language, 1)})"
        body.append(text(label_width - 8, y + 16, _short(goal_name(item.goal, language), 46), text_anchor="end"))
        body.append(rect(label_width, y + 3, bar_width * item.share / scale, row - 6, tip, fill=colour, class_="bar"))
        tick = label_width + bar_width * item.mean_score / scale
        body.append(line(tick, y + 1, tick, y + row - 1, stroke="#222", stroke_width="2"))
        body.append(text(label_width + bar_width + 8, y + 16, f"{item.count} · {percent(item.share, language)}"))
    height = top + 17 * row + 10
    return document("chart-coverage", label_width + bar_width + 90, height, "".join(body), words["coverage"])


def _share_axis(largest: float) -> tuple[float, float]:
    """A round end for a share axis (10 %, 20 %, 25 %, 50 %... 100 %) and its tick step."""
    for end, step in ((0.1, 0.02), (0.2, 0.05), (0.25, 0.05), (0.4, 0.1), (0.5, 0.1), (0.6, 0.1), (0.8, 0.2), (1.0, 0.2)):
        if largest <= end + 1e-9:
            return end, step
    return 1.0, 0.2


def phi_colour(phi: float | None) -> str:
    """Diverging scale: blue (−1), white (0), red (+1); grey when phi is undefined."""
    if phi is None:
        return _NO_DATA
    strength = min(1.0, abs(phi)) ** 0.7
    far = (178, 24, 43) if phi > 0 else (33, 102, 172)
    mixed = (round(255 + (c - 255) * strength) for c in far)
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def heatmap_svg(profile: CoverageProfile, language: str = "en") -> str:
    """17 x 17 co-occurrence matrix: colour = phi, number = initiatives serving both goals."""
    words = LABELS[language]
    cell, margin = 26, 34
    pairs = {(p.goal_a, p.goal_b): p for p in profile.cooccurrence}
    body = []
    for goal in range(1, 18):
        colour = taxonomy().goal(goal).colour
        offset = margin + (goal - 1) * cell
        body.append(rect(offset + 2, 4, cell - 4, margin - 10, goal_name(goal, language), fill=colour))
        body.append(text(offset + cell / 2, margin - 11, goal, text_anchor="middle", fill="#fff", font_weight="700", font_size="11"))
        body.append(rect(4, offset + 2, margin - 10, cell - 4, goal_name(goal, language), fill=colour))
        body.append(text((margin - 6) / 2 + 2, offset + cell / 2 + 4, goal, text_anchor="middle", fill="#fff", font_weight="700", font_size="11"))
    for a in range(1, 18):
        for b in range(1, 18):
            x, y = margin + (b - 1) * cell, margin + (a - 1) * cell
            if a == b:
                count = profile.goals[a - 1].count
                body.append(rect(x, y, cell - 1, cell - 1, f"{goal_name(a, language)}{colon(language)}{count}", fill="#fafafa", stroke="#ccc"))
                body.append(text(x + cell / 2 - 0.5, y + cell / 2 + 4, count, text_anchor="middle", font_size="10",
                                 font_weight="700", fill=taxonomy().goal(a).colour))
                continue
            pair = pairs.get((min(a, b), max(a, b)))
            phi = pair.phi if pair else None
            tip = f"{a} + {b}{colon(language)}{pair.count if pair else 0} {words['both']}" + (
                f", phi {number(phi, language)}, lift {number(pair.lift, language)}" if pair and phi is not None and pair.lift is not None else "")
            body.append(rect(x, y, cell - 1, cell - 1, tip, fill=phi_colour(phi), class_="cell"))
            if pair and pair.count:
                dark = phi is not None and abs(phi) > 0.55
                body.append(text(x + cell / 2 - 0.5, y + cell / 2 + 4, pair.count, text_anchor="middle", font_size="10",
                                 fill="#fff" if dark else "#333"))
    legend_y = margin + 17 * cell + 14
    for i in range(21):
        phi = -1 + i * 0.1
        body.append(rect(margin + i * 14, legend_y, 14, 10, fill=phi_colour(phi)))
    for value, x in ((-1, margin), (0, margin + 10 * 14 + 7), (1, margin + 21 * 14)):
        body.append(text(x, legend_y + 24, f"phi {value}", text_anchor="middle", font_size="10"))
    size = margin + 17 * cell + 4
    return document("chart-heatmap", size, legend_y + 32, "".join(body), words["cooccurrence"])


def network_svg(profile: CoverageProfile, language: str = "en") -> str:
    """Goals on a circle, linked when they co-occur above the network threshold."""
    words = LABELS[language]
    size, centre, radius = 440, 220, 165
    top = max((g.share for g in profile.goals), default=0.0) or 1.0
    spot = {g: polar(centre, centre, radius, (g - 1) * 360 / 17) for g in range(1, 18)}
    body = ['<g class="edges">']
    for edge in profile.network:
        (x1, y1), (x2, y2) = spot[edge.goal_a], spot[edge.goal_b]
        tip = f"{edge.goal_a} + {edge.goal_b}{colon(language)}{edge.count} {words['both']}, phi {number(edge.phi, language)}"
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#4a4a4a" '
                    f'stroke-opacity="0.55" stroke-width="{1 + 7 * edge.phi:.1f}" class="edge"><title>{esc(tip)}</title></line>')
    body.append("</g>")
    for item in profile.goals:
        x, y = spot[item.goal]
        tip = f"{goal_name(item.goal, language)}{colon(language)}{item.count} ({percent(item.share, language)})"
        body.append(circle(x, y, 9 + 13 * math.sqrt(item.share / top), tip, fill=taxonomy().goal(item.goal).colour,
                           stroke="#fff", stroke_width="2", class_="node"))
        body.append(text(x, y + 4, item.goal, text_anchor="middle", fill="#fff", font_weight="700", font_size="11"))
    if not profile.network:
        body.append(text(centre, centre, words["no_links"], text_anchor="middle", fill="#666"))
    # Legend: what a circle's area and a line's width stand for, with sample marks.
    y = size + 4
    body.append('<g class="legend">')
    for dx, share in ((24, 0.1), (62, 0.5)):
        body.append(circle(dx, y + 16, 9 + 13 * math.sqrt(min(1.0, share / top)), None, fill="#bbb"))
    body.append(text(96, y + 14, words["network_node"], font_size="11"))
    body.append(text(96, y + 28, f"{percent(0.1, language)}, {percent(0.5, language)}", font_size="10", fill="#666"))
    for dx, phi in ((10, 0.1), (48, 0.5)):
        body.append(line(dx, y + 56, dx + 30, y + 56, stroke="#4a4a4a", stroke_opacity="0.55", stroke_width=f"{1 + 7 * phi:.1f}"))
    body.append(text(96, y + 54, words["network_edge"], font_size="11"))
    body.append(text(96, y + 68, f"phi {number(0.1, language, 1)}, {number(0.5, language, 1)}", font_size="10", fill="#666"))
    body.append("</g>")
    return document("chart-network", size, size + 80, "".join(body), words["network"])


def systemic_svg(summary: SystemicSummary, language: str = "en") -> str:
    """Histogram of systemic scores over [0, 1], with a box for the quartiles and the median."""
    words = LABELS[language]
    left, width, top, height = 52, 440, 56, 170
    top_count = max((b.count for b in summary.histogram), default=0) or 1
    body = []
    for count in _count_ticks(top_count):
        y = top + height - height * count / top_count
        body.append(line(left, y, left + width, y, stroke="#e3e3e3"))
        body.append(text(left - 6, y + 4, count, text_anchor="end", font_size="10", fill="#666"))
    for item in summary.histogram:
        x, w = left + width * item.low, width * (item.high - item.low)
        h = height * item.count / top_count
        tip = f"{number(item.low, language, 1)}–{number(item.high, language, 1)}{colon(language)}{item.count}"
        body.append(rect(x + 1, top + height - h, w - 2, h, tip, fill="#19486A", class_="bin"))
    for tick in range(11):
        x = left + width * tick / 10
        body.append(line(x, top + height, x, top + height + 4, stroke="#444"))
        body.append(text(x, top + height + 17, number(tick / 10, language, 1), text_anchor="middle", font_size="10"))
    q1, q3, median = (left + width * v for v in (summary.q1, summary.q3, summary.median))
    box = (f"{words['median']} {number(summary.median, language)}, {words['quartiles']} "
           f"{number(summary.q1, language)}–{number(summary.q3, language)}, {words['mean']} {number(summary.mean, language)}")
    body.append(line(left + width * summary.minimum, 30, left + width * summary.maximum, 30, stroke="#444"))
    body.append(rect(q1, 20, max(q3 - q1, 1), 20, box, fill="#fff", stroke="#444", class_="box"))
    body.append(line(median, 20, median, 40, stroke="#C5192D", stroke_width="3"))
    body.append(text(left + width, 14, box, text_anchor="end", font_size="11", fill="#444"))
    body.append(text(left + width / 2, top + height + 36, words["systemic_axis_x"], text_anchor="middle", font_size="11",
                     font_weight="700", fill="#444", class_="axis-title"))
    middle = top + height / 2
    body.append(text(12, middle, words["systemic_axis_y"], text_anchor="middle", font_size="11", font_weight="700",
                     fill="#444", transform=f"rotate(-90 12 {middle:.0f})", class_="axis-title"))
    return document("chart-systemic", left + width + 20, top + height + 44, "".join(body), words["systemic"])


def _count_ticks(top: int) -> list[int]:
    """Whole-number gridlines: 0, then steps of 1, 2 or 5 × 10^k (at most 6 lines), up to ``top``."""
    step = next(m * 10**k for k in range(12) for m in (1, 2, 5) if top / (m * 10**k) <= 5)
    return list(range(0, top + 1, step))


def groups_svg(breakdown: GroupBreakdown, comparisons: dict[str, MapComparison], language: str = "en",
               field_label: str | None = None) -> str:
    """Group x goal grid: cell colour strength = share, ▲/▼ = significantly above/below the rest; with a legend."""
    words = LABELS[language]
    labels = [f"{_short(shown(group.value), 28)} ({group.count})" for group in breakdown.groups]
    # Room for the longest label (about 7 px a character at 12 px), so none is cut at the left.
    label_width = max(120, 16 + round(7 * max((len(label) for label in labels), default=0)))
    cell, row, top = 30, 26, 30
    tops = [max((g.share for g in group.goals), default=0.0) for group in breakdown.groups]
    scale = max(tops, default=0.0) or 1.0
    body = []
    for goal in range(1, 18):
        x = label_width + (goal - 1) * cell
        body.append(rect(x + 1, 4, cell - 2, top - 8, goal_name(goal, language), fill=taxonomy().goal(goal).colour))
        body.append(text(x + cell / 2, top - 10, goal, text_anchor="middle", fill="#fff", font_weight="700", font_size="11"))
    for index, (group, label) in enumerate(zip(breakdown.groups, labels)):
        y = top + index * row
        body.append(text(label_width - 8, y + 17, label, text_anchor="end", class_="group-label"))
        differences = comparisons.get(group.value)
        for item in group.goals:
            x = label_width + (item.goal - 1) * cell
            tip = (f"{shown(group.value)} · {goal_name(item.goal, language)}{colon(language)}"
                   f"{item.count}/{group.count} ({percent(item.share, language, 1)})")
            body.append(rect(x + 1, y + 1, cell - 2, row - 2, None, fill="#f4f4f4"))
            body.append(rect(x + 1, y + 1, cell - 2, row - 2, tip, fill=taxonomy().goal(item.goal).colour,
                             fill_opacity=_strength(item.share, scale) if item.count else "0", class_="cell"))
            mark = _mark(differences, item.goal)
            if mark:
                body.append(text(x + cell / 2, y + 17, mark, text_anchor="middle", font_size="12", font_weight="700"))
    # Legend: the colour ramp (in the grey of no goal, darkening as a goal's colours do) and the marks.
    y = top + len(breakdown.groups) * row + 12
    body.append('<g class="legend">')
    body.append(text(label_width - 8, y + 12, words["groups_legend"], text_anchor="end", font_size="11"))
    for k in range(6):
        share = scale * k / 5
        body.append(rect(label_width + k * 34, y + 2, 32, 14, None, fill="#19486A", fill_opacity=_strength(share, scale) if k else "0",
                         stroke="#ccc"))
        body.append(text(label_width + k * 34 + 16, y + 30, percent(share, language), text_anchor="middle", font_size="10"))
    body.append(text(label_width + 6 * 34 + 12, y + 13, words["groups_marks"], font_size="11", style="white-space:pre"))
    body.append("</g>")
    height = y + 38
    title = words["groups"].format(field=field_label or breakdown.field)
    return document(f"chart-groups-{slug(breakdown.field)}", label_width + 17 * cell + 10, height, "".join(body), title)


def _strength(share: float, scale: float) -> str:
    return f"{0.08 + 0.92 * share / scale:.3f}"


def _mark(comparison: MapComparison | None, goal: int) -> str:
    if comparison is None:
        return ""
    difference = comparison.goals[goal - 1]
    if not difference.significant:
        return ""
    return "▲" if difference.difference > 0 else "▼"


def _short(value: str, limit: int = 24) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
