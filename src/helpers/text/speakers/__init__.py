"""Who says each sentence: labelled turns, decoded dialogue, reported speech.

Every analysed sentence gets a :class:`Voice`: ``speaker`` (a person's name
as the catalog or the text gives it), ``attribution`` and ``confidence``.

* ``labelled``: the transcript's own label (``Name:`` prefixes, label lines,
  caption speakers from the format readers) is taken as given.
* ``turn``: unlabelled dialogue (a transcript with two or more known
  speakers and no labels) is decoded as a whole. Sentences are the
  observations; a hidden state is the current speaker (and, when the
  conversation has several hosts, which host spoke last). Turns change
  easily at paragraph breaks, rarely at line breaks inside a paragraph and
  hardly inside a line; a text laid out one utterance per line with no
  blank lines (ASR output, caption-derived text: no sentence runs on across
  a line break) has its lines read as paragraphs, while lines that wrap a
  sentence ("まず第一に、\nここに…") stay one turn unit. Turns change more or
  less easily with the evidence a careful reader uses: a question closing a paragraph hands the floor over, an
  answer word ("そうですね", "Yeah", "Ja") takes it, a paragraph that is just
  a question or a one-liner is most likely someone else's, a name used as
  address at the end of a paragraph ("リッチー、…ですか?", "Mark, thanks for
  coming on.") gives the floor to the person addressed. Emissions weigh
  self-introductions ("I'm X", "私はXです"), names used as address (the
  person addressed is not the one speaking), names used in the third person
  (people rarely talk about themselves by name), self-reference to the
  speaker's organisation ("at Meta we", "当社のNVLink", "メタの皆さん" for
  the other side; ``data/affiliations.yaml``) and the roles of host and
  guest (from the catalog's event, "… interview with X", or the opening
  welcome: hosts open and ask, guests answer at length). How often turns
  change and how each person talks are re-estimated on the conversation
  itself (a few EM steps), so an interview that turns at every paragraph
  and a subtitle translation that splits one answer into dozens of short
  paragraphs are both read sensibly. Viterbi gives the speakers (a
  sentence whose own posterior clearly favours someone else takes that
  speaker); forward-backward gives each sentence's posterior, mapped to a
  calibrated confidence. Translator's and editor's notes ("本稿では…翻訳",
  "this transcript has been edited") are the author's. A transcript with
  one known speaker is theirs; with none, speakers stay unknown.
* ``reported``: in articles, notes and commentary a sentence is the
  reported person's when it or an earlier sentence of its paragraph says
  who is being reported ("Zuckerberg sagte", "laut Jensen Huang", "X said",
  "according to X", "Xは…と述べた", "Xによると", "同氏によると"); in notes
  of an interview (timestamped passages) the passages are the guest's
  words and a "(質問)"/"Q:" passage is the interviewer's.
* ``author``: the writer's own statements, headings, descriptions, and
  bracketed asides inside reported passages ("（湯川解説：…）",
  "(Anm. d. Red.: …)", "(Editor's note: …)"; see :func:`author_asides`).
* ``unknown``: a dialogue without known speakers.

Names match in the catalog's spelling, by given and family name, through a
small table of katakana spellings (``NAME_TRANSLITERATIONS``) and, for long
Latin names, one letter off ("Zukerberg").

Confidence is not the model's raw probability: ``data/speaker_calibration.yaml``
maps raw posteriors (dialogue) and rule names (reported speech) to the
accuracy observed on the hand-labelled gold in ``tests/fixtures/speakers``
(made offline by ``bench/eval_speakers.py --calibrate``; never fitted at run
time).

Modules: ``voice`` (Unit, Voice), ``names`` (aliases, mentions, address,
self-introductions), ``roles`` (host and guest), ``cues`` (what sentences and
boundaries of a dialogue say), ``hmm`` (forward–backward and Viterbi),
``dialogue`` (the decoder and its EM), ``reported`` (reported speech),
``spans`` (voices inside a sentence), ``calibration`` and ``attribution``
(one voice per sentence).
"""

from __future__ import annotations

# Every public name of the former single module, and (as "x as x") the private ones tests reach into.
from ..model import ATTRIBUTIONS
from .attribution import BEFORE_CHARS, attribute
from .calibration import calibrated_posterior, calibrated_rule
from .cues import (
    CUE_NAMES,
    CUE_WEIGHTS,
    HANDOVER_TAIL_CHARS,
    LINE_TURNS_MIN,
    LINE_TURNS_WRAPPED,
    LONG_CHARS,
    W_ADDRESSED,
    W_AFFILIATION,
    W_AUTHOR_BASE,
    W_AUTHOR_EDITORIAL,
    W_MENTIONED,
    W_SELF_INTRO,
)
from .cues import _lines_are_turns as _lines_are_turns
from .dialogue import (
    ADDRESSED_NEXT,
    AUTHOR,
    AUTHOR_SHARE,
    CLEARLY_LIKELIER,
    CUE_PRIOR_PRECISION,
    EM_STEPS,
    HOST_OPENS,
    ROLE_STYLE,
    STYLE_PRIOR_WEIGHT,
    STYLE_TEMPER,
    decode_dialogue,
)
from .hmm import forward_backward, viterbi
from .names import (
    NAME_TRANSLITERATIONS,
    aliases,
    given_names,
    mentions,
    self_introductions,
    unquoted,
    vocatives,
)
from .reported import _DE_VERB as _DE_VERB
from .reported import _DE_VERBS as _DE_VERBS
from .reported import _EN_VERBS as _EN_VERBS
from .reported import _JA_VERBS as _JA_VERBS
from .reported import _PRONOUN_DE as _PRONOUN_DE
from .reported import CUE_WORDS, CUES, author_asides, cue_matches, reported_source
from .roles import WELCOME_BLOCKS, roles
from .spans import _QUOTE_REPORTED as _QUOTE_REPORTED
from .spans import _QUOTE_REPORTED_WORDS as _QUOTE_REPORTED_WORDS
from .spans import span_voices, voice_of
from .voice import Unit, Voice

__all__ = [
    "ADDRESSED_NEXT",
    "ATTRIBUTIONS",
    "AUTHOR",
    "AUTHOR_SHARE",
    "BEFORE_CHARS",
    "CLEARLY_LIKELIER",
    "CUES",
    "CUE_NAMES",
    "CUE_PRIOR_PRECISION",
    "CUE_WEIGHTS",
    "CUE_WORDS",
    "EM_STEPS",
    "HANDOVER_TAIL_CHARS",
    "HOST_OPENS",
    "LINE_TURNS_MIN",
    "LINE_TURNS_WRAPPED",
    "LONG_CHARS",
    "NAME_TRANSLITERATIONS",
    "ROLE_STYLE",
    "STYLE_PRIOR_WEIGHT",
    "STYLE_TEMPER",
    "WELCOME_BLOCKS",
    "W_ADDRESSED",
    "W_AFFILIATION",
    "W_AUTHOR_BASE",
    "W_AUTHOR_EDITORIAL",
    "W_MENTIONED",
    "W_SELF_INTRO",
    "Unit",
    "Voice",
    "aliases",
    "attribute",
    "author_asides",
    "calibrated_posterior",
    "calibrated_rule",
    "cue_matches",
    "decode_dialogue",
    "forward_backward",
    "given_names",
    "mentions",
    "reported_source",
    "roles",
    "self_introductions",
    "span_voices",
    "unquoted",
    "viterbi",
    "vocatives",
    "voice_of",
]
