"""Hardening II, the parsers: every reader bounded, and no text lost without a word.

Each test is one finding of issue 32 (YAML front matter, JSON transcripts,
timings, speaker names, captions, the ledger, the documents and cache
entries themselves): the input ends quickly, in bounded memory, either read
correctly or as a named error for the file at fault, and the rest of the
build goes on. The hostile inputs come from bench/hostile_parsers.py, where
the benchmark uses them at full size.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from helpers.exceptions import ConfigurationError, DocumentError
from helpers.text.decode import decode_bytes
from helpers.text.parse import parse_document

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("hostile_parsers", ROOT / "bench" / "hostile_parsers.py")
hp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hp)

# Generous: a hang is minutes, an alias bomb gigabytes.
SECONDS = 10
PEAK_BYTES = 200_000_000


def _parse(case: tuple[str, str, bytes]):
    _, filename, data = case
    return parse_document(decode_bytes(data, filename).text, Path(filename).stem, path=filename)


def _bounded(call):
    """``call()``'s outcome (its value, or the exception it raised), checked to take < SECONDS and < PEAK_BYTES."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = call()
    except Exception as e:  # noqa: BLE001  (the outcome is what the test checks)
        outcome = e
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert seconds < SECONDS and peak < PEAK_BYTES, (seconds, peak)
    return outcome


HUNG = "did not end"


def _in_thread(call, fifo: Path, seconds: float = SECONDS):
    """``call()``'s outcome from a thread, or ``HUNG`` when it did not end within ``seconds``.

    A reader still blocked on ``fifo`` is released (a writer opens it without
    blocking once a reader waits), so the test fails instead of hanging.
    """
    done: list[object] = []

    def run() -> None:
        try:
            done.append(call())
        except Exception as e:  # noqa: BLE001
            done.append(e)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if not done:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        return HUNG
    return done[0]


def _named(outcome: object, *words: str) -> None:
    assert isinstance(outcome, DocumentError), f"expected a DocumentError, got {outcome!r}"[:300]
    for w in words:
        assert w in str(outcome), str(outcome)[:300]


# --- 1. YAML: one bounded loader for the catalog, front matter and package data ----------------


def test_an_alias_bomb_in_front_matter_is_a_named_error_in_milliseconds():
    outcome = _bounded(lambda: _parse(hp.front_matter_alias_bomb()))
    _named(outcome, "bomb.md", "front matter", "alias")


def test_front_matter_nested_too_deeply_is_a_named_error():
    _named(_bounded(lambda: _parse(hp.front_matter_deep())), "deep_front.md", "nested")


def test_front_matter_beyond_the_size_bound_is_read_as_text_without_parsing_it():
    doc = _bounded(lambda: _parse(hp.front_matter_huge(scale=0.04)))
    assert not isinstance(doc, Exception), doc
    assert doc.metadata == {} and any("350.000" in s.text for s in doc.sentences)


def test_ordinary_front_matter_is_still_read_and_kept_out_of_the_text():
    doc = parse_document("---\ntitle: Connect\nguests: [Mark, Priscilla]\n---\n\nMeta hat 350.000 GPUs.\n", "fm")
    assert doc.title == "Connect" and doc.metadata["guest"] == "Mark; Priscilla"
    assert [s.text for s in doc.sentences] == ["Meta hat 350.000 GPUs."]


def test_front_matter_that_is_not_yaml_stays_text():
    doc = parse_document("---\nnot: [closed\n---\n\nMeta hat 350.000 GPUs.\n", "fm")
    assert any("350.000" in s.text for s in doc.sentences)


def test_every_yaml_bound_is_its_own_named_error():
    from helpers.text.safeload import MAX_YAML_ALIASES, MAX_YAML_DEPTH, BoundExceeded, load_yaml

    deep_block = "".join("  " * i + f"k{i}:\n" for i in range(MAX_YAML_DEPTH + 1)) + "  " * (MAX_YAML_DEPTH + 1) + "v\n"
    chained = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, MAX_YAML_DEPTH + 2))
    many = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_YAML_ALIASES + 1)) + "]\n"
    for text, words, limit in ((deep_block, "nested", None), (chained, "levels deep", None), (many, "aliases", None), ("x" * 11, "characters", 10)):
        outcome = _bounded(lambda: load_yaml(text, max_chars=limit or len(text)))
        assert isinstance(outcome, BoundExceeded) and words in str(outcome), outcome
        copy = pickle.loads(pickle.dumps(outcome))
        assert (type(copy), str(copy), copy.line) == (BoundExceeded, str(outcome), outcome.line)


def test_no_module_loads_yaml_but_through_the_bounded_loader():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "src" / "helpers").rglob("*.py")
        if p.name != "safeload.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "yaml.safe_load(" in line or "yaml.load(" in line or "yaml.full_load(" in line
    ]
    assert not offenders


# --- 2. JSON: nesting and size bounded in every JSON reader and the build's cache ---------------


@pytest.mark.parametrize("case", [hp.json_deep_whisper, hp.json_deep_json3, hp.json_deep_deepgram], ids=lambda c: c.__name__)
def test_json_nested_100000_deep_is_a_named_error(case):
    _named(_bounded(lambda: _parse(case())), "nested")


@pytest.mark.parametrize("fmt", ["asr-json", "json3"])
def test_each_json_reader_names_deep_nesting_when_called_directly(fmt):
    from helpers.text.formats import read

    _, _, data = hp.json_deep_whisper()
    _named(_bounded(lambda: read(data.decode(), source="deep.json", fmt=fmt)), "deep.json", "nested")


def test_a_cache_entry_nested_too_deeply_is_a_miss_not_a_crash():
    from helpers.build.builder import _read_cache_entry

    assert _bounded(lambda: _read_cache_entry(b"[" * 100_000 + b"]" * 100_000, "key", "doc")) is None


def test_a_cache_entry_that_is_a_fifo_is_a_miss_not_a_hang(tmp_path):
    from helpers.build import builder

    fifo = tmp_path / "entry.json"
    os.mkfifo(fifo)
    assert _in_thread(lambda: builder._read_cache_entry(builder._cache_bytes(fifo), "key", "doc"), fifo) is None


# --- 3. Timings: finite and in range, one rule for every reader ---------------------------------


TIMING_CASES = [
    hp.whisper_start_overflow, hp.whisper_start_nan, hp.whisper_start_huge_int, hp.assemblyai_start_nan,
    hp.json3_start_huge, hp.deepgram_start_inf, hp.whisper_tsv_huge_start, hp.whisper_tsv_superscript,
]


@pytest.mark.parametrize("case", TIMING_CASES, ids=lambda c: c.__name__)
def test_a_timing_that_is_not_a_finite_time_in_range_is_a_named_error(case):
    name, filename, _ = case()
    _named(_bounded(lambda: _parse(case())), filename)
    assert hp.EXPECTED[filename].startswith("error")


def test_times_within_range_are_read_and_negative_ones_are_the_start():
    from helpers.text.formats import BadTiming, clock, stated_clock

    assert clock(3_723.9) == "01:02:03" and clock(-0.02) == "00:00:00"
    assert stated_clock(5_000, 1000) == "00:00:05" and stated_clock("5") is None and stated_clock(True) is None
    for bad in (float("nan"), float("inf"), 1e30):
        with pytest.raises(BadTiming):
            clock(bad)


# --- 4. Speaker names cut with a note -------------------------------------------------------------


def test_a_20kb_voice_name_over_many_cues_is_cut_to_100_characters():
    from helpers.text.formats import MAX_SPEAKER_CHARS

    doc = _bounded(lambda: _parse(hp.vtt_long_voice(cues=300)))
    assert not isinstance(doc, Exception), doc
    assert len(doc.sentences) == 300
    speakers = {s.speaker for s in doc.sentences} | {b.speaker for b in doc.blocks}
    assert speakers - {None} and all(len(s) <= MAX_SPEAKER_CHARS and s.endswith("…") for s in speakers - {None})


def test_short_names_are_untouched():
    from helpers.text.formats import short_name

    assert short_name("Mark Zuckerberg") == "Mark Zuckerberg" and short_name(None) is None
    assert short_name("x" * 101) == "x" * 99 + "…"


# --- 5. A caption file that reads as no text --------------------------------------------------------


def test_webvtt_with_subrip_timings_is_read_with_its_times():
    doc = _bounded(lambda: _parse(hp.vtt_srt_timings()))
    assert doc.format == "vtt"
    assert [(s.text, s.timestamp) for s in doc.sentences] == [("Meta hat 350.000 GPUs.", "00:00:01"), ("Das ist viel.", "00:00:05")]


def test_a_caption_file_without_cues_is_a_named_error_naming_the_cause():
    _named(_bounded(lambda: _parse(hp.vtt_no_cues())), "no_cues.vtt", "timing line", "no text")


def test_cue_settings_with_commas_are_left_as_written():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 position:10%,line-left align:left\nMeta hat 350.000 GPUs.\n"
    doc = parse_document(text, "settings")
    assert [s.text for s in doc.sentences] == ["Meta hat 350.000 GPUs."]


# --- 6. The ledger, the catalog and the documents: regular files under a size limit -------------


def test_a_ledger_that_is_a_fifo_is_a_named_error_not_a_hang(tmp_path):
    from helpers.analysis.ledger import load_ledger

    fifo = tmp_path / "reference_facts.csv"
    os.mkfifo(fifo)
    outcome = _in_thread(lambda: load_ledger(fifo), fifo)
    assert isinstance(outcome, ConfigurationError) and str(fifo) in str(outcome), outcome


def test_a_ledger_that_is_a_device_is_a_named_error_in_bounded_memory():
    from helpers.analysis.ledger import load_ledger

    outcome = _bounded(lambda: load_ledger("/dev/zero"))
    assert isinstance(outcome, ConfigurationError) and "/dev/zero" in str(outcome) and "regular file" in str(outcome)


def test_a_ledger_over_the_size_limit_is_a_named_error(tmp_path, monkeypatch):
    from helpers.analysis import ledger

    p = tmp_path / "big.csv"
    p.write_text(hp._LEDGER_HEADER + hp._LEDGER_ROW.format(n=1) * 3, encoding="utf-8")
    monkeypatch.setattr(ledger, "MAX_LEDGER_BYTES", 100)
    with pytest.raises(ConfigurationError, match="at most 100"):
        ledger.load_ledger(p)


@pytest.mark.parametrize("case", hp.LEDGERS, ids=lambda c: c.__name__)
def test_unreadable_ledger_csv_is_reported_with_file_and_line_and_the_build_goes_on(tmp_path, case):
    from helpers.build.builder import _load_ledger

    _, filename, data = case()
    p = tmp_path / filename
    p.write_bytes(data)
    outcome = _bounded(lambda: _load_ledger(p))
    assert not isinstance(outcome, Exception), outcome
    ledger, problems = outcome
    assert ledger.empty and len(problems) == 1
    assert problems[0].startswith(f"{p}:") and problems[0].split(":")[1].isdigit(), problems
    assert hp.EXPECTED[filename].removeprefix("error: ") in problems[0]


def test_a_document_that_is_a_fifo_is_a_named_error_not_a_hang(tmp_path):
    from helpers.build.extract import extract_document
    from helpers.text.catalog import Catalog
    from helpers.text.corpus import SourceFile

    fifo = tmp_path / "talk.txt"
    os.mkfifo(fifo)  # a file swapped for a FIFO between discovery and extraction
    outcome = _in_thread(lambda: extract_document(SourceFile("talk", fifo), Catalog(path=None)), fifo)
    assert outcome is not HUNG and not isinstance(outcome, Exception), outcome
    assert outcome.row["status"] == "error" and "talk.txt" in outcome.row["error"] and "regular file" in outcome.row["error"]


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from helpers.text.decode import MAX_DOCUMENT_BYTES, read_document

    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    outcome = _bounded(lambda: read_document(p))
    _named(outcome, "huge.txt", f"at most {MAX_DOCUMENT_BYTES:,}")


# --- the hostile corpus: every case ends, read or named ------------------------------------------


def test_every_hostile_document_ends_as_expected():
    for case in hp.DOCUMENTS:
        small = {hp.vtt_long_voice: lambda: hp.vtt_long_voice(cues=300), hp.front_matter_huge: lambda: hp.front_matter_huge(0.1)}
        _, filename, data = small.get(case, case)()
        outcome = _bounded(lambda: _parse((None, filename, data)))
        expected = hp.EXPECTED[filename]
        if expected == "ok":
            assert not isinstance(outcome, Exception), (filename, outcome)
            assert outcome.sentences, filename
        else:
            _named(outcome, filename, expected.removeprefix("error: "))
