"""Impact mapping of a corpus: numbers against hand-computed small corpora, exports, report, CLI.

Most maps here are built from hand-made Classification objects, so every expected number
is exact and worked out in the comments. All initiatives are invented.
"""

import csv
import io
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

import sdgmap
from sdgmap.cli import report
from sdgmap.io import (
    csv_cell,
    map_tables,
    read_initiatives,
    read_results,
    write_geojson,
    write_results_csv,
    write_results_jsonl,
    write_tables,
)
from sdgmap.mapping import (
    ImpactMap,
    Initiative,
    MapComparison,
    compare_groups,
    compare_maps,
    holm,
    map_corpus,
    two_proportion_z,
)
from sdgmap.report import write_report
from sdgmap.systemic import systemic_impact, systemic_summary
from sdgmap.util import Progress

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "docs" / "schema"
EXAMPLE = ROOT / "examples" / "initiatives_map.csv"


def reading(selected, *, others=None, language="en", targets=()):
    """A Classification asserting ``selected`` (goal → score); ``others`` are unasserted scores."""
    scores = {g: 0.0 for g in range(1, 18)} | dict(others or {}) | dict(selected)
    order = sorted(scores, key=lambda g: (-scores[g], g))
    return sdgmap.Classification(
        language=language,
        sdgs=[g for g in order if g in selected],
        goals=[sdgmap.GoalScore(goal=g, score=scores[g], selected=g in selected) for g in order],
        targets=[sdgmap.TargetScore(target=t, goal=g, score=s) for t, g, s in targets],
        operating_point="balanced",
    )


# Six invented initiatives. Goal counts: n3 = 3, n4 = 3, n11 = 2, N = 6.
CORPUS = [
    ({"id": "a", "text": "Les Jardins du Coteau", "region": "north", "year": 2020},
     reading({3: 0.9, 4: 0.8}, targets=[("3.4", 3, 0.6), ("4.7", 4, 0.5)])),
    ({"id": "b", "text": "Read and Run Club", "region": "north", "year": 2021},
     reading({3: 0.9, 4: 0.8}, targets=[("3.4", 3, 0.8)])),
    ({"id": "c", "text": "Café des Aidants", "region": "north"}, reading({3: 0.9})),
    ({"id": "d", "text": "Brickfield Learning Lofts", "region": "south", "year": 2020},
     reading({4: 0.8, 11: 0.6}, targets=[("4.7", 4, 0.7), ("11.6", 11, 1.0)])),
    ({"id": "e", "text": "La Navette des Hameaux", "region": "south", "latitude": 45.2, "longitude": 5.7},
     reading({11: 0.6}, language="fr")),
    ({"id": "f", "text": "Atelier Sans Nom"}, reading({}, others={1: 0.3}, language="fr")),
]


@pytest.fixture(scope="module")
def impact():
    return map_corpus(CORPUS, group_by=("region", "year", "category"), keep_results=True)


# --- coverage, gaps ---------------------------------------------------------------------------

def test_goal_coverage_counts_shares_and_mean_scores(impact):
    assert impact.count == 6 and impact.skipped == 0
    assert [g.count for g in impact.goals] == [0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]
    assert impact.coverage(3).share == 3 / 6 and impact.coverage(11).share == 2 / 6
    assert impact.coverage(3).mean_score == pytest.approx(3 * 0.9 / 6)
    assert impact.coverage(4).mean_score == pytest.approx(3 * 0.8 / 6)
    assert impact.coverage(1).mean_score == pytest.approx(0.3 / 6)  # scored, never asserted
    assert impact.no_goal == 1 and impact.mean_goals == pytest.approx(8 / 6)
    assert impact.languages == {"en": 4, "fr": 2}
    assert impact.operating_points == ("balanced",)


def test_target_coverage_most_listed_first(impact):
    rows = [(t.target, t.count, t.share, round(t.mean_score, 12)) for t in impact.targets]
    assert rows == [("3.4", 2, 2 / 6, 0.7), ("4.7", 2, 2 / 6, 0.6), ("11.6", 1, 1 / 6, 1.0)]


def test_gaps_never_and_rare_with_the_documented_threshold():
    never = map_corpus(CORPUS, group_by=())
    assert {g.goal for g in never.gaps} == set(range(1, 18)) - {3, 4, 11}
    assert {g.kind for g in never.gaps} == {"never"} and never.settings.gap_threshold == 0.05
    strict = map_corpus(CORPUS, group_by=(), gap_threshold=0.4)  # 11 has 2/6 = 0.33 < 0.4
    rare = [g for g in strict.gaps if g.kind == "rare"]
    assert [(g.goal, g.count, g.share) for g in rare] == [(11, 2, 2 / 6)]
    assert strict.gaps[-1].goal == 11  # least covered first: the 14 "never" goals, then 11


# --- co-occurrence ------------------------------------------------------------------------------

def test_phi_lift_and_expected_count_match_the_2x2_tables(impact):
    both = impact.pair(3, 4)  # n11 = 2, n10 = 1, n01 = 1, n00 = 2
    assert both.count == 2 and both.expected == pytest.approx(3 * 3 / 6)
    assert both.phi == pytest.approx((2 * 2 - 1 * 1) / math.sqrt(3 * 3 * 3 * 3))  # 1/3
    assert both.lift == pytest.approx(2 * 6 / (3 * 3))  # 4/3
    independent = impact.pair(11, 4)  # n11 = 1, n10 = 2, n01 = 1, n00 = 2: (2 - 2) / ... = 0
    assert independent.phi == pytest.approx(0.0) and independent.lift == pytest.approx(1.0)
    apart = impact.pair(3, 11)  # n11 = 0, n10 = 3, n01 = 2, n00 = 1
    assert apart.phi == pytest.approx(-6 / math.sqrt(3 * 3 * 2 * 4)) and apart.lift == 0.0
    never = impact.pair(1, 3)  # goal 1 is never asserted: phi and lift are undefined
    assert never.count == 0 and never.phi is None and never.lift is None and never.expected == 0.0
    assert len(impact.cooccurrence) == 136


def test_network_keeps_pairs_above_both_thresholds(impact):
    assert [(e.goal_a, e.goal_b) for e in impact.network] == [(3, 4)]
    loose = map_corpus(CORPUS, group_by=(), network_min_phi=0.0, network_min_count=1)
    assert [(e.goal_a, e.goal_b) for e in loose.network] == [(3, 4), (4, 11)]  # strongest phi first


def test_systemic_distribution_is_systemic_summary_of_the_impacts(impact):
    expected = systemic_summary([systemic_impact(c) for _, c in CORPUS])
    assert impact.systemic == expected
    assert map_corpus(CORPUS, group_by=(), systemic=False).systemic is None


# --- groups and comparisons --------------------------------------------------------------------

def test_breakdown_by_region_and_year(impact):
    region = impact.breakdown("region")
    assert [g.value for g in region.groups] == ["north", "south"] and region.missing == 1
    north = impact.group("region", "north")
    assert north.count == 3 and [north.coverage(g).count for g in (3, 4, 11)] == [3, 2, 0]
    assert north.coverage(4).share == 2 / 3
    pair = north.pair(3, 4)  # every northern initiative has 3: a constant margin, phi undefined
    assert pair.count == 2 and pair.phi is None and pair.lift == pytest.approx(2 * 3 / (3 * 2))
    assert north.systemic == systemic_summary([systemic_impact(c) for _, c in CORPUS[:3]])
    year = impact.breakdown("year")
    assert [(g.value, g.count) for g in year.groups] == [("2020", 2), ("2021", 1)] and year.missing == 3
    assert "category" not in [b.field for b in impact.breakdowns]  # no initiative has it
    with pytest.raises(ValueError, match="E031"):
        impact.breakdown("category")
    with pytest.raises(ValueError, match="E032"):
        impact.group("region", "west")


def test_values_past_max_groups_are_counted_not_grouped():
    capped = map_corpus(CORPUS, group_by="region", max_groups=1)
    region = capped.breakdown("region")
    assert [g.value for g in region.groups] == ["north"] and region.overflow == 2 and region.missing == 1


def test_two_proportion_z_and_holm_by_hand():
    z, p = two_proportion_z(40, 100, 60, 100)  # pooled 0.5: se = sqrt(0.25 * 0.02)
    assert z == pytest.approx(0.2 / math.sqrt(0.005)) and p == pytest.approx(math.erfc(2.0))
    assert two_proportion_z(0, 10, 0, 20) == (0.0, 1.0) and two_proportion_z(3, 0, 1, 5) == (None, None)
    # Holm: 0.01 <= 0.05/3 is rejected, then 0.03 > 0.05/2 stops the procedure.
    assert holm([0.01, 0.04, 0.03, None], 0.05) == [True, False, False, False]


def test_compare_maps_difference_z_and_significance():
    def corpus(k, n):
        return [({"text": "x"}, reading({1: 0.9} if i < k else {})) for i in range(n)]

    a, b = map_corpus(corpus(40, 100), group_by=()), map_corpus(corpus(60, 100), group_by=())
    comparison = compare_maps(a, b, labels=("2019", "2023"))
    first = comparison.goals[0]
    assert (first.share_a, first.share_b, first.difference) == (0.4, 0.6, pytest.approx(0.2))
    assert first.z == pytest.approx(2 * math.sqrt(2)) and first.p_value == pytest.approx(math.erfc(2.0))
    assert first.significant and not first.small_sample  # erfc(2) = 0.0047 < 0.05 / 1
    assert all(d.z == 0.0 and not d.significant for d in comparison.goals[1:])  # 0 of 100 on both sides
    assert comparison.label_a == "2019" and comparison.systemic_mean_b == b.systemic.mean


def test_small_groups_use_fisher_exact_and_are_not_significant():
    # One initiative with goal 17 against 17 without: z = 4.2 would look decisive; Fisher's p = 1/18.
    items = [({"text": "x", "region": "alone"}, reading({17: 0.9}))]
    items += [({"text": "y", "region": "crowd"}, reading({2: 0.9})) for _ in range(17)]
    comparison = compare_groups(map_corpus(items, group_by="region"), "region", "alone")
    goal17 = comparison.goals[16]
    assert goal17.small_sample and goal17.z > 4 and goal17.p_value == pytest.approx(1 / 18)
    assert not any(d.significant for d in comparison.goals)


def test_group_against_the_rest_and_against_another_group(impact):
    rest = compare_groups(impact, "region", "south")  # rest = a, b, c, f: 4 initiatives
    assert (rest.label_a, rest.count_a, rest.count_b) == ("rest", 4, 2)
    assert rest.goals[2].count_a == 3 and rest.goals[2].share_a == 3 / 4 and rest.goals[2].share_b == 0.0
    assert rest.goals[10].difference == 1.0  # 11: 0/4 in the rest, 2/2 in the south
    other = compare_groups(impact, "region", "south", "north")
    assert (other.label_a, other.label_b, other.count_a) == ("north", "south", 3)


# --- inputs ---------------------------------------------------------------------------------------

def test_bad_items_are_skipped_and_counted_never_fatal():
    items = [CORPUS[0], 42, {"text": 3}, {"text": "x", "latitude": 45.0},
             ({"id": "ok", "text": "x", "latitude": "", "longitude": ""}, reading({5: 0.7}))]
    result = map_corpus(items, group_by=())
    assert result.count == 3 and result.skipped == 2
    assert [s.position for s in result.skipped_examples] == [2, 3]
    assert "E030" in result.skipped_examples[0].error
    assert result.dropped_values == {"latitude": 1}  # a lone latitude places nothing: dropped, not the initiative


def test_an_unreadable_metadata_value_is_dropped_and_counted_not_its_initiative():
    items = [({"id": "a", "text": "x", "year": "Date du CA", "region": "Nord"}, reading({2: 0.9})),
             ({"id": "b", "text": "x", "year": "2019", "latitude": "north", "longitude": "2.3"}, reading({3: 0.8}))]
    result = map_corpus(items, group_by=("year", "region"), keep_results=True)
    assert result.count == 2 and result.skipped == 0
    assert result.dropped_values == {"latitude": 1, "longitude": 1, "year": 1}
    assert [m.initiative.year for m in result.initiatives] == [None, 2019]
    assert {b.field: b.missing for b in result.breakdowns} == {"year": 1, "region": 1}


def test_initiative_keeps_extra_fields_and_gets_its_position_as_id():
    mapped = map_corpus([({"text": "x", "category": "food", "funder": "none"}, reading({2: 0.9}))],
                        group_by="category", keep_results=True)
    initiative = mapped.initiatives[0].initiative
    assert initiative.id == "1" and initiative.value("funder") == "none" and initiative.value("missing") is None
    assert mapped.group("category", "food").count == 1
    assert Initiative(text="x", id=7).id == "7"


def test_texts_are_classified_by_the_model_in_a_stream(model, tmp_path):
    items = ({"id": f"t{i}", "text": text} for i, text in enumerate([
        "Un atelier vélo solidaire répare les bicyclettes des habitants et forme des jeunes en insertion.",
        "A community orchard plants old apple varieties and teaches pruning to local schoolchildren.",
        "",
    ]))
    sink = tmp_path / "results.jsonl"
    result = map_corpus(items, model, group_by=(), results=sink, batch_size=2)
    lines = list(read_results(sink))
    assert result.count == 3 == len(lines) and [m.initiative.id for m in lines] == ["t0", "t1", "t2"]
    assert lines[2].classification.sdgs == () and result.no_goal >= 1
    assert all(m.systemic_score is not None for m in lines)


def test_a_bad_option_fails_loudly_instead_of_skipping_every_item(model):
    with pytest.raises(ValueError, match="E002"):
        map_corpus([{"text": "Un jardin partagé."}], model, operating_point="sideways")


def test_read_initiatives_renames_columns_and_reports_bad_lines(tmp_path):
    table = tmp_path / "in.csv"
    table.write_text("ref,description,region\nr1,Un repair café de village,Jura\n", encoding="utf-8")
    rows = list(read_initiatives(table, text_column="description", id_column="ref"))
    assert rows == [{"id": "r1", "text": "Un repair café de village", "region": "Jura"}]
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"text": "ok"}\nnot json\n[1]\n', encoding="utf-8")
    read = list(read_initiatives(lines))
    assert read[0] == {"text": "ok"} and "invalid JSON" in read[1].error and "object" in read[2].error
    assert map_corpus(read, group_by=(), model=_NoModel()).skipped == 2


class _NoModel:
    def classify_many(self, texts, **options):
        return [reading({12: 0.8}) for _ in texts]


# --- exports ----------------------------------------------------------------------------------------

def test_every_table_round_trips_between_csv_and_json(impact, tmp_path):
    write_tables(impact, tmp_path)
    tables = map_tables(impact)
    assert {"goals", "targets", "gaps", "cooccurrence", "network", "systemic", "systemic_histogram",
            "groups", "group_summary", "group_comparisons", "skipped"} <= set(tables)
    for name, rows in tables.items():
        from_json = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert from_json == json.loads(json.dumps(rows)), name
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            from_csv = list(csv.DictReader(handle))
        assert len(from_csv) == len(from_json), name
        for csv_row, json_row in zip(from_csv, from_json):
            assert list(csv_row) == list(json_row)
            for key, value in json_row.items():
                assert _same(csv_row[key], value), (name, key, csv_row[key], value)
    assert ImpactMap.model_validate_json((tmp_path / "impact_map.json").read_text(encoding="utf-8")) == impact


def _same(cell: str, value) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, (int, float)):
        return float(cell) == pytest.approx(value, abs=1e-9)
    return cell == value


def test_empty_tables_still_have_a_header(impact, tmp_path):
    write_tables(map_corpus([], group_by=()), tmp_path)
    assert (tmp_path / "network.csv").read_text(encoding="utf-8").startswith("goal_a,goal_b,count,expected,phi,lift")


def test_results_round_trip_as_json_lines(impact, tmp_path):
    path = tmp_path / "results.jsonl"
    assert write_results_jsonl(impact.initiatives, path) == 6
    assert tuple(read_results(path)) == impact.initiatives
    again = map_corpus(read_initiatives(path), group_by=("region", "year"))  # saved results, no model needed
    assert again.goals == impact.goals and again.breakdowns == impact.breakdowns


def test_geojson_is_a_valid_feature_collection(impact, tmp_path):
    path = tmp_path / "initiatives.geojson"
    assert write_geojson(impact.initiatives, path) == 1
    collection = json.loads(path.read_text(encoding="utf-8"))
    _check_feature_collection(collection)
    feature = collection["features"][0]
    assert feature["id"] == "e" and feature["geometry"]["coordinates"] == [5.7, 45.2]  # [lon, lat]
    assert feature["properties"]["sdgs"] == [11] and feature["properties"]["main_sdg"] == 11
    assert feature["properties"]["marker-color"] == sdgmap.taxonomy().goal(11).colour


def _check_feature_collection(collection: dict) -> None:
    """The RFC 7946 rules a reader relies on, for Point features."""
    assert collection["type"] == "FeatureCollection" and isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id"), (str, int))
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert all(isinstance(v, float | int) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_csv_cells_are_escaped_against_formula_injection(tmp_path):
    evil = {"id": "=1+1", "name": '=HYPERLINK("http://example.invalid","x")', "text": "x", "region": "@SUM(A1)",
            "place": "+cmd|' /C calc'!A0", "latitude": -12.5, "longitude": -45.0}
    mapped = map_corpus([(evil, reading({6: 0.9}))], group_by="region", keep_results=True)
    write_results_csv(mapped.initiatives, tmp_path / "initiatives.csv")
    write_tables(mapped, tmp_path)
    with (tmp_path / "initiatives.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["id"] == "'=1+1" and row["name"].startswith("'=HYPERLINK") and row["region"] == "'@SUM(A1)"
    assert row["place"].startswith("'+cmd") and row["latitude"] == "-12.5"  # numbers stay numbers
    with (tmp_path / "groups.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["value"] == "'@SUM(A1)"
    assert csv_cell(-0.25) == "-0.25" and csv_cell("-0.25") == "'-0.25" and csv_cell([3, 11]) == "3;11"


# --- report, CLI, progress, schema -------------------------------------------------------------------

CHART_IDS = ("chart-wheel", "chart-coverage", "chart-heatmap", "chart-network", "chart-systemic", "chart-map",
             "chart-groups-region", "gap-list", "initiatives-table", "js-errors")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_report_is_self_contained_and_escapes_user_text(language, tmp_path):
    hostile = {"text": "x", "name": "<script>alert(1)</script>", "region": "<b>south</b>", "latitude": 1, "longitude": 2}
    mapped = map_corpus([*CORPUS, (hostile, reading({14: 0.9}))], group_by="region", keep_results=True)
    page = write_report(mapped, tmp_path, language=language)
    html = page.read_text(encoding="utf-8")
    for element in CHART_IDS:
        assert f'id="{element}"' in html, element
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html and f'lang="{language}"' in html
    for attribute in ("src=", "href=", "url("):  # nothing to fetch: only in-page anchors and local files
        for chunk in html.split(attribute)[1:]:
            assert not chunk.lstrip("\"'").startswith(("http:", "https:", "//")), chunk[:60]
    assert ("Profil ODD" in html) == (language == "fr")
    figures = {p.name for p in (tmp_path / "figures").glob("*.svg")}
    assert {"wheel.svg", "coverage.svg", "heatmap.svg", "network.svg", "systemic.svg", "map.svg", "groups-region.svg"} <= figures
    assert (tmp_path / "initiatives.geojson").is_file() and (tmp_path / "tables" / "goals.csv").is_file()


def test_report_without_coordinates_has_no_map(tmp_path):
    mapped = map_corpus([(item, c) for item, c in CORPUS if "latitude" not in item], keep_results=True)
    html = write_report(mapped, tmp_path).read_text(encoding="utf-8")
    assert 'id="chart-map"' not in html and "No initiative has coordinates." in html


def test_report_command_maps_a_file_and_rerenders_from_its_results(model, tmp_path):
    runner = CliRunner()
    out = tmp_path / "report"
    result = runner.invoke(report, [str(EXAMPLE), "-o", str(out), "--lang", "fr", "--no-progress"], obj=_State(model))
    assert result.exit_code == 0, result.output
    assert "18 initiatives mapped" in result.output and (out / "index.html").is_file()
    first = ImpactMap.model_validate_json((out / "tables" / "impact_map.json").read_text(encoding="utf-8"))
    assert {b.field for b in first.breakdowns} == {"region", "year", "category"}
    again = runner.invoke(report, [str(out / "initiatives.jsonl"), "-o", str(tmp_path / "again")], obj=_State(None))
    assert again.exit_code == 0, again.output
    second = ImpactMap.model_validate_json((tmp_path / "again" / "tables" / "impact_map.json").read_text(encoding="utf-8"))
    assert second.goals == first.goals and second.cooccurrence == first.cooccurrence
    missing = runner.invoke(report, [str(EXAMPLE), "-o", str(out), "--text-column", "body"], obj=_State(model))
    assert missing.exit_code != 0 and "E004" in missing.output


class _State:
    def __init__(self, model):
        self._model = model

    @property
    def model(self):
        assert self._model is not None, "the model was loaded although every result was given"
        return self._model

    @property
    def source(self):  # what the commands hand to the library: the model, read on first use only
        state = self

        class _OnFirstUse:
            def classify_many(self, texts, **options):
                return state.model.classify_many(texts, **options)

            def classify(self, text, **options):
                return state.model.classify(text, **options)

        return _OnFirstUse()


def test_progress_line_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    shown, hidden = Terminal(), io.StringIO()
    for stream in (shown, hidden):
        bar = Progress(3, stream=stream)
        bar.advance(3)
        bar.close()
    assert "\rmapped 3 / 3 (100%)" in shown.getvalue() and hidden.getvalue() == ""


def test_schemas_are_the_published_contract():
    for name, model_class in {"impact_map": ImpactMap, "map_comparison": MapComparison}.items():
        published = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert published == model_class.model_json_schema(), f"{name} schema changed: regenerate docs/schema/"
