"""classify_many throughput against spaCy's bare tokenizer on the same ~90-word texts.

    python tests/benchmarks/bench_throughput.py [N]

Targets: classify_many (goals) within 4x the tokenizer's time; targets + evidence
within 2x the time without them, or opt-in. Both are timed cold (a new tokenizer / model
that has seen none of the words) and warm (second pass over the same texts).
"""

import sys
import time
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]
from _texts import benchmark_texts  # noqa: E402

import sdgmap  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(n: int = 2000) -> None:
    load_seconds = timed(sdgmap.load)
    for language in ("en", "fr"):
        texts = benchmark_texts(n, language=language)
        tokenizer = spacy.blank(language).tokenizer
        model = sdgmap.load()
        # One-off costs of a language's first text (its lexicon patterns; French: the word-vector
        # table), paid once per process for both languages, since detection may route a text of
        # the "English" set to French: timed here, not in the per-text figures below.
        first_use = timed(lambda: [model.classify("warm up", language="en"), model.classify("mise en route", language="fr")])
        tok = [timed(lambda: [tokenizer(t) for t in texts]) for _ in range(2)]
        goals = [timed(lambda: model.classify_many(texts, targets=False, evidence=False)) for _ in range(2)]
        targets = timed(lambda: model.classify_many(texts, targets=True, evidence=False))
        full = timed(lambda: model.classify_many(texts, targets=True, evidence=True))
        print(f"[{language}] {n} texts of ~90 words (first use of en + fr: {first_use:.2f}s)")
        print(f"  spaCy tokenizer      cold {n / tok[0]:7.0f}/s   warm {n / tok[1]:7.0f}/s")
        print(f"  classify_many goals  cold {n / goals[0]:7.0f}/s   warm {n / goals[1]:7.0f}/s"
              f"   time vs tokenizer: cold {goals[0] / tok[0]:.2f}x, warm {goals[1] / tok[1]:.2f}x")
        print(f"  + targets                 {n / targets:7.0f}/s   {targets / goals[1]:.2f}x goals only (warm)")
        print(f"  + targets + evidence      {n / full:7.0f}/s   {full / goals[1]:.2f}x goals only (warm)")
    print(f"sdgmap.load(): {load_seconds:.2f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
