"""The unit vocabulary, the general number rules and the ``quantities`` command's JSON-lines contract.

Cases here are written from the rules (any grouped integer, any currency sign, any unit with a prefix),
not from the Recognizers-Text benchmark, which stays an external measure (bench/eval_specs.py).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.claims import extract, lexicon, quantities, units

ROOT = Path(__file__).resolve().parents[1]


def only(text: str, lang: str) -> quantities.Quantity:
    qs = quantities.find_quantities(text, lang)
    assert len(qs) == 1, qs
    return qs[0]


# ---------------------------------------------------------------------------
# numbers written in each language's style


def _group(n: int, sep: str) -> str:
    s = str(n)
    head = len(s) % 3 or 3
    return sep.join([s[:head]] + [s[i:i + 3] for i in range(head, len(s), 3)])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12),
       st.sampled_from([("en", ","), ("de", "."), ("ja", ","), ("en", " "), ("de", " "), ("en", "\u202f"),
                        ("ja", "、")]))
def test_grouped_integers_round_trip(n: int, style: tuple[str, str]) -> None:
    lang, sep = style
    written = _group(n, sep)
    prefix = {"en": "They counted ", "de": "Sie zählten ", "ja": "合計"}[lang]
    q = only(prefix + written + ("." if lang != "ja" else "です。"), lang)
    assert q.surface == written
    assert q.value == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99),
       st.sampled_from(["en", "de"]))
def test_decimals_and_negatives(whole: int, frac: int, lang: str) -> None:
    point = "." if lang == "en" else ","
    written = f"-{whole}{point}{frac:02d}"
    q = only(f"The change was {written} points" if lang == "en" else f"Die Änderung lag bei {written}", lang)
    assert q.value == pytest.approx(-(whole + frac / 100))


@pytest.mark.parametrize("text, lang, value", [
    ("The answer is minus 387.", "en", -387), ("答えは-5です。", "ja", -5), ("答えはマイナス10000です", "ja", -10000),
    ("Der Wert fiel auf -5 Grad.", "de", None), ("It is 1.5e9 in total.", "en", 1.5e9),
    ("That is 10 to the 13 operations.", "en", 1e13), ("全角の１２３４５です", "ja", 12345),
])
def test_signs_exponents_and_full_width(text: str, lang: str, value: float | None) -> None:
    q = quantities.find_quantities(text, lang)[0]
    if value is not None:
        assert q.value == pytest.approx(value)
    else:  # -5 Grad: minus five degrees Celsius, in kelvin
        assert (q.unit, q.value) == ("kelvin", pytest.approx(268.15))


# ---------------------------------------------------------------------------
# currencies: any sign or code gives its ISO code


_SIGNS = [("$", "usd"), ("US$", "usd"), ("€", "eur"), ("£", "gbp"), ("¥", "jpy"), ("₩", "krw"), ("₹", "inr"),
          ("HK$", "hkd"), ("A$", "aud"), ("C$", "cad"), ("RM", "myr"), ("CHF ", "chf"), ("USD", "usd"),
          ("EUR ", "eur")]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_SIGNS), st.integers(min_value=1, max_value=10**9), st.sampled_from(["en", "de"]))
def test_any_currency_sign_before_an_amount(sign: tuple[str, str], amount: int, lang: str) -> None:
    written = f"{sign[0]}{amount:,}" if lang == "en" else f"{sign[0]}{amount:,}".replace(",", ".")
    q = only(f"It cost {written} in the end." if lang == "en" else f"Es kostete {written} am Ende.", lang)
    assert (q.unit, q.value, q.surface) == (sign[1], amount, written)


@pytest.mark.parametrize("code", ["usd", "eur", "jpy", "gbp", "cny", "chf", "cad", "aud", "inr", "krw", "brl"])
@pytest.mark.parametrize("lang", ["ja", "de", "en"])
def test_every_common_currency_has_its_names_in_each_language(code: str, lang: str) -> None:
    from babel import Locale

    name = Locale.parse(lang).currencies[code.upper()]
    info = units.lookup(name, lang)
    assert info is not None and info.unit == code, (name, info)


@pytest.mark.parametrize("text, lang, unit, value", [
    ("35億円を調達した", "ja", "jpy", 3.5e9), ("1200億ドルの投資", "ja", "usd", 1.2e11),
    ("3 Mio. Euro Umsatz", "de", "eur", 3e6), ("£3m in fines", "en", "gbp", 3e6),
    ("USD1,700 per unit", "en", "usd", 1700), ("$US55,931,000 was raised", "en", "usd", 55931000),
    ("RM120,000 in cash", "en", "myr", 120000), ("2ドル3セントです", "ja", "usd", 2.03),
    ("16,4 Millionen kanadische Dollar", "de", "cad", 16.4e6), ("5 Schweizer Franken", "de", "chf", 5),
])
def test_currency_amounts(text: str, lang: str, unit: str, value: float) -> None:
    q = only(text, lang)
    assert q.unit == unit and q.value == pytest.approx(value)


def test_a_word_before_a_dollar_sign_is_not_a_currency_prefix() -> None:
    assert only("It was a $100 million deal.", "en").unit == "usd"
    assert only("Give us $5 now.", "en").unit == "usd"
    assert quantities.find_quantities("ALL 5 solutions are wrong.", "en")[0].unit == "count"


# ---------------------------------------------------------------------------
# physical and digital units: base units from pint


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)]), st.integers(min_value=1, max_value=200),
       st.sampled_from([("W", "watt"), ("B", "byte"), ("Hz", "hertz"), ("Wh", "joule")]))
def test_si_prefixes_apply_to_every_prefixable_unit(prefix: tuple[str, float], n: int,
                                                     unit: tuple[str, str]) -> None:
    q = only(f"It has {n} {prefix[0]}{unit[0]} in total.", "en")
    factor = 3600 if unit[0] == "Wh" else 1
    assert q.unit == unit[1] and q.value == pytest.approx(n * prefix[1] * factor)
    assert q.unit_surface == prefix[0] + unit[0]
    assert units.as_written(q.value, q.unit, q.unit_surface) == pytest.approx(n)


@pytest.mark.parametrize("text, lang, unit, value, surface", [
    ("a 256GB phone", "en", "byte", 256e9, "GB"), ("it reached 50mph", "en", "meter_per_second", 50 * 0.44704, "mph"),
    ("a 640bhp engine", "en", "watt", 640 * 745.6998715822701, "bhp"), ("500Km away", "en", "meter", 5e5, "Km"),
    ("a 100-megawatt plant", "en", "watt", 1e8, "megawatt"), ("five Megawatts", "en", "watt", 5e6, "Megawatts"),
    ("1.2m tons of steel", "en", "kilogram", 1.2e9, "tons"), ("10 Quadratmeter", "de", "square_meter", 10, "Quadratmeter"),
    ("5キロメートル歩く", "ja", "meter", 5000, "キロメートル"), ("華氏51度を摂氏に", "ja", "kelvin", 283.7056, "華氏"),
    ("20 °C today", "en", "kelvin", 293.15, "°C"), ("3 hours later", "en", "duration_second", 10800, "hours"),
])
def test_units_are_normalized_to_base_units_and_keep_their_surface(text, lang, unit, value, surface) -> None:
    q = only(text, lang)
    assert (q.unit, q.unit_surface) == (unit, surface)
    assert q.value == pytest.approx(value, rel=1e-4)


def test_every_unit_is_in_the_vocabulary() -> None:
    names = set(lexicon.UNITS)
    assert {"usd", "eur", "jpy", "gbp", "cny", "percent", "percentage_point", "multiple", "gpu", "token",
            "parameter", "person", "count", "meter", "byte", "watt", "kelvin"} <= names
    # the original names stay, in their order, at the front
    assert lexicon.UNITS[:16] == ("usd", "gpu", "percent", "token", "parameter", "person", "count", "watt", "year",
                                  "duration_year", "duration_month", "duration_week", "duration_day", "age",
                                  "version", "other")
    for table in units._all_words().values():
        assert {info.unit for info in table.values()} <= names
    assert {info.unit for info in units.symbol_table().values()} <= names


# ---------------------------------------------------------------------------
# ratios, fractions, multiples


@pytest.mark.parametrize("text, lang, unit, value", [
    ("two-thirds of the budget", "en", "percent", 200 / 3), ("3分の2を失った", "ja", "percent", 200 / 3),
    ("三割が反対", "ja", "percent", 30), ("zweieinhalb Jahre", "de", "duration_year", 2.5),
    ("a tenfold increase", "en", "multiple", 10), ("2倍になった", "ja", "multiple", 2),
    ("up 5 percentage points", "en", "percentage_point", 5), ("um 2,5 Prozent", "de", "percent", 2.5),
    ("sechzehn Leute", "de", "person", 16), ("siebzehn Tage", "de", "duration_day", 17),
    ("one and a half years", "en", "duration_year", 1.5),
])
def test_ratios_fractions_multiples(text: str, lang: str, unit: str, value: float) -> None:
    q = only(text, lang)
    assert q.unit == unit and q.value == pytest.approx(value)


# ---------------------------------------------------------------------------
# what is not a count


@pytest.mark.parametrize("text, lang", [
    ("全10分野で勝った", "ja"), ("それで十分だ", "ja"),
])
def test_japanese_fun_is_not_minutes(text: str, lang: str) -> None:
    assert all(q.unit != "duration_second" for q in quantities.find_quantities(text, lang))


@pytest.mark.parametrize("text, lang, unit, value", [
    ("It began in mid-September 2014.", "en", "year", 2014), ("Summer '25 was hot.", "en", "year", 2025),
])
def test_dates_are_not_counts(text: str, lang: str, unit: str, value: float) -> None:
    q = only(text, lang)
    assert (q.unit, q.value) == (unit, value)


@pytest.mark.parametrize("text, surface", [
    ("The 11 boats sailed.", "11"), ("Some 300 houses burned.", "Some 300"),
    ("The 11 members voted.", "11 members"), ("Some 300 residents left.", "Some 300 residents"),
])
def test_capitalized_function_words_are_not_names(text: str, surface: str) -> None:
    assert only(text, "en").surface == surface


def test_bounds_join_into_a_range() -> None:
    q = only("between more than 10 and less than 40", "en")
    assert (q.value_low, q.value_high) == (10, 40)
    q = only("20以上30未満の範囲", "ja")
    assert (q.value_low, q.value_high) == (20, 30)


def test_an_elided_unit_is_carried_to_the_next_number() -> None:
    qs = quantities.find_quantities("an 8 billion parameter model and a 70 billion", "en")
    assert [(q.unit, q.value) for q in qs] == [("parameter", 8e9), ("parameter", 7e10)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789,.%$€£¥ -km GBMWxe^/万億円ドル分の度華氏half one and thirds minus", max_size=50),
       st.sampled_from(["ja", "de", "en"]))
def test_quantities_are_well_formed(text: str, lang: str) -> None:
    for q in quantities.find_quantities(text, lang):
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.surface
        assert q.unit in lexicon.UNITS
        assert q.value_low is not None and q.value_high is not None and q.value_low <= q.value_high
        assert math.isfinite(q.value_low) and math.isfinite(q.value_high)


# ---------------------------------------------------------------------------
# the quantities command


def test_quantity_lines_keep_every_line_in_order() -> None:
    text = "It cost €5.\n\n35億円です\nDas sind 3 Mio. Euro.\n"
    rows = [json.loads(line) for line in extract.quantity_lines(text, "auto")]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert [r["text"] for r in rows] == ["It cost €5.", "", "35億円です", "Das sind 3 Mio. Euro."]
    assert rows[1]["quantities"] == []
    for r in rows:
        for q in r["quantities"]:
            assert list(q) == list(extract.QUANTITY_FIELDS)
            assert r["text"][q["start"]:q["end"]] == q["surface"]
    assert [q["unit"] for r in rows for q in r["quantities"]] == ["eur", "jpy", "eur"]


def test_quantities_command_reads_stdin_and_files(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "helpers", "quantities", "--lang", "en"]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(cmd, input="The 11 members\nno numbers here\n".encode(), capture_output=True, env=env,
                         check=True).stdout.decode()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2] and rows[0]["quantities"][0]["value"] == 11
    f = tmp_path / "lines.txt"
    f.write_bytes("約35万個のGPU\n".encode("shift_jis"))
    out = subprocess.run([sys.executable, "-m", "helpers", "quantities", str(f)], capture_output=True, env=env,
                         check=True).stdout.decode()
    assert json.loads(out)["quantities"][0]["value"] == 350000
    missing = subprocess.run([sys.executable, "-m", "helpers", "quantities", str(tmp_path / "nope.txt")],
                             capture_output=True, env=env)
    assert missing.returncode == 2 and b"nope.txt" in missing.stderr


def test_the_unit_registry_writes_no_cache_that_parallel_workers_could_share(tmp_path: Path) -> None:
    """Workers extract in parallel: a shared on-disk registry cache, read while another worker writes it,
    failed a document with "EOFError: Ran out of input" on a fresh machine's first build."""
    env = {"PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "MPLCONFIGDIR": str(tmp_path / "mpl"), "PATH": "/usr/bin:/bin"}
    code = "from helpers.claims import units; assert units._physical_tables()[0]"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*")] == []
