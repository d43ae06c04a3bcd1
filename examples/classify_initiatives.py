"""Classify the bundled example initiatives and print their goals.

    python examples/classify_initiatives.py
"""

import csv
from pathlib import Path

import sdgmap

model = sdgmap.load()
tax = sdgmap.taxonomy()
with (Path(__file__).parent / "initiatives.csv").open(encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))

for row, result in zip(rows, model.classify_many([row["text"] for row in rows])):
    language = result.language
    goals = ", ".join(f"{g.goal} {tax.goal(g.goal).short(language)} ({g.score:.2f})" for g in result.goals if g.selected)
    print(f"{row['name']} [{language}]: {goals or 'no goal'}")
