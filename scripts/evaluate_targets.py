"""How well texts are ranked against the 169 targets, within their correct goal.

    python scripts/evaluate_targets.py [--shared ../shared/data]

Queries: every official target text and indicator text, in English and in French. Each is
ranked against its goal's targets with profiles that do not contain it:
- "own data" profiles: our short labels + lexicon terms only (the official texts are
  fully held out);
- "bundled" profiles (labels + lexicon + official texts), leaving the query text out of
  its own target's profile (leave-one-out).
Reports top-1 and top-3 accuracy per language and per kind of query.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sdgmap  # noqa: E402
from sdgmap.training._train import official_target_texts, target_texts  # noqa: E402


def _rows(model, items):
    docs = [model.processor.process(text, language) for language, text in items]
    return model.space.transform(docs).toarray() if docs else np.zeros((0, model.space.n_features))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    model = sdgmap.load()
    own = target_texts(model.lexicon, {})
    ids = list(own)
    goal_of = {t: int(t.split(".")[0]) for t in ids}
    own_sum = {t: _rows(model, own[t]).sum(axis=0) for t in ids}
    queries = []  # (target, language, kind, text)
    for language in ("en", "fr"):
        for kind in ("targets", "indicators"):
            single = official_target_texts_kind(args.shared / "taxonomy", language, kind)
            queries += [(t, language, kind, text) for t, text in single if t in goal_of]
    official = official_target_texts(args.shared / "taxonomy")
    full_sum = {t: own_sum[t] + (_rows(model, official.get(t, [])).sum(axis=0) if official.get(t) else 0) for t in ids}
    results: dict[str, list[tuple[bool, bool]]] = {}
    for target, language, kind, text in queries:
        x = _rows(model, [(language, text)])[0]
        goal = goal_of[target]
        candidates = [t for t in ids if goal_of[t] == goal]
        for setting, sums in (("own data", own_sum), ("bundled, leave-one-out", full_sum)):
            scores = []
            for t in candidates:
                profile = sums[t] - (x if (setting != "own data" and t == target) else 0)
                norm = np.linalg.norm(profile)
                scores.append(float(x @ profile / norm) if norm > 0 else 0.0)
            order = [candidates[i] for i in np.argsort(-np.array(scores), kind="stable")]
            results.setdefault(f"{setting} | {language} | {kind}", []).append((order[0] == target, target in order[:3]))
    report = {key: {"n": len(v), "top1": round(float(np.mean([a for a, _ in v])), 3),
                    "top3": round(float(np.mean([b for _, b in v])), 3)} for key, v in sorted(results.items())}
    print(json.dumps(report, indent=1, ensure_ascii=False))


def official_target_texts_kind(folder: Path, language: str, kind: str) -> list[tuple[str, str]]:
    import yaml

    path = folder / f"{language}_global_{kind}.yml"
    if not path.is_file():
        return []
    found = []
    for key, text in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        parts = key.split("-")
        if parts[-1] == "title" and isinstance(text, str):
            found.append((f"{parts[0]}.{parts[1]}", text))
    return found


if __name__ == "__main__":
    main()
