"""Evidence faithfulness: does deleting the top evidence span of a goal lower its score?

    python scripts/evaluate_evidence.py

For every text of our own test sets (tests/data/*_initiatives.jsonl, split "test") and every
asserted goal: delete the text of the goal's top phrase (and, separately, its top sentence)
from the input, classify again, and count how often the goal's score went down. Also checks
that every evidence offset is exact.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sdgmap  # noqa: E402
from sdgmap.training._evaluate import evidence_faithfulness  # noqa: E402


def main() -> None:
    model = sdgmap.load()
    for name in ("fr_initiatives", "en_initiatives"):
        rows = [json.loads(line) for line in (ROOT / "tests" / "data" / f"{name}.jsonl").open(encoding="utf-8")]
        texts = [r["text"] for r in rows if r["split"] == "test"]
        print(name, json.dumps(evidence_faithfulness(model, texts)))


if __name__ == "__main__":
    main()
