"""The report page: one self-contained HTML file (inline SVG, CSS and JS, nothing fetched).

A Content-Security-Policy forbids any request at view time, and a first inline script
writes script errors and blocked requests into ``#js-errors``, so a headless browser can
check the page by dumping its DOM. Every user-supplied string is escaped.
"""

from __future__ import annotations

from ._charts import goal_name
from ..mapping._results import ImpactMap, MapComparison, MappedInitiative
from ._labels import FIELD_NAMES, LABELS
from ._svg import esc, number, percent, slug
from .._taxonomy import taxonomy
from ..about import __version__

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

_CATCH_ERRORS = """
window.reportErrors = [];
function reportError(message) {
  window.reportErrors.push(String(message));
  var list = document.getElementById('js-error-list');
  if (list) {
    var item = document.createElement('li');
    item.textContent = String(message);
    list.appendChild(item);
    document.getElementById('js-errors').hidden = false;
  }
}
window.addEventListener('error', function (e) { reportError(e.message || 'error'); });
document.addEventListener('securitypolicyviolation', function (e) { reportError('blocked: ' + e.blockedURI); });
(function () {
  var original = console.error;
  console.error = function () { reportError([].join.call(arguments, ' ')); original.apply(console, arguments); };
})();
"""

_TABLE_SCRIPT = """
(function () {
  var table = document.getElementById('initiatives-table');
  if (table) {
    var goal = document.getElementById('goal-filter'), search = document.getElementById('search');
    var body = table.tBodies[0];
    var apply = function () {
      var g = goal.value, q = search.value.toLowerCase(), shown = 0;
      for (var i = 0; i < body.rows.length; i++) {
        var row = body.rows[i];
        var ok = (!g || (' ' + row.getAttribute('data-goals') + ' ').indexOf(' ' + g + ' ') >= 0) &&
                 (!q || row.getAttribute('data-search').indexOf(q) >= 0);
        row.hidden = !ok;
        if (ok) { shown++; }
      }
      document.getElementById('shown-count').textContent = shown;
    };
    goal.addEventListener('change', apply);
    search.addEventListener('input', apply);
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, column) {
      head.addEventListener('click', function () {
        var direction = head.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        head.setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) { var c = row.cells[column]; return c.getAttribute('data-sort') || c.textContent; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
          var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return direction * order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.documentElement.setAttribute('data-report-ready', '1');
})();
"""

_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0;color:#222;background:#f5f6f8}
header{background:#19486A;color:#fff;padding:22px 32px}header h1{margin:0 0 4px;font-size:26px}
header p{margin:2px 0;opacity:.9}nav{font-size:14px;margin-top:10px}nav a{color:#fff;margin-right:14px}
main{max-width:1200px;margin:0 auto;padding:8px 16px 32px}
section{background:#fff;border-radius:8px;padding:14px 24px 20px;margin:16px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:20px;margin:6px 0 12px}.figures{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
figure{margin:0}figcaption{font-size:13px;color:#555;max-width:520px;margin-top:4px}
svg.chart{max-width:100%;height:auto;display:block}
.chip{display:inline-block;min-width:20px;padding:0 5px;margin:1px;border-radius:4px;color:#fff;font-weight:700;font-size:12px;text-align:center}
.gaps li{margin:3px 0}.muted{color:#666;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#fafafa;position:sticky;top:0}th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}
td.id{white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}.evidence{color:#444;font-size:12px}
.controls{margin:8px 0;display:flex;gap:16px;flex-wrap:wrap}.errors{background:#fde8e8;border:1px solid #c5192d;padding:8px 16px}
@media print{header{background:#fff;color:#000}nav,.controls{display:none}section{box-shadow:none;break-inside:avoid}}
"""


def render_html(impact_map: ImpactMap, charts: dict[str, str], rows: list[MappedInitiative], language: str,
                title: str | None, comparisons: dict[str, dict[str, MapComparison]]) -> str:
    """The whole page; ``charts`` maps names (wheel, coverage...) to inline SVG."""
    words = LABELS[language]
    heading = title or words["title"]
    sections = [
        _section("profile", words["profile"], _figures(charts, [("wheel", words["wheel"]), ("coverage", words["coverage_note"])])),
        _section("gaps", words["gaps"], _gaps(impact_map, language)),
        _section("cooccurrence", words["cooccurrence"], _figures(charts, [
            ("heatmap", words["heatmap_note"]),
            ("network", words["network_note"].format(phi=number(impact_map.settings.network_min_phi, language, 2),
                                                     count=impact_map.settings.network_min_count))])),
        _section("systemic", words["systemic"], _systemic(impact_map, charts, language)),
    ]
    for breakdown in impact_map.breakdowns:
        field = FIELD_NAMES[language].get(breakdown.field, breakdown.field)
        key = f"groups-{slug(breakdown.field)}"
        content = _figures(charts, [(key, words["groups_note"])]) + _group_table(breakdown, comparisons.get(breakdown.field, {}), language)
        sections.append(_section(key, words["groups"].format(field=field), content))
    sections.append(_section("map", words["map"], _figures(charts, [("map", words["map_note"])]) if "map" in charts
                             else f'<p class="muted">{esc(words["no_map"])}</p>'))
    sections.append(_section("initiatives", words["initiatives"], _initiatives(rows, impact_map.count, language)))
    sections.append(_section("method", words["method"], f"<p>{esc(words['method_text'])}</p>"
                             f"<p class='muted'>{esc(words['downloads_text'])}</p>"))
    nav = "".join(f'<a href="#{key}">{esc(label)}</a>' for key, label in
                  [("profile", words["profile"]), ("gaps", words["gaps"]), ("cooccurrence", words["cooccurrence"]),
                   ("systemic", words["systemic"]), ("map", words["map"]), ("initiatives", words["initiatives"])])
    skipped = f"<p>{esc(words['skipped'].format(count=impact_map.skipped))}</p>" if impact_map.skipped else ""
    header = (f"<header><h1>{esc(heading)}</h1><p>{esc(words['subtitle'].format(count=impact_map.count))}</p>"
              f"<p>{esc(words['generated'].format(version=__version__, points=', '.join(impact_map.operating_points) or '—'))}</p>"
              f"{skipped}<nav aria-label=\"{esc(words['nav'])}\">{nav}</nav></header>")
    errors = (f'<div id="js-errors" class="errors" hidden><strong>{esc(words["js_errors"])}</strong>'
              f'<ul id="js-error-list"></ul></div>')
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{esc(heading)}</title><style>{_STYLE}</style><script>{_CATCH_ERRORS}</script></head>"
            f"<body>{header}<main>{errors}{''.join(sections)}</main><script>{_TABLE_SCRIPT}</script></body></html>\n")


def _section(key: str, heading: str, content: str) -> str:
    return f'<section id="{esc(key)}"><h2>{esc(heading)}</h2>{content}</section>'


def _figures(charts: dict[str, str], items: list[tuple[str, str]]) -> str:
    figures = "".join(f"<figure>{charts[key]}<figcaption>{esc(caption)}</figcaption></figure>"
                      for key, caption in items if key in charts)
    return f'<div class="figures">{figures}</div>'


def chip(goal: int, language: str, tooltip: str | None = None) -> str:
    info = taxonomy().goal(goal)
    return (f'<span class="chip" style="background:{info.colour}" title="{esc(tooltip or goal_name(goal, language))}">'
            f"{goal}</span>")


def _gaps(impact_map: ImpactMap, language: str) -> str:
    words = LABELS[language]
    threshold = percent(impact_map.settings.gap_threshold, language)
    if not impact_map.gaps:
        return f'<p id="gap-list">{esc(words["no_gaps"].format(threshold=threshold))}</p>'
    items = "".join(
        f"<li>{chip(gap.goal, language)} {esc(goal_name(gap.goal, language))}: {esc(words[gap.kind])}"
        + (f" ({gap.count} · {esc(percent(gap.share, language, 1))})" if gap.count else "") + "</li>"
        for gap in impact_map.gaps)
    return f'<p class="muted">{esc(words["gaps_note"].format(threshold=threshold))}</p><ul id="gap-list" class="gaps">{items}</ul>'


def _systemic(impact_map: ImpactMap, charts: dict[str, str], language: str) -> str:
    words = LABELS[language]
    if impact_map.systemic is None:
        return f'<p class="muted">{esc(words["no_systemic"])}</p>'
    means = ", ".join(f"{name} {number(value, language)}" for name, value in impact_map.systemic.component_means.items())
    return _figures(charts, [("systemic", words["systemic_note"])]) + f'<p class="muted">{esc(means)}</p>'


def _group_table(breakdown, comparisons: dict[str, MapComparison], language: str) -> str:
    words = LABELS[language]
    rows = []
    for group in breakdown.groups:
        top = sorted((g for g in group.goals if g.count), key=lambda g: (-g.count, g.goal))[:4]
        chips = "".join(chip(g.goal, language, f"{goal_name(g.goal, language)}: {percent(g.share, language)}") for g in top)
        differences = comparisons.get(group.value)
        marks = "" if differences is None else " ".join(
            f"{'▲' if d.difference > 0 else '▼'}{d.goal} ({'+' if d.difference > 0 else ''}{percent(d.difference, language)})"
            for d in differences.goals if d.significant)
        median = number(group.systemic.median, language) if group.systemic else "—"
        rows.append(f"<tr><td>{esc(group.value)}</td><td class='num'>{group.count}</td><td>{chips}</td>"
                    f"<td class='num'>{median}</td><td>{esc(marks)}</td></tr>")
    head = (f"<tr><th>{esc(FIELD_NAMES[language].get(breakdown.field, breakdown.field).capitalize())}</th><th>{esc(words['col_count'])}</th>"
            f"<th>{esc(words['col_goals'])}</th><th>{esc(words['col_systemic'])} ({esc(words['median'])})</th>"
            f"<th>{esc(words['versus_rest'])}</th></tr>")
    return f'<table class="groups"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _initiatives(rows: list[MappedInitiative], total: int, language: str) -> str:
    words = LABELS[language]
    options = "".join(f'<option value="{g}">{esc(goal_name(g, language))}</option>' for g in range(1, 18))
    controls = (f'<div class="controls"><label>{esc(words["filter_goal"])} <select id="goal-filter">'
                f'<option value="">{esc(words["all_goals"])}</option>{options}</select></label>'
                f'<label>{esc(words["search"])} <input id="search" type="search"></label>'
                f'<span class="muted"><span id="shown-count">{len(rows)}</span> · '
                f'{esc(words["rows_note"].format(shown=len(rows), total=total))}</span></div>')
    columns = ["col_id", "col_name", "col_place", "col_year", "col_language", "col_goals", "col_systemic", "col_evidence"]
    head = "".join(f"<th>{esc(words[c])}</th>" for c in columns)
    body = "".join(_initiative_row(item, language) for item in rows)
    return f'{controls}<table id="initiatives-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _initiative_row(item: MappedInitiative, language: str) -> str:
    initiative, reading = item.initiative, item.classification
    scores = {g.goal: g.score for g in reading.goals}
    chips = "".join(chip(g, language, f"{goal_name(g, language)}: {number(scores[g], language)}") for g in reading.sdgs)
    chips = chips or f'<span class="muted">{esc(LABELS[language]["no_goal"])}</span>'
    place = ", ".join(str(v) for v in (initiative.place, initiative.region) if v)
    phrases = [e.text for e in reading.evidence if e.kind == "phrase"][:3]
    systemic = "" if item.systemic_score is None else number(item.systemic_score, language)
    search = " ".join(str(v) for v in (initiative.id, initiative.name, place, initiative.text) if v).lower()
    return (f'<tr data-goals="{" ".join(map(str, reading.sdgs))}" data-search="{esc(search)}">'
            f"<td class='id'>{esc(initiative.id)}</td><td title=\"{esc(initiative.text[:400])}\">{esc(initiative.name or initiative.text[:60])}</td>"
            f"<td>{esc(place)}</td><td class='num'>{esc(initiative.year or '')}</td><td>{esc(reading.language)}</td>"
            f"<td data-sort=\"{reading.sdgs[0] if reading.sdgs else 99}\">{chips}</td>"
            f"<td class='num' data-sort=\"{item.systemic_score if item.systemic_score is not None else -1}\">{systemic}</td>"
            f"<td class='evidence'>{esc(' · '.join(phrases))}</td></tr>")
