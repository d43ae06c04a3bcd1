"""A longer fuzz run than the test suite's: N generated inputs through the API and the file I/O.

    python scripts/fuzz.py [N] [--seed S] [--max-seconds T] [--files-every K] [--save FAILURES.jsonl]

Inputs (default N = 10,000) mix random Unicode (lone surrogates, private use, every plane),
emoji sequences, right-to-left scripts with bidi controls, HTML, URLs, very long tokens,
control and invisible characters, and real-ish initiative sentences (tests/data/, words
shuffled, English and French recombined); a few are longer than ``max_length``, some are
not text at all, some pass bad options. Each is classified with evidence and targets and
checked: exact offsets, 17 sorted goals, scores in [0, 1], JSON output, and only the
documented exceptions (TypeError E001, ValueError E002/E003). Every K inputs, the last K
texts are also written to a JSON Lines and a CSV file, with corrupted bytes, formula-like
and surrogate-escaped ids, and classified with ``sdgmap.classify_file``: one output row per
input row, valid UTF-8, formula-like CSV cells escaped.

Prints the figures; exits 1 if any input raised an unexpected exception, broke the contract
or took longer than T seconds (default 10), 0 otherwise. Deterministic given the seed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sdgmap  # noqa: E402
from sdgmap import Classification  # noqa: E402

DATA = ROOT / "tests" / "data"
EMOJI = ["🌱", "🌍", "♻️", "🚲", "☀️", "💧", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "👍🏽", "🧑‍🔧", "❤️‍🔥", "🫶", "🐝"]
RTL = ["مبادرة", "مجتمعية", "لزراعة", "الحدائق", "المشتركة", "الطاقة", "גינה", "קהילתית", "משותפת", "אנרגיה", "סולארית"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e", "\u061c"]
CONTROL = [chr(c) for c in range(0, 32)] + [chr(c) for c in range(127, 160)] + ["\u2028", "\u2029"]
COMBINING = [chr(c) for c in range(0x300, 0x370)]
TAGS = ["<p>", "</p>", "<div class='x'>", "</div>", "<b>", "</b>", "<br/>", "<script>alert(1)</script>", "<!-- x -->",
        "<a href=\"javascript:alert(1)\">", "</a>", "&amp;", "&lt;", "&eacute;", "&#128512;", "&#x1F331;", "<![CDATA[x]]>"]
URLS = ["https://example.org/garden", "http://x.y/z?a=1&b=2#top", "www.solar.coop", "mailto:contact@repair.cafe",
        "ftp://files.example/x", "https://xn--caf-dma.fr/é", "https://example.org/" + "a/" * 50]
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
PLANES = [(0x20, 0x7F), (0xA0, 0x2FF), (0x370, 0x1FFF), (0x2000, 0x2BFF), (0x3000, 0x9FFF), (0xD800, 0xDFFF),
          (0xE000, 0xF8FF), (0xFB00, 0xFFFF), (0x10000, 0x1FFFF), (0x1F300, 0x1FAFF), (0xE0000, 0xE007F),
          (0xF0000, 0x10FFFF)]


def load_sentences() -> list[str]:
    sentences = []
    for name in ("en_initiatives.jsonl", "fr_initiatives.jsonl"):
        with (DATA / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    text = json.loads(line)["text"]
                    sentences += [s.strip() for s in text.replace("!", ".").split(". ") if s.strip()]
    return sentences


class Generator:
    """Deterministic hostile and odd inputs, given a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sentences = load_sentences()
        self.words = sorted({w for s in self.sentences for w in s.split()})

    # -- pieces --------------------------------------------------------------------------
    def unicode(self, n: int) -> str:
        rng = self.rng
        out = []
        for _ in range(n):
            low, high = rng.choice(PLANES)
            out.append(chr(rng.randint(low, high)))
        return "".join(out)

    def initiative(self) -> str:
        rng = self.rng
        sentences = rng.sample(self.sentences, rng.randint(1, 4))
        if rng.random() < 0.5:  # shuffle the words of one sentence
            i = rng.randrange(len(sentences))
            words = sentences[i].split()
            rng.shuffle(words)
            sentences[i] = " ".join(words)
        return ". ".join(sentences) + rng.choice([".", "", "!", " ...", "\n"])

    def long_token(self) -> str:
        rng = self.rng
        unit = rng.choice(["a", "é", "(", ")", "🌱", "-", ".", "\u0301", "solar", "!?", "'", "\"", "ab-", "l'", "x/"])
        return unit * rng.randint(50, 5000)

    def piece(self) -> str:
        rng = self.rng
        kind = rng.randrange(12)
        if kind == 0:
            return self.unicode(rng.randint(1, 30))
        if kind == 1:
            return "".join(rng.choices(EMOJI, k=rng.randint(1, 8)))
        if kind == 2:
            return " ".join(rng.choices(RTL, k=rng.randint(1, 6))) + rng.choice(BIDI + [""])
        if kind == 3:
            return rng.choice(TAGS) + self.initiative() + rng.choice(TAGS)
        if kind == 4:
            return rng.choice(URLS)
        if kind == 5:
            return self.long_token() if rng.random() < 0.2 else rng.choice(self.words) * rng.randint(1, 4)
        if kind == 6:
            return "".join(rng.choices(CONTROL, k=rng.randint(1, 5)))
        if kind == 7:
            word = rng.choice(self.words)
            return "".join(c + rng.choice(INVISIBLE + COMBINING) if rng.random() < 0.3 else c for c in word)
        if kind == 8:
            return rng.choice(["\udcff", "\ud800", "\udfff", "\ud83d", "\ufffd", "\x00", "\U0010ffff"])
        return self.initiative()

    def text(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return self.initiative()
        if roll < 0.997:
            separators = [" ", " ", "\n", ". ", "", "\t", "\u00a0", "\n\n", ", "]
            return "".join(self.piece() + rng.choice(separators) for _ in range(rng.randint(0, 25)))
        # Longer than max_length: repeated description, one huge token, or a million lines.
        shape = rng.randrange(3)
        if shape == 0:
            return (self.initiative() + " ") * rng.randint(800, 2000)
        if shape == 1:
            return self.long_token() * 40
        return "\n".join(rng.choice(self.words) for _ in range(rng.randint(50_000, 200_000)))

    def not_text(self):
        rng = self.rng
        return rng.choice([None, 0, -1, 3.5, float("nan"), True, b"bytes", bytearray(b"x"), ["a"], ("a",), {"a": 1},
                           {"a"}, object(), memoryview(b"x"), 10**30])


def check(result: Classification, text: str, max_length: int) -> None:
    assert isinstance(result, Classification)
    assert len(result.goals) == 17 and {g.goal for g in result.goals} == set(range(1, 18)), "17 goals"
    scores = [g.score for g in result.goals]
    assert scores == sorted(scores, reverse=True), "goals sorted"
    assert all(0.0 <= s <= 1.0 for s in scores), "scores in [0, 1]"
    assert result.sdgs == [g.goal for g in result.goals if g.selected], "sdgs are the selected goals"
    assert result.truncated == (len(text) > max_length), "truncated flag"
    for item in result.evidence:
        assert text[item.start : item.end] == item.text, "evidence offsets"
        assert item.goal in result.sdgs, "evidence for an asserted goal"
    dumped = result.model_dump_json()
    dumped.encode("utf-8")
    assert len(json.loads(dumped)["goals"]) == 17, "JSON round trip"


class Tally:
    def __init__(self, max_seconds: float, save: Path | None) -> None:
        self.counts: Counter = Counter()
        self.failures: Counter = Counter()
        self.examples: dict[str, str] = {}
        self.max_seconds = max_seconds
        self.slowest = (0.0, "")
        self.save = save.open("w", encoding="utf-8") if save else None

    def fail(self, kind: str, detail: str, value) -> None:
        key = re.sub(r"(?<![\w-])\d+", "N", f"{kind}: {detail}")[:200]  # "in position 3" and "4": one kind
        self.failures[key] += 1
        self.examples.setdefault(key, repr(value)[:300])
        if self.save:
            self.save.write(json.dumps({"kind": kind, "detail": detail, "input": repr(value)}) + "\n")

    def timed(self, seconds: float, value) -> None:
        if seconds > self.slowest[0]:
            self.slowest = (seconds, repr(value)[:120])
        if seconds > self.max_seconds:
            self.fail("slow", f"over {self.max_seconds} s", value)


def run_text(model, text: str, tally: Tally) -> None:
    start = time.perf_counter()
    try:
        result = model.classify(text, evidence=True, targets=True)
        check(result, text, model.processor.max_length)
        tally.counts["results"] += 1
        tally.counts["with goals"] += bool(result.sdgs)
        tally.counts["truncated"] += result.truncated
        tally.counts["evidence spans"] += len(result.evidence)
    except AssertionError as error:
        tally.fail("contract", str(error), text)
    except Exception as error:  # noqa: BLE001 - counted, that is the point
        tally.fail("unexpected", f"{type(error).__name__}: {str(error)[:120]}", text)
    tally.timed(time.perf_counter() - start, text)


def run_not_text(model, value, tally: Tally) -> None:
    try:
        model.classify(value)
        tally.fail("contract", "a non-string was classified", value)
    except TypeError as error:
        if "E001" in str(error):
            tally.counts["documented errors"] += 1
        else:
            tally.fail("unexpected", f"TypeError without E001: {error}", value)
    except Exception as error:  # noqa: BLE001
        tally.fail("unexpected", f"{type(error).__name__}: {str(error)[:120]}", value)


def run_bad_option(model, rng: random.Random, tally: Tally) -> None:
    option, value, code = rng.choice([
        ("language", rng.choice(["de", "", "EN", "xx", 3]), "E003"),
        ("operating_point", rng.choice(["greedy", "BALANCED", "f2", 7]), "E002"),
    ])
    try:
        model.classify("A repair café.", **{option: value})
        tally.fail("contract", f"bad {option} accepted", value)
    except ValueError as error:
        if code in str(error):
            tally.counts["documented errors"] += 1
        else:
            tally.fail("unexpected", f"ValueError without {code}: {error}", value)
    except Exception as error:  # noqa: BLE001
        tally.fail("unexpected", f"{type(error).__name__} for bad {option}", value)


def corrupt(line: bytes, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.03:
        return line[: rng.randrange(max(1, len(line)))]  # cut short: invalid JSON
    if roll < 0.06:
        i = rng.randrange(max(1, len(line)))
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))).replace(b"\n", b"").replace(b"\r", b"")
        return line[:i] + noise + line[i:]
    return line


def run_files(model, texts: list[str], rng: random.Random, tally: Tally, folder: Path) -> None:
    """The last texts as JSON Lines and CSV files (corrupted a little): one output row each."""
    ids = []
    for i in range(len(texts)):
        roll = rng.random()
        ids.append(rng.choice(FORMULAS) if roll < 0.05 else f"s{i}\udcff" if roll < 0.07 else f"r{i}")
    jsonl = folder / "in.jsonl"
    lines = []
    for row_id, text in zip(ids, texts):
        # json.dumps escapes lone surrogates as \udcff: the line itself is valid UTF-8.
        lines.append(corrupt(json.dumps({"id": row_id, "text": text}).encode("utf-8"), rng))
    jsonl.write_bytes(b"\n".join(lines) + b"\n")
    expected_jsonl = sum(1 for line in lines if line.strip())
    csv_path = folder / "in.csv"
    with csv_path.open("w", encoding="utf-8", errors="replace", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for row_id, text in zip(ids, texts):
            writer.writerow([row_id, text])
    with csv_path.open(encoding="utf-8", newline="") as handle:
        expected_csv = sum(1 for _ in csv.reader(handle)) - 1
    for source, expected in ((jsonl, expected_jsonl), (csv_path, expected_csv)):
        for out in (folder / "out.jsonl", folder / "out.csv"):
            label = f"file {source.suffix} -> {out.suffix}"
            start = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    summary = sdgmap.classify_file(model, source, out)
                data = out.read_bytes().decode("utf-8")  # strict: outputs are valid UTF-8
                if out.suffix == ".jsonl":
                    rows = [json.loads(line) for line in data.split("\n") if line]
                else:
                    rows = list(csv.DictReader(io.StringIO(data, newline="")))
                    for row in rows:
                        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values()), "CSV escaping"
                assert summary.rows == len(rows), "rows reported = rows written"
                assert len(rows) == expected, f"one output row per input row ({len(rows)} != {expected})"
                tally.counts["file runs"] += 1
                tally.counts["file rows"] += len(rows)
                tally.counts["file error rows"] += len(summary.skipped)
            except AssertionError as error:
                tally.fail("contract", f"{label}: {error}", source.read_bytes()[:300])
            except Exception as error:  # noqa: BLE001
                tally.fail("unexpected", f"{label}: {type(error).__name__}: {str(error)[:100]}", source.read_bytes()[:300])
            tally.timed(time.perf_counter() - start, label)
            out.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="generated inputs (default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=10.0, help="an input slower than this is a failure")
    parser.add_argument("--files-every", type=int, default=500, help="also run the last K texts as files (0: never)")
    parser.add_argument("--save", type=Path, default=None, help="write every failing input to this JSON Lines file")
    args = parser.parse_args(argv)

    generator = Generator(args.seed)
    rng = generator.rng
    tally = Tally(args.max_seconds, args.save)
    started = time.perf_counter()
    model = sdgmap.load()
    recent: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # W001 on long inputs: counted as `truncated`
        for i in range(1, args.n + 1):
            roll = rng.random()
            if roll < 0.04:
                tally.counts["not text"] += 1
                run_not_text(model, generator.not_text(), tally)
            elif roll < 0.05:
                tally.counts["bad options"] += 1
                run_bad_option(model, rng, tally)
            else:
                text = generator.text()
                tally.counts["texts"] += 1
                tally.counts["characters"] += len(text)
                run_text(model, text, tally)
                if len(text) < 20_000:
                    recent.append(text)
            if args.files_every and i % args.files_every == 0:
                run_files(model, recent, rng, tally, Path(tmp))
                recent = []
            if i % 1000 == 0:
                print(f"  {i} inputs, {sum(tally.failures.values())} failures, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    if tally.save:
        tally.save.close()

    counts = tally.counts
    print(f"sdgmap {sdgmap.__version__} fuzz: {args.n} inputs, seed {args.seed}, {elapsed:.0f} s")
    print(f"  texts {counts['texts']} ({counts['characters']:,} characters; {counts['truncated']} truncated, "
          f"{counts['with goals']} with goals, {counts['evidence spans']} evidence spans checked)")
    print(f"  not text {counts['not text']}, bad options {counts['bad options']}: "
          f"{counts['documented errors']} documented errors")
    print(f"  files: {counts['file runs']} runs, {counts['file rows']} rows ({counts['file error rows']} error rows)")
    print(f"  slowest input {tally.slowest[0]:.2f} s: {tally.slowest[1]}")
    kinds = Counter()
    for key, n in tally.failures.items():
        kinds[key.split(":", 1)[0]] += n
    print(f"  unexpected exceptions {kinds['unexpected']}, contract violations {kinds['contract']}, "
          f"slow (> {args.max_seconds} s) {kinds['slow']}")
    for key, n in tally.failures.most_common(20):
        print(f"    {n:5d} × {key}\n          e.g. {tally.examples[key][:200]}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        traceback.print_exc()
        sys.exit(130)
