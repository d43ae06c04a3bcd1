"""Systemic cross-theme impact: properties of the components, data contract, face validity."""

import json
import random
from pathlib import Path

import numpy as np
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

import sdgmap
from sdgmap.systemic import (
    Interactions,
    SystemicImpact,
    SystemicSummary,
    TradeOff,
    bundled_interactions,
    systemic_impact,
    systemic_summary,
)

SCHEMAS = Path(__file__).parent.parent / "docs" / "schema"
CASES = Path(__file__).parent / "data" / "systemic_cases.jsonl"
COMPONENTS = ("score", "breadth", "balance", "reach", "reach_mutual", "reach_first_order", "reach_agenda", "tension")
WEDDING_CAKE = sdgmap.taxonomy().grouping("wedding_cake")
DIMENSION_OF = {g: WEDDING_CAKE.group_of(g) for g in range(1, 18)}

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
profiles = st.lists(probability, min_size=17, max_size=17)
fast = settings(max_examples=60, deadline=None)


def gold(goals, on=0.9, off=0.02):
    return {g: on if g in goals else off for g in range(1, 18)}


# --- properties -----------------------------------------------------------------------------

@fast
@given(profiles, st.sampled_from(["wedding_cake", "five_ps", {"a": [1, 2, 3], "b": [3, 14, 15], "c": [17]}]))
def test_every_component_is_in_the_unit_interval(p, grouping):
    impact = systemic_impact(p, grouping=grouping)
    for name in COMPONENTS:
        assert 0.0 <= getattr(impact, name) <= 1.0, name
    assert all(0.0 <= v <= 1.0 for v in impact.balance_by_grouping.values())
    assert 0.0 <= impact.effective_goals <= 17.0


@fast
@given(profiles, st.sampled_from(range(1, 18)), probability)
def test_adding_a_goal_never_lowers_balance(p, goal, added):
    raised = list(p)
    raised[goal - 1] = max(p[goal - 1], added)
    for grouping in ("wedding_cake", "five_ps"):
        before = systemic_impact(p, grouping=grouping).balance
        assert systemic_impact(raised, grouping=grouping).balance >= before - 1e-12


@fast
@given(st.sampled_from([g for g in range(1, 17)]), st.data())
def test_a_goal_from_another_dimension_raises_balance(goal, data):
    other = data.draw(st.sampled_from([g for g in range(1, 17) if DIMENSION_OF[g] not in (DIMENSION_OF[goal], None)]))
    single = systemic_impact(gold([goal])).balance
    pair = systemic_impact(gold([goal, other])).balance
    assert pair > single + 0.2


@pytest.mark.parametrize("goal", range(1, 18))
def test_a_single_goal_scores_near_zero_on_balance(goal):
    assert systemic_impact({goal: 1.0}).balance == 0.0
    assert systemic_impact(gold([goal])).balance < 0.05
    assert systemic_impact(gold([goal]), grouping="five_ps").balance < 0.05


@fast
@given(profiles, st.randoms(use_true_random=False))
def test_goal_order_of_a_mapping_does_not_matter(p, rng):
    items = list(zip(range(1, 18), p))
    shuffled = items[:]
    rng.shuffle(shuffled)
    assert systemic_impact(dict(items)) == systemic_impact(dict(shuffled))
    assert systemic_impact(dict(items)) == systemic_impact(p)


@fast
@given(profiles, st.lists(st.floats(min_value=-1e-3, max_value=1e-3), min_size=17, max_size=17))
def test_tiny_probability_changes_move_the_score_a_little(p, nudge):
    moved = np.clip(np.array(p) + np.array(nudge), 0.0, 1.0)
    before, after = systemic_impact(p), systemic_impact(moved)
    for name in COMPONENTS:
        assert abs(getattr(after, name) - getattr(before, name)) < 0.02, name


@fast
@given(profiles, st.sampled_from(range(1, 18)))
def test_no_jump_when_a_goal_crosses_one_half(p, goal):
    scores = []
    for value in np.linspace(0.49, 0.51, 21):
        q = list(p)
        q[goal - 1] = float(value)
        scores.append(systemic_impact(q).score)
    assert np.abs(np.diff(scores)).max() < 0.002


def test_more_goals_across_more_dimensions_score_higher():
    chess = systemic_impact(gold([4]))
    garden = systemic_impact(gold([2, 11, 12, 15]))
    farm_school = systemic_impact(gold([1, 2, 4, 6, 8, 10, 12, 13, 15, 16]))
    assert chess.score < garden.score < farm_school.score


# --- trade-offs, synergies, swapping ------------------------------------------------------------

def test_tradeoff_is_flagged_for_a_pair_with_a_negative_documented_interaction():
    # Weitz et al. 2018: renewable energy (7.2) counteracts water-related ecosystems (6.6), -2.
    impact = systemic_impact({6: 0.9, 7: 0.9})
    flagged = {(t.goal_a, t.goal_b): t for t in impact.tradeoffs}
    assert (6, 7) in flagged
    assert isinstance(flagged[(6, 7)], TradeOff)
    assert flagged[(6, 7)].strength > 0 and flagged[(6, 7)].likelihood == pytest.approx(0.81)
    assert "Weitz" in flagged[(6, 7)].source
    assert impact.tension > 0


def test_no_tradeoff_without_both_goals_likely():
    assert systemic_impact({6: 0.9, 7: 0.05}).tradeoffs == ()
    assert systemic_impact({1: 0.9, 10: 0.9}).tradeoffs == ()


def test_strongest_synergy_pair_comes_first():
    impact = systemic_impact({2: 0.9, 15: 0.9, 14: 0.9})
    pairs = [(s.goal_a, s.goal_b) for s in impact.synergies]
    assert pairs and set(pairs) <= {(2, 14), (2, 15), (14, 15)}
    ranked = [s.likelihood * s.strength for s in impact.synergies]
    assert ranked == sorted(ranked, reverse=True)


def test_a_custom_interaction_matrix_replaces_the_bundled_one():
    matrix = [[0.0] * 17 for _ in range(17)]
    matrix[0][1] = -0.4  # goal 1 hinders goal 2
    matrix[2][3] = 0.8
    impact = systemic_impact({1: 0.9, 2: 0.9, 3: 0.9, 4: 0.9}, interactions=matrix)
    assert [(t.goal_a, t.goal_b) for t in impact.tradeoffs] == [(1, 2)]
    assert impact.tradeoffs[0].strength == pytest.approx(0.5)  # scale = largest |value| = 0.8
    assert [(s.goal_a, s.goal_b) for s in impact.synergies] == [(3, 4)]
    assert impact.interactions_source == "custom matrix"
    same = systemic_impact({1: 0.9, 2: 0.9, 3: 0.9, 4: 0.9}, interactions=np.array(matrix))
    assert same == impact


def test_bundled_interactions_round_trip_through_from_matrix():
    bundled = bundled_interactions()
    rebuilt = Interactions.from_matrix(bundled.synergy, scale=3.0, source=bundled.source)
    p = gold([2, 6, 7, 13, 15])
    assert systemic_impact(p, interactions=rebuilt).reach == pytest.approx(systemic_impact(p).reach)


def test_a_custom_grouping_and_five_ps_are_accepted():
    p = gold([1, 14, 16])
    custom = systemic_impact(p, grouping={"land": [1, 16], "sea": [14]})
    assert custom.grouping == "custom" and [d.group for d in custom.dimensions] == ["land", "sea"]
    assert custom.balance > 0.8
    five = systemic_impact(p, grouping="five_ps")
    assert five.balance == pytest.approx(five.balance_by_grouping["five_ps"])
    assert set(custom.balance_by_grouping) == {"wedding_cake", "five_ps", "custom"}


@pytest.mark.parametrize(
    "bad, error",
    [("text", TypeError), ([0.5] * 16, TypeError), ({18: 0.5}, ValueError), ({1: 1.5}, ValueError),
     ([float("nan")] * 17, ValueError)],
)
def test_bad_probabilities_are_refused(bad, error):
    with pytest.raises(error):
        systemic_impact(bad)


def test_bad_grouping_or_matrix_is_refused():
    with pytest.raises(ValueError, match="E018"):
        systemic_impact({1: 0.5}, grouping="rainbow")
    with pytest.raises(ValueError, match="E019"):
        systemic_impact({1: 0.5}, interactions=np.zeros((16, 17)))


# --- explanation, classification, results ---------------------------------------------------

def test_explanation_is_given_in_english_and_french():
    impact = systemic_impact(gold([2, 8, 12, 15]), language="fr")
    assert set(impact.explanation) >= {"en", "fr"}
    assert "SDG 2" in impact.explanation["en"] and "synergy" in impact.explanation["en"].lower()
    assert "ODD 2" in impact.explanation["fr"] and "synergie" in impact.explanation["fr"].lower()
    assert impact.explain() == impact.explanation["fr"]
    assert impact.explain("en") == impact.explanation["en"]


def test_accepts_a_real_classification(model):
    reading = model.classify("Une coopérative citoyenne pose des panneaux solaires sur l'école et emploie des jeunes du quartier.")
    impact = systemic_impact(reading)
    assert isinstance(impact, SystemicImpact)
    assert impact.language == reading.language == "fr"
    assert impact.probabilities == tuple(reading.score(g) for g in range(1, 18))
    assert impact.explain()


def test_results_are_frozen_and_match_the_published_schemas():
    impact = systemic_impact(gold([3, 5]))
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        impact.score = 1.0
    assert SystemicImpact.model_validate_json(impact.model_dump_json()) == impact
    for name, model_class in (("systemic_impact", SystemicImpact), ("systemic_summary", SystemicSummary)):
        published = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert published == model_class.model_json_schema(), f"{name} schema changed: regenerate docs/schema/"


def test_corpus_summary_describes_the_distribution():
    rng = random.Random(0)
    impacts = [systemic_impact([rng.random() ** 3 for _ in range(17)]) for _ in range(40)]
    summary = systemic_summary(impacts, bins=5)
    scores = sorted(i.score for i in impacts)
    assert summary.count == 40 and len(summary.histogram) == 5
    assert sum(b.count for b in summary.histogram) == 40
    assert summary.minimum == scores[0] and summary.maximum == scores[-1]
    assert summary.q1 <= summary.median <= summary.q3
    assert summary.mean == pytest.approx(np.mean(scores))
    assert systemic_summary([]).count == 0


# --- face validity of the formula -----------------------------------------------------------

def test_gold_labels_rank_the_contrasting_cases_as_expected():
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = [systemic_impact(gold(case["sdgs"])).score for case in cases]
    rho = spearmanr([case["expected_rank"] for case in cases], scores).statistic
    assert rho >= 0.7
