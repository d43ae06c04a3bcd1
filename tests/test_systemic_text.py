"""The systemic explanation agrees with the result, speaks plainly, and flags only real conflicts.

Readings are built by hand (no model); every text is invented.
"""

from itertools import combinations

import pytest

import sdgmap
from sdgmap.systemic import bundled_interactions, systemic_impact


def reading(selected, language="fr"):
    """A Classification asserting ``selected`` (goal → score) at the given, possibly low, scores."""
    scores = {g: 0.02 for g in range(1, 18)} | dict(selected)
    order = sorted(scores, key=lambda g: (-scores[g], g))
    return sdgmap.Classification(language=language, sdgs=[g for g in order if g in selected],
                                 goals=[sdgmap.GoalScore(goal=g, score=scores[g], selected=g in selected) for g in order],
                                 operating_point="balanced")


def test_explanation_names_every_asserted_goal_even_at_low_scores():
    eight = {g: 0.3 for g in (1, 2, 3, 4, 8, 10, 11, 12)}  # low scores: sum of p is only 2.4 + background
    impact = systemic_impact(reading(eight))
    assert impact.explain("fr").startswith("Sert 8 objectifs (ODD 1, 2, 3, 4, 8, 10, 11, 12)")
    assert impact.explain("en").startswith("Serves 8 goals (SDG 1, 2, 3, 4, 8, 10, 11, 12)")
    assert "environ 2" not in impact.explain("fr")


def test_no_goal_asserted_says_so():
    impact = systemic_impact(reading({}))
    assert impact.explain("en").startswith("No goal stands out.")
    assert impact.explain("fr").startswith("Aucun objectif ne ressort.")


def test_dimensions_are_those_of_the_asserted_goals():
    impact = systemic_impact(reading({4: 0.9}))
    assert "within society only" in impact.explain("en") and "dans la seule dimension société" in impact.explain("fr")


def _net_conflict_pair():
    network = bundled_interactions()
    positive, negative = network.positive(), network.negative()
    for a, b in combinations(range(1, 18), 2):
        mutual = (positive[a - 1, b - 1] + positive[b - 1, a - 1]) / 2
        if max(negative[a - 1, b - 1], negative[b - 1, a - 1]) > mutual:
            return a, b
    pytest.skip("the bundled matrix has no pair that is mainly a conflict")


def test_energy_and_climate_are_not_flagged_as_a_conflict():
    # An energy-saving project: goals 7 and 13 reinforce each other more than they conflict.
    impact = systemic_impact(reading({7: 0.9, 13: 0.8}))
    assert "conflict" not in impact.explain("en") and "conflit" not in impact.explain("fr")
    a, b = _net_conflict_pair()
    flagged = systemic_impact(reading({a: 0.9, b: 0.8}))
    assert f"conflict between SDG {a} and SDG {b}" in flagged.explain("en")
    assert f"conflit possible entre ODD {a} et ODD {b}" in flagged.explain("fr")


@pytest.mark.parametrize("goals", [{2: 0.9, 8: 0.9, 12: 0.9, 15: 0.9}, {7: 0.9, 13: 0.8}, {4: 0.6}])
def test_plain_words_and_french_typography(goals):
    impact = systemic_impact(reading(goals))
    for language in ("en", "fr"):
        text = impact.explain(language)
        for jargon in ("Agenda", "interlinkage", "interactions documentées", "%", "reach", "breadth", "portée"):
            assert jargon not in text, (jargon, text)
    french = impact.explain("fr")
    assert " :" not in french and ":" not in french.replace("\u00a0:", "")
    assert "," in french.split("Score systémique ")[1][:4]  # decimal comma


def test_mapping_input_says_probably():
    impact = systemic_impact({2: 0.9, 15: 0.8, 8: 0.4})
    assert impact.explain("en").startswith("Probably serves 2 goals (SDG 2, 15)")
