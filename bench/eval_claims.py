"""Precision/recall of claim extraction against the hand-made gold annotations.

Gold: tests/fixtures/claims/gold_*.csv (built from the readable gold_spec_*.txt
by build_gold.py); tests/fixtures/claims/split.yaml gives each document's genre and
whether it is tuned on (dev) or held out. For every gold document the script parses
the file with helpers.text.parse, extracts claims and reports, per document and overall:

* span/exact   - predicted (start, end) equals a gold span
* span/overlap - one-to-one matching of overlapping spans
* value+unit   - one-to-one matching of overlapping spans whose unit and value (or low/high)
                 agree after unit normalisation (a rate's parts are normalised too:
                 usd_per_barrel and usd_per_cubic_meter compare; see ``canonical``)

then value+unit precision, recall and F1 per genre, per category of issue 26 (a gold line's
``cat=`` note; a prediction on a not-a-quantity span such as "FTSE 100" counts against that
span's category), and for dev and held-out documents separately, followed by the misses
(gold without a match) and false positives. Where the gold names a quantity's subject, period or status (the
``subject``/``period``/``status`` columns), SUBJECT AND PERIOD scores them over the value-matched pairs, per split
and per genre: subject and period accuracy and how often guidance is marked actual and an actual guidance; the
document's title and event date come from split.yaml (``title``, ``date``), as a catalog entry gives them.
Usage: .venv/bin/python bench/eval_claims.py [--quiet] [--split dev|heldout|all] [--lang en|de|ja] [--batch N]
(split.yaml `batch: 2` marks the second annotation batch; BY SPLIT reports it as dev2 / heldout2)
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "fixtures" / "claims"
SPLIT = yaml.safe_load((GOLD_DIR / "split.yaml").read_text(encoding="utf-8"))
DOCS = {
    **{d: {**v, "split": "dev"} for d, v in SPLIT["dev"].items()},
    **{d: {**v, "split": "heldout"} for d, v in SPLIT["heldout"].items()},
}
# Gold documents annotated before the extractor was ever run on them and kept out of tuning: their scores are
# out-of-sample figures, printed with "(unseen)". Keep tuning off them; add a new held-out one instead.
UNSEEN = frozenset(SPLIT["heldout"])
FLOOR_DOCS = frozenset(SPLIT["floor"])
NO_CATEGORY = "(none)"
# rate denominators that are no unit of the vocabulary: one per period, kept as written
_PERIODS = {"year", "quarter", "month", "week", "day"}
# an oil barrel (42 US gallons); the text of a rate says "a barrel" of oil, not pint's 31.5-gallon barrel
_OIL_BARREL = 0.158987294928


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    surface: str
    low: float | None
    high: float | None
    unit: str
    categories: tuple[str, ...] = ()
    subject: str = ""
    period: str = ""
    status: str = ""


def _f(x: str | float | None) -> float | None:
    if x is None or x == "":
        return None
    v = float(x)
    return None if math.isnan(v) else v


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _span(r: dict) -> Span:
    cats = tuple(c for c in (r.get("category") or "").split(",") if c)
    return Span(int(r["start"]), int(r["end"]), r["surface"], _f(r["value_low"]), _f(r["value_high"]), r["unit"], cats,
                r.get("subject") or "", r.get("period") or "", r.get("status") or "")  # fmt: skip


def load_gold(path: Path) -> list[Span]:
    """The quantities of a gold file (rows of kind not_quantity are left out)."""
    return [_span(r) for r in _read(path) if r.get("kind", "quantity") == "quantity"]


def load_not_quantities(path: Path) -> list[Span]:
    """Spans the annotator marked as not a quantity (labels, ordinals, dates, timestamps)."""
    return [_span(r) for r in _read(path) if r.get("kind", "quantity") != "quantity"]


def source_of(doc_id: str) -> Path:
    seed = ROOT / "seeds" / f"{doc_id}.txt"
    return seed if seed.exists() else GOLD_DIR / f"{doc_id}.txt"


def predict(path: Path, doc_id: str) -> list[Span]:
    from helpers.claims import extract as claims_extract
    from helpers.text.parse import parse_file

    doc = parse_file(str(path), doc_id=doc_id)
    meta = DOCS.get(doc_id, {})
    entry = SimpleNamespace(title=meta.get("title", ""), event_date=str(meta.get("date", "")))
    frame = claims_extract.claims_frame([doc], {doc_id: entry}, validate=False)
    rows = frame.to_dict("records")
    return [Span(r["start"], r["end"], r["surface"], _f(r["value_low"]), _f(r["value_high"]), r["unit"], (),
                 r["subject"] or "", r["period"] or "", r["status"] or "") for r in rows]  # fmt: skip


def _unit_factor(part: str) -> tuple[str, float] | None:
    """A rate's part as a vocabulary base unit and its factor (``liter`` -> cubic_meter, 0.001), or None."""
    from helpers.claims import units

    if part in units.vocabulary():
        return part, 1.0
    if part == "barrel":
        return "cubic_meter", _OIL_BARREL
    info = units.lookup(part.replace("_", " "), "en")
    return (info.unit, info.factor) if info is not None and not info.offset else None


def canonical(unit: str, low: float | None, high: float | None) -> tuple[str, float | None, float | None]:
    """A unit and its bounds in comparable form: each part of a rate ``<amount>_per_<what>`` in its base unit."""
    from helpers.claims import units

    # units that name a rate themselves (meter_per_second, byte_per_second) are base units already
    if "_per_" not in unit or unit in units.PHYSICAL:
        return unit, low, high
    num, _, den = unit.partition("_per_")
    factor = 1.0
    n = _unit_factor(num)
    if n is not None:
        num, factor = n[0], factor * n[1]
    d = _unit_factor(den) if den not in _PERIODS else None
    if d is not None:
        den, factor = d[0], factor / d[1]

    def scale(v: float | None) -> float | None:
        return None if v is None else v * factor

    return f"{num}_per_{den}", scale(low), scale(high)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_ok(g: Span, p: Span) -> bool:
    gu, gl, gh = canonical(g.unit, g.low, g.high)
    pu, pl, ph = canonical(p.unit, p.low, p.high)
    return gu == pu and _close(gl, pl) and _close(gh, ph)


def match(gold: list[Span], pred: list[Span], ok=None) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans, largest overlap first; with ``ok``, only pairs it accepts."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0 and (ok is None or ok(g, p)):
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(gold: list[Span], pred: list[Span]) -> dict[str, tuple[float, float, float]]:
    exact = len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in pred})
    pairs = match(gold, pred)
    good = len(match(gold, pred, value_ok))
    return {
        "span/exact": prf(exact, len(pred), exact, len(gold)),
        "span/overlap": prf(len(pairs), len(pred), len(pairs), len(gold)),
        "value+unit": prf(good, len(pred), good, len(gold)),
    }


@dataclass
class Tally:
    """Counts for one row of a table: predictions, gold quantities, and correct one-to-one pairs."""

    pred: int = 0
    gold: int = 0
    good: int = 0

    def add(self, other: Tally) -> None:
        self.pred, self.gold, self.good = self.pred + other.pred, self.gold + other.gold, self.good + other.good

    def line(self, name: str) -> str:
        p, r, f = prf(self.good, self.pred, self.good, self.gold)
        counts = f"(gold={self.gold} predicted={self.pred} correct={self.good})"
        return f"  {name:16} P={p:.3f} R={r:.3f} F1={f:.3f}  {counts}"


def by_category(gold: list[Span], nots: list[Span], pred: list[Span]) -> dict[str, Tally]:
    """Value+unit counts per category: a gold quantity counts in each of its categories; a prediction in the
    categories of the gold it is paired with (value-correct pairs first, then any overlapping quantity), else of
    the not-a-quantity span it overlaps, else in none."""
    out: dict[str, Tally] = defaultdict(Tally)
    for g in gold:
        for c in g.categories or (NO_CATEGORY,):
            out[c].gold += 1
    good = match(gold, pred, value_ok)
    for g, _ in good:
        for c in g.categories or (NO_CATEGORY,):
            out[c].good += 1
    owner = {id(p): g for g, p in good}
    left_g = [g for g in gold if all(g is not x for x, _ in good)]
    left_p = [p for p in pred if id(p) not in owner]
    owner.update({id(p): g for g, p in match(left_g, left_p)})
    for p in pred:
        g = owner.get(id(p)) or next((n for n in nots if min(n.end, p.end) > max(n.start, p.start)), None)
        for c in (g.categories if g is not None else ()) or (NO_CATEGORY,):
            out[c].pred += 1
    return out


@dataclass
class Framing:
    """Subject, period and status agreement over value-matched pairs whose gold names them."""

    subject: int = 0
    subject_ok: int = 0
    period: int = 0
    period_ok: int = 0
    guidance: int = 0
    guidance_as_actual: int = 0
    actual: int = 0
    actual_as_guidance: int = 0

    def add(self, other: Framing) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def line(self, name: str) -> str:
        def rate(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "-"

        return (
            f"  {name:16} subject={rate(self.subject_ok, self.subject):16}"
            f" period={rate(self.period_ok, self.period):16}"
            f" guidance->actual={rate(self.guidance_as_actual, self.guidance):14}"
            f" actual->guidance={rate(self.actual_as_guidance, self.actual)}"
        )


def _name(s: str) -> str:
    return " ".join(s.casefold().replace(".", " ").replace(",", " ").replace("!", " ").split())


def subject_same(gold: str, pred: str) -> bool:
    """Whether a predicted subject names the gold's: the same words, or one the other's first words ("Charter" and
    "Charter Communications")."""
    g, p = _name(gold), _name(pred)
    return bool(g and p) and (g == p or g.startswith(p + " ") or p.startswith(g + " "))


def period_same(gold: str, pred: str, event_date: str) -> bool:
    """Whether a predicted period is the gold's: both keyed as claims are grouped (``period_key``); gold ``@`` is
    "as of the call" and ``>`` an outlook with no stated period, whatever date the extractor attaches."""
    from helpers.claims.subjects.periods import period_key

    if gold in ("@", ">"):
        return pred.startswith(gold)
    return period_key(gold, event_date) == period_key(pred, event_date)


def framing(gold: list[Span], pred: list[Span], event_date: str) -> tuple[Framing, list[tuple[Span, Span]]]:
    """Subject, period and status counts over the value-matched pairs, and the pairs that disagree."""
    out, wrong = Framing(), []
    for g, p in match(gold, pred, value_ok):
        bad = False
        if g.subject:
            out.subject += 1
            ok = subject_same(g.subject, p.subject)
            out.subject_ok += ok
            bad |= not ok
        if g.period:
            out.period += 1
            ok = period_same(g.period, p.period, event_date)
            out.period_ok += ok
            bad |= not ok
        if g.status in ("guidance", "forecast"):
            out.guidance += 1
            out.guidance_as_actual += p.status == "actual"
            bad |= p.status == "actual"
        elif g.status == "actual":
            out.actual += 1
            out.actual_as_guidance += p.status != "actual"
            bad |= p.status != "actual"
        if bad:
            wrong.append((g, p))
    return out, wrong


def _batch(doc_id: str) -> int:
    """Which annotation batch a document belongs to (split.yaml ``batch``; the first gold is batch 1)."""
    return int(DOCS.get(doc_id, {}).get("batch", 1))


def _split_name(doc_id: str) -> str:
    """The split a document is reported under: ``dev``/``heldout``, with the batch number from batch 2 on."""
    meta = DOCS.get(doc_id, {"split": "dev"})
    batch = _batch(doc_id)
    return meta["split"] + (str(batch) if batch > 1 else "")


def _selected(split: str, lang: str | None = None, batch: int | None = None) -> list[tuple[str, Path]]:
    paths = [(p.stem[len("gold_") :], p) for p in sorted(GOLD_DIR.glob("gold_*.csv"))]
    if lang:
        paths = [(d, p) for d, p in paths if DOCS.get(d, {}).get("lang") == lang]
    if batch is not None:
        paths = [(d, p) for d, p in paths if _batch(d) == batch]
    if split == "all":
        return paths
    return [(d, p) for d, p in paths if DOCS.get(d, {}).get("split", "dev") == split]


def _print_table(title: str, rows: dict[str, Tally]) -> None:
    print(f"\n{title} (value+unit)")
    for name in sorted(rows):
        print(rows[name].line(name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiet", action="store_true", help="only the score tables")
    ap.add_argument(
        "--split",
        choices=("dev", "heldout", "all"),
        default="all",
        help="documents to score (split.yaml): tuned on, held out, or both (default)",
    )
    ap.add_argument("--lang", choices=("en", "de", "ja"), help="only the documents in this language (split.yaml)")
    ap.add_argument("--batch", type=int, help="only the documents of this annotation batch (split.yaml; 1 = the first)")
    args = ap.parse_args(argv)
    all_gold: list[Span] = []
    all_pred: list[Span] = []
    genres: dict[str, Tally] = defaultdict(Tally)
    splits: dict[str, Tally] = defaultdict(Tally)
    cats: dict[str, Tally] = defaultdict(Tally)
    frame_splits: dict[str, Framing] = defaultdict(Framing)
    frame_genres: dict[str, Framing] = defaultdict(Framing)
    report = []
    for doc_id, gold_path in _selected(args.split, args.lang, args.batch):
        gold, nots = load_gold(gold_path), load_not_quantities(gold_path)
        pred = predict(source_of(doc_id), doc_id)
        scores = evaluate(gold, pred)
        tag = " (unseen)" if doc_id in UNSEEN else ""
        print(f"\n{doc_id}{tag}: gold={len(gold)} predicted={len(pred)}")
        for k, (p, r, f) in scores.items():
            print(f"  {k:13} P={p:.3f} R={r:.3f} F1={f:.3f}")
        # offsets are per document: shift so the pooled score can match across docs
        shift = len(all_gold) * 10_000_000
        all_gold += [Span(g.start + shift, g.end + shift, g.surface, g.low, g.high, g.unit) for g in gold]
        all_pred += [Span(p.start + shift, p.end + shift, p.surface, p.low, p.high, p.unit) for p in pred]
        doc = Tally(len(pred), len(gold), len(match(gold, pred, value_ok)))
        meta = DOCS.get(doc_id, {"genre": "(unlisted)", "split": "dev"})
        genres[meta["genre"]].add(doc)
        splits[_split_name(doc_id)].add(doc)
        for c, t in by_category(gold, nots, pred).items():
            cats[c].add(t)
        framed, off = framing(gold, pred, str(meta.get("date", "")))
        if framed.subject or framed.period or framed.guidance or framed.actual:
            frame_splits[_split_name(doc_id)].add(framed)
            frame_genres[meta["genre"]].add(framed)
        pairs = match(gold, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        report.append(
            (
                doc_id,
                [g for g in gold if id(g) not in matched_g],
                [p for p in pred if id(p) not in matched_p],
                [(g, p) for g, p in pairs if not value_ok(g, p)],
                off,
            )
        )
    print("\nALL")
    for k, (p, r, f) in evaluate(all_gold, all_pred).items():
        print(f"  {k:13} P={p:.3f} R={r:.3f} F1={f:.3f}")
    _print_table("BY SPLIT", splits)
    _print_table("BY GENRE", genres)
    _print_table("BY CATEGORY", cats)
    if frame_splits:
        print("\nSUBJECT AND PERIOD (accuracy over value-matched pairs whose gold names them)")
        for name in sorted(frame_splits):
            print(frame_splits[name].line(name))
        for name in sorted(frame_genres):
            print(frame_genres[name].line(name))
    if not args.quiet:
        for doc_id, misses, fps, wrong, off in report:
            if doc_id in UNSEEN and args.split != "heldout":
                continue  # held-out misses are listed only on request (--split heldout), never while tuning
            print(f"\n== {doc_id}")
            for g in misses:
                print(f"  MISS  {g.start:6d} {g.surface!r} {g.unit} [{g.low}, {g.high}]")
            for p in fps:
                print(f"  FP    {p.start:6d} {p.surface!r} {p.unit} [{p.low}, {p.high}]")
            for g, p in wrong:
                print(
                    f"  VALUE {g.start:6d} gold {g.surface!r} {g.unit} [{g.low}, {g.high}]"
                    f" | got {p.surface!r} {p.unit} [{p.low}, {p.high}]"
                )
            for g, p in off:
                print(
                    f"  FRAME {g.start:6d} {g.surface!r} gold {g.subject!r} {g.period!r} {g.status}"
                    f" | got {p.subject!r} {p.period!r} {p.status}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
