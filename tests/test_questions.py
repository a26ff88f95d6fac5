"""Headline questions: the question file beside a corpus, questions made from a corpus without one, and their
answers in plain words (helpers.analysis.questions, helpers.reports.answers)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.compare import findings_frame
from helpers.analysis.ledger import empty_ledger
from helpers.analysis.questions import (
    Question,
    gathered,
    gathers,
    generate_questions,
    load_questions,
    period_words,
    questions_yaml,
)
from helpers.build.extract import combine, extract_document
from helpers.claims.topics import behaviours, topics_where
from helpers.exceptions import QuestionFileError
from helpers.reports.answers import answer_html, figure_words
from helpers.text.catalog import load_catalog
from helpers.text.corpus import discover

ROOT = Path(__file__).resolve().parents[1]
EARNINGS = ROOT / "tests" / "fixtures" / "questions" / "earnings"


# ---------------------------------------------------------------- topic behaviour lives in topics.yaml


def test_topic_flags_come_from_the_lexicon_and_keep_the_comparison_s_sets():
    from helpers.analysis.compare import FAMILY, TIME_VARYING
    from helpers.analysis.compare.rules import VERSIONS

    # the sets the comparison used when they were written into compare.py
    assert TIME_VARYING == topics_where("time_varying") == {
        "meta_gpu_fleet", "meta_capex", "meta_user_count", "creator_count", "datacenter_power", "company_age",
        "alexandr_wang_age", "reality_labs_spend", "ai_hiring_pay", "llama_training_cluster",
    }  # fmt: skip
    assert FAMILY == topics_where("family") == {
        "llama_model_size", "llama_benchmark", "llama_training_cost", "ai_hiring_pay", "scale_ai_deal",
    }  # fmt: skip
    assert {"llama_version"} == VERSIONS
    assert all(b.name and "_" not in b.name for b in behaviours().values()), "every topic has a reader's name"
    with pytest.raises(KeyError):
        topics_where("seasonal")


def test_no_topic_key_is_written_in_the_notebooks():
    keys = set(behaviours())
    for name in ("02_document", "04_comparison"):
        text = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        import json

        sources = "".join("".join(c["source"]) for c in json.loads(text)["cells"])
        assert not [k for k in keys if k in sources], name


# ---------------------------------------------------------------- the question file


def test_the_seeds_questions_are_in_their_question_file():
    qs = load_questions(ROOT / "seeds" / "questions.yaml")
    assert [(q.text, q.topics) for q in qs] == [
        (
            "How many GPUs does Meta have or plan, and how large are the Llama training clusters?",
            ("meta_gpu_fleet", "llama_training_cluster"),
        ),
        ("What did Open Compute save Meta?", ("open_compute_savings",)),
    ]
    assert all(q.line > 0 and not q.generated for q in qs)


BAD_FILES = {
    "malformed": (
        "questions:\n  - question: Q?\n    topics: meta_gpu_fleet: x\n  - question: R?\n",
        3,
        "malformed YAML",
    ),
    "unknown topic": ("questions:\n  - question: Q?\n    topics: [gpu_fleet]\n", 2, "unknown topic 'gpu_fleet'"),
    "no sentence": ("questions:\n  - topics: [meta_gpu_fleet]\n", 2, "no `question:` sentence"),
    "gathers nothing": ("questions:\n  - question: Q?\n", 2, "gathers nothing"),
    "unknown key": ("questions:\n  - question: Q?\n    topic: [meta_gpu_fleet]\n", 3, "unknown key 'topic'"),
    "not a list": ("questions: How many GPUs?\n", 1, "a list of questions"),
    "no questions": ("questions: []\n", 1, "lists no question"),
    "top-level key": ("question:\n  - question: Q?\n", 1, "unknown key 'question'"),
    "selector not names": ("questions:\n  - question: Q?\n    subjects: [{a: b}]\n", 3, "a name or a list"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_question_file_is_a_named_error_with_file_and_line(tmp_path, case):
    text, line, words = BAD_FILES[case]
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionFileError) as e:
        load_questions(path)
    assert (e.value.path, e.value.line) == (str(path), line), str(e.value)
    assert words in str(e.value) and str(e.value).startswith(f"{path}:{line}: ")


def test_unreadable_question_files_name_the_file(tmp_path):
    (tmp_path / "latin1.yaml").write_bytes("questions:\n  - question: Größe?\n".encode("latin-1"))
    (tmp_path / "big.yaml").write_bytes(b"#" * (2 << 20))
    for name, words in (("latin1.yaml", "not UTF-8"), ("big.yaml", "bytes"), ("missing.yaml", "not found")):
        with pytest.raises(QuestionFileError, match=words) as e:
            load_questions(tmp_path / name)
        assert e.value.path == str(tmp_path / name)


def test_a_build_reports_a_bad_question_file_and_answers_generated_questions(tmp_path):
    from helpers.build import BuildOptions
    from helpers.build.inputs import questions_for_notebooks, read_inputs

    seeds = tmp_path / "seeds"
    shutil.copytree(EARNINGS, seeds, ignore=shutil.ignore_patterns("questions.yaml", "README.md"))
    (seeds / "questions.yaml").write_text("questions:\n  - question: Q?\n    topics: [nope]\n", encoding="utf-8")
    inputs = read_inputs(BuildOptions(seeds=seeds, out=tmp_path / "out"))
    assert inputs.questions_file is None and inputs.config_error
    assert [p for p in inputs.problems if p.startswith(f"{seeds / 'questions.yaml'}:2: unknown topic 'nope'")]
    # the question file is no document, and the rest of the build's inputs are there
    assert sorted(s.doc_id for s in inputs.sources) == ["q3_article", "q3_call", "q3_notes"]
    findings = _corpus(seeds)[1]
    path = questions_for_notebooks(inputs.questions_file, findings, tmp_path / "_build")
    asked = load_questions(path)
    assert asked and all(q.generated for q in asked) and asked == generate_questions(findings)
    # an explicit --questions file that is missing is a problem too
    missing = read_inputs(BuildOptions(seeds=seeds, out=tmp_path / "out", questions=tmp_path / "none.yaml"))
    assert any("question file not found" in p for p in missing.problems)


def test_questions_yaml_round_trips(tmp_path):
    qs = [
        Question("What was Tesla's revenue?", subjects=("Tesla",), measures=("currency:revenue",),
                 periods=("2025-Q3",), generated=True),
        Question("How many GPUs?", topics=("meta_gpu_fleet",), generated=True),
    ]  # fmt: skip
    path = tmp_path / "q.yaml"
    path.write_text(questions_yaml(qs, "made for a test\nsecond line"), encoding="utf-8")
    assert load_questions(path) == qs
    # a corpus with no group to ask about gets a file that asks nothing, and reads as such
    path.write_text(questions_yaml([]), encoding="utf-8")
    assert load_questions(path) == []


# ---------------------------------------------------------------- what a question gathers


def test_selectors_gather_by_topic_subject_measure_and_period():
    frame = pd.DataFrame(
        {
            "topic": ["meta_gpu_fleet", "", "", "", ""],
            "subject": ["Meta", "Tesla", "tesla", "Tesla", "Nvidia"],
            "measure": ["h100_count", "currency:revenue", "count:users/daily", "currency:revenue", "currency:revenue"],
            "period": ["@2024-Q3", "2025-Q3", "end-2025", "FY2025", "2025-Q3"],
        }
    )
    assert list(gathers(Question("q", topics=("meta_gpu_fleet",)), frame)) == [True, False, False, False, False]
    tesla = Question("q", subjects=("Tesla",))
    assert list(gathers(tesla, frame)) == [False, True, True, True, False]
    assert list(gathers(Question("q", measures=("revenue",)), frame)) == [False, True, False, True, True]
    assert list(gathers(Question("q", measures=("users",)), frame)) == [False, False, True, False, False]
    # a year gathers its quarters and its end, not another fiscal year
    assert list(gathers(Question("q", periods=("2025",)), frame)) == [False, True, True, False, True]
    both = [Question("a", subjects=("Nvidia",)), Question("b", periods=("2024",))]
    assert list(gathered(both, frame)) == [True, False, False, False, True]


def test_claims_without_a_period_are_gathered_by_their_event_date():
    claims = pd.DataFrame({"topic": ["x", "x"], "subject": ["A", "A"], "period": ["", "2023"], "measure": ["", ""]})
    q = Question("q", periods=("2024",))
    assert list(gathers(q, claims, event_date="2024-07-29")) == [True, False]
    assert list(gathers(q, claims)) == [False, False]


def test_periods_in_words():
    assert [period_words(p) for p in ("2024", "FY2025", "2024-Q4", "FY2025-Q3", "2025-H1", "end-2024", "@2024-Q3",
                                      "2024-07", "")] == [
        "in 2024", "in fiscal 2025", "in the fourth quarter of 2024", "in the third quarter of fiscal 2025",
        "in the first half of 2025", "by the end of 2024", "as of the third quarter of 2024", "in July 2024", "",
    ]  # fmt: skip


# ---------------------------------------------------------------- a corpus about another company


def _corpus(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, object]:
    catalog = load_catalog(folder / "catalog.yaml")
    tables = combine([extract_document(s, catalog) for s in discover(folder)])
    claims = tables["claims"]
    return claims, findings_frame(claims, empty_ledger(), catalog, tables["sentences"]), catalog


def _visible(markup: str) -> str:
    """What a reader reads: the text, without tags and the attributes (tooltips, links) they carry."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.fixture(scope="module")
def earnings():
    return _corpus(EARNINGS)


def test_an_earnings_corpus_answers_its_own_questions(earnings):
    claims, findings, catalog = earnings
    revenue, staff = load_questions(EARNINGS / "questions.yaml")
    answer = answer_html(revenue, findings, claims, catalog)
    text = _visible(answer)
    assert text.startswith("What revenue did Tesla report for the third quarter of 2025?")
    assert "3 figures in 3 documents" in text and "1 contradicts another figure" in text
    assert "Tomas Lind says $3.2 billion of revenue in Tesla Third Quarter 2025 Earnings Call" in text
    assert "writes $32 billion of revenue. It contradicts" in text
    assert "$12.6 billion" not in text  # the full-year guidance is another period
    staff_text = _visible(answer_html(staff, findings, claims, catalog))
    assert staff_text.count("18,500 employees") == 3 and "people" not in staff_text.split("?", 1)[1]
    # every figure links to its sentence; ids only in links and tooltips
    assert 'href="documents/q3_call.html#s-' in answer and "q3_call:c" in answer
    assert not re.search(r"q3_\w+|currency:|f\d{4}|consistent|unverified", text)


def test_an_earnings_corpus_without_a_question_file_gets_questions_in_plain_words(earnings):
    claims, findings, catalog = earnings
    asked = generate_questions(findings)
    # the largest groups first (each of these has a figure from each of the three documents), in findings order
    assert [q.text for q in asked] == [
        "How many employees did Tesla have as of the third quarter of 2025?",
        "What was Tesla's capex in the third quarter of 2025?",
        "What was Tesla's revenue in the third quarter of 2025?",
    ]
    assert all(q.generated for q in asked)
    for q in asked:
        assert "gives no figure" not in answer_html(q, findings, claims, catalog)
    assert generate_questions(findings.iloc[0:0]) == []


# ---------------------------------------------------------------- plain answers on the seeds


@pytest.fixture(scope="module")
def seeds():
    from helpers.notebook import setup

    nb = setup()
    return nb.tables["claims"], nb.tables["findings"], nb.catalog, nb.ledger, nb.questions


def test_seed_answers_say_who_says_what_once_without_pipeline_words(seeds):
    claims, findings, catalog, ledger, questions = seeds
    gpus = answer_html(questions[0], findings, claims, catalog, ledger=ledger)
    text = _visible(gpus)
    ids = set(behaviours()) | set(ledger["topic_key"]) | set(claims["claim_id"])
    assert not [w for w in ids if w in text], "ids and keys only in links and tooltips"
    assert not re.search(r"\b(h100_count|year_end_target|different_measure|translation_slip|gpu)\b", text)
    items = re.findall(r"<li>.*?</li>", gpus)
    assert len(items) == 3
    for item in items:  # each figure once: the published figure is not repeated when it is the same
        figure = _visible(re.search(r"<a href=\"documents/[^\"]+#s-\d+\"[^>]*>(.*?)</a>", item).group(1))
        assert _visible(item).count(figure) == 1, item
    assert (
        "Mark Zuckerberg (reported) says 350,000 GPUs" in text
        and "The published figure (12 March 2024) is the same" in text
    )
    assert "It looks like a slip for 22,000–24,000 GPUs" in text
    assert "counts H100-equivalents" in text
    assert 'title="ledger meta_genai_cluster_size: ' in gpus  # the ledger key, in a tooltip


def test_a_figure_flagged_as_a_slip_is_never_its_subject_s_own(seeds):
    from helpers.analysis.compare import topic_groups
    from helpers.reports.comparison import who_claims_html

    claims, findings, catalog, *_ = seeds
    heads = findings[(findings["kind"] == "group") & (findings["topic"] == "llama_training_cluster")]
    assert len(heads)
    groups = topic_groups(claims, findings, catalog, heads["group_id"])
    for head in heads.itertuples():
        text = _visible(who_claims_html(groups[head.group_id], head))
        assert not re.search(r"own figures? (is|are) [^;]*220,000", text), text
        assert "220,000–240,000 GPUs (Mark Zuckerberg (reported), 002) looks like a slip" in text


def test_figures_in_words():
    assert figure_words((350_000, 350_000), "gpu") == "350,000 GPUs"
    assert figure_words((1e9, 1e10), "usd") == "$1 billion–$10 billion"
    assert figure_words((10, 10), "percent") == "10%"
    assert figure_words((15e12, float("inf")), "token") == "at least 15 trillion tokens"
    assert figure_words((5e7, 1.5e8), "watt") == "50 MW–150 MW"
    assert figure_words((1, 1), "gpu") == "1 GPU"


# ---------------------------------------------------------------- the build answers the file's questions


def test_a_build_answers_the_corpus_s_questions_and_makes_some_without_a_file(tmp_path):
    from helpers.build import BuildOptions, build

    seeds = tmp_path / "seeds"
    shutil.copytree(EARNINGS, seeds, ignore=shutil.ignore_patterns("questions.yaml", "README.md"))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("02_document", "04_comparison"):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    out = tmp_path / "out"
    opts = BuildOptions(seeds=seeds, out=out, notebooks=notebooks, ledger=None, jobs=1)
    first = build(opts)
    assert first.exit_code == 0, first.problems
    page = _visible((out / "comparison.html").read_text(encoding="utf-8"))
    assert "This corpus has no question file" in page and "What was Tesla's capex in the third quarter of 2025?" in page
    assert (out / "_build" / "questions.yaml").is_file()
    # a document's report does not show made-up questions: they change with the corpus's largest groups, and
    # every document's report would run again whenever one document changed them
    document = _visible((out / "documents" / "q3_call.html").read_text(encoding="utf-8"))
    assert "This corpus has no question file" in document and "What was Tesla's capex" not in document
    # the corpus's own question file: the comparison runs again and answers it (no code changed)
    shutil.copy(EARNINGS / "questions.yaml", seeds)
    second = build(opts)
    assert second.exit_code == 0 and "04_comparison" not in second.skipped
    assert "02_document--q3_call" not in second.skipped  # a document's report shows the questions too
    document = _visible((out / "documents" / "q3_call.html").read_text(encoding="utf-8"))
    assert "How many people did Tesla employ at the end of September 2025?" in document
    page = _visible((out / "comparison.html").read_text(encoding="utf-8"))
    assert "What revenue did Tesla report for the third quarter of 2025?" in page
    assert "How many people did Tesla employ at the end of September 2025?" in page
    assert "This corpus has no question file" not in page
    # unchanged, nothing runs again
    assert set(build(opts).skipped) >= {"04_comparison", "02_document--q3_call"}


def test_group_sections_are_titled_in_words():
    from types import SimpleNamespace

    from helpers.reports.comparison import group_title

    fleet = SimpleNamespace(topic="meta_gpu_fleet", measure="", subject="Meta", period="@2024-Q3")
    assert group_title(fleet) == "Meta's GPU fleet · Meta · as of the third quarter of 2024"
    revenue = SimpleNamespace(topic="", measure="currency:revenue/data center", subject="Nvidia", period="FY2025")
    assert group_title(revenue) == "Data center revenue · Nvidia · in fiscal 2025"


def test_a_notebook_not_given_questions_reads_no_findings_for_them(data_folder, tmp_path):
    from helpers.notebook import setup

    folder = data_folder()
    nb = setup(str(folder))
    assert nb.questions == [] and nb.tables._read == {}  # the corpus overview, alignment and explorer runs
    path = tmp_path / "questions.yaml"
    path.write_text(questions_yaml([Question("How many?", topics=("meta_gpu_fleet",))]), encoding="utf-8")
    assert [q.text for q in setup(str(folder), questions_path=str(path)).questions] == ["How many?"]
