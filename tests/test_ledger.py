import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.analysis.compare import TOPIC_KEYS
from helpers.exceptions import ConfigurationError, LedgerError
from helpers.analysis.ledger import (
    REQUIRED_COLUMNS,
    as_of_date,
    known_versions,
    load_ledger,
    product_first_years,
    rows_for_topic,
)

REPO = Path(__file__).resolve().parents[1]
LEDGER = REPO / "references" / "reference_facts.csv"
HEADER = ",".join(REQUIRED_COLUMNS)


def good_row(key="k1", value="350000", **kw):
    row = dict(
        topic_key=key, topic="meta_gpu_fleet", measure="h100_count", value=value, value_low="", value_high="",
        unit="GPUs", base_unit="gpu", scale="", as_of="2024-01-18", statement="a statement",
        source_title="A title", source_url="https://example.org/x",
    )  # fmt: skip
    row.update(kw)
    return ",".join(f'"{row[c]}"' if "\n" in row[c] or "," in row[c] else row[c] for c in REQUIRED_COLUMNS)


def write(tmp_path, *rows) -> Path:
    p = tmp_path / "ledger.csv"
    p.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return p


def test_real_ledger_loads_with_every_source_and_known_topics():
    ledger = load_ledger(LEDGER)
    assert len(ledger) >= 47
    assert (ledger["source_title"] != "").all() and (ledger["source_url"] != "").all()
    assert set(ledger["topic"]) <= set(TOPIC_KEYS) | {"", "product_release"}
    # The headline figures are there, in base units.
    row = ledger.set_index("topic_key").loc["meta_h100_target_end_2024"]
    assert row["value_base"] == 350000 and row["topic"] == "meta_gpu_fleet"


def test_every_original_row_is_kept():
    original = REPO.parent / "shared" / "reference" / "reference_facts.csv"
    if not original.exists():
        pytest.skip("shared copy of the ledger not present")
    import csv

    keys = [r["topic_key"] for r in csv.DictReader(original.open(encoding="utf-8"))]
    ours = load_ledger(LEDGER)
    assert set(keys) <= set(ours["topic_key"])
    src = {r["topic_key"]: r["source_url"] for r in csv.DictReader(original.open(encoding="utf-8"))}
    mine = dict(zip(ours["topic_key"], ours["source_url"]))
    assert all(mine[k] == v for k, v in src.items())


def test_scale_and_open_bounds(tmp_path):
    p = write(
        tmp_path,
        good_row("gw", "1", topic="datacenter_power", measure="", base_unit="watt", scale="1e9", value_low="1"),
        good_row("almost", "600000", value_high="600000"),
    )
    ledger = load_ledger(p).set_index("topic_key")
    assert ledger.loc["gw", "value_base"] == 1e9
    assert ledger.loc["gw", "low_base"] == 1e9 and math.isinf(ledger.loc["gw", "high_base"])  # "over 1 GW"
    assert ledger.loc["almost", "high_base"] == 600000
    assert list(rows_for_topic(load_ledger(p), "datacenter_power")["topic_key"]) == ["gw"]


def test_non_numeric_value_cites_the_csv_line(tmp_path):
    # The statement of row 1 spans two physical lines, so the bad row starts on line 4.
    p = write(tmp_path, good_row("a", statement="first line\nsecond line"), good_row("b", value="350k"))
    with pytest.raises(ConfigurationError) as e:
        load_ledger(p)
    assert e.value.line == 4 and e.value.path == str(p)
    assert "not a number" in str(e.value) and "ledger.csv:4:" in str(e.value)


def test_every_bad_row_is_reported_at_once(tmp_path):
    p = write(tmp_path, good_row("a", value="350k"), good_row("b"), good_row("c", base_unit="furlong"), good_row("b"))
    with pytest.raises(LedgerError) as e:
        load_ledger(p)
    assert [(x.line, x.path) for x in e.value.problems] == [(2, str(p)), (4, str(p)), (5, str(p))]
    text = str(e.value).splitlines()
    assert len(text) == 3 and "not a number" in text[0] and "unknown base_unit" in text[1] and "duplicate" in text[2]
    assert all(line.startswith(f"{p}:") for line in text)


def test_a_build_lists_every_bad_ledger_row_as_a_configuration_problem(tmp_path):
    from helpers.build.builder import _load_ledger

    p = write(tmp_path, good_row("a", value="350k"), good_row("c", base_unit="furlong"))
    ledger, problems = _load_ledger(p)
    assert ledger.empty and len(problems) == 2 and problems[0].startswith(f"{p}:2:") and problems[1].startswith(f"{p}:3:")


def test_non_numeric_allowed_for_text_and_date_rows(tmp_path):
    p = write(
        tmp_path,
        good_row("gpu_type", "A100", topic="", measure="", base_unit="text"),
        good_row("founded", "2013-12-09", topic="", measure="", base_unit="date"),
    )
    assert len(load_ledger(p)) == 2
    bad = write(tmp_path, good_row("founded", "sometime", base_unit="date"))
    with pytest.raises(ConfigurationError, match="not a date"):
        load_ledger(bad)


@pytest.mark.parametrize("field", ["source_title", "source_url"])
def test_missing_source_is_an_error(tmp_path, field):
    p = write(tmp_path, good_row("a"), good_row("b", **{field: ""}))
    with pytest.raises(ConfigurationError, match="missing source") as e:
        load_ledger(p)
    assert e.value.line == 3


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(base_unit="furlong"), "unknown base_unit"),
        (dict(as_of="last year"), "not a date"),
        (dict(value=""), "empty"),
        (dict(value_low="5", value_high="1"), "exceeds"),
        (dict(scale="x"), "not a number"),
    ],
)
def test_other_bad_rows(tmp_path, kw, message):
    with pytest.raises(ConfigurationError, match=message) as e:
        load_ledger(write(tmp_path, good_row("a", **kw)))
    assert e.value.line == 2


def test_duplicate_key_and_missing_column(tmp_path):
    with pytest.raises(ConfigurationError, match="duplicate"):
        load_ledger(write(tmp_path, good_row("a"), good_row("a")))
    p = tmp_path / "short.csv"
    p.write_text("topic_key,value\nk,1\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="missing column") as e:
        load_ledger(p)
    assert e.value.line == 1
    with pytest.raises(ConfigurationError, match="not found"):
        load_ledger(tmp_path / "nope.csv")


@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2100, 12, 31)))
def test_as_of_date_round_trips_iso_dates(d):
    assert as_of_date(d.isoformat()) == d.isoformat()
    assert as_of_date(d.isoformat()[:7]) == d.isoformat()[:7] + "-01"
    assert as_of_date(str(d.year)) == f"{d.year}-01-01"


def test_as_of_month_alternatives_and_garbage():
    assert as_of_date("2025-07/08") == "2025-07-01"
    assert as_of_date("2025-13") is None and as_of_date("July 2025") is None


def test_release_tables_from_the_ledger():
    ledger = load_ledger(LEDGER)
    versions = known_versions(ledger)
    assert versions["3.1"] == "2024-07-23" and "3.10" not in versions
    assert product_first_years(ledger)["H100"] == 2022
