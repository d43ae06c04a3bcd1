"""Plain-language explanation of a systemic reading, in English and French.

The wording lives in one private table per language; the functions only fill it in.
French follows French typography: decimal comma, non-breaking space before ":".
"""

from __future__ import annotations

_NBSP = "\u00a0"

_WORDS = {
    "en": {
        "goal": "SDG {n}",
        "touches": "Touches about {n} goals",
        "touches_one": "Touches about 1 goal",
        "touches_none": "No goal stands out",
        "likely": " (likely: {goals})",
        "possibly": " (possibly: {goals})",
        "across": " across {groups}",
        "within": " within {groups} only",
        "and": " and ",
        "synergy": "Strongest synergy: {pairs}.",
        "no_synergy": "No likely pair of goals with a documented synergy.",
        "tradeoff": "Possible trade-off to watch: {pairs}.",
        "reach": "Documented interlinkages reach {reach} of the Agenda (first and second order).",
        "score": "Systemic score {score} (breadth {breadth}, balance {balance}, reach {reach}).",
    },
    "fr": {
        "goal": "ODD {n}",
        "touches": "Touche environ {n} objectifs",
        "touches_one": "Touche environ 1 objectif",
        "touches_none": "Aucun objectif ne ressort",
        "likely": f" (probables{_NBSP}: {{goals}})",
        "possibly": f" (possibles{_NBSP}: {{goals}})",
        "across": ", entre {groups}",
        "within": ", dans la seule dimension {groups}",
        "and": " et ",
        "synergy": f"Synergie la plus forte{_NBSP}: {{pairs}}.",
        "no_synergy": "Aucune paire d'objectifs probable avec une synergie documentée.",
        "tradeoff": f"Arbitrage possible à surveiller{_NBSP}: {{pairs}}.",
        "reach": "Les interactions documentées atteignent {reach} de l'Agenda (1er et 2e ordre).",
        "score": "Score systémique {score} (étendue {breadth}, équilibre {balance}, portée {reach}).",
    },
}


def _number(value: float, language: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def _percent(value: float, language: str) -> str:
    return f"{value:.0%}".replace("%", f"{_NBSP}%") if language == "fr" else f"{value:.0%}"


def _join(items: list[str], language: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _WORDS[language]["and"] + items[-1]


def _goal_list(goals: list[int], language: str) -> str:
    words = _WORDS[language]
    return words["goal"].format(n=goals[0]) + "".join(f", {g}" for g in goals[1:])


def _pair(pair, language: str) -> str:
    goal = _WORDS[language]["goal"]
    return f"{goal.format(n=pair.goal_a)} ↔ {goal.format(n=pair.goal_b)}"


def explanation(impact_fields: dict, named_goals: tuple[str, list[int]], groups: list[dict], language: str) -> str:
    """One paragraph from the components.

    ``named_goals`` is ("likely" or "possibly", goals); ``groups`` are the clearly present
    dimensions, largest first.
    """
    words = _WORDS[language]
    count = int(impact_fields["effective_goals"] + 0.5)
    key = {0: "touches_none", 1: "touches_one"}.get(count, "touches")
    sentence = words[key].format(n=count)
    kind, goals = named_goals
    if goals:
        sentence += words[kind].format(goals=_goal_list(goals, language))
    labels = [group[f"label_{language}"].lower() for group in groups]
    if len(labels) > 1:
        sentence += words["across"].format(groups=_join(labels, language))
    elif labels:
        sentence += words["within"].format(groups=labels[0])
    parts = [sentence + "."]
    synergies = impact_fields["synergies"]
    parts.append(words["synergy"].format(pairs=_join([_pair(p, language) for p in synergies[:1]], language))
                 if synergies else words["no_synergy"])
    if impact_fields["tradeoffs"]:
        parts.append(words["tradeoff"].format(pairs=_join([_pair(p, language) for p in impact_fields["tradeoffs"][:2]], language)))
    parts.append(words["reach"].format(reach=_percent(impact_fields["reach_agenda"], language)))
    parts.append(words["score"].format(**{k: _number(impact_fields[k], language) for k in ("score", "breadth", "balance", "reach")}))
    return " ".join(parts)
