"""The site search's index files (helpers.reports.search): what they hold and how they are written."""

from __future__ import annotations

import json
import re

import pandas as pd

from helpers.reports.search import FORMER_FILES, INDEX_FILE, TEXT_FILE, index_script, search_index, write_site_search

NASTY = 'it\'s a \\ back</script><!-- \u2028 line\nbreak "quoted" 60万'
_ESCAPE = re.compile(r"\\(u2028|u2029|.)", re.DOTALL)
_JS = {"n": "\n", "r": "\r", "u2028": "\u2028", "u2029": "\u2029"}


def _run(script: str, variable: str) -> object:
    """What the script assigns, read as a browser reads it: its single-quoted string, then JSON.parse."""
    prefix = f"window.{variable}=JSON.parse('"
    assert script.startswith(prefix) and script.endswith("');\n")
    literal = script[len(prefix) : -4]
    assert "'" not in _ESCAPE.sub("", literal) and "\n" not in literal and "</" not in literal
    return json.loads(_ESCAPE.sub(lambda m: _JS.get(m.group(1), m.group(1)), literal))


def _tables() -> dict[str, pd.DataFrame]:
    docs = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "title": ["First", NASTY], "lang": ["en", "ja"], "event_date": ["", ""]}
    )
    sentences = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "sentence_id": [0, 3], "text": ["Revenue was $3.2 billion.", NASTY]}
    )
    claims = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2"], "claim_id": ["d1:c0001", "d1:c0002", "d2:c0001"],
        "surface": ["$3.2 billion", "$3.2 billion", "60万"], "unit": ["usd", "usd", "gpu"], "topic": ["", "", "fleet"],
        "speaker": ["Ann", "Ann", ""], "attribution": ["labelled", "labelled", "author"], "sentence_id": [0, 0, 3],
        "value": [3.2e9, 3.2e9, 6e5], "value_low": [3.2e9, 3.2e9, 6e5], "value_high": [3.2e9, 3.2e9, 6e5],
    })  # fmt: skip
    findings = pd.DataFrame({
        "claim_ids": ["d1:c0001", "d2:c0001"], "topic": ["", "fleet"], "verdict": ["consistent", "conflict"],
        "detail": ["agrees with d1:c0002", NASTY],
    })  # fmt: skip
    return {"documents": docs, "sentences": sentences, "claims": claims, "findings": findings}


def test_index_scripts_give_back_the_index_whatever_its_text_holds():
    index = search_index(_tables(), [("Comparison", "comparison.html")])
    assert _run(index_script(index), "SITE_SEARCH") == json.loads(json.dumps(index))
    assert _run(index_script(["a'b", "\\", "</p>", "\u2029"], "X"), "X") == ["a'b", "\\", "</p>", "\u2029"]


def test_repeated_strings_are_stored_once_and_texts_go_to_the_second_file(tmp_path):
    index = search_index(_tables(), [])
    strings = index["strings"]
    claims = index["claims"]
    # a claim's words as written are a number into the strings, like its unit, topic and speaker
    assert [strings[c[2]] for c in claims] == ["$3.2 billion", "$3.2 billion", "60万"]
    assert strings.count("$3.2 billion") == 1 and claims[0][2] == claims[1][2]
    assert [c[7] for c in claims] == [[3200000000], [3200000000], [600000]]
    # findings keep their claim, topic and verdict; their detail lines are the texts' part, in the same order
    assert [len(f) for f in index["findings"]] == [4, 4] and index["details"][1] == " ".join(NASTY.split())
    (tmp_path / FORMER_FILES[0]).write_text("old", encoding="utf-8")
    write_site_search(tmp_path, _tables(), [], "<p>page</p>")
    first = _run((tmp_path / INDEX_FILE).read_text(encoding="utf-8"), "SITE_SEARCH")
    text = _run((tmp_path / TEXT_FILE).read_text(encoding="utf-8"), "SITE_SEARCH_TEXT")
    assert "sentences" not in first and "details" not in first and first["claims"] == claims
    assert [s[2] for s in text["sentences"]] == ["Revenue was $3.2 billion.", " ".join(NASTY.split())]
    assert text["details"] == ["agrees with d1:c0002", " ".join(NASTY.split())]
    assert not (tmp_path / FORMER_FILES[0]).exists()  # what an earlier build wrote in its place is gone
