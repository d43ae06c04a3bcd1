import json

import pytest

import sdgmap


def test_seventeen_goals_with_names_and_official_colours():
    tax = sdgmap.taxonomy()
    assert [g.goal for g in tax.goals] == list(range(1, 18))
    assert tax.goal(7).colour == "#FCC30B"
    assert tax.goal(8).short("fr") == "Travail décent et croissance économique"
    assert all(g.short_en and g.short_fr and g.label_en and g.label_fr for g in tax.goals)


def test_169_targets_numbered_within_their_goal():
    tax = sdgmap.taxonomy()
    assert len(tax.targets) == 169
    assert len({t.id for t in tax.targets}) == 169
    assert all(t.id.split(".")[0] == str(t.goal) for t in tax.targets)
    assert [t.id for t in tax.targets_of(7)] == ["7.1", "7.2", "7.3", "7.a", "7.b"]
    assert len(tax.targets_of(17)) == 19
    assert tax.target("11.6").goal == 11


def test_target_labels_are_short_and_in_both_languages():
    for target in sdgmap.taxonomy().targets:
        assert 0 < len(target.label_en) < 80 and 0 < len(target.label_fr) < 80
        assert not target.label_en.lower().startswith("by 2030")


def test_groupings_cover_every_goal_once():
    tax = sdgmap.taxonomy()
    for name in ("wedding_cake", "five_ps"):
        grouping = tax.grouping(name)
        goals = sorted(g for members in grouping.groups.values() for g in members) + list(grouping.across_all)
        assert sorted(goals) == list(range(1, 18)), name
    cake = tax.grouping("wedding_cake")
    assert cake.group_of(15) == "biosphere" and cake.group_of(8) == "economy" and cake.group_of(4) == "society"
    assert cake.group_of(17) is None and cake.across_all == (17,)


@pytest.mark.parametrize("bad", [0, 18, "7", None])
def test_unknown_goal_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="E012"):
        sdgmap.taxonomy().goal(bad)


def test_unknown_target_is_a_clear_error():
    with pytest.raises(ValueError, match="E013"):
        sdgmap.taxonomy().target("18.1")


def test_taxonomy_is_json_serialisable():
    data = json.loads(sdgmap.taxonomy().model_dump_json())
    assert len(data["targets"]) == 169
