"""Who says each sentence: labelled turns, decoded dialogue, reported speech.

Every analysed sentence gets a :class:`Voice`: ``speaker`` (a person's name
as the catalog or the text gives it), ``attribution`` and ``confidence``.

* ``labelled``: the transcript's own label (``Name:`` prefixes, label lines,
  caption speakers from the format readers) is taken as given.
* ``turn``: unlabelled dialogue (a transcript with two or more known
  speakers and no labels) is decoded as a whole, turns first: sentences are
  the observations, a hidden state is the current speaker (and, when the
  conversation has several hosts, which host spoke last), and every
  boundary between sentences carries the cues a careful reader hears a
  change by (:mod:`.cues`, :mod:`.handover`): a question or a request to
  tell closing a paragraph ("…教えてください。", "伺いましたが……。"), an answer
  word or a reply by name opening the next ("Yeah", "そうですね", "Thanks,
  Tom." — Tom spoke just before), a short echo of the figure just said
  ("7割ですか。"), a name addressed or announced ("Mark, …?", "Our first
  question comes from Kevin Walsh.", "Am Telefon ist X", "Xさん、お願いします"),
  the opening (nobody else speaks before being invited), a multi-part
  question staying with its asker. Turns change easily at paragraph breaks
  and hardly inside a line; how often an uncued paragraph break changes
  speaker is read from the share of breaks that carry a cue (a subtitle
  translation splits answers over dozens of paragraphs, an interview turns
  at nearly every one), and a text laid out one utterance per line has its
  lines read as paragraphs. Emissions weigh self-introductions, names used
  as address (the person addressed is not the one speaking) or in the third
  person, self-reference to the speaker's organisation
  (``data/affiliations.yaml``) and how each person talks: hosts open and
  ask, guests answer at length, analysts ask, a moderator or operator hands
  over ("next question", "that concludes"). Roles come from the catalog's
  event ("… interview with X"), the opening welcome, or the text itself (a
  speaker called Operator or 司会 moderates, people announced as asking are
  analysts, the person asked a question by name answers). Cue weights and
  styles are re-estimated on the conversation (a few EM steps). Viterbi
  gives the speakers (a sentence whose own posterior clearly favours
  someone else takes that speaker); forward-backward gives each sentence's
  posterior, mapped to a calibrated confidence; a posterior under
  ``UNDECIDED_BELOW`` leaves the sentence ``unknown``. Translator's and
  editor's notes are the author's. A transcript with one known speaker is
  theirs; with none, speakers stay unknown.
* ``reported``: in articles, notes and commentary a sentence is the
  reported person's when it or an earlier sentence of its paragraph says
  who is being reported ("Zuckerberg sagte", "laut Jensen Huang", "X said",
  "according to X", "Xは…と述べた", "Xによると", "同氏によると"); in notes
  of an interview (timestamped passages) the passages are the guest's
  words and a "(質問)"/"Q:" passage is the interviewer's.
* ``author``: the writer's own statements, headings, descriptions, and
  bracketed asides inside reported passages ("（湯川解説：…）",
  "(Anm. d. Red.: …)", "(Editor's note: …)"; see :func:`author_asides`).
* ``unknown``: a dialogue without known speakers, or a dialogue sentence
  whose evidence does not decide.

Names match in the catalog's spelling, by given and family name, through a
small table of katakana spellings (``NAME_TRANSLITERATIONS``) and, for long
Latin names, one letter off ("Zukerberg").

Confidence is not the model's raw probability: ``data/speaker_calibration.yaml``
maps raw posteriors (dialogue; fitted on the gold's calibration dialogues,
held out from the rules' development) and rule names (reported speech) to
the accuracy observed on the hand-labelled gold in ``tests/fixtures/speakers``
(made offline by ``bench/eval_speakers.py --calibrate``; never fitted at run
time).

Modules: ``voice`` (Unit, Voice), ``names`` (aliases, mentions, address,
self-introductions), ``roles`` (host, guest, analyst, moderator), ``handover``
(announcements, replies by name, echoes), ``cues`` (what sentences and
boundaries of a dialogue say), ``hmm`` (forward–backward and Viterbi),
``turns`` (whole-turn decoding: turns, turn-level HMM; an option, off by default),
``dialogue`` (the decoder and its EM), ``reported`` (reported speech),
``spans`` (voices inside a sentence), ``calibration`` and ``attribution``
(one voice per sentence).
"""

from __future__ import annotations

# Every public name of the former single module, and (as "x as x") the private ones tests reach into.
from ..model import ATTRIBUTIONS
from .attribution import BEFORE_CHARS, UNDECIDED_BELOW, attribute
from .calibration import calibrated_posterior, calibrated_rule, posterior_to_accuracy
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
    CUED_SHARE_RATE,
    EM_STEPS,
    HOST_OPENS,
    ROLE_STYLE,
    STYLE_PRIOR_WEIGHT,
    STYLE_TEMPER,
    decode_dialogue,
)
from .handover import announced, echoes, thanked
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
    "CUED_SHARE_RATE",
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
    "UNDECIDED_BELOW",
    "Unit",
    "Voice",
    "aliases",
    "announced",
    "attribute",
    "author_asides",
    "calibrated_posterior",
    "calibrated_rule",
    "cue_matches",
    "decode_dialogue",
    "echoes",
    "forward_backward",
    "given_names",
    "mentions",
    "posterior_to_accuracy",
    "reported_source",
    "roles",
    "self_introductions",
    "span_voices",
    "thanked",
    "unquoted",
    "viterbi",
    "vocatives",
    "voice_of",
]
