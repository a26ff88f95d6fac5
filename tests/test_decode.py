"""Encoding detection, newline normalization and the errors of decode.py."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.text.decode import Decoded, decode_bytes, japanese_plausibility, read_document
from helpers.exceptions import DecodeError, DocumentError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_002 = SEEDS / "002_eb63065994b04cab.txt"
SEED_004 = SEEDS / "004_212789ab223fc4b9.txt"
SEED_001 = SEEDS / "001_42769d631cd94a90.txt"


def test_utf8_seed_is_utf8_with_lf():
    d = read_document(SEED_001)
    assert d == Decoded(text=SEED_001.read_text(encoding="utf-8"), encoding="utf-8", bom=False, newlines="lf")


def test_utf8_bom_is_stripped_and_recorded():
    d = decode_bytes(codecs.BOM_UTF8 + "Größe 10.000\n".encode(), "x.txt")
    assert (d.text, d.encoding, d.bom) == ("Größe 10.000\n", "utf-8-sig", True)


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(codec, bom):
    text = SEED_002.read_text(encoding="utf-8")
    d = decode_bytes(bom + text.encode(codec), "x.txt")
    assert (d.text, d.encoding, d.bom) == (text, codec, True)


@pytest.mark.parametrize("seed", [SEED_002, SEED_004])
@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_legacy_japanese_copies_of_seeds(seed, codec):
    text = seed.read_text(encoding="utf-8")
    d = decode_bytes(text.encode(codec), "x.txt")
    assert d.encoding == codec
    assert d.text == text


def test_short_legacy_lines_are_told_apart():
    line = "この記事は約12分で読めます。"
    assert decode_bytes(line.encode("cp932"), "a").encoding == "cp932"
    assert decode_bytes(line.encode("euc_jp"), "b").encoding == "euc_jp"


def test_wrong_codec_reading_scores_low():
    text = "マーク・ザッカーバーグ、Llama、AI、そしてマイナス・ワンについて語る"
    assert japanese_plausibility(text) > 0.9
    assert japanese_plausibility(text.encode("euc_jp").decode("cp932", errors="replace")) < 0.6


def test_cp1252_german_fallback():
    d = decode_bytes("Schöne Grüße aus Köln.".encode("cp1252"), "x.txt")
    assert (d.text, d.encoding) == ("Schöne Grüße aus Köln.", "cp1252")


@pytest.mark.parametrize(
    "raw, style",
    [(b"a\r\nb\r\n", "crlf"), (b"a\rb\r", "cr"), (b"a\nb\n", "lf"), (b"a\r\nb\rc\n", "mixed"), (b"abc", "none")],
)
def test_newlines_normalized(raw, style):
    d = decode_bytes(raw, "x.txt")
    assert "\r" not in d.text
    assert d.newlines == style
    assert d.text == raw.decode().replace("\r\n", "\n").replace("\r", "\n")


def test_crlf_seed_decodes_to_lf_seed():
    text = SEED_001.read_text(encoding="utf-8")
    assert decode_bytes(text.replace("\n", "\r\n").encode(), "x").text == text


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"  \n", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_documents(raw):
    with pytest.raises(DocumentError, match="empty document") as info:
        decode_bytes(raw, "empty.txt")
    assert type(info.value) is DocumentError
    assert "empty.txt" in str(info.value)


@pytest.mark.parametrize(
    "raw, offset",
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0), (b"hello\x00world", 5), (b"%PDF-1.7\n...", 0)],
)
def test_binary_is_rejected(raw, offset):
    with pytest.raises(DecodeError, match="looks binary") as info:
        decode_bytes(raw, "img.png")
    assert info.value.byte_offset == offset
    assert info.value.path == "img.png"


def test_undecodable_names_first_bad_byte():
    raw = "Guten Tag ".encode() + b"\x81 Welt"
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw, "bad.txt")
    assert info.value.byte_offset == 10
    assert "bad.txt" in str(info.value) and "byte offset 10" in str(info.value)


def test_broken_utf16_names_offset():
    raw = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw, "x")
    assert info.value.byte_offset == 6


def test_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_crashes_otherwise(raw):
    try:
        d = decode_bytes(raw, "fuzz")
    except DocumentError:
        return
    assert "\r" not in d.text and d.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200), st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
def test_text_round_trips(text, codec):
    bom = {"utf-8": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
    try:
        raw = bom + text.encode(codec)
    except UnicodeEncodeError:
        return  # lone surrogates are not text
    try:
        d = decode_bytes(raw, "fuzz")
    except DocumentError:
        return  # whitespace-only or control-heavy input
    expected = text[1:] if text.startswith("\ufeff") else text
    assert d.text == expected.replace("\r\n", "\n").replace("\r", "\n")
