"""Benchmark texts of ~90 words.

Real, varied texts make a fair test of a tokenizer (spaCy caches every word it has seen, so
repeated invented texts flatter it): the shared training corpora are read in place when
they sit beside the project (``../shared/data/corpora``, never copied). Without them, our
own invented descriptions are recombined.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[0] / "data"
SHARED = HERE.parents[2] / "shared" / "data" / "corpora"


def _cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def benchmark_texts(n: int, words: int = 90, language: str = "en") -> list[str]:
    name = "sdg_corpus.jsonl" if language == "en" else "undp_fr_translated.jsonl"
    texts: list[str] = []
    if (SHARED / name).is_file():
        with (SHARED / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("lang") == language and len(row["text"].split()) >= words // 2:
                    texts.append(_cut(row["text"], words))
    if len(texts) < n:
        rows = []
        for file in ("fr_initiatives.jsonl", "en_initiatives.jsonl"):
            with (DATA / file).open(encoding="utf-8") as handle:
                rows += [json.loads(line)["text"] for line in handle if f'"lang": "{language}"' in line]
        rng = random.Random(0)
        while len(texts) < n:
            texts.append(_cut(" ".join(rng.sample(rows, 4)), words))
    return texts[:n] if len(texts) >= n else (texts * (n // len(texts) + 1))[:n]
