"""The rules every piece of report HTML follows: text is escaped, and text in a known language says so.

Document text is data: it always goes through ``esc``. A span of text carries
``lang`` when its language is known (ja, de, en), so browsers pick the right
font and screen readers the right voice; text of unknown language carries none.
"""

from __future__ import annotations

import html

from ..analysis.attribution import INFERRED, said_by, speaker_note
from ..format import missing

KNOWN_LANGS = ("ja", "de", "en")


# Bidirectional embedding, override and isolate controls make a browser display
# text in another order than it is written ("Trojan Source": U+202E turns
# "txt.exe" into "exe.txt"); reports show them as visible codes instead.
BIDI_CONTROLS = {c: f"[U+{c:04X}]" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


def esc(value: object) -> str:
    if missing(value):
        return ""
    return html.escape(visible_controls(str(value)), quote=True)


def lang_attr(code: object) -> str:
    """`` lang="ja"`` for a known language, "" otherwise."""
    return f' lang="{code}"' if code in KNOWN_LANGS else ""


def lang_span(text: object, code: object) -> str:
    """Escaped text, in a span with its language when that is known."""
    attr = lang_attr(code)
    return f"<span{attr}>{esc(text)}</span>" if attr else esc(text)


def speaker_html(
    speaker: object, attribution: object, confidence: object = None, *, explain: bool = True, meaning: bool = True
) -> str:
    """The speaker as ``attribution.said_by`` words it, escaped; how it is known and how sure in a tooltip.

    The mark of an inference is text ("(inferred)", "(reported)"), never colour
    alone, so it reaches screen readers and copied text; "" without a speaker.
    ``explain=False`` leaves the tooltip out (where the page says it once);
    ``meaning=False`` keeps only the confidence (where the page has said how the speaker is known).
    """
    said = said_by(speaker, attribution)
    if not said:
        return ""
    cls = "speaker inferred" if str(attribution) in INFERRED else "speaker"
    note = speaker_note(attribution, confidence, meaning=meaning) if explain else ""
    title = f' title="{esc(note)}"' if note else ""
    return f'<span class="{cls}"{title}>{esc(said)}</span>'
