"""Sentences of a plain-text block draft, each mapped back to the document's spans and line."""

from __future__ import annotations

from bisect import bisect_right

from ..language import reads_surely, segment_lang, sentence_lang
from ..model import separator
from ..segment import split_sentences
from .lines import _Draft

# --- sentences ---------------------------------------------------------------


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset)


def _sentences(text: str, d: _Draft, block_id: int, doc_lang: str, line_starts: list[int]) -> list[dict]:
    common = dict(block_id=block_id, speaker=d.speaker, speaker_inferred=d.speaker_inferred)
    out: list[dict] = []
    if not d.caption:
        sure_lines: dict[int, bool] = {}
        block_text = text[d.start : d.end]
        for a, b in split_sentences(block_text, segment_lang(block_text, doc_lang)):
            start, end = d.start + a, d.start + b
            s = text[start:end]
            line = _line_of(line_starts, start)
            # whether the line that holds the whole sentence (if one does) reads surely as the document's language:
            # lingua read it for the document's majority; asked once per line, not once per sentence
            line_end = line_starts[line] - 1 if line < len(line_starts) else len(text)
            if end <= line_end and line not in sure_lines:
                sure_lines[line] = reads_surely(text[line_starts[line - 1] : line_end], doc_lang)
            out.append(
                dict(
                    common,
                    start=start,
                    end=end,
                    line=line,
                    lang=sentence_lang(s, doc_lang, end <= line_end and sure_lines[line]),
                    text=s,
                    timestamp=d.timestamp,
                )
            )
        return out

    # Captions: join line contents (model.separator) and map back.
    parts: list[tuple[int, int, int, str | None]] = []  # (joined_pos, doc_start, doc_end, timestamp)
    chunks: list[str] = []
    pos = 0
    for ln in d.lines:
        content = text[ln.content_start : ln.start + len(ln.text)]
        lead = len(content) - len(content.lstrip())
        content = content.strip()
        if not content:
            continue
        a = ln.content_start + lead
        if chunks:
            gap = separator(chunks[-1], content)
            chunks.append(gap)
            pos += len(gap)
        parts.append((pos, a, a + len(content), ln.timestamp))
        chunks.append(content)
        pos += len(content)
    joined = "".join(chunks)
    positions = [p[0] for p in parts]
    for a, b in split_sentences(joined, segment_lang(joined, doc_lang)):
        pieces: list[tuple[int, int]] = []
        ts: str | None = None
        # Only the lines the sentence overlaps: every line for every sentence was quadratic in a block's lines.
        for k in range(max(0, bisect_right(positions, a) - 1), len(parts)):
            jpos, da, db, lts = parts[k]
            if jpos >= b:
                break
            lo, hi = max(a, jpos), min(b, jpos + (db - da))
            if lo < hi:
                if not pieces:
                    ts = lts
                pieces.append((da + lo - jpos, da + hi - jpos))
        s = joined[a:b]
        out.append(
            dict(
                common,
                start=pieces[0][0],
                end=pieces[-1][1],
                line=_line_of(line_starts, pieces[0][0]),
                lang=sentence_lang(s, doc_lang),
                text=s,
                timestamp=ts,
                pieces=tuple(pieces),
            )
        )
    return out
