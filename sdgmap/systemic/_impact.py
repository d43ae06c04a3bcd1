"""Systemic cross-theme impact: how many goals a text ties together, across which dimensions,
and how far their documented interlinkages reach.

Everything is a smooth function of the 17 goal probabilities (never of ``selected``), so a score
does not jump when a goal crosses its threshold, and goal order never matters. Method, sources
and defaults: ``docs/systemic.md``.

>>> from sdgmap._systemic import systemic_impact
>>> single = systemic_impact({4: 0.9})
>>> single.balance < 0.01
True
>>> wide = systemic_impact({2: 0.9, 8: 0.9, 12: 0.9, 15: 0.9})
>>> wide.score > single.score
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

import numpy as np

from .._taxonomy import Grouping, taxonomy
from ..errors import Errors
from ..lang import registered_languages
from ..results import (
    Classification,
    DimensionShare,
    HistogramBin,
    SynergyPair,
    SystemicImpact,
    SystemicSummary,
    TradeOff,
)
from ._interlinkages import Interactions, as_interactions
from ._text import Reading, explanation

SCORE_WEIGHTS = {"breadth": 0.4, "balance": 0.3, "reach": 0.3}
_BREADTH_SCALE = 4.0  # extra goals that close 63 % of the way to full breadth
_PRESENCE_SCALE = 0.5  # probability mass at which a dimension counts as present (presence 0.63)
_SECOND_ORDER_DAMPING = 0.5  # as Weitz et al. 2018's second-order influence
_PAIR_MIN_LIKELIHOOD = 0.1  # p_a × p_b needed to name a synergy or flag a trade-off
_MAX_SYNERGIES = 3
_LANGUAGES = registered_languages()
_LIKELY, _POSSIBLE, _MAX_POSSIBLE = 0.5, 0.1, 3  # goals named when no classification says which are asserted
_SPILLOVER, _MAX_SPILLOVER = 0.5, 3  # other goals named as "probably also helps": reinforcement at least this


def systemic_impact(
    classification_or_probabilities,
    *,
    grouping: str | Grouping | Mapping[str, Iterable[int]] = "wedding_cake",
    interactions=None,
    language: str | None = None,
) -> SystemicImpact:
    """Score how systemic a text reads, from its goal probabilities.

    Parameters
    ----------
    classification_or_probabilities : Classification, mapping or sequence
        A :class:`~sdgmap.Classification`, a mapping goal (1-17) → probability (missing goals
        count as 0), or 17 probabilities in goal order.
    grouping : str, Grouping or dict, default "wedding_cake"
        Dimensions for balance: a taxonomy grouping name ("wedding_cake", "five_ps"), a
        :class:`~sdgmap.Grouping`, or a dict group → goals. Goals in no group (17 in the wedding
        cake, where it sits across all layers) do not count toward balance.
    interactions : None, 17 x 17 array-like or Interactions
        Replaces the Weitz et al. 2018 synergy matrix (see :class:`Interactions`).
    language : str, optional
        Default language of ``explain()``; else the classification's, else "en".

    Returns
    -------
    SystemicImpact
    """
    probabilities, text_language = _probabilities(classification_or_probabilities)
    if language not in (None, *_LANGUAGES):
        raise ValueError(Errors.E003.format(lang=language, options=list(_LANGUAGES)))
    network = as_interactions(interactions)
    name, chosen = _resolve_grouping(grouping)
    dimensions = _dimensions(probabilities, chosen)
    mutual, first_order, agenda = _reach(probabilities, network.reinforcement())
    components = {
        "breadth": _breadth(probabilities),
        "balance": _balance([d.presence for d in dimensions]),
        "reach": (mutual + agenda) / 2,
        "reach_mutual": mutual,
        "reach_first_order": first_order,
        "reach_agenda": agenda,
        "tension": _tension(probabilities, network),
    }
    components["score"] = sum(weight * components[key] for key, weight in SCORE_WEIGHTS.items())
    fields = {
        **{key: _unit(value) for key, value in components.items()},
        "effective_goals": min(17.0, float(probabilities.sum())),
        "grouping": name,
        "dimensions": tuple(dimensions),
        "balance_by_grouping": _balances(probabilities, name, chosen),
        "synergies": _synergies(probabilities, network),
        "tradeoffs": _tradeoffs(probabilities, network),
        "probabilities": tuple(float(p) for p in probabilities),
        "interactions_source": network.source,
        "language": language or (text_language if text_language in _LANGUAGES else "en"),
    }
    reading = _reading(classification_or_probabilities, probabilities, chosen, network)
    fields["explanation"] = {lang: explanation(fields, reading, lang) for lang in _LANGUAGES}
    return SystemicImpact(**fields)


def systemic_summary(impacts: Iterable[SystemicImpact], *, bins: int = 10) -> SystemicSummary:
    """Distribution of the scores of a corpus: centre, quartiles, histogram, component means."""
    impacts = list(impacts)
    scores = np.array([i.score for i in impacts], dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    counts = np.histogram(scores, bins=edges)[0] if len(scores) else np.zeros(bins, dtype=int)
    histogram = tuple(HistogramBin(low=float(lo), high=float(hi), count=int(c)) for lo, hi, c in zip(edges, edges[1:], counts))

    def stat(function, values) -> float:
        return _unit(float(function(values))) if len(values) else 0.0

    components = ("breadth", "balance", "reach", "tension")
    return SystemicSummary(
        count=len(impacts),
        mean=stat(np.mean, scores),
        median=stat(np.median, scores),
        q1=stat(lambda v: np.quantile(v, 0.25), scores),
        q3=stat(lambda v: np.quantile(v, 0.75), scores),
        minimum=stat(np.min, scores),
        maximum=stat(np.max, scores),
        histogram=histogram,
        component_means={c: stat(np.mean, [getattr(i, c) for i in impacts]) for c in components},
    )


# --- inputs ---------------------------------------------------------------------------------

def _probabilities(value) -> tuple[np.ndarray, str | None]:
    if isinstance(value, Classification):
        probabilities = np.zeros(17)
        for item in value.goals:
            probabilities[item.goal - 1] = item.score
        return probabilities, value.language
    if isinstance(value, Mapping):
        probabilities = np.zeros(17)
        for goal, p in value.items():
            if isinstance(goal, bool) or not isinstance(goal, (int, np.integer)) or not 1 <= goal <= 17:
                raise ValueError(Errors.E012.format(goal=goal))
            probabilities[int(goal) - 1] = _checked(goal, p)
        return probabilities, None
    if isinstance(value, (Sequence, np.ndarray)) and not isinstance(value, (str, bytes)) and len(value) == 17:
        return np.array([_checked(g, p) for g, p in enumerate(value, start=1)]), None
    raise TypeError(Errors.E016.format(type=type(value).__name__))


def _checked(goal, p) -> float:
    try:
        value = float(p)
    except (TypeError, ValueError):
        value = float("nan")
    if not 0.0 <= value <= 1.0:  # also rejects NaN
        raise ValueError(Errors.E017.format(goal=goal, value=p))
    return value


def _resolve_grouping(grouping) -> tuple[str, Grouping]:
    if isinstance(grouping, Grouping):
        return grouping.name, grouping
    if isinstance(grouping, str):
        known = taxonomy().groupings
        if grouping not in known:
            raise ValueError(Errors.E018.format(name=grouping, options=sorted(known)))
        return grouping, known[grouping]
    if isinstance(grouping, Mapping):
        groups = {str(name): tuple(int(g) for g in goals) for name, goals in grouping.items()}
        for goals in groups.values():
            for goal in goals:
                if not 1 <= goal <= 17:
                    raise ValueError(Errors.E012.format(goal=goal))
        custom = Grouping(name="custom", title_en="Custom grouping", title_fr="Regroupement personnalisé",
                          source="given by the caller", groups=groups,
                          group_labels={name: {"en": name, "fr": name} for name in groups})
        return "custom", custom
    raise ValueError(Errors.E018.format(name=grouping, options=sorted(taxonomy().groupings)))


# --- components -----------------------------------------------------------------------------

def _unit(value: float) -> float:
    """Clip float noise (1.0000000002) back into [0, 1]."""
    return float(min(1.0, max(0.0, value)))


def _breadth(p: np.ndarray) -> float:
    # Expected number of goals beyond the main one: a calibrated reading of "how many goals"
    # that needs no threshold; saturating, because the 10th goal adds less than the 2nd.
    extra = float(p.sum() - p.max())
    return (1.0 - np.exp(-extra / _BREADTH_SCALE)) / (1.0 - np.exp(-16.0 / _BREADTH_SCALE))


def _presence(mass: float) -> float:
    # Squared in the exponent, so background noise (a few 0.02s) stays near 0.
    return float(1.0 - np.exp(-((mass / _PRESENCE_SCALE) ** 2)))


def _dimensions(p: np.ndarray, grouping: Grouping) -> list[DimensionShare]:
    memberships = np.zeros(17)
    for goals in grouping.groups.values():
        for goal in set(goals):
            memberships[goal - 1] += 1
    shared = np.divide(p, memberships, out=np.zeros(17), where=memberships > 0)
    dimensions = []
    for name, goals in grouping.groups.items():
        mass = float(sum(shared[g - 1] for g in set(goals)))
        labels = grouping.group_labels.get(name, {})
        dimensions.append(DimensionShare(group=name, label_en=labels.get("en", name), label_fr=labels.get("fr", name),
                                         mass=min(17.0, mass), presence=_unit(_presence(mass))))
    return dimensions


def _balance(presences: list[float]) -> float:
    # Rao–Stirling diversity with disparity 1 between distinct groups, over presences instead of
    # shares: it never falls when any goal's probability rises, and is 0 for one dimension.
    pairs = list(combinations(presences, 2))
    return sum(a * b for a, b in pairs) / len(pairs) if pairs else 0.0


def _balances(p: np.ndarray, name: str, chosen: Grouping) -> dict[str, float]:
    groupings = dict(taxonomy().groupings)
    groupings[name] = chosen
    return {key: _unit(_balance([d.presence for d in _dimensions(p, g)])) for key, g in groupings.items()}


def _reach(p: np.ndarray, links: np.ndarray) -> tuple[float, float, float]:
    # r_j: chance that at least one touched goal reinforces goal j (noisy-OR over the links);
    # s_j: the strongest two-step path into j, damped by 0.5. A max, not a noisy-OR: summing
    # the many weak two-step paths of a dense network would say every text reaches everything.
    first = 1.0 - np.prod(1.0 - p[:, None] * links, axis=0)
    second = _SECOND_ORDER_DAMPING * (first[:, None] * links).max(axis=0)
    mass = p.sum()
    mutual = float(p @ first / mass) if mass > 0 else 0.0
    agenda = float(np.mean(1.0 - (1.0 - first) * (1.0 - second)))
    return mutual, float(first.mean()), agenda


def _pair_table(p: np.ndarray, strength: np.ndarray) -> list[tuple[float, int, int, float, float]]:
    rows = []
    for a, b in combinations(range(17), 2):
        likelihood = float(p[a] * p[b])
        if likelihood >= _PAIR_MIN_LIKELIHOOD and strength[a, b] > 0:
            rows.append((likelihood * strength[a, b], a + 1, b + 1, float(strength[a, b]), likelihood))
    return sorted(rows, key=lambda row: (-row[0], row[1], row[2]))


def _synergies(p: np.ndarray, network: Interactions) -> tuple[SynergyPair, ...]:
    positive = network.positive()
    mutual = (positive + positive.T) / 2
    return tuple(SynergyPair(goal_a=a, goal_b=b, strength=_unit(s), likelihood=_unit(lk), source=network.source)
                 for _, a, b, s, lk in _pair_table(p, mutual)[:_MAX_SYNERGIES])


def _tradeoffs(p: np.ndarray, network: Interactions) -> tuple[TradeOff, ...]:
    negative = network.negative()
    either = np.maximum(negative, negative.T)
    return tuple(TradeOff(goal_a=a, goal_b=b, strength=_unit(s), likelihood=_unit(lk), source=network.source)
                 for _, a, b, s, lk in _pair_table(p, either))


def _tension(p: np.ndarray, network: Interactions) -> float:
    negative = network.negative()
    either = np.triu(np.maximum(negative, negative.T), k=1)
    return float(1.0 - np.prod(1.0 - np.outer(p, p) * either))


def _named_goals(value, p: np.ndarray) -> tuple[str, list[int]]:
    # A classification's own asserted goals, so the explanation never contradicts the result;
    # else the likely goals (p >= 0.5), or else up to 3 possible ones.
    if isinstance(value, Classification):
        return ("asserted", list(value.sdgs)) if value.sdgs else ("none", [])
    order = sorted(range(17), key=lambda i: (-p[i], i))
    likely = [i + 1 for i in order if p[i] >= _LIKELY]
    if likely:
        return "likely", likely
    possible = [i + 1 for i in order[:_MAX_POSSIBLE] if p[i] >= _POSSIBLE]
    return ("possibly", possible) if possible else ("none", [])


def _reading(value, p: np.ndarray, grouping: Grouping, network: Interactions) -> Reading:
    """What the explanation names: the goals, their dimensions, pairs and spill-over, all from the named goals."""
    kind, goals = _named_goals(value, p)
    named = goals if kind in ("asserted", "likely") else []
    dimensions = [{"label_en": grouping.group_labels.get(name, {}).get("en", name),
                   "label_fr": grouping.group_labels.get(name, {}).get("fr", name)}
                  for name, members in sorted(grouping.groups.items(),
                                              key=lambda item: -sum(g in item[1] for g in named))
                  if any(g in members for g in named)]
    positive, negative = network.positive(), network.negative()
    synergy, best, conflicts = None, 0.0, []
    for a, b in combinations(sorted(named), 2):
        mutual = (positive[a - 1, b - 1] + positive[b - 1, a - 1]) / 2
        conflict = max(negative[a - 1, b - 1], negative[b - 1, a - 1])
        if mutual > best:
            synergy, best = (a, b), mutual
        if conflict > mutual:  # mainly a conflict: 7 and 13 (energy and climate) reinforce each other more
            conflicts.append((conflict - mutual, a, b))
    tradeoffs = [(a, b) for _, a, b in sorted(conflicts, key=lambda c: (-c[0], c[1], c[2]))[:1]]
    weights = np.array([1.0 if g + 1 in named else 0.0 for g in range(17)])
    first = 1.0 - np.prod(1.0 - weights[:, None] * network.reinforcement(), axis=0)
    second = _SECOND_ORDER_DAMPING * (first[:, None] * network.reinforcement()).max(axis=0)
    pulled = 1.0 - (1.0 - first) * (1.0 - second)
    spillover = sorted((j + 1 for j in range(17) if j + 1 not in named and pulled[j] >= _SPILLOVER),
                       key=lambda g: (-pulled[g - 1], g))[:_MAX_SPILLOVER]
    return Reading(kind, goals, dimensions, synergy, tradeoffs, sorted(spillover))
