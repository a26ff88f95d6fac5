"""How a sentence opens: an answer word, going on from the sentence before, adding to someone's answer, a remark put
to a person by name (English, German, Japanese). Read by :mod:`.cues` as evidence of who speaks and where the
speaker changes."""

from __future__ import annotations

import re

# Japanese words run on without spaces: a Japanese answer word ends at punctuation (\b never falls between two
# kana, so "いやいや、" and "そうそう。" were no answers).
_ANSWER_START = re.compile(
    r"^\s*(?:(?:そうですね|そうだね|そうだな|そうそう|そうなんです(?:よ|ね)?|そうなんだ|ええ|はい|うん|いや(?:いや)?|いいえ|"
    r"ああ|まあ|確かに|その通り(?:です)?|ありがとう(?:ございます)?|分かりません|わかりません|正直|"
    r"なるほど|面白い|素晴らしい|いいですね|良いですね|すごい)(?=[、。，,！!？?…\s（(]|$)|本当に[?？]|"
    r"(?:yeah|yes|no|well|right|sure|so,|thanks|thank you|i think|honestly|exactly|interesting|great|cool|okay|ok|oh|"
    r"wow|i see|(?:that'?s|that is) (?:exactly |absolutely |quite )?(?:right|true|correct)|"
    r"ja|nein|nun|genau|danke|also,|interessant|gut|stimmt|das stimmt)\b)",
    re.IGNORECASE,
)
# A paragraph that opens by going on from the one before ("And then…", "Aber…", "そして、", "しかし、"): an uncued
# continuation of the same speaker's turn more often than a new turn.
_CONTINUES = re.compile(
    r"^\s*(?:(?:そして|しかし|でも|また|それで|だから|さらに|それから|ですから|つまり|ただ|なぜなら|というのも|例えば|たとえば)"
    r"(?=[、,]|$)"
    r"|(?:and|but|also|in fact|then|because|besides|moreover|plus|for (?:example|instance))\b"
    r"|(?:und|aber|auch|außerdem|denn|dann|zudem|allerdings|zum Beispiel|deshalb|darum)\b"
    # the next item of a list ("Second, …", "Drittens …", "2つ目は、…", "そして3つ、…"): the same speaker's list
    r"|(?:(?:and )?(?:second|third|fourth|fifth)(?:ly)?|the (?:second|third|fourth|fifth) (?:one|reason|thing|point)"
    r"|(?:und )?(?:zweitens|drittens|viertens|fünftens))\b"
    r"|(?:そして)?(?:[2-9２-９二三四五]つ目|第[2-9２-９二三四五](?:に|の)|[2-9２-９二三四五]つ(?:目|め)?[、,]))",
    re.IGNORECASE,
)
# A paragraph that opens by adding to the answer before ("And just to add, …", "And if I can add, Mark: …", "I would
# add that …", "Wenn ich ergänzen darf, …", "補足すると、…"): a second voice taking up an answer (on a call the CFO
# after the CEO, on a panel the next panelist), not the same speaker going on.
_ADDS = re.compile(
    r"^\s*(?:(?:and|so)\s{1,2})?(?:just\s{1,2})?(?:to add(?: to that)?\b|if I (?:can|could|may|might) (?:just )?add\b"
    r"|I(?:'d| would) (?:just )?(?:like to )?add\b|let me (?:just )?add\b|to build on (?:that|what)\b"
    r"|building on (?:that|what)\b)"
    r"|^\s*(?:und\s{1,2})?(?:ergänzend\b|wenn ich (?:kurz )?ergänzen darf|darf ich (?:kurz )?ergänzen"
    r"|ich (?:möchte|würde) (?:gern(?:e)? )?(?:kurz )?ergänzen)"
    r"|^\s*(?:(?:少し|一点|ひとつ)?補足(?:すると|させて|します|ですが|いたします)|付け加え(?:ると|させて|ます|たい))",
    re.IGNORECASE,
)
# A remark put to a person by name ("Sook-Jong, you had North Korea on top of your list.", "Herr Müller, Sie haben
# …", "マサ、あなたは…"): it hands them the floor unless a question of the same voice follows (see ``_sets_up``).
_REMARK_TO = re.compile(
    r"^\W{0,3}[^\W\d][\w .'’-]{0,40}?[,、]\s{0,2}(?:(?:you|your|Sie|Ihr\w*|du|dein\w*)\b(?!\s{1,2}(?:know|see|guys)\b)"
    r"|あなた|君は)"
)
# A request for the floor ("Marcus, can I come in there?", "I'll jump in with a chess question.", "Darf ich da
# kurz einhaken?", "ちょっと口を挟ませてください。"): a second voice taking the floor for itself. It hands nothing to
# the person it names (they are asked for leave, not for an answer), and the one asking goes on.
_NAME_FIRST = r"^\W{0,3}(?:[^\W\d][\w.'’-]{0,20}(?:\s[^\W\d][\w.'’-]{0,20})?[,、]\s{0,2})?"
_JUMPS_IN = re.compile(
    _NAME_FIRST + r"(?:(?:and|so|well|okay),?\s{1,2})?"
    r"(?:(?:can|could|may|might) I (?:just )?(?:jump|come|chime|cut|step) in\b"
    r"|I(?:'ll| will|'d| would|'m going to)(?: like to| love to)? (?:just )?(?:jump|chime|come|cut) in\b"
    r"|let me (?:just )?(?:jump|chime|come|cut) in\b"
    r"|if I (?:can|could|may|might) (?:just )?(?:jump|chime|come|cut) in\b"
    r"|darf ich (?:da |hier )?(?:kurz |mal )?(?:einhaken|dazwischen)"
    r"|wenn ich (?:da |hier )?(?:kurz |mal )?einhaken darf"
    r"|ich hake (?:da |hier )?(?:kurz |mal )?ein\b)"
    r"|口を挟|割って入|割り込ませて|(?:私|僕|わたし)からも一言",
    re.IGNORECASE,
)
# A sentence that opens by addressing the audience ("Listeners, we won't bury the lead…", "Liebe Hörerinnen und Hörer,
# …", "リスナーの皆さん、…"): a host's, who speaks for the show; a guest speaks to the hosts.
_TO_AUDIENCE = re.compile(
    r"^\W{0,3}(?:(?:hello|hi|hey|and|so|okay),?\s{1,2})?(?:dear\s{1,2})?"
    r"(?:listeners|viewers|folks|everyone|everybody|ladies and gentlemen)(?=\s{0,2}[,!:—–-])"
    r"|^\W{0,3}(?:(?:hallo|und|also),?\s{1,2})?(?:liebe|verehrte|sehr geehrte)\s{1,2}"
    r"(?:Hörerinnen|Hörer|Zuhörerinnen|Zuhörer|Zuschauerinnen|Zuschauer)\b"
    r"|^\W{0,3}(?:リスナー|視聴者|会場)の(?:皆さん|皆様|みなさん|みなさま)",
    re.IGNORECASE,
)
