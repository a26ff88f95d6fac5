"""Each hostile input of ``bench/bench_hostile.py`` is parsed and its claims extracted in seconds.

Before the fixes these took minutes or did not finish: a run of 60 dots (exponential
backtracking), a heading or caption line of thousands of spaces (cubic), 200,000
caption cues or JSON segments (a copy of the rest of the block per sentence). The
sizes here are small enough for a test and large enough that the old code hangs:
a limit of 10 s is generous for a loaded 2-core machine and far below a hang.
Linear growth itself is checked at two sizes on the cases where it used to fail.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from helpers.claims.extract import extract_claims
from helpers.text.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_hostile", ROOT / "bench" / "bench_hostile.py")
bench_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_hostile)

LIMIT_SECONDS = 10.0
# Scale of each case (1.0 is the size): the pattern cases at full size, the bulk ones smaller.
SCALES = {
    "baseline": 1.0,
    "dots_run": 1.0,
    "spaces_heading": 1.0,
    "spaces_caption": 1.0,
    "one_line_1mb": 0.05,
    "one_line_unpunctuated_1mb": 0.05,
    "one_line_japanese_1mb": 0.05,
    "no_spaces_1mb": 0.05,
    "numbers_100k": 0.05,
    "srt_cues_200k": 0.02,
    "json_segments_200k": 0.02,
}


def _parse_and_extract(name: str, scale: float) -> tuple[float, int]:
    file_name, make = bench_hostile.CASES[name]
    text = make(scale)
    t = time.perf_counter()
    doc = parse_document(text, Path(file_name).stem, path=file_name)
    extract_claims(doc)
    return time.perf_counter() - t, len(doc.sentences)


def test_every_case_has_a_scale():
    assert set(SCALES) == set(bench_hostile.CASES)


@pytest.mark.parametrize("name", sorted(SCALES))
def test_hostile_case_parses_and_extracts_in_seconds(name):
    seconds, sentences = _parse_and_extract(name, SCALES[name])
    assert sentences >= 1
    assert seconds < LIMIT_SECONDS, f"{name}: {seconds:.1f} s"


def test_the_dots_line_keeps_its_text():
    doc = parse_document("Introduction" + "." * 60 + "1\n", "toc")
    assert "".join(s.text for s in doc.sentences) == "Introduction" + "." * 60 + "1"


@pytest.mark.parametrize("name", ["srt_cues_200k", "json_segments_200k", "one_line_1mb"])
def test_hostile_case_grows_linearly(name):
    # Ten times the input: linear is about 10x, the old per-sentence copy was about 100x.
    small, _ = min(_parse_and_extract(name, SCALES[name] / 10) for _ in range(2))
    large, _ = _parse_and_extract(name, SCALES[name])
    assert large < 40 * max(small, 0.05), f"{name}: {small:.2f} s -> {large:.2f} s"


def test_language_detection_reads_a_bounded_sample(monkeypatch):
    from helpers.text import language

    real = language.detector()
    lengths: list[int] = []

    class Recording:
        def compute_language_confidence_values(self, text):
            lengths.append(len(text))
            return real.compute_language_confidence_values(text)

    monkeypatch.setattr(language, "detector", lambda: Recording())
    language._latin_answer.cache_clear()
    doc = parse_document(bench_hostile.one_line(0.3), "one_line")
    language._latin_answer.cache_clear()
    assert doc.lang == "en"
    assert lengths and max(lengths) <= language.DETECT_MAX_CHARS
