"""Figures of companies the entity lexicon does not know get their company as subject (names.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.build.extract import combine, extract_document
from helpers.claims.subjects import document_context, subject_in_sentence
from helpers.claims.subjects.names import document_names, heading_company, name_mentions, role_company
from helpers.text.catalog import load_catalog
from helpers.text.corpus import discover

FIXTURE = Path(__file__).parent / "fixtures" / "subjects_unknown"


def score(claims, gold: dict) -> dict[str, int]:
    """Right, wrong and missing subjects of the gold's scored claims ("?" is not scored; "" wants none)."""
    out = {"right": 0, "wrong": 0, "missing": 0, "scored": 0}
    for doc_id, surface, subject in zip(claims["doc_id"], claims["surface"], claims["subject"]):
        want = (gold.get(doc_id) or {}).get(surface)
        if want is None or want == "?":
            continue
        out["scored"] += 1
        if subject == want:
            out["right"] += 1
        elif subject:
            out["wrong"] += 1
        else:
            out["missing"] += 1
    return out


@pytest.fixture(scope="module")
def fixture_claims():
    catalog = load_catalog(FIXTURE / "catalog.yaml")
    return combine([extract_document(s, catalog) for s in discover(FIXTURE)])["claims"]


def test_unknown_companies_get_their_figures_and_wrong_subjects_stay_rare(fixture_claims):
    gold = yaml.safe_load((FIXTURE / "gold.yaml").read_text("utf-8"))
    s = score(fixture_claims, gold)
    assert s["scored"] >= 30
    assert s["right"] / s["scored"] >= 0.85, s
    assert s["wrong"] <= 2, s


@pytest.mark.parametrize(
    ("heading", "company"),
    [
        ("Acme Robotics Q3 2025 Earnings Call", "Acme Robotics"),
        ("Fourth Quarter 2024 Results – Globex Inc.", "Globex"),
        ("Globex AG: Zahlen zum dritten Quartal 2025", "Globex"),
        ("Initech Fiscal 2025 First Quarter Results", "Initech"),
        ("株式会社グローベックス 2025年度第2四半期決算説明会", "グローベックス"),
        ("Vandelay Industries Annual Shareholder Meeting", "Vandelay Industries"),
        ("Third Quarter 2025 Earnings Call", ""),
        ("Building Hooli, a conversation with Gavin Marsh", ""),
        ("London Q3 2025 housing market report", ""),
        ("October 2025 results", ""),
        ("SIGGRAPH 2024 conversation between two founders", ""),  # an event, not a company
        ("Acme 2025 Annual Report", "Acme"),
        ("First Vista Q3 fiscal 2025 earnings call", "First Vista"),  # an ordinal opening a name
        ("First Quarter Fiscal 2025 Earnings Call", ""),
    ],
)
def test_a_results_heading_names_its_company(heading, company):
    assert heading_company(heading) == company


def test_a_name_opening_with_an_ordinal_holds_where_the_ordinal_is_also_a_common_word():
    body = "Our first question comes from an analyst. Revenue was $316 million."
    assert "First Vista" in dict(document_names("First Vista Q3 fiscal 2025 earnings call", body))


def test_suffixes_possessives_and_japanese_forms_name_organisations_but_not_people_places_or_months():
    body = (
        "Rival Initech Ltd. posted sales of $9 million. In March, Globex's cloud unit grew. Shares of Globex rose.\n"
        "China's exports grew. Dana's team grew 5%. Revenue grew 4%. Revenue grew 5% and revenue fell.\n"
        "Monday's session was quiet. The Group has 40 staff. Siemens Energy AG expects growth.\n"
        "イニテック社の売上高は300億円。株式会社ホーリーと提携した。Vandelay社の売上高。同社の利益。"
    )
    names = dict(document_names("Market update", body, ["Dana Whitfield"]))
    assert set(names.values()) == {"Initech", "Globex", "Siemens Energy", "イニテック", "ホーリー", "Vandelay"}


def test_a_sentence_initial_word_needs_more_than_one_cue_or_a_capital_elsewhere():
    assert dict(document_names("", "Revenue grew 4%. Demand has risen.")) == {}
    assert set(dict(document_names("", "Initech's fleet grew. Initech has a model.")).values()) == {"Initech"}
    assert set(dict(document_names("", "Talks with Hooli went on. Hooli had 3 staff.")).values()) == {"Hooli"}


def test_names_are_found_as_whole_words_and_lexicon_entries_win():
    names = (("Globex", "Globex"), ("Meta", "Meta"))
    found = [(m.start, m.entity.name) for m in name_mentions("Globexx and Globex's and Meta", names)]
    assert found == [(12, "Globex")]  # not inside "Globexx"; Meta is the lexicon's


def test_roles_name_unknown_companies():
    assert role_company("CFO, Acme Robotics") == "Acme Robotics"
    assert role_company("CEO at Globex Inc.") == "Globex"
    assert role_company("Chief Executive Officer") == ""


def test_a_sentence_finds_the_documents_own_organisation_in_its_clause():
    names = document_names("", "Shares of Globex Corp. rose. Globex reported revenue.")
    text = "Globex reported revenue of $5 billion, and Initech had 2 plants."
    subj, _ = subject_in_sentence(text, text.index("$5"), text.index("$5") + 10, "en", "usd", "", "", names)
    assert subj is not None and (subj.value, subj.basis) == ("Globex", "clause")
    assert subject_in_sentence(text, text.index("$5"), text.index("$5") + 10, "en", "usd", "", "")[0] is None


def test_an_unknown_companys_own_call_gives_its_speakers_figures_to_it():
    ctx = document_context("d", "Acme Robotics Q3 2025 Earnings Call", "Revenue was $84 million.", None)
    assert ctx.main_subject == "Acme Robotics" and ctx.own_event


def test_a_corporate_names_first_word_names_it_when_nothing_else_shares_it():
    names = dict(
        document_names("", "Lloyds Banking Group posted a profit. Shares in Lloyds rose 2%. Big Yellow Group fell.")
    )
    assert names["Lloyds"] == "Lloyds Banking Group"
    assert "Big" not in names and names["Big Yellow Group"] == "Big Yellow Group"


def test_a_person_or_a_law_in_the_possessive_is_no_company():
    body = "Talks went on. Trump's executive orders cut rules. Planck's constant is fixed. Sarah's team grew."
    assert dict(document_names("", body)) == {}


def test_the_held_out_documents_get_their_companies_too():
    folder = FIXTURE / "heldout"
    gold = yaml.safe_load((folder / "gold.yaml").read_text("utf-8"))
    claims = combine([extract_document(s, load_catalog(folder / "catalog.yaml")) for s in discover(folder)])["claims"]
    s = score(claims, gold)
    assert s["scored"] >= 20 and s["right"] / s["scored"] >= 0.85 and s["wrong"] <= 2, s


def test_a_legal_form_ends_a_name_and_german_possessives_do_not_start_one():
    names = dict(document_names("Stark Maschinenbau SE Telefonkonferenz zum Geschäftsjahr 2025",
                                "Unser Wettbewerber Hammer Werke AG wuchs."))  # fmt: skip
    assert set(names.values()) == {"Stark Maschinenbau", "Hammer Werke"}


def test_japanese_names_are_found_between_particles():
    names = document_names("", "競合のオズコープ株式会社は売上高を見込む。")
    assert [m.entity.name for m in name_mentions("競合のオズコープは2800億円", names)] == ["オズコープ"]
    assert name_mentions("オズコープスは", names) == []  # more katakana: another word


def test_an_earnings_corpus_about_an_invented_company_gets_generated_questions(tmp_path):
    from helpers.analysis.compare import findings_frame
    from helpers.analysis.ledger import empty_ledger
    from helpers.analysis.questions import generate_questions

    earnings = Path(__file__).parent / "fixtures" / "questions" / "earnings"
    for f in earnings.iterdir():
        if f.name != "questions.yaml":
            (tmp_path / f.name).write_text(f.read_text("utf-8").replace("Tesla", "Halvorsen Marine"), "utf-8")
    catalog = load_catalog(tmp_path / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(tmp_path)])
    claims = tables["claims"]
    assert set(claims["subject"]) == {"Halvorsen Marine"}
    asked = [q.text for q in generate_questions(findings_frame(claims, empty_ledger(), catalog, tables["sentences"]))]
    assert "What was Halvorsen Marine's revenue in the third quarter of 2025?" in asked
    assert len(asked) >= 3


@pytest.mark.parametrize("company", ["Meta", "Acme Robotics"])
def test_a_companys_own_call_is_about_it_however_often_it_names_a_supplier(company):
    body = "We buy Nvidia chips. Nvidia is a supplier. Nvidia again. Nvidia. Nvidia. Nvidia. Revenue was $84 million."
    ctx = document_context("d", f"{company} Q4 2024 Earnings Call", body, None)
    assert (ctx.main_subject, ctx.own_event) == (company, True)
    review = document_context("d", f"{company} Q4 2024 earnings call: our analysis", body, None)
    assert review.main_subject != company or not review.own_event
