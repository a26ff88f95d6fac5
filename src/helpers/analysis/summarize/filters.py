"""Sentences a summary never quotes: questions, greetings, thanks, sponsor reads, safe-harbour and
operator lines, hand-overs, page chrome, outros, labels and fragments, in English, German and Japanese.

Each rule names a category, never a sentence: ``reject_reason`` says which one a sentence falls
under (or None), so a test or a reader can see why it was left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Operator and chair turns are procedure, whatever they say.
_PROCEDURAL_SPEAKER = re.compile(
    r"^\s*(?:(?:conference\s+)?operator|call\s+operator|operatorin|司会(?:者)?|オペレーター)\s*$", re.IGNORECASE
)
_QUESTION_END = re.compile(r"[?？]\W*$")
# A question quoted inside a sentence (「…作れるのか?…」という雰囲気, "Why now?" he asked): a reader sees a question.
_QUOTED_QUESTION = re.compile(r"[?？][^\s\w]*[」』\"“”’‘«»]")
_JA_QUESTION_END = re.compile(r"(?:ですか|ますか|でしょうか|のか|んですか)[。」\s]*$")
# A request to speak is a question put as a request: 「…についてお聞かせください。」, "Tell us what you did.",
# „Erzählen Sie mal, wie …“.
_REQUEST = re.compile(
    r"^\W*(?:tell\s+(?:us|me)\b|talk\s+(?:us|me)\s+through\b|erzähl(?:en\s+sie|t)?\s+(?:mal|uns|mir)\b|"
    r"sagen\s+sie\s+(?:mal|uns)\b)|"
    r"(?:お聞かせ|聞かせて|教えて|お話し)(?:ください|下さい|くださいますか|いただけますか|いただけますでしょうか)[。」\s]*$",
    re.IGNORECASE,
)
# Greetings, welcomes, thanks and sign-offs, at the start of a sentence.
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|welcome|(?:and\s+)?(?:now,?\s+)?(?:please|let's|we)\s+welcome\b|"
    r"good\s+(?:morning|afternoon|evening|day)|thanks?\b|thank\s+you|"
    r"congratulations|bye|goodbye|see\s+you|cheers|"
    r"hallo|servus|moin|herzlich\s+willkommen|willkommen|(?:wir\s+)?begrüßen\b|guten\s+(?:morgen|tag|abend)|"
    r"vielen\s+dank|danke|"
    r"tschüss|ciao|bis\s+(?:zum\s+nächsten\s+mal|bald|dann|morgen|nächste\s+woche|montag|dienstag|mittwoch|"
    r"donnerstag|freitag)|schön,\s+dass|"
    r"こんにちは|こんばんは|おはようございます|はじめまして|ありがとうございま|よろしくお願い|お疲れ様|"
    r"以上で|それでは(?:定刻|始め|質疑))",
    re.IGNORECASE,
)
# A welcome that names the episode (by number) or the guest is the show's introduction, what its show
# notes say, not a greeting: "Welcome to the official podcast …, Episode 191, The Crew-2 Astronauts.",
# "Hallo und herzlich willkommen zu Folge 9 von …!", "Welcome to the show with Jane Smith and Ann Lee."
_NAMED_WELCOME = re.compile(
    r"(?i:\b(?:episode|folge|ausgabe|edition|teil)\s+(?:nr\.\s*|no\.\s*|#\s*)?\d+|#\d+\b|第\s*\d+\s*回|"
    r"\b(?:my|our|today's)\s+guests?\b|\bmeine?\s+gäste?\b|\bunser(?:e|en)?\s+gäste?\b|ゲストは)|"
    r"\b(?:with|mit)\s+(?:(?:Dr|Prof)\.\s+)?[A-ZÄÖÜ][\w'’-]+\s+[A-ZÄÖÜ][\w'’-]+"
)
_NAMED_WELCOME_MIN_WORDS = 8  # "Welcome to episode 4." is still a greeting
_NAMED_WELCOME_MIN_CHARS_JA = 20
# Thanks anywhere in a sentence (「本日はお集まりいただき、誠にありがとうございます」).
_THANKS_ANYWHERE = re.compile(
    r"thanks?\s+(?:you\s+)?(?:for|so\s+much|again)|thank\s+you\s+(?:for|all|so|very|again)|"
    r"for\s+(?:joining|listening|having\s+me|taking\s+my\s+question)|danke\s+(?:für|dir|euch|ihnen)|"
    r"vielen\s+dank|ありがとうございま|ありがとう。|よろしくお願いします",
    re.IGNORECASE,
)
# Backchannel: acknowledgements that only count as one when the sentence is short.
_BACKCHANNEL = re.compile(
    r"^\W*(?:yeah|yes|right|sure|okay|ok|wow|great|awesome|amazing|exactly|absolutely|interesting|"
    r"that's\s+(?:great|amazing|a\s+great|right|true|fair|interesting|fascinating|fun|wild)|"
    r"genau|richtig|stimmt|super|spannend|krass|absolut|interessant|verrückt|ja|nein|"
    r"はい|ええ|なるほど|そうですね|そうです|すごい|確かに)\b",
    re.IGNORECASE,
)
_SPONSOR = re.compile(
    r"brought\s+to\s+you\s+by|sponsored\s+by|our\s+sponsors?\b|this\s+episode\s+is\s+(?:brought|sponsored|"
    r"supported|presented)|promo\s+code|use\s+(?:the\s+)?code\b|support\s+(?:this|the)\s+podcast|"
    r"\bsupport\s+for\s+(?:[\w+.'’-]+\s+){1,6}?comes?\s+from\b|following\s+message\s+comes?\s+from|"
    r"(?:affiliate|referral)\s+links?|"
    r"präsentiert\s+von|unterstützt\s+von|unterstützt\s+wird\s+(?:diese|die|unsere)\s+(?:folge|sendung|episode)|"
    r"werbepartner|mit\s+dem\s+code|rabattcode|gutscheincode|"
    r"スポンサー|の提供で|プロモーションコード",
    re.IGNORECASE,
)
# Safe-harbour statements, call procedure and hand-overs between speakers.
_PROCEDURE = re.compile(
    r"forward[-\s]looking|safe\s+harbou?r|risk\s+factors|non-gaap\s+(?:financial\s+)?(?:measures?|metrics|information)|"
    r"reconciliations?\s+of|sec\s+filings|differ\s+materially|"
    r"being\s+recorded|listen[-\s]only|question[-\s]and[-\s]answer\s+session|q\s*&\s*a\s+session|"
    r"press\s+star|(?:turn|hand|pass)\s+(?:the\s+call|it|things)\s+(?:over|back)|"
    r"(?:hand|pass|turn)\s+(?:it\s+)?over\s+to|please\s+go\s+ahead|question\s+comes\s+from|"
    r"(?:may|can)\s+now\s+disconnect|concludes\s+(?:today's|our|the|this)|with\s+that,|and\s+with\s+that|"
    r"with\s+me\s+on\s+the\s+call|my\s+name\s+is|"
    r"\bi'?(?:ll|\s+will)\s+be\s+your\s+host\b|\bi(?:'m|\s+am)\s+your\s+host\b|"
    r"\bich\s+bin\s+(?:euer|eure|ihr|ihre|dein|deine)\s+(?:host|gastgeber(?:in)?|moderator(?:in)?)\b|司会を務め|"
    r"(?:walk|take)\s+you\s+through|(?:provide|cover|get\s+into|go\s+into)\s+(?:more\s+|further\s+)?details?\b|"
    r"\bslide\s+\d|zukunftsgerichtete|risikofaktoren|mein\s+name\s+ist|"
    r"将来の見通し|将来に関する記述|実際の業績は|質疑応答|定刻になり|ご質問のある方|と申します",
    re.IGNORECASE,
)
# Who else is on: on a call the executives beside the speaker (procedure), on a show its guests or co-hosts, the
# introduction its notes open with ("I'm Chris Hill, and with me today are …", "Bei mir ist heute …", "本日のゲストは").
_PRESENTING = re.compile(
    r"(?:joining|joined)\s+(?:me|us)\b|with\s+(?:me|us)\s+(?:today|here|in\s+the\s+studio)|"
    r"bei\s+mir\s+(?:ist|sind)\s+heute|mit\s+mir\s+(?:im\s+studio|heute)|本日のゲストは|今日のゲストは",
    re.IGNORECASE,
)
# Signposts: a sentence announcing what comes next rather than saying it.
_SIGNPOST = re.compile(
    r"^\W*(?:let's\s+(?:look\s+at|talk\s+about|start\s+with|turn\s+to)|let\s+me\s+(?:tell|explain|start|give)|"
    r"i\s+want\s+to\s+(?:talk|tell|start)|here's\s+(?:why|how|what|the\s+thing)|"
    r"(?:and\s+)?there\s+are\s+(?:several|many|a\s+few|two|three|four)\s+(?:\w+\s+)?(?:reasons|things|ways)\b|"
    r"lass(?:t)?\s+uns\s+(?:über|mit|auf)|ich\s+möchte\s+(?:über|mit|kurz)|"
    r"まず(?:は)?.{0,12}(?:お話し|ご説明)します|では.{0,12}(?:見て|お話し)(?:いき|し)ましょう)|"
    r"(?:いくつか|幾つか|[2-5２-５二三四五]つ)の(?:方法|理由|ポイント|こと|やり方)が(?:ある|あります)",
    re.IGNORECASE,
)
# A preface: the writer or translator on how the document came about, not what it says.
_PREFACE = re.compile(
    r"\bi\s+(?:took|have\s+taken|'ve\s+taken|made)\s+(?:some\s+)?notes|here\s+are\s+my\s+notes|"
    r"\bi\s+(?:have\s+)?(?:transcribed|translated)\b|this\s+(?:is\s+a|post\s+is\s+a)\s+(?:transcript|translation)|"
    r"\bich\s+habe\b.{0,60}\b(?:notiert|mitgeschrieben|übersetzt|transkribiert)|meine\s+notizen|"
    r"メモを(?:と|取)(?:る|り|っ)|日本語訳を行|翻訳(?:しました|したもの|を行)|訳したもの|書き起こし(?:ました|たもの)|"
    r"まとめ(?:てみ)?ました|まとめておきます",
    re.IGNORECASE,
)
# Page chrome and bylines that end like a sentence.
_CHROME = re.compile(
    r"^\W*(?:reporting\s+by|editing\s+by|writing\s+by|additional\s+reporting|our\s+standards|©|copyright|"
    r"all\s+rights\s+reserved|subscribe|sign\s+up|read\s+more|watch:|related|advertisement|share\b|"
    r"anzeige|mehr\s+zum\s+thema|lesen\s+sie\s+auch|teilen|関連|この記事|会員登録)",
    re.IGNORECASE,
)
# Outros and calls to action: where to find, follow, subscribe to or rate the show or the site.
_OUTRO = re.compile(
    r"\b(?:find|learn|read|hear|see)\s+(?:out\s+)?more\s+(?:at|on)\b|\bfollow\s+(?:us|me|the\s+show)\s+on\b|"
    r"\bsubscribe\s+(?:to|on|wherever)|\brate\s+and\s+review|\bleave\s+(?:us\s+)?a\s+review|"
    r"wherever\s+you\s+get\s+your\s+podcasts|sign\s+up\s+for\s+(?:our|the)\s+newsletter|"
    r"\b(?:visit|go\s+to|head\s+(?:over\s+)?to|check\s+out)\s+(?:us\s+at\s+)?[\w.-]+\.(?:com|org|gov|net|io|ai|de|jp)\b|"
    r"\b(?:find|hear|listen\s+to)\s+(?:all\s+)?(?:our|the|previous|past|more)\s+(?:\w+\s+)?episodes\b|"
    r"\bfollow\s+(?:[\w.-]+\s+){0,5}on\s+(?:facebook|twitter|instagram|youtube|linkedin|tiktok|threads|bluesky|"
    r"mastodon|social\s+media)\b|\bcheck\s+out\s+(?:[\w-]+\s+){0,6}at\s+[\w.-]+\.(?:com|org|gov|net|io|ai|de|jp)\b|"
    r"\b(?:findet|finden\s+sie|folgt|folgen\s+sie)\s+(?:[\w.-]+\s+){0,4}(?:auf|bei)\s+(?:facebook|twitter|instagram|"
    r"youtube|linkedin|tiktok|mastodon|bluesky)\b|"
    r"\b(?:mehr|weitere)\s+(?:infos?|informationen)\s+(?:unter|auf|gibt\s+es)|\bfolg(?:t|en\s+sie)\s+uns|\babonnier|"
    r"\bplease\s+subscribe\b|\bsee\s+you\s+(?:next\s+(?:time|week|episode)|in\s+the\s+next)\b|"
    r"\bbis\s+(?:zur|zum)\s+nächsten\s+(?:folge|mal|woche)\b|次回もお楽しみに|また次回|"
    r"チャンネル登録|フォローして|高評価|詳しくは.{0,20}(?:まで|をご覧)",
    re.IGNORECASE,
)
# A show's housekeeping: its credits, a break announced, requests for reviews and feedback.
_HOUSEKEEPING = re.compile(
    r"\b(?:this|the|our|today's)\s+(?:episode|show|podcast)\s+(?:was|is)\s+(?:produced|edited|mixed|engineered)\s+by|"
    r"\bfact[-\s]check(?:ed|ing)?\s+by\b|^\W*music\s+by\b|\b(?:executive|supervising)\s+(?:executive\s+)?producer\s+is\b|"
    r"\bafter\s+(?:the|this)\s+(?:short\s+|quick\s+)?break\W*$|\bbe\s+right\s+back\b|\bstay\s+(?:with\s+us|tuned)\b|"
    r"\b(?:rate|review)\s+(?:us|the\s+(?:show|podcast|episode)|[A-Z][\w-]+)\s+(?:on|in)\s+(?:apple|spotify|podchaser|"
    r"itunes|google|youtube|amazon|overcast|castbox)\b|\blet\s+us\s+know\s+what\s+you\s+think\b|"
    r"\bconnect\s+with\s+(?:me|us)\s+on\b|"
    r"diese\s+folge\s+wurde\s+(?:produziert|geschnitten)|\bnach\s+der\s+werbung\b|\bgleich\s+nach\s+der\s+pause\b|"
    r"\bbewerte[tn]?\s+(?:uns|den\s+podcast|die\s+folge)\b|schreibt\s+uns\s+(?:gern|gerne|eure)|"
    r"CMの(?:あと|後)|感想(?:は|を).{0,20}(?:お寄せ|投稿|送って|お送り)|番組への(?:ご意見|感想)",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(r"^\W*[^\W\d][\w .'’-]{0,40}[:：]\s*$")
# A Japanese turn that opens on its speaker's name and a space (「渡辺 こうした課題に対して…」): the name
# is a label the reader did not take off; Japanese puts no space after a sentence's first word.
# An interviewer's turn marked by a double dash (「―― 電力以外には…」) carries its marker the same way.
# So does a name and a colon the reader left on the sentence (「島田:東大には…」, one speaker throughout).
_JA_LABEL = re.compile(r"^(?:[一-龥々ァ-ヶー]{1,8}(?:氏|さん)?(?:[ 　]+(?=[^\s\d])|[:：])|[―—]{2})")
# A remark put to the other speaker that asks them to confirm (「あなたは…の一員でしたね。」): it
# addresses them and ends on ね.
_JA_ADDRESS = re.compile(r"あなた|御社")
_JA_TAG_END = re.compile(r"ね[。」]*$")
_TERMINAL = re.compile(r"[.!?。！？…](?:[\"'”’」』)）\]])*\s*$")
# A sentence that starts in lowercase, after at most an opening quote or bracket, is a continuation.
_LOWER_START = re.compile(r"^[\"'„“‚‘(\[]?[a-zäöüß]+(?![A-Za-zÄÖÜäöüß0-9])")
_PAIRS = (("(", ")"), ("「", "」"), ("（", "）"), ("[", "]"), ("『", "』"))
_BACKCHANNEL_MAX_WORDS = 8
_BACKCHANNEL_MAX_CHARS_JA = 20


def _short(text: str, lang: str) -> bool:
    if lang == "ja":
        return len(text.strip()) <= _BACKCHANNEL_MAX_CHARS_JA
    return len(text.split()) <= _BACKCHANNEL_MAX_WORDS


def _is_fragment(text: str, lang: str, punctuated: bool) -> bool:
    """Half a sentence: cut-off brackets or quotes, a lowercase start, no end where the document has ends."""
    if any(text.count(a) != text.count(b) for a, b in _PAIRS) or text.count('"') % 2:
        return True
    if not punctuated:
        return False
    stripped = text.strip()
    if not _TERMINAL.search(stripped):
        return True
    return lang in ("en", "de") and bool(_LOWER_START.match(stripped))


# An answer that only names what was asked for ("Lighter seats, which leave more legroom …", "Leichtere
# Sitze, die mehr Beinfreiheit lassen …"): a few words, then a comma and a relative pronoun, with no
# clause of its own before it. Quoted without its question it says nothing.
_ELLIPTICAL = re.compile(
    r"^[\s\"“„«(]*(?!(?:yes|no|yeah|well|ok|okay|so|and|but|right|sure|i|we|you|they|he|she|it|this|that|there|"
    r"ja|nein|naja|also|gut|genau|und|aber|ich|wir|du|ihr|er|es|man)\b)"
    r"(?:[\w'-]+\s+){0,2}[\w'-]+,\s+(?:which|who|whose|die|der|das|denen|deren|dessen|welche[rsnm]?)\s",
    re.I,
)


# After the relative clause, a comma then one of these goes on with another clause; any other word
# ("Our biggest market, which is China, grew 5%.") is the main verb the named thing is subject of.
_CLAUSE_GOES_ON = re.compile(
    r",\s*(?:and|or|but|so|while|because|if|when|where|as|which|who|that|without|und|oder|aber|ohne|weil|wenn|"
    r"dass|als|wie|die|der|das|denen|deren|dessen|welche[rsnm]?|während|sodass|um|damit|obwohl)\b",
    re.I,
)


# An answer that only names what it is not, with no clause of its own ("Not the seed round and not the Series A.",
# "Nicht die Seed-Runde und nicht die Serie A.", 「シードでもシリーズAでもなく。」「Aラウンドの延長。」): short, no
# subject pronoun; in Japanese, ending on 「なく」 or a noun, with no predicate. Without its question it says nothing.
_NEGATED_PHRASE = {
    "en": re.compile(
        r"^[\s\"“(]*(?:not|neither|nor)\s+(?:the|a|an|my|our|his|her|their|that|this|those|these|just|only|even)\b",
        re.I,
    ),
    "de": re.compile(
        r"^[\s\"„(]*(?:nicht|weder|kein(?:e[nmrs]?)?)\s+(?:die|der|das|den|dem|des|ein|eine[nmrs]?|unser[e]?|mein[e]?|"
        r"nur|erst|einmal)\b",
        re.I,
    ),
}
_SUBJECT = {
    "en": re.compile(r"\b(?:i|we|you|they|he|she|it|there)\b", re.I),
    "de": re.compile(r"\b(?:ich|wir|du|ihr|er|sie|es|man)\b", re.I),
}
_JA_VERBLESS = re.compile(r"(?:でも|では|じゃ)?なく[。．]$|[\u4e00-\u9fffァ-ヶーA-Za-z0-9０-９][。．]$")
_SHORT_WORDS = 12  # an elliptical answer is a phrase, not a paragraph
_SHORT_JA = 30


def _verbless(text: str, lang: str) -> bool:
    stripped = text.strip()
    if lang == "ja":
        return len(stripped) <= _SHORT_JA and bool(_JA_VERBLESS.search(stripped))
    pattern = _NEGATED_PHRASE.get(lang)
    return (
        pattern is not None
        and bool(pattern.match(stripped))
        and len(stripped.split()) <= _SHORT_WORDS
        and not _SUBJECT[lang].search(stripped)
    )


def elliptical_answer(text: str, lang: str) -> bool:
    """Whether the first sentence of an answer only names what the question asked for (``_ELLIPTICAL``)
    or what it is not, with no clause of its own (``_NEGATED_PHRASE``, in Japanese ``_JA_VERBLESS``)."""
    if _verbless(text, lang):
        return True
    m = _ELLIPTICAL.match(text) if lang in ("en", "de") else None
    if m is None:
        return False
    comma = text.find(",", m.end())
    return comma < 0 or bool(_CLAUSE_GOES_ON.match(text, comma))


def reject_reason(
    text: str, lang: str, speaker: str | None = None, *, punctuated: bool = True, show: bool = False
) -> str | None:
    """Why a summary must not quote this sentence (a category name), or None when it may.

    ``punctuated`` says whether the document ends its sentences with punctuation (captions and
    ASR output often do not); only then is a sentence without an end a fragment. In a ``show`` (a podcast or
    an interview) a line presenting who else is on (``_PRESENTING``) introduces its guests; elsewhere (a
    call) it is procedure.
    """
    stripped = text.strip()
    if not stripped or _LABEL_ONLY.match(stripped) or (lang == "ja" and _JA_LABEL.match(stripped)):
        return "label"
    if speaker and _PROCEDURAL_SPEAKER.match(speaker):
        return "operator"
    if (
        _QUESTION_END.search(stripped)
        or _QUOTED_QUESTION.search(stripped)
        or _REQUEST.search(stripped)
        or (lang == "ja" and (_JA_QUESTION_END.search(stripped) or _tag_question(stripped)))
    ):
        return "question"
    if _SPONSOR.search(stripped):
        return "sponsor"
    if _PROCEDURE.search(stripped) or (not show and _PRESENTING.search(stripped)):
        return "procedure"
    if _CHROME.match(stripped):
        return "chrome"
    if _OUTRO.search(stripped):
        return "outro"
    if _HOUSEKEEPING.search(stripped):
        return "housekeeping"
    if _SIGNPOST.search(stripped) if lang == "ja" else _SIGNPOST.match(stripped):
        return "signpost"
    if _PREFACE.search(stripped):
        return "preface"
    if _THANKS_ANYWHERE.search(stripped) or (_GREETING.match(stripped) and not _named_welcome(stripped, lang)):
        return "greeting"
    if _BACKCHANNEL.match(stripped) and _short(stripped, lang):
        return "backchannel"
    if _is_fragment(stripped, lang, punctuated):
        return "fragment"
    return None


def _named_welcome(text: str, lang: str) -> bool:
    """A welcome long enough to say more than hello, naming the episode or the guest (``_NAMED_WELCOME``)."""
    long_enough = (
        len(text) >= _NAMED_WELCOME_MIN_CHARS_JA if lang == "ja" else len(text.split()) >= _NAMED_WELCOME_MIN_WORDS
    )
    return long_enough and bool(_NAMED_WELCOME.search(text))


def _tag_question(text: str) -> bool:
    return bool(_JA_TAG_END.search(text) and _JA_ADDRESS.search(text))


def punctuated(texts: Sequence[str]) -> bool:
    """Whether most sentences of a document end with sentence punctuation (prose, not raw captions)."""
    texts = [t for t in texts if t.strip()]
    if not texts:
        return False
    ended = sum(1 for t in texts if _TERMINAL.search(t.strip()))
    return ended * 2 >= len(texts)
