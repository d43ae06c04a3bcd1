"""Derive sdgmap's goal interlinkage matrices from the shared public sources.

Run from the repository root (needs ``pyyaml``)::

    python scripts/derive_interlinkages.py            # reads ../shared/data
    python scripts/derive_interlinkages.py --source /path/to/shared/data

Writes numbers only, never the source sentences, into ``data/interlinkages/``:

- ``weitz2018_goal_synergies.csv``: 17 x 17, mean expert score (-3..+3) of the target pairs
  between two goals (Weitz et al. 2018, Sweden; 2 targets per goal, so 4 pairs per goal pair;
  the diagonal averages the 2 pairs inside a goal).
- ``weitz2018_goal_tradeoffs.csv``: 17 x 17, mean of the negative part min(score, 0) of the
  same target pairs, so a trade-off hidden by a positive pair in the same goal pair stays visible.
- ``leblanc2015_target_goal_links.csv``: one row per (outcome target, other goal whose concern
  its official text names), with the keyword that matched: the Le Blanc (2015) network.
- ``leblanc2015_goal_links.csv``: 17 x 17, share of goal i's outcome targets that name goal j's
  concern.

Why a keyword rule: Le Blanc read the 107 outcome targets (numbered targets of goals 1-16) by hand;
a fixed, published rule per goal makes the same network reproducible and auditable.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data"
OUTPUT = ROOT / "data" / "interlinkages"
GOALS = range(1, 18)

# Le Blanc (2015) keyword rule: a target of goal i links to goal j (j != i) when its official
# English text matches one of goal j's patterns (case-insensitive, whole words). The patterns name
# each goal's core concern; look-behinds drop phrases that belong to another goal
# ("gender equality" is goal 5, "marine and coastal ecosystems" goal 14, "financial [markets and] institutions" goals 8 and 10).
CONCERNS = {
    1: [r"poverty", r"poor", r"social protection"],
    2: [r"hunger", r"food", r"nutrition", r"malnutrition", r"nutritious", r"agricultur\w*"],
    3: [r"health", r"mortality", r"deaths?", r"diseases?", r"illness(?:es)?", r"well-being"],
    4: [r"education", r"schools?", r"learning", r"literacy", r"vocational", r"training"],
    5: [r"women", r"girls", r"gender", r"sex"],
    6: [r"water", r"sanitation", r"hygiene", r"wastewater", r"freshwater"],
    7: [r"energy"],
    8: [r"employment", r"jobs?", r"decent work", r"economic growth", r"labour", r"workers?",
        r"wages?", r"entrepreneurship", r"enterprises?", r"tourism"],
    9: [r"infrastructure", r"industr\w*", r"innovation", r"technolog\w*", r"internet"],
    10: [r"inequalit\w*", r"(?<!gender )equality", r"discriminat\w*", r"inclusion", r"inclusive",
         r"migra\w*", r"disabilit\w*", r"equal (?:rights|access|opportunit\w*|pay)"],
    11: [r"cities", r"city", r"urban\w*", r"human settlements?", r"housing", r"slums?",
         r"transport", r"road", r"public spaces?", r"heritage", r"disasters?"],
    12: [r"consumption", r"production", r"wastes?", r"recycling", r"reuse", r"chemicals",
         r"natural resources", r"resource(?:-use)? efficiency", r"food loss\w*", r"sustainable lifestyles"],
    13: [r"climate", r"greenhouse", r"emissions?"],
    14: [r"marine", r"oceans?", r"coastal", r"seas?", r"fish\w*", r"aquaculture"],
    15: [r"terrestrial", r"(?<!marine and coastal )ecosystems?", r"biodiversity", r"forests?",
         r"deforestation", r"desertification", r"land degradation", r"soils?", r"wildlife",
         r"wetlands?", r"mountains?", r"drylands?", r"natural habitats?", r"genetic (?:diversity|resources)"],
    16: [r"violence", r"peace", r"justice", r"(?<!financial )(?<!markets and )institutions?", r"corruption", r"bribery",
         r"rule of law", r"human rights", r"crime", r"trafficking", r"decision-making",
         r"participat\w*", r"legal identity", r"torture"],
    17: [r"partnerships?", r"cooperation", r"capacity-building", r"development assistance",
         r"policy coherence", r"multi-stakeholder"],
}


def _concern_patterns() -> dict[int, re.Pattern]:
    return {goal: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) for goal, words in CONCERNS.items()}


def weitz_goal_matrices(source: Path) -> tuple[np.ndarray, np.ndarray]:
    """Mean signed score and mean negative part of the target pairs between each pair of goals."""
    with (source / "interlinkages" / "weitz2018_sweden_34targets_matrix.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    targets = rows[0][1:]
    scores = np.array([[float(v) for v in row[1:]] for row in rows[1:]])
    goal_of = np.array([int(t.split(".")[0]) for t in targets])
    synergy = np.zeros((17, 17))
    tradeoff = np.zeros((17, 17))
    for a in GOALS:
        for b in GOALS:
            block = scores[np.ix_(goal_of == a, goal_of == b)]
            if a == b:  # a target's score with itself is not an interaction
                block = block[~np.eye(len(block), dtype=bool)]
            synergy[a - 1, b - 1] = block.mean()
            tradeoff[a - 1, b - 1] = np.minimum(block, 0).mean()
    return synergy, tradeoff


def leblanc_links(source: Path) -> list[tuple[str, int, int, str]]:
    """(target, goal, linked goal, keyword) for every outcome target naming another goal's concern."""
    texts = yaml.safe_load((source / "taxonomy" / "en_global_targets.yml").read_text(encoding="utf-8"))
    patterns = _concern_patterns()
    links = []
    for key, text in texts.items():
        goal, number = key.split("-")[:2]
        goal = int(goal)
        if goal == 17 or not number.isdigit():  # Le Blanc's 107 outcome targets: numbered, goals 1-16
            continue
        for other, pattern in patterns.items():
            match = pattern.search(text)
            if other != goal and match:
                links.append((f"{goal}.{number}", goal, other, match.group(0).lower()))
    return sorted(links, key=lambda row: (row[1], int(row[0].split(".")[1]), row[2]))


def leblanc_goal_matrix(links: list[tuple[str, int, int, str]], source: Path) -> tuple[np.ndarray, dict[int, int]]:
    texts = yaml.safe_load((source / "taxonomy" / "en_global_targets.yml").read_text(encoding="utf-8"))
    outcome = {g: 0 for g in GOALS}
    for key in texts:
        goal, number = key.split("-")[:2]
        if int(goal) != 17 and number.isdigit():
            outcome[int(goal)] += 1
    matrix = np.zeros((17, 17))
    for _, goal, other, _ in links:
        matrix[goal - 1, other - 1] += 1
    for goal, count in outcome.items():
        if count:
            matrix[goal - 1] /= count
    return matrix, outcome


def _write_matrix(path: Path, matrix: np.ndarray, digits: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["from\\to", *GOALS])
        for goal, row in zip(GOALS, matrix):
            writer.writerow([goal, *(f"{v:.{digits}f}" for v in row)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the shared data folder")
    args = parser.parse_args()
    OUTPUT.mkdir(parents=True, exist_ok=True)

    synergy, tradeoff = weitz_goal_matrices(args.source)
    _write_matrix(OUTPUT / "weitz2018_goal_synergies.csv", synergy, 4)
    _write_matrix(OUTPUT / "weitz2018_goal_tradeoffs.csv", tradeoff, 4)

    links = leblanc_links(args.source)
    with (OUTPUT / "leblanc2015_target_goal_links.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["target", "goal", "linked_goal", "keyword"])
        writer.writerows(links)
    matrix, outcome = leblanc_goal_matrix(links, args.source)
    _write_matrix(OUTPUT / "leblanc2015_goal_links.csv", matrix, 4)

    linked_targets = {row[0] for row in links}
    print(f"Weitz 2018: 17x17 synergy (min {synergy.min():.2f}, max {synergy.max():.2f}); "
          f"{int((tradeoff < 0).sum())} directed goal pairs with a negative target interaction")
    print(f"Le Blanc 2015 rule: {len(links)} links; {len(linked_targets)} of {sum(outcome.values())} "
          "outcome targets name another goal's concern (Le Blanc found 60 of 107)")


if __name__ == "__main__":
    main()
