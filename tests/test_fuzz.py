"""Property-based fuzzing of the text pipeline: arbitrary input never crashes it, offsets and values stay sound.

Targets: the decoder, the sentence splitter, the parser, the number
normalizer and the claim extractor. Inputs mix arbitrary Unicode with the
things that break text code: combining marks, emoji sequences, right-to-left
text, full-width digits, line-ending variants and absurd numerals
(``10^400``, ``99999999999兆``). ``bench/fuzz.py`` runs the same properties
with many more examples.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from helpers.claims import extract as claims_extract, quantities
from helpers.claims import numbers
from helpers.text.decode import decode_bytes
from helpers.exceptions import DocumentError
from helpers.text.parse import parse_document
from helpers.text.segment import MAX_SENTENCE_CHARS, split_sentences

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fuzz_test(check, strategies, examples=(), config: settings = FUZZ):
    """A hypothesis test of ``check`` over ``strategies`` with explicit ``examples`` first.

    Properties are plain functions so that ``bench/fuzz.py`` can run them with
    other settings (hypothesis allows one settings object per test).
    """
    test = given(*strategies)(check)
    for ex in examples:
        test = example(*ex)(test)
    return config(test)

# Pieces that stress text handling; text() draws arbitrary code points around them.
NASTY = [
    "\u0301", "e\u0301", "\u200d", "👩‍👩‍👧", "👍🏽", "🇯🇵", "\ufe0f", "\u202e", "\u200f",
    "مرحبا", "שלום", "١٢٣", "１２３", "３５万", "９９９９９９９９９９９兆", "99999999999兆",
    "1" * 400, "10^400", "1e400", "1.5e308", "0." + "0" * 50 + "1", "-", "−", "〜", "～",
    "億", "兆", "京", "何十億", "数千億", "Milliarden", "zweiundzwanzig", "billion", "hundred",
    "350.000", "1,000億", "3.1", "$", "€", "%", "H100", "70B", "Llama 3.1", "15T",
    "。", ".", "!", "?", "「", "」", "『", "』", "\n", "\r\n", "\r", "\n\n", "\t", "\u3000", " ",
    "[00:12:05]", "00:12", "Mark Zuckerberg:", "HOST:", "<script>", "{{", "}}",
]
pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
nasty_text = st.lists(pieces, max_size=40).map("".join)
langs = st.sampled_from(["ja", "de", "en", "unknown", "xx"])


def _finite_or_none(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isfinite(v)) or (isinstance(v, int) and not isinstance(v, bool))


# --- Decoder ---------------------------------------------------------------------------------------


def check_decoder_any_bytes(data: bytes) -> None:
    try:
        d = decode_bytes(data, "fuzz.txt")
    except DocumentError as e:
        assert str(e).startswith("fuzz.txt: ")
        return
    assert d.text.strip()
    assert "\r" not in d.text and not d.text.startswith("\ufeff")


def check_decoder_round_trip(text: str, codec: str, newline: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    assume(text.strip() and "\ufeff" not in text)
    # Control characters make a file binary by design, and UTF-16 needs its BOM.
    assume(not any(ord(c) < 32 and c not in "\t\n\x0c" for c in text))
    assume(not any(0xD800 <= ord(c) <= 0xDFFF for c in text))
    if codec in ("utf-16-le", "utf-16-be"):
        data = (b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff") + text.replace("\n", newline).encode(codec)
    else:
        data = text.replace("\n", newline).encode(codec)
    assert decode_bytes(data, "fuzz.txt").text == text


# --- Segmenter and parser -----------------------------------------------------------------------


def check_sentence_spans(text: str, lang: str, cap: int) -> None:
    spans = split_sentences(text, lang if lang in ("ja", "de", "en") else "unknown", max_chars=cap)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert b - a <= cap
        prev = b
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


def check_parser_offsets(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    assume(text.strip())
    doc = parse_document(text, "fuzz")
    assert doc.text == text
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= len(doc.text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert s.text
        for i in (0, len(s.text) - 1):
            assert 0 <= s.to_doc_offset(i) < len(doc.text)
        # Prose sentences are their span; caption sentences drop the timestamps in between.
        if not s.timestamp:
            assert doc.text[s.start : s.end] == s.text


# --- Numbers and claims ----------------------------------------------------------------------------


def check_parse_number(surface: str, lang: str) -> None:
    v = numbers.parse_number(surface, lang)
    assert _finite_or_none(v), (surface, v)


def check_find_quantities(text: str, lang: str) -> None:
    for q in quantities.find_quantities(text, lang):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
        for v in (q.value, q.value_low, q.value_high):
            assert _finite_or_none(v), q
        if q.value_low is not None and q.value_high is not None:
            assert q.value_low <= q.value_high, q


def check_document_claims(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    assume(text.strip())
    doc = parse_document(text, "fuzz")
    for c in claims_extract.extract_claims(doc):
        assert 0 <= c.start < c.end <= len(doc.text)
        # The words as written; where format structure lies between them, the words as analysed.
        assert doc.text[c.start : c.end] == c.surface or c.surface in doc.sentences[c.sentence_id].text
        for v in (c.value, c.value_low, c.value_high):
            assert _finite_or_none(v), c
        if c.value_low is not None and c.value_high is not None:
            assert c.value_low <= c.value_high, c


numerals = st.from_regex(r"[0-9０-９]{1,500}([.,][0-9]{1,20})?(万|億|兆|京)?", fullmatch=True)

# name -> (property, strategies, explicit examples); bench/fuzz.py runs the same table longer.
PROPERTIES = {
    "decoder (any bytes)": (
        check_decoder_any_bytes, (st.binary(max_size=600),),
        [(b"\xff\xfe\x00",), (b"\xef\xbb\xbf\x00",), (b"\xfe\xff\xd8\x00",), (b"\xff\xfe\x00\x00\x00\xd8\x00\x00",)],
    ),
    "decoder (round trip)": (
        check_decoder_round_trip,
        (nasty_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]), st.sampled_from(["\n", "\r\n", "\r"])),
        [],
    ),
    "segmenter": (check_sentence_spans, (nasty_text, langs, st.integers(min_value=1, max_value=60)), [("e\u0301" * 30, "ja", 7)]),
    "parser offsets": (check_parser_offsets, (nasty_text,), [("[00:12:05] 35万\n[00:12:09] 個のGPU\n",)]),
    "numbers.parse_number": (
        check_parse_number, (st.one_of(nasty_text, numerals), langs),
        [("9" * 400, "en"), ("99999999999兆", "ja"), ("９９９９９９９９９９９兆", "ja"), ("1" + "0" * 400, "de")],
    ),
    "quantities.find_quantities": (
        check_find_quantities, (nasty_text, langs),
        [("10^400 GPUs und 99999999999兆ドル", "ja"), ("1" * 400 + " Dollar", "de"),
         ("about 1e400 tokens, between 5 and 3 GPUs", "en"), ("３５万〜２０万個", "ja")],
    ),
    "claims via parse_document": (
        check_document_claims, (nasty_text,),
        [("Meta hat 350.000 GPUs.\n\n[00:12:05] 99999999999兆ドル\n[00:12:09] ３５万個の H100\n",)],
    ),
}

test_decoder_returns_text_or_a_named_error_for_any_bytes = fuzz_test(*PROPERTIES["decoder (any bytes)"])
test_decoder_round_trips_text_with_a_byte_order_mark_or_utf8 = fuzz_test(*PROPERTIES["decoder (round trip)"])
test_sentence_spans_cover_the_text_in_order_and_respect_the_cap = fuzz_test(*PROPERTIES["segmenter"])
test_parser_offsets_slice_back_to_the_stored_text = fuzz_test(*PROPERTIES["parser offsets"])
test_parse_number_is_finite_or_none = fuzz_test(*PROPERTIES["numbers.parse_number"])
test_find_quantities_spans_and_values_are_sound = fuzz_test(*PROPERTIES["quantities.find_quantities"])
test_extracted_claims_slice_back_to_the_document = fuzz_test(*PROPERTIES["claims via parse_document"])


def test_default_cap_splits_a_megabyte_line():
    text = "35万個のGPU " * 100_000
    spans = split_sentences(text, "ja")
    assert max(b - a for a, b in spans) <= MAX_SENTENCE_CHARS
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_claims_of_one_unpunctuated_line_per_claim_are_found_quickly():
    import time

    text = "35万個\n" * 5_000  # no sentence end: the segmenter's cap makes 1,000-character sentences of 200 claims
    started = time.perf_counter()
    found = claims_extract.extract_claims(parse_document(text, "lines"))
    assert len(found) == 5_000
    # Not a speed target (bench/ measures speed): a guard against the quadratic case, which took
    # minutes for one uncut 5,000-claim sentence; ~4 s on a quiet machine, so a loaded one passes too.
    assert time.perf_counter() - started < 60


def test_claims_frame_of_a_document_without_numbers():
    # Once failed pandera validation (empty columns were object dtype under pandas 3): every such document failed.
    doc = parse_document("Dies ist ein Satz ohne Zahlen.\n", "no_numbers")
    assert len(claims_extract.claims_frame([doc])) == 0
