"""Number and quantity recognition on the Microsoft Recognizers-Text test cases (Japanese, German, English).

The cases (MIT licence) live in ``../shared/benchmarks/recognizers-text/Specs`` next to the
repository (or pass ``--specs DIR``). Each case is a sentence with the mentions a recognizer
should find. A case counts as found when every expected mention is matched by one extracted
quantity whose span overlaps it and whose value agrees:

* numbers, percentages, dimensions, ages, temperatures: the number as written (the value before
  conversion to the base unit, e.g. 75 for "75 ml") equals the expected value;
* ranges such as ``[10,20)`` or ``(100,)``: the extracted low and high bounds equal the closed or
  open ends (an open end is matched by an at_least/at_most bound or by a point value);
* currency: the amount agrees and the unit is a currency; where the case names an ISO code,
  it must be that code.

The share is taken over the cases that expect at least one mention ("finds every expected value").
Cases that expect none (the number model's "the 180ml liquid", a phone number) are counted apart:
``silent`` says on how many of them nothing at all was extracted. Cases
that no platform of the reference implementation supports (``NotSupported`` naming dotnet,
java, javascript and python) are left out; ordinal files are reported but are not a target
(ordinals are not quantities). Usage:

    python bench/eval_specs.py [--specs DIR] [--lang ja|de|en] [--misses FILE_SUBSTRING] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# shared/ sits beside the repository (a clone or CI) or beside the folder of worktrees
DEFAULT_SPECS = next((p / "shared" / "benchmarks" / "recognizers-text" / "Specs" for p in ROOT.parents
                      if (p / "shared" / "benchmarks" / "recognizers-text" / "Specs").is_dir()),
                     ROOT.parent / "shared" / "benchmarks" / "recognizers-text" / "Specs")
LANGS = {"Japanese": "ja", "German": "de", "English": "en"}
PLATFORMS = frozenset({"dotnet", "java", "javascript", "python"})


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    written: tuple[float, ...]  # the value(s) as written, before conversion to the base unit
    unit: str
    qualifier: str
    currency: bool


def extract(text: str, lang: str) -> list[Found]:
    """The extractor under test, as a list of ``Found``."""
    from helpers.claims import quantities, rates, units

    out = []
    for q in quantities.find_quantities(text, lang):
        written = tuple(v for v in (units.as_written(x, q.unit, q.unit_surface, lang)
                                    for x in (q.value, q.value_low, q.value_high)) if v is not None)
        # the specs have no rates: "$98 a share" is annotated as its amount, $98, so a rate is scored by its amount
        unit = rates.amount_unit(q.unit)
        out.append(Found(q.start, q.end, q.value, q.value_low, q.value_high, written, unit, q.qualifier,
                         units.is_currency(unit)))
    return out


def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _number(s: str, lang: str) -> float | None:
    # the German cases write their resolutions with a decimal comma ("2,35")
    s = s.strip().rstrip("%")
    s = s.replace(",", ".") if lang == "de" else s.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


_INTERVAL = re.compile(r"^([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])$")


def value_agrees(expected: str | None, f: Found, lang: str) -> bool:
    """Does one extracted quantity carry the expected resolution value?"""
    if expected is None or expected == "":
        return True
    m = _INTERVAL.match(expected.strip())
    if m:
        lo = _number(m.group(2), lang) if m.group(2) else None
        hi = _number(m.group(3), lang) if m.group(3) else None
        lows = {f.low, *f.written} if f.low is not None else set(f.written)
        highs = {f.high, *f.written} if f.high is not None else set(f.written)
        ok_lo = lo is None or any(_close(x, lo) for x in lows if x is not None)
        ok_hi = hi is None or any(_close(x, hi) for x in highs if x is not None)
        if lo is not None and hi is not None:
            return ok_lo and ok_hi and (len(f.written) > 1 or _close(f.low, lo) and _close(f.high, hi)
                                        or lo == hi)
        return ok_lo and ok_hi
    v = _number(expected, lang)
    if v is None:
        return False
    return any(_close(x, v) for x in (f.value, f.low, f.high, *f.written))


def case_found(case: dict, found: list[Found], lang: str) -> bool:
    results = case.get("Results") or []
    for r in results:
        s, e = int(r["Start"]), int(r["End"]) + 1
        res = r.get("Resolution") or {}
        ok = False
        for f in found:
            if not (f.start < e and s < f.end):
                continue
            if not value_agrees(res.get("value"), f, lang):
                continue
            if r.get("TypeName") == "currency":
                iso = (res.get("isoCurrency") or "").lower()
                if not f.currency or (iso and f.unit != iso):
                    continue
            ok = True
            break
        if not ok:
            return False
    return True


def unsupported_everywhere(case: dict) -> bool:
    names: set[str] = set()
    for key in ("NotSupported", "NotSupportedByDesign"):
        if case.get(key):
            names |= {p.strip().lower() for p in str(case[key]).split(",")}
    return PLATFORMS <= names


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    ap.add_argument("--lang", choices=["ja", "de", "en"], action="append")
    ap.add_argument("--misses", default="", help="print the missed cases of files whose path contains this")
    ap.add_argument("--limit", type=int, default=40, help="at most this many misses per file")
    args = ap.parse_args(argv)
    if not args.specs.is_dir():
        print(f"no specs folder at {args.specs}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    totals: dict[str, list[int]] = {}
    print(f"{'file':58} {'cases':>6} {'found':>6} {'share':>7} {'silent':>9}")
    for lang_dir, lang in LANGS.items():
        if args.lang and lang not in args.lang:
            continue
        for path in sorted(args.specs.glob(f"*/{lang_dir}/*.json")):
            rel = path.relative_to(args.specs).as_posix()
            ordinal = "Ordinal" in path.name
            supported = [c for c in load(path) if not unsupported_everywhere(c)]
            cases = [c for c in supported if c.get("Results")]
            empty = [c for c in supported if not c.get("Results")]
            hits = 0
            misses = []
            for case in cases:
                found = extract(case["Input"], lang)
                if case_found(case, found, lang):
                    hits += 1
                else:
                    misses.append((case, found))
            silent = 0
            for case in empty:
                found = extract(case["Input"], lang)
                if found:
                    misses.append((case, found))
                else:
                    silent += 1
            share = hits / len(cases) if cases else 1.0
            tag = "  (ordinals: not a target)" if ordinal else ""
            print(f"{rel:58} {len(cases):6d} {hits:6d} {share:7.1%} {silent:4d}/{len(empty):<4d}{tag}")
            if not ordinal:
                t = totals.setdefault(lang, [0, 0])
                t[0] += len(cases)
                t[1] += hits
            if args.misses and args.misses in rel:
                for case, found in misses[:args.limit]:
                    want = [(r["Text"], (r.get("Resolution") or {}).get("value"),
                             (r.get("Resolution") or {}).get("isoCurrency") or (r.get("Resolution") or {}).get("unit"))
                            for r in case.get("Results") or []]
                    got = [(case["Input"][f.start:f.end], f.value, f.low, f.high, f.unit) for f in found]
                    print(f"    MISS {case['Input']!r}\n         want {want}\n         got  {got}")
    print()
    for lang, (n, hits) in totals.items():
        print(f"{lang}: {hits}/{n} cases = {hits / n:.1%} (ordinals excluded)")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
