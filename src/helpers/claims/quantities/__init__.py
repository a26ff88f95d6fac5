"""Quantitative claim extraction: every stated quantity, normalized, with its topic and source span.

Pipeline per sentence (``find_quantities``):

1. numeral *cores*: digit runs, Japanese kanji numerals (kept only where SudachiPy
   tags them 数詞, so 一緒/十分 never count), spelled-out German/English numbers,
   vague numerals from the bracket table (数百億, tens of billions, Milliarden),
   model versions (Llama 3.1) and dates;
2. each core takes its unit from the counter or noun after it, else from the unit
   vocabulary of ``claims.units`` (currency signs and codes before or after it, pint
   units, ratios), and an approximation/bound qualifier from the words around it;
3. adjacent quantities joined by a range connector become one range
   (22万個から24万個, 10 bis 15 Jahre, 2、3週間), a lower and an upper bound become one
   range (20以上30未満), subunits join their amount (2ドル3セント) and a unit left out in a
   coordination is carried over ("8 billion parameters and 70 billion");
4. what is not a claim is dropped: timestamps, URLs, product names (H100,
   GPT-4o), discourse ordinals (1つは, 2つ目は, 第一), partitives (の1つ, one of),
   phase names (マイナス1から0, 1からn), calendar months (4月に), identifiers
   (episode 212, Kapitel 12).

Readings chosen on purpose: "the next few years" yields "few years" (2-5): "next"
says when, not how much. "Alexandr is 28" is an age only with a name or pronoun
before the copula and the clause ending after the number. "Llama 405" (no release
is numbered 20 or higher) and a bare "405" repeating a size the document states as
"405B" next to model words are parameters. Japanese negation is marked only when
the quantity's own clause ends in a negated progressive (〜ていない/〜ていません) or
starts with 誰も/何も and ends negated; durations are never marked negated.

The vocabulary lives in ``claims.lexicon``; ``claims.topics`` adds topics and
``claims.extract`` maps sentence offsets to document offsets and builds the table.

Modules, in the order of the pipeline: ``model`` (the records), ``finders`` with
``japanese`` and ``latin`` (step 1), ``attach`` (step 2), ``merge`` (step 3),
``filters`` (step 4) and ``pipeline`` (``find_quantities``, which runs them).
"""

from .model import Quantity
from .pipeline import find_quantities

__all__ = ["Quantity", "find_quantities"]
