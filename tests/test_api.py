import json
import warnings
from importlib.metadata import version
from pathlib import Path

import pydantic
import pytest

import sdgmap
from sdgmap import Classification

SCHEMA = Path(__file__).parent.parent / "docs" / "schema" / "classification.schema.json"
GARDEN_FR = (
    "Les Jardins de la Corniche est un jardin partagé où les habitants cultivent des légumes bio, "
    "compostent leurs déchets et accueillent les écoles du quartier."
)
SOLAR_EN = "A citizen solar cooperative installs panels on school roofs and sells renewable electricity to local homes."


def test_classify_returns_the_documented_contract(model):
    result = model.classify(SOLAR_EN)
    assert isinstance(result, Classification)
    assert result.language == "en"
    assert sorted(g.goal for g in result.goals) == list(range(1, 18))
    scores = [g.score for g in result.goals]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert result.sdgs == tuple(g.goal for g in result.goals if g.selected)
    assert 7 in result.sdgs
    assert result.goals[0].goal == 7


def test_french_is_detected_and_read(model):
    result = model.classify(GARDEN_FR)
    assert result.language == "fr"
    top3 = [g.goal for g in result.goals[:3]]
    assert 2 in top3 or 11 in top3 or 12 in top3


def test_classify_many_keeps_order_and_matches_classify(model):
    texts = [SOLAR_EN, GARDEN_FR, "", "Tutoring for refugee children after school."]
    many = model.classify_many(texts, batch_size=2)
    assert len(many) == 4
    for text, result in zip(texts, many):
        assert result == model.classify(text)


def test_operating_points_trade_precision_for_recall(model):
    texts = [SOLAR_EN, GARDEN_FR, "A repair café and tool library in a social housing estate, run by volunteers."]
    for text in texts:
        strict = model.classify(text, operating_point="precision")
        loose = model.classify(text, operating_point="recall")
        # Operating points move thresholds, never scores.
        assert strict.goals == tuple(g.model_copy(update={"selected": g.goal in strict.sdgs}) for g in loose.goals)
    # Over many texts, recall asserts more goals than precision.
    strict_count = sum(len(r.sdgs) for r in model.classify_many(texts, operating_point="precision"))
    loose_count = sum(len(r.sdgs) for r in model.classify_many(texts, operating_point="recall"))
    assert loose_count > strict_count
    assert set(model.operating_points) >= {"balanced", "precision", "recall"}


def test_operating_point_per_model():
    strict = sdgmap.load(operating_point="precision")
    assert strict.classify(SOLAR_EN).operating_point == "precision"


def test_unknown_operating_point_is_a_clear_error(model):
    with pytest.raises(ValueError, match="E002"):
        model.classify(SOLAR_EN, operating_point="greedy")


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "2024 - 42 !!!"])
def test_empty_text_gives_no_goal(model, text):
    result = model.classify(text)
    assert result.sdgs == ()
    assert len(result.goals) == 17 and all(g.score == 0.0 for g in result.goals)


@pytest.mark.parametrize("bad", [None, 12, 3.5, b"bytes", ["text"], {"text": "x"}])
def test_non_string_is_a_type_error(model, bad):
    with pytest.raises(TypeError, match="E001"):
        model.classify(bad)
    with pytest.raises(TypeError, match="E001"):
        model.classify_many(["fine", bad])


def test_five_megabyte_text_is_truncated_and_reported(model):
    text = (SOLAR_EN + " ") * (5_000_000 // len(SOLAR_EN))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.classify(text)
    assert result.truncated
    assert any("W001" in str(w.message) for w in caught)
    assert 7 in result.sdgs


def test_forced_language(model):
    assert model.classify("Repair café", language="en").language == "en"
    assert model.classify("Repair café", language="fr").language == "fr"


def test_results_round_trip_through_json(model):
    result = model.classify(GARDEN_FR)
    again = Classification.model_validate_json(result.model_dump_json())
    assert again == result
    assert json.loads(result.model_dump_json())["goals"][0]["goal"] == result.goals[0].goal


def test_results_are_frozen(model):
    result = model.classify(SOLAR_EN)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        result.language = "fr"


def test_json_schema_is_the_published_contract():
    schema = Classification.model_json_schema()
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == schema, (
        "The Classification schema changed: if on purpose, regenerate docs/schema/ with "
        "`python -m sdgmap.schema` and say so in the changelog."
    )


def test_inconsistent_results_are_rejected():
    goals = [{"goal": g, "score": 0.5 if g == 3 else 0.1, "selected": g == 3} for g in range(1, 18)]
    goals.sort(key=lambda g: -g["score"])
    Classification(language="en", sdgs=[3], goals=goals, operating_point="balanced")
    with pytest.raises(ValueError):
        Classification(language="en", sdgs=[4], goals=goals, operating_point="balanced")
    with pytest.raises(ValueError):
        Classification(language="en", sdgs=[3], goals=list(reversed(goals)), operating_point="balanced")


def test_model_reports_its_version_and_hash(model):
    assert model.meta["sdgmap_version"] == version("sdgmap")
    assert len(model.meta["sha256"]) == 64


def test_a_single_string_is_not_a_batch(model):
    with pytest.raises(TypeError, match="E052"):
        model.classify_many("A shared garden.")


def test_one_options_object_gives_the_same_results_as_keywords(model):
    texts = ["Repair café du Val-Fleuri : on répare vos grille-pain.", "A women-led solar cooperative trains young technicians."]
    options = sdgmap.ClassifyOptions(operating_point="recall", targets=False, evidence=True, language=None)
    by_keywords = model.classify_many(texts, operating_point="recall", targets=False, evidence=True)
    assert model.classify_many(texts, options=options) == by_keywords
    assert model.classify(texts[0], options=options) == by_keywords[0]
    assert list(model.pipe(texts, options=options)) == by_keywords
