"""Plain text's title, and its page chrome (labels, dates, bylines, menus, calls to action) kept out of analysis."""

from __future__ import annotations

import re

from ..language import detect_lang, reads_surely
from ..regex_guard import guarded
from .lines import (
    _BRACKET_HEADING,
    _CLOSERS,
    _LABEL_MAX_CHARS,
    _MARK_HEADING,
    _TS_LEAD,
    _TS_ONLY,
    _is_unpunctuated_short,
    _Line,
)

_URL_ONLY = re.compile(r"^[ \t\u3000]*<?https?://\S+>?[ \t\u3000]*$")
_MONTHS = (
    "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    "January|February|March|May|June|July|October|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Okt|Nov|Dec|Dez"
)
_DATE_ONLY = re.compile(
    r"^[ \t\u3000]*(?:"
    r"\d{4}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}日?(?:[（(].[)）])?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4}"
    r"|(?:\d{1,2}\.?\s)?(?:" + _MONTHS + r")\.?\s(?:\d{1,2},?\s)?\d{4}"
    r")(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?[ \t\u3000]*$"
)
_READING_TIME = re.compile(
    r"(分で読め|読了時間|読む時間|\bmin(?:ute)?s?\.? read\b|\bLesezeit\b|\bLesedauer\b|\bMin\. Lesezeit)", re.I
)
_LANGUAGE_NAMES = (
    "English",
    "Deutsch",
    "Français",
    "Francais",
    "Español",
    "español",
    "Italiano",
    "Português",
    "Portugues",
    "Русский язык",
    "Русский",
    "日本語",
    "中文",
    "简体中文",
    "繁體中文",
    "한국어",
    "한어",
    "Ελληνικά",
    "Indonesian",
    "Bahasa Indonesia",
    "Sanskrit",
    "Suomalainen",
    "Suomi",
    "Latina",
    "Nederlands",
    "Polski",
    "Türkçe",
    "العربية",
    "हिन्दी",
    "Tiếng Việt",
    "ไทย",
    "Svenska",
    "Dansk",
    "Norsk",
    "Čeština",
    "Magyar",
    "Română",
    "Українська",
)
_LANGUAGE_NAME_RE = re.compile("|".join(re.escape(n) for n in sorted(_LANGUAGE_NAMES, key=len, reverse=True)))

# Blog-platform prompts after the article ("この記事が気に入ったらサポートを
# してみませんか?", "Share this article").
_CALL_TO_ACTION = re.compile(
    r"(気に入ったら|サポートをしてみませんか|フォローして|チャンネル登録|高評価|シェアして|"
    r"\bsubscribe\b|\bshare this\b|\bfollow us\b|\babonnieren\b|\bjetzt teilen\b|\bartikel teilen\b)",
    re.I,
)
_CALL_TO_ACTION_MAX_CHARS = 60
_LEADING_LABEL_MAX_CHARS = 15
_TRAILING_CHROME_MAX_CHARS = 30
_FRONT_MATTER_GROUPS = 6


# --- front matter, chrome ----------------------------------------------------


def _mark_front(groups: list[list[_Line]], aliases: dict[str, str]) -> _Line | None:
    """The title line, and the short label lines before it (chrome).

    Short labels ("見出し画像", "Nachricht") only count as chrome when a longer
    title follows them; otherwise the first title-like line is the title.
    """
    labels: list[_Line] = []
    first_title_like: _Line | None = None
    for group in groups:
        first = group[0]
        if _is_chrome_line(first.text) and len(group) == 1:
            first.cls = "chrome"
            continue
        if first.text.strip().lower() in aliases:
            break  # a speaker label: the dialogue has started
        # A title heads something: a document that is one line is that line's text.
        title_like = len(group) == 1 and _title_like(first.text) and group is not groups[-1]
        if title_like and first_title_like is None:
            first_title_like = first
        is_label = len(group) == 1 and _is_unpunctuated_short(first.text, _LEADING_LABEL_MAX_CHARS)
        if is_label and group is not groups[-1]:
            labels.append(first)
            continue
        if title_like:
            for ln in labels:
                ln.cls = "chrome"
            first.cls = "title"
            return first
        break
    if first_title_like is not None:
        first_title_like.cls = "title"
        return first_title_like
    return None


def _title_like(s: str) -> bool:
    candidate = s.strip()
    return (
        len(candidate) <= 200
        and not candidate.rstrip(_CLOSERS).endswith(("。", "."))
        and not _TS_ONLY.match(candidate)
        and not _TS_LEAD.match(candidate)
    )


def _is_chrome_line(s: str) -> bool:
    stripped = s.strip()
    if _DATE_ONLY.match(stripped) or _URL_ONLY.match(stripped):
        return True
    if len(stripped) <= 40 and _READING_TIME.search(stripped):
        return True
    names = _LANGUAGE_NAME_RE.findall(stripped)
    if len(names) >= 3:
        covered = sum(len(n) for n in names)
        if covered >= 0.5 * len(stripped.replace(" ", "")):
            return True
    return False


def _mark_chrome(groups: list[list[_Line]], doc_lang: str, title: _Line | None) -> None:
    title_text = title.text.strip() if title else ""
    for group in groups:
        for k, ln in enumerate(group):
            if ln.cls != "body":
                continue
            s = ln.text.strip()
            if (
                _is_chrome_line(s)
                or (title_text and len(s) >= 10 and s != title_text and title_text.startswith(s))
                or title_text
                and s == title_text
                and ln is not title
            ):
                ln.cls = "chrome"
            else:
                continue
            if _DATE_ONLY.match(s) or _READING_TIME.search(s):
                # A byline right next to a date or reading-time line is chrome too.
                for j in (k - 1, k + 1):
                    if 0 <= j < len(group) and group[j].cls == "body" and _is_byline(group[j].text):
                        group[j].cls = "chrome"

    # Another language among the first groups, before any heading or turn.
    if doc_lang in ("ja", "de", "en"):
        for group in groups[:_FRONT_MATTER_GROUPS]:
            body = [ln for ln in group if ln.cls == "body"]
            if not body:
                continue
            if _BRACKET_HEADING.match(body[0].text) or _MARK_HEADING.match(body[0].text):
                break
            if _TS_LEAD.match(body[0].text) or _TS_ONLY.match(body[0].text):
                break
            if all(reads_surely(ln.text, doc_lang) for ln in body):
                continue  # every line reads surely as the document's language (and is not read twice)
            lang = detect_lang(" ".join(ln.text for ln in body))
            if lang not in ("unknown", doc_lang):
                for ln in body:
                    ln.cls = "chrome"

    # Short unpunctuated single lines after the last paragraph.
    for group in reversed(groups):
        if all(ln.cls == "chrome" for ln in group):
            continue
        if (
            len(group) == 1
            and group[0].cls == "body"
            and (
                _is_unpunctuated_short(group[0].text, _TRAILING_CHROME_MAX_CHARS)
                or (len(group[0].text.strip()) <= _CALL_TO_ACTION_MAX_CHARS and _CALL_TO_ACTION.search(group[0].text))
            )
        ):
            if group is groups[0]:
                break
            group[0].cls = "chrome"
            continue
        break


def _is_byline(s: str) -> bool:
    return (
        _is_unpunctuated_short(s, _LABEL_MAX_CHARS)
        and not _TS_LEAD.match(s)
        and not _TS_ONLY.match(s)
        and not _BRACKET_HEADING.match(s)
        and not _MARK_HEADING.match(s)
    )


# Scanned in most sentences: guarded by the characters their matches can start with (the same matches, found
# faster; ``text.regex_guard``)
_READING_TIME = guarded(_READING_TIME)
