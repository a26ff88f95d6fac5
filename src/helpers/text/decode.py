"""Turn document bytes into newline-normalized text, detecting the encoding.

Order of attempts, and why:

1. Byte-order marks (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) are unambiguous, so they win.
2. Binary signatures and NUL bytes are rejected before any text decoding,
   because legacy codecs happily "decode" images into mojibake.
3. Strict UTF-8: random legacy bytes almost never form valid UTF-8, so a
   strict success is trustworthy.
4. Legacy Japanese: CP932 (Shift_JIS superset) and EUC-JP are both tried
   strictly. Either can accidentally decode the other's bytes (EUC-JP read as
   CP932 turns into half-width katakana and odd kanji), so when both succeed
   the one whose text looks more like Japanese wins (share of hiragana and
   full-width katakana among the non-ASCII characters, minus half-width
   katakana and private-use characters). A result that does not look like
   Japanese at all is not accepted.
5. Windows-1252 as a last resort for Western text (German umlauts in a
   legacy file), again only when the result looks like Latin-script text.

``Decoded.newlines`` records the original line-ending style: ``"lf"``,
``"crlf"``, ``"cr"``, ``"mixed"`` or ``"none"``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import DecodeError, DocumentError
from .safeload import BoundExceeded, read_regular

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF file"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)

# Japanese text in any register is at least this share kana or kanji among
# its non-ASCII characters; mojibake from the wrong codec falls far below.
_MIN_JAPANESE_SHARE = 0.6
_MIN_LATIN_SHARE = 0.8
# Control characters other than tab/newline/form feed are rare in text; a file
# with more than this share of them is binary whatever the codec says.
_MAX_CONTROL_SHARE = 0.01
# The longest real transcripts (a day of hearings) are a few megabytes; a file
# far beyond that is refused before it is read, so it cannot fill memory.
MAX_DOCUMENT_BYTES = 64_000_000


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    newlines: str


def read_document(path: str | Path) -> Decoded:
    """Read and decode one file; errors name the file."""
    return decode_bytes(document_bytes(path), str(path))


def document_bytes(path: str | Path, source: str | None = None) -> bytes:
    """The bytes of a document: a regular file of at most ``MAX_DOCUMENT_BYTES``; errors name ``source`` (or the path).

    A FIFO would hang the build and a device fill its memory; both are a
    :class:`DocumentError`, like a file that cannot be read.
    """
    source = str(path) if source is None else source
    try:
        return read_regular(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}", path=source) from exc
    except BoundExceeded as exc:
        raise DocumentError(exc.message, path=source) from None


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode ``data`` (from ``source``, used in error messages)."""
    if not data.strip():
        raise DocumentError("empty document", path=source)

    raw, encoding, bom = _decode(data, source)
    if raw.startswith("\ufeff"):
        # A BOM that survived decoding (e.g. utf-8-sig inside utf-16) is not text.
        raw = raw[1:]
    _reject_control_heavy(raw, source)
    newlines = _newline_style(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("empty document", path=source)
    return Decoded(text=text, encoding=encoding, bom=bom, newlines=newlines)


def _decode(data: bytes, source: str) -> tuple[str, str, bool]:
    # UTF-32 LE's mark starts with UTF-16 LE's, so it is tested first.
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        codec = "utf-32-le" if data.startswith(codecs.BOM_UTF32_LE) else "utf-32-be"
        return _strict(data, 4, codec, source), codec, True
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, len(codecs.BOM_UTF8), "utf-8", source), "utf-8-sig", True
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(data, 2, "utf-16-le", source), "utf-16-le", True
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, 2, "utf-16-be", source), "utf-16-be", True

    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"looks binary ({what}), not text", path=source, byte_offset=0)
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_bomless_utf16(data):
            raise DecodeError(
                "looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)",
                path=source,
                byte_offset=nul,
            )
        raise DecodeError("looks binary (contains NUL bytes), not text", path=source, byte_offset=nul)

    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        utf8_error = exc.start

    candidates: list[tuple[float, str, str]] = []
    errors: dict[str, int] = {"utf-8": utf8_error}
    for codec in ("cp932", "euc_jp"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            errors[codec] = exc.start
            continue
        score = japanese_plausibility(text)
        if score >= _MIN_JAPANESE_SHARE:
            candidates.append((score, codec, text))
        else:
            errors[codec] = -1
    if candidates:
        # Ties are broken towards cp932, the more common legacy encoding.
        candidates.sort(key=lambda c: (-c[0], c[1] != "cp932"))
        _, codec, text = candidates[0]
        return text, codec, False

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        errors["cp1252"] = exc.start
    else:
        if _latin_plausibility(text) >= _MIN_LATIN_SHARE:
            return text, "cp1252", False
        errors["cp1252"] = -1

    tried = ", ".join(
        f"{codec} ({'bad byte at ' + str(pos) if pos >= 0 else 'decodes to implausible text'})"
        for codec, pos in errors.items()
    )
    raise DecodeError(f"not text in any supported encoding; tried {tried}", path=source, byte_offset=utf8_error)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """NUL bytes on one side of most byte pairs: UTF-16 text of mostly ASCII or Latin-1 characters."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return max(even, odd) >= 0.5 * pairs and min(even, odd) <= 0.05 * pairs


def _strict(data: bytes, skip: int, codec: str, source: str) -> str:
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"invalid {codec} despite its byte-order mark", path=source, byte_offset=skip + exc.start
        ) from exc


def japanese_plausibility(text: str) -> float:
    """Share of non-ASCII characters that are ordinary Japanese (0..1).

    Hiragana and full-width katakana count fully, kanji and Japanese
    punctuation count too; half-width katakana, private-use and symbol
    characters (what the wrong legacy codec produces) count against.
    Text with no hiragana or katakana at all scores 0: Japanese prose
    without kana does not exist, kanji-only mojibake does.
    """
    kana = good = bad = total = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            continue
        total += 1
        if 0x3041 <= o <= 0x30FF:
            kana += 1
            good += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:
            good += 1
        elif 0xFF61 <= o <= 0xFF9F or 0xE000 <= o <= 0xF8FF or 0x80 <= o <= 0x9F:
            bad += 1
    if total == 0 or kana == 0:
        return 0.0
    return max(0.0, (good - bad) / total)


def _latin_plausibility(text: str) -> float:
    total = good = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        total += 1
        if ch.isalpha() or ch in "€„“”‚‘’–—…«»·°§©®±×÷¿¡":
            good += 1
    if total == 0:
        return 1.0
    # Legacy Western text is mostly ASCII; a file dense in high bytes is not.
    if total > 0.3 * len(text):
        return 0.0
    return good / total


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _reject_control_heavy(text: str, source: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise DecodeError("looks binary (many control characters), not text", path=source, byte_offset=None)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("lf", lf), ("crlf", crlf), ("cr", cr)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"
