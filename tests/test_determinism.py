"""Same input + same model → byte-identical results; same corpus + seed → identical model files.

Across runs, model instances, batch compositions and separate processes with different
PYTHONHASHSEED values (string hashing decides set and dict-of-set orders: any result that
depended on it would differ here).
"""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import read_jsonl, synthetic_corpus

import sdgmap

ROOT = Path(__file__).resolve().parents[1]
HASH_SEEDS = ["0", "4242"]  # and this process's own (random unless PYTHONHASHSEED is set)
MODEL_FILES = ["weights.npz", "vocabulary.json", "lexicon.json", "targets.json", "lemmas-en.json", "lemmas-fr.json"]
ODD = ["", "🌱 ♻️", "Un jardin \udcff partagé. Solar energy co-op.", "<b>Repair café</b> & bikes " * 40]


def sample_texts() -> list[str]:
    texts = [row["text"] for row in read_jsonl("en_initiatives.jsonl")[:25]]
    texts += [row["text"] for row in read_jsonl("fr_initiatives.jsonl")[:25]]
    # Two texts glued together: long, several sentences, both languages.
    texts += [texts[i] + "\n\n" + texts[-1 - i] for i in range(5)]
    return texts + ODD


def dump_all(model, texts) -> bytes:
    results = model.classify_many(texts, targets=True, evidence=True, systemic=True, batch_size=7)
    return b"\n".join(r.model_dump_json().encode("utf-8") for r in results)


# The same computation in a fresh interpreter: prints the SHA-256 of the dump.
_SCRIPT = textwrap.dedent(
    """
    import hashlib, sys, warnings
    warnings.simplefilter("ignore")
    sys.path[:0] = [{root!r}, {tests!r}]
    import sdgmap
    from test_determinism import dump_all, sample_texts
    print(hashlib.sha256(dump_all(sdgmap.load(), sample_texts())).hexdigest())
    """
)


def run_python(code: str, hash_seed: str, timeout: int = 300) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_same_input_same_json_bytes_across_runs_and_instances(model):
    texts = sample_texts()
    first = dump_all(model, texts)
    assert dump_all(model, texts) == first  # warm caches
    assert dump_all(sdgmap.load(), texts) == first  # a second instance, cold caches


def test_results_do_not_depend_on_the_batch(model):
    texts = sample_texts()
    together = dump_all(model, texts)
    one_by_one = b"\n".join(
        model.classify(text, targets=True, evidence=True, systemic=True).model_dump_json().encode("utf-8")
        for text in texts
    )
    reversed_batch = dump_all(model, texts[::-1]).split(b"\n")[::-1]
    assert one_by_one == together
    assert b"\n".join(reversed_batch) == together


def test_same_json_bytes_across_processes_and_hash_seeds(model):
    expected = hashlib.sha256(dump_all(model, sample_texts())).hexdigest()
    code = _SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    digests = {seed: run_python(code, seed) for seed in HASH_SEEDS}
    assert set(digests.values()) == {expected}, digests


_TRAIN = textwrap.dedent(
    """
    import warnings
    warnings.simplefilter("ignore")
    from sdgmap.training import TrainConfig, train
    train({corpus!r}, {out!r}, TrainConfig(min_df=1, max_df=1.0, use_synthetic=False))
    """
)


def file_hashes(folder: Path) -> dict[str, str]:
    hashes = {name: sdgmap.pipeline.sha256(folder / name) for name in MODEL_FILES if (folder / name).exists()}
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta.pop("training_seconds")
    hashes["meta.json - training_seconds"] = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()
    return hashes


@pytest.mark.slow
def test_training_gives_identical_files_across_processes_and_hash_seeds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "sdg_corpus.jsonl").open("w", encoding="utf-8") as handle:
        for row in synthetic_corpus():
            handle.write(json.dumps(row) + "\n")
    hashes = []
    for seed in ("1", "2"):
        out = tmp_path / f"model-{seed}"
        run_python(_TRAIN.format(corpus=str(corpus), out=str(out)), seed)
        hashes.append(file_hashes(out))
    assert {"weights.npz", "vocabulary.json", "lexicon.json", "targets.json"} <= set(hashes[0])
    assert hashes[0] == hashes[1]
