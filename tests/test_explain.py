"""Targets and evidence: exact offsets, faithful weights, both languages."""

import pytest

import sdgmap

TEXTS = [
    "Les Jardins de la Corniche est un jardin partagé où les habitants cultivent des légumes bio. "
    "Une AMAP y distribue les paniers chaque jeudi.",
    "A citizen solar cooperative installs panels on school roofs 🌞 and sells renewable electricity to local homes.",
    "Atelier vélo solidaire : réparation, réemploi de pièces détachées.\n\nRéparation, réemploi, réparation !",
    "L’épicerie « Panier Commun » propose des produits frais à prix réduits aux familles en précarité.",
    "Free legal advice for tenants facing eviction, every Tuesday at the community centre.\r\nNo appointment needed.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_evidence_offsets_are_exact(model, text):
    result = model.classify(text, evidence=True)
    assert result.evidence, "an asserted goal should have evidence"
    for evidence in result.evidence:
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.goal in result.sdgs
        assert evidence.weight > 0


@pytest.mark.parametrize("text", TEXTS)
def test_targets_belong_to_asserted_goals(model, text):
    result = model.classify(text, evidence=True)
    tax = sdgmap.taxonomy()
    for target in result.targets:
        assert target.goal in result.sdgs
        assert tax.target(target.target).goal == target.goal
        assert 0 < target.score <= 1


def test_energy_cooperative_points_to_renewable_energy_target(model):
    result = model.classify(TEXTS[1])
    energy = [t.target for t in result.targets if t.goal == 7]
    assert energy and energy[0] in {"7.1", "7.2"}


def test_removing_top_phrase_lowers_the_goal_score(model):
    text = TEXTS[1]
    result = model.classify(text, evidence=True)
    phrases = [e for e in result.evidence if e.kind == "phrase" and e.goal == result.sdgs[0]]
    top = max(phrases, key=lambda e: e.weight)
    without = text[: top.start] + text[top.end :]
    assert model.classify(without).score(top.goal) < result.score(top.goal)


def test_explanations_can_be_turned_off(model):
    result = model.classify(TEXTS[0], targets=False)
    assert result.targets == () and result.evidence == ()
    assert result.sdgs == model.classify(TEXTS[0]).sdgs


def test_deleting_top_evidence_lowers_the_score_on_our_french_test_set(model, fr_set):
    from sdgmap.training import evidence_faithfulness

    texts = [r["text"] for r in fr_set if r["split"] == "test"][:40]
    report = evidence_faithfulness(model, texts)
    assert report["phrase_cases"] > 40
    assert report["phrase_drop_rate"] >= 0.9 and report["sentence_drop_rate"] >= 0.9
    exact, total = map(int, report["exact_offsets"].split("/"))
    assert exact == total > 0
