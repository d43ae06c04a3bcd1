import json
import random
from pathlib import Path

import pytest

import sdgmap

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def model():
    return sdgmap.load()


def read_jsonl(name):
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def fr_set():
    return read_jsonl("fr_initiatives.jsonl")


@pytest.fixture(scope="session")
def en_set():
    return read_jsonl("en_initiatives.jsonl")


def synthetic_corpus(n_per_goal: int = 6, seed: int = 0) -> list[dict]:
    """A tiny labelled corpus made from lexicon terms and fixed templates.

    How it is made: for each goal, sentences that join two or three of its lexicon terms
    in an invented project's description; one goal per text, ids and splits assigned in
    turn. It only checks that training runs end to end, not model quality.
    """
    rng = random.Random(seed)
    lexicon = sdgmap.Lexicon.load()
    templates = {
        "en": "The {name} group works on {a} and {b}, with a focus on {c}.",
        "fr": "Le collectif {name} agit pour {a} et {b}, avec une attention à {c}.",
    }
    rows = []
    for goal in range(1, 18):
        for i in range(n_per_goal):
            lang = "fr" if (goal + i) % 3 == 0 else "en"
            terms = lexicon.terms(goal=goal, language=lang)
            a, b, c = rng.sample(terms, 3)
            split = ["train", "train", "train", "train", "dev", "test"][i % 6]
            text = templates[lang].format(name=f"Alpha{goal}{i}", a=a, b=b, c=c)
            rows.append({"id": f"syn-{goal}-{i}", "source": "synthetic", "lang": lang, "split": split,
                         "sdgs": [goal], "text": text, "license": "CC0"})
    return rows


@pytest.fixture(scope="session")
def tiny_corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    with (folder / "sdg_corpus.jsonl").open("w", encoding="utf-8") as handle:
        for row in synthetic_corpus():
            handle.write(json.dumps(row) + "\n")
    return folder
