"""Property-based tests of the text pipeline and the API.

Generated texts mix random Unicode (lone surrogates included), words of real initiative
descriptions, emoji, right-to-left scripts, HTML, URLs, control and invisible characters and
long tokens. Whatever the text: offsets are exact, scores are probabilities, the 17 goals are
sorted, JSON output works, and the only exceptions are the documented ones. A longer run:
``python scripts/fuzz.py 10000``.
"""

import json
import warnings

import pytest
from conftest import read_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdgmap import Classification, TextProcessor

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = sorted({word for name in ("en_initiatives.jsonl", "fr_initiatives.jsonl")
                 for row in read_jsonl(name)[:60] for word in row["text"].split()})
_PIECES = [
    "🌱", "♻️", "👩‍👩‍👧‍👦", "🇫🇷", "🏳️‍🌈", "مبادرة مجتمعية", "الحدائق", "גינה קהילתית", "社区花园", "Ǳ", "ß", "İ",
    "<p>", "</div>", "<script>alert(1)</script>", "&amp;", "&#x1F331;", "https://example.org/a?b=c&d=e", "www.x.fr",
    "mailto:a@b.c", "@user", "#hashtag", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u0301", "\u0338",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\r\n", "\n\n", "\t", "\u00a0", "\u3000",
    "\udcff", "\ud800", "\udfff", "\ufffd", "\U0010ffff", "...", "!?", "«", "»", "’", "l'", "qu'", "aujourd’hui",
    "co-op", "e.g.", "1,000.5", "50%", "10€", "(", ")", '"', "'", "-", "/",
]

pieces = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_PIECES),
    st.text(max_size=12),  # any code points
    st.text(alphabet=st.characters(categories=["Cs", "Co", "Cc", "Cf", "Mn", "Zs", "Zl", "Zp"]), max_size=6),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "é", "(", "🌱", "-", ".", "\u0301", "solar"]),
              st.integers(1, 400)),  # long tokens
)
separators = st.sampled_from([" ", " ", " ", "", "\n", ". ", ", ", "\t", "\u00a0", "  \n\n"])
texts = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps)),
    st.lists(pieces, max_size=40),
    st.lists(separators, min_size=40, max_size=40),
)
not_texts = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.binary(max_size=20),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.builds(bytearray, st.binary(max_size=5)),
)


_PROCESSOR = TextProcessor()  # one for all examples: building spaCy's tokenizer takes a while


def check_result(result: Classification, text: str) -> None:
    assert len(result.goals) == 17 and {g.goal for g in result.goals} == set(range(1, 18))
    scores = [g.score for g in result.goals]
    assert scores == sorted(scores, reverse=True) and all(0.0 <= s <= 1.0 for s in scores)
    assert result.sdgs == tuple(g.goal for g in result.goals if g.selected)
    for item in result.evidence:
        assert text[item.start : item.end] == item.text
    for target in result.targets:
        assert target.goal in result.sdgs and 0.0 <= target.score <= 1.0
    dumped = result.model_dump_json()
    dumped.encode("utf-8")
    assert len(json.loads(dumped)["goals"]) == 17


@SETTINGS
@given(text=texts)
def test_tokens_and_sentences_point_into_the_text(model, text):
    doc = model.processor.process(text)
    assert doc.text == text
    end = 0
    for start, stop in zip(doc.starts, doc.ends):
        assert end <= start < stop <= len(text)
        assert not text[start:stop].isspace()
        end = stop
    assert len(doc.starts) == len(doc.ends) == len(doc.lemmas) == len(doc.content)
    covered = [i for first, last in doc.sentences for i in range(first, last)]
    assert covered == list(range(len(doc)))  # sentences tile the tokens, in order


@SETTINGS
@given(text=texts, limit=st.integers(1, 300))
def test_truncation_keeps_a_prefix_and_exact_offsets(text, limit):
    processor = _PROCESSOR
    processor.max_length = limit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = processor.process(text)
    assert doc.truncated == (len(text) > limit) == any("W001" in str(w.message) for w in caught)
    assert text.startswith(doc.text) and len(doc.text) == min(len(text), limit)
    assert all(stop <= len(doc.text) for stop in doc.ends)


@SETTINGS
@given(text=texts, language=st.sampled_from([None, "en", "fr"]))
def test_classify_keeps_its_contract_on_any_text(model, text, language):
    result = model.classify(text, language=language, evidence=True)
    check_result(result, text)
    if language:
        assert result.language == language


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(texts, min_size=1, max_size=6), batch_size=st.integers(1, 4))
def test_classify_many_equals_classify(model, batch, batch_size):
    many = model.classify_many(batch, evidence=True, batch_size=batch_size)
    assert many == [model.classify(text, evidence=True) for text in batch]


@SETTINGS
@given(bad=not_texts)
def test_only_documented_errors_for_what_is_not_text(model, bad):
    with pytest.raises(TypeError, match="E001"):
        model.classify(bad)
    with pytest.raises(TypeError, match="E001"):
        model.classify_many(["A repair café.", bad])


@SETTINGS
@given(language=st.text(max_size=4).filter(lambda s: s not in ("en", "fr")), point=st.text(max_size=9))
def test_only_documented_errors_for_bad_options(model, language, point):
    with pytest.raises(ValueError, match="E003"):
        model.classify("A repair café.", language=language)
    if point and point not in model.operating_points:
        with pytest.raises(ValueError, match="E002"):
            model.classify("A repair café.", operating_point=point)

