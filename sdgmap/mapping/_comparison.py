"""Do two sets of initiatives serve the goals in different proportions?

Each goal's share is compared with a two-proportion z-test (pooled proportion, two-sided).
When a cell of the 2 x 2 table is under 5 (``small_sample``) the normal approximation fails
(one initiative of one would look "significant"), so the p-value comes from Fisher's exact
test instead. The tests of the goals that vary (not 0 % or 100 % in both sets) are corrected
together with Holm–Bonferroni, so ``significant`` keeps the chance of any false alarm below ``alpha``.
"""

from __future__ import annotations

import math

from ._results import CoverageProfile, GoalDifference, ImpactMap, MapComparison

ALPHA = 0.05


def compare_maps(a: CoverageProfile, b: CoverageProfile, *, labels: tuple[str, str] = ("a", "b"),
                 alpha: float = ALPHA) -> MapComparison:
    """Goal-by-goal difference of shares, b minus a (two maps, two groups, or a group and a map)."""
    return _compare(labels, (a.count, b.count), [g.count for g in a.goals], [g.count for g in b.goals], alpha,
                    (_systemic_mean(a), _systemic_mean(b)))


def compare_groups(impact_map: ImpactMap, field: str, value, other=None, *, alpha: float = ALPHA) -> MapComparison:
    """Compare one group with another group, or (``other=None``) with the rest of the corpus.

    The rest is the corpus minus the group: initiatives with no value for ``field`` count in it.
    """
    group = impact_map.group(field, value)
    if other is not None:
        return compare_maps(impact_map.group(field, other), group, labels=(str(other), group.value), alpha=alpha)
    rest_counts = [whole.count - part.count for whole, part in zip(impact_map.goals, group.goals)]
    rest_mean = _rest_mean(impact_map, group)
    return _compare(("rest", group.value), (impact_map.count - group.count, group.count), rest_counts,
                    [g.count for g in group.goals], alpha, (rest_mean, _systemic_mean(group)))


def two_proportion_z(x_a: int, n_a: int, x_b: int, n_b: int) -> tuple[float | None, float | None]:
    """(z, two-sided p) for p_b − p_a; (0, 1) when both shares are 0 or both 1; (None, None) if a set is empty."""
    if n_a == 0 or n_b == 0:
        return None, None
    pooled = (x_a + x_b) / (n_a + n_b)
    variance = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)
    if variance <= 0:
        return 0.0, 1.0
    z = (x_b / n_b - x_a / n_a) / math.sqrt(variance)
    return z, min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def fisher_exact_p(x_a: int, n_a: int, x_b: int, n_b: int) -> float:
    """Two-sided p-value of Fisher's exact test on [[x_a, n_a − x_a], [x_b, n_b − x_b]]."""
    from scipy.stats import fisher_exact

    return float(min(1.0, fisher_exact([[x_a, n_a - x_a], [x_b, n_b - x_b]])[1]))


def _test(x_a: int, n_a: int, x_b: int, n_b: int) -> tuple[float | None, float | None]:
    z, p = two_proportion_z(x_a, n_a, x_b, n_b)
    if z is not None and min(x_a, n_a - x_a, x_b, n_b - x_b) < 5:
        p = fisher_exact_p(x_a, n_a, x_b, n_b)
    return z, p


def holm(p_values: list[float | None], alpha: float) -> list[bool]:
    """Holm–Bonferroni step-down: reject the k-th smallest p while p ≤ alpha / (m − k + 1)."""
    ranked = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    rejected = [False] * len(p_values)
    for k, (p, i) in enumerate(ranked):
        if p > alpha / (len(ranked) - k):
            break
        rejected[i] = True
    return rejected


def _compare(labels, counts, goal_counts_a, goal_counts_b, alpha, systemic_means) -> MapComparison:
    n_a, n_b = counts
    tests = [_test(x_a, n_a, x_b, n_b) for x_a, x_b in zip(goal_counts_a, goal_counts_b)]
    # A goal at 0 % (or 100 %) in both sets cannot differ: it is left out of the family.
    varying = [x_a + x_b not in (0, n_a + n_b) for x_a, x_b in zip(goal_counts_a, goal_counts_b)]
    significant = holm([p if keep else None for (_, p), keep in zip(tests, varying)], alpha)
    goals = []
    for goal, x_a, x_b, (z, p), flag in zip(range(1, 18), goal_counts_a, goal_counts_b, tests, significant):
        small = min(x_a, n_a - x_a, x_b, n_b - x_b) < 5
        share_a, share_b = (x_a / n_a if n_a else 0.0), (x_b / n_b if n_b else 0.0)
        goals.append(GoalDifference(
            goal=goal, count_a=x_a, count_b=x_b, share_a=share_a, share_b=share_b, difference=share_b - share_a,
            z=z, p_value=p, significant=flag, small_sample=small))
    return MapComparison(label_a=str(labels[0]), label_b=str(labels[1]), count_a=n_a, count_b=n_b, alpha=alpha,
                         goals=tuple(goals), systemic_mean_a=systemic_means[0], systemic_mean_b=systemic_means[1])


def _systemic_mean(profile: CoverageProfile) -> float | None:
    return profile.systemic.mean if profile.systemic is not None and profile.count else None


def _rest_mean(whole: ImpactMap, part: CoverageProfile) -> float | None:
    rest = whole.count - part.count
    if whole.systemic is None or part.systemic is None or rest <= 0:
        return None
    return min(1.0, max(0.0, (whole.systemic.mean * whole.count - part.systemic.mean * part.count) / rest))
