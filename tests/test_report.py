"""The report page and its charts, read as HTML/SVG text (the browser checks are in test_report_browser.py).

Every initiative here is invented, and so is every reading (no model needed).
"""

import html
import re

import pytest

import sdgmap
from sdgmap.mapping import map_corpus
from sdgmap.report import coverage_svg, groups_svg, network_svg, systemic_svg, template_environment, write_report


def reading(selected, *, language="fr", evidence=()):
    """A Classification asserting ``selected`` (goal → score), with (goal, phrase) evidence found in the text."""
    scores = {g: 0.01 for g in range(1, 18)} | dict(selected)
    order = sorted(scores, key=lambda g: (-scores[g], g))
    return sdgmap.Classification(
        language=language,
        sdgs=[g for g in order if g in selected],
        goals=[sdgmap.GoalScore(goal=g, score=scores[g], selected=g in selected) for g in order],
        evidence=[sdgmap.Evidence(goal=g, kind="phrase", start=0, end=len(p), text=p, weight=1.0) for g, p in evidence],
        operating_point="balanced",
    )


def corpus():
    """Twenty gardens in one district serve goal 2, twenty repair shops in the other serve goal 12."""
    items = []
    for i in range(20):
        items.append(({"id": f"j{i}", "name": "Jardins &amp; Vergers du Clos", "text": "jardin potager partagé",
                       "quartier": "Nord"}, reading({2: 0.9, 11: 0.6}, evidence=[(2, "jardin potager"), (11, "partagé")])))
        items.append(({"id": f"r{i}", "name": "Répar&#39;Tout", "text": "atelier de réparation de vélos",
                       "quartier": "Sud"}, reading({12: 0.8}, evidence=[(12, "réparation")])))
    return items


@pytest.fixture(scope="module")
def french_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-fr")
    impact = map_corpus(corpus(), group_by=("quartier",), keep_results=True)
    return impact, write_report(impact, folder, language="fr").read_text(encoding="utf-8")


def test_the_page_is_a_jinja2_template_with_autoescape():
    environment = template_environment()
    assert environment.autoescape is True
    assert "report.html.j2" in environment.list_templates()


def test_user_text_is_escaped_once_and_entities_from_scraped_sources_read_as_characters(french_page):
    _, html = french_page
    assert "Jardins &amp; Vergers du Clos" in html and "&amp;amp;" not in html
    assert "Répar&#39;Tout" in html and "&amp;#39;" not in html


def test_differences_between_groups_are_percentage_points(french_page):
    impact, html = french_page
    marks = re.findall(r'<td class="marks">(.*?)</td>', html)
    assert marks and all("pts" in m and "%" not in m for m in marks if m)
    assert "▲2 (+100\u00a0pts)" in html and "▼12 (−100\u00a0pts)" in html


def test_unknown_grouping_field_is_named_as_a_column_in_french(french_page):
    _, html = french_page
    assert "Par colonne «\u00a0quartier\u00a0»" in html and "Par quartier" not in html


def test_evidence_is_listed_under_its_goal(french_page):
    _, html = french_page
    row = re.search(r'<tr data-goals="2 11".*?</tr>', html, re.S).group(0)
    items = re.findall(r'<li data-goal="(\d+)">(.*?)</li>', row, re.S)
    assert [goal for goal, _ in items] == ["2", "11"]
    assert "jardin potager" in items[0][1] and "partagé" in items[1][1] and "jardin" not in items[1][1]


def test_row_counter_is_one_sentence(french_page):
    _, html = french_page
    assert re.search(r'<span id="shown-count">40</span> initiatives affichées sur 40', html)


def test_french_colons_have_a_space_before(french_page):
    _, html = french_page
    text = re.sub(r"<[^>]+>", " ", html[html.find("<body"):])
    assert not re.search(r"\w:(\s|$)", text.replace("https:", "")), re.search(r".{30}\w:\s.{30}", text)


def test_charts_have_legends_and_axes(french_page):
    impact, _ = french_page
    breakdown = impact.breakdowns[0]
    groups = groups_svg(breakdown, {}, "fr", "quartier")
    assert 'class="legend"' in groups and "part du groupe" in groups and "100\u202f%" in groups
    network = network_svg(impact, "fr")
    assert 'class="legend"' in network and "aire du disque" in network and "épaisseur du trait" in network
    coverage = coverage_svg(impact, "fr")
    assert 'class="axis-title"' in coverage and ">0\u202f%<" in coverage
    assert ">50\u202f%<" in coverage and ">60\u202f%<" not in coverage  # an axis to the largest share, 50 %
    systemic = systemic_svg(impact.systemic, "fr")
    assert systemic.count('class="axis-title"') == 2 and "Score systémique" in systemic


def test_long_group_labels_get_room():
    items = [({"id": str(i), "text": "x", "region": "Communauté d'agglomération du Val-de-Brume"}, reading({2: 0.9}))
             for i in range(3)]
    impact = map_corpus(items, group_by=("region",))
    svg = groups_svg(impact.breakdowns[0], {}, "fr", "région")
    label = re.search(r'<text x="([\d.]+)"[^>]*class="group-label">([^<]*)</text>', svg)
    assert float(label.group(1)) >= 7 * len(html.unescape(label.group(2)))  # right-aligned at x: the text fits left of it


@pytest.mark.parametrize("language, dropped, missing", [
    ("en", "Values that could not be read were left out, their initiatives kept: latitude (1), year (2).",
           "Initiatives with no value for this field, in no group: 3."),
    ("fr", "Valeurs illisibles écartées, leurs initiatives gardées\u00a0: latitude (1), année (2).",
           "Initiatives sans valeur pour ce champ, dans aucun groupe\u00a0: 3."),
])
def test_dropped_values_and_initiatives_in_no_group_are_on_the_page(tmp_path, language, dropped, missing):
    items = [({"id": f"m{i}", "text": "marché de producteurs", "quartier": "Est"}, reading({2: 0.8})) for i in range(4)]
    items += [({"id": "a1", "text": "atelier vélo", "year": "Date du CA"}, reading({12: 0.7})),
              ({"id": "a2", "text": "atelier vélo", "year": "vers 2019", "latitude": 48.1}, reading({12: 0.7})),
              ({"id": "a3", "text": "atelier vélo", "year": 2021}, reading({12: 0.7}))]
    impact = map_corpus(items, group_by=("quartier",), keep_results=True)
    assert impact.count == 7 and impact.dropped_values == {"latitude": 1, "year": 2}
    assert impact.breakdowns[0].missing == 3
    page = write_report(impact, tmp_path, language=language).read_text(encoding="utf-8")
    header = page[page.index("<header>"):page.index("</header>")]
    assert f'<p id="dropped-values">{html.escape(dropped, quote=False)}</p>' in header
    section = re.search(r'<section id="groups-quartier">.*?</section>', page, re.S).group(0)
    assert f'<p class="muted" id="groups-quartier-missing">{missing}</p>' in section


def test_nothing_dropped_or_missing_says_nothing(french_page):
    impact, html_page = french_page
    assert not impact.dropped_values and impact.breakdowns[0].missing == 0
    assert 'id="dropped-values"' not in html_page and "-missing" not in html_page
