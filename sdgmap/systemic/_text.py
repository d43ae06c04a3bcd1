"""Plain-language explanation of a systemic reading, in English and French.

The wording lives in one private table per language; the functions only fill it in.
French follows French typography: decimal comma, no-break space before ":".
"""

from __future__ import annotations

from typing import NamedTuple

_NBSP = "\u00a0"

_WORDS = {
    "en": {
        "goal": "SDG {n}",
        "asserted": "Serves {n} goals ({goals})",
        "asserted_one": "Serves 1 goal ({goals})",
        "likely": "Probably serves {n} goals ({goals})",
        "likely_one": "Probably serves 1 goal ({goals})",
        "possibly": "No goal is clear; possibly {goals}",
        "none": "No goal stands out",
        "or": " or ",
        "and": " and ",
        "across": ", across {groups}",
        "within": ", within {groups} only",
        "synergy": "Strongest synergy between its goals: {a} and {b}.",
        "no_synergy": "No documented synergy between its goals.",
        "tradeoff": "Watch for a possible conflict between {pairs}.",
        "spillover": "Through known links between goals, it probably also helps {goals}.",
        "score": "Systemic score {score} out of 1 (number of goals {breadth}, balance across dimensions {balance}, "
                 "links between goals {reach}).",
    },
    "fr": {
        "goal": "ODD {n}",
        "asserted": "Sert {n} objectifs ({goals})",
        "asserted_one": "Sert 1 objectif ({goals})",
        "likely": "Sert probablement {n} objectifs ({goals})",
        "likely_one": "Sert probablement 1 objectif ({goals})",
        "possibly": f"Aucun objectif n'est net{_NBSP}; peut-être {{goals}}",
        "none": "Aucun objectif ne ressort",
        "or": " ou ",
        "and": " et ",
        "across": ", dans les dimensions {groups}",
        "within": ", dans la seule dimension {groups}",
        "synergy": f"Synergie la plus forte entre ses objectifs{_NBSP}: {{a}} et {{b}}.",
        "no_synergy": "Aucune synergie documentée entre ses objectifs.",
        "tradeoff": "Attention à un conflit possible entre {pairs}.",
        "spillover": "Par les liens connus entre objectifs, elle aide sans doute aussi {goals}.",
        "score": "Score systémique {score} sur 1 (nombre d'objectifs {breadth}, équilibre entre dimensions {balance}, "
                 "liens entre objectifs {reach}).",
    },
}


class Reading(NamedTuple):
    """What the explanation says, worked out from the components (see ``_impact``)."""

    kind: str  # "asserted" (the classification's goals), "likely" (p >= 0.5), "possibly" or "none"
    goals: list[int]
    dimensions: list[dict]  # label_en / label_fr of the dimensions of those goals
    synergy: tuple[int, int] | None  # the named goals' strongest documented synergy
    tradeoffs: list[tuple[int, int]]  # named pairs whose documented conflict outweighs their synergy
    spillover: list[int]  # goals not named that the named ones probably reinforce


def _number(value: float, language: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def _join(items: list[str], language: str, last: str = "and") -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _WORDS[language][last] + items[-1]


def _goal_list(goals: list[int], language: str) -> str:
    """"SDG 2, 8, 12": the word once, then the numbers."""
    return _WORDS[language]["goal"].format(n=goals[0]) + "".join(f", {g}" for g in goals[1:])


def _goal(goal: int, language: str) -> str:
    return _WORDS[language]["goal"].format(n=goal)


def explanation(fields: dict, reading: Reading, language: str) -> str:
    """One paragraph: the goals served (the same as the classification asserts), their dimensions,
    their strongest synergy, a conflict worth watching, the goals they pull along, and the score."""
    words = _WORDS[language]
    goals = reading.goals
    if reading.kind in ("asserted", "likely") and goals:
        key = reading.kind + ("_one" if len(goals) == 1 else "")
        sentence = words[key].format(n=len(goals), goals=_goal_list(goals, language))
    elif reading.kind == "possibly" and goals:
        sentence = words["possibly"].format(goals=_join([_goal(g, language) for g in goals], language, "or"))
    else:
        sentence = words["none"]
    labels = [group[f"label_{language}"].lower() for group in reading.dimensions]
    if reading.kind != "possibly" and len(labels) > 1:
        sentence += words["across"].format(groups=_join(labels, language))
    elif reading.kind != "possibly" and labels:
        sentence += words["within"].format(groups=labels[0])
    parts = [sentence + "."]
    if reading.kind in ("asserted", "likely") and len(goals) > 1:
        if reading.synergy:
            a, b = reading.synergy
            parts.append(words["synergy"].format(a=_goal(a, language), b=_goal(b, language)))
        else:
            parts.append(words["no_synergy"])
        if reading.tradeoffs:
            pairs = [f"{_goal(a, language)}{words['and']}{_goal(b, language)}" for a, b in reading.tradeoffs]
            parts.append(words["tradeoff"].format(pairs=_join(pairs, language)))
    if reading.spillover:
        parts.append(words["spillover"].format(goals=_join([_goal(g, language) for g in reading.spillover], language)))
    parts.append(words["score"].format(**{k: _number(fields[k], language) for k in ("score", "breadth", "balance", "reach")}))
    return " ".join(parts)
