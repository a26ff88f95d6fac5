"""Headline questions: read from a question file beside the corpus, or made from the corpus's largest groups.

A question file (``questions.yaml`` in the corpus folder, or the build's
``--questions FILE``) lists each question with what it gathers::

    questions:
      - question: How many GPUs does Meta have or plan?
        topics: [meta_gpu_fleet]            # topic keys of claims/data/topics.yaml
      - question: What revenue did Acme report for the third quarter?
        subjects: [Acme]                     # whose figures (claims.csv subject)
        measures: [revenue]                  # what is counted (claims.csv counted, findings.csv measure)
        periods: [2025-Q3]                   # 2025, FY2025, 2025-Q3, end-2025 (a year gathers its quarters)

A question gathers the figures that match every selector it names (and any
value of a selector's list); it names at least one. The comparison report
answers each question from the findings it gathers, the document report shows
the document's figures it gathers. A corpus without a question file gets
questions made from its largest groups of comparable figures
(``generate_questions``), worded in plain language. A bad file is a
``QuestionFileError`` naming the file and line; the build reports it and
answers generated questions instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..claims.subjects import measure_kind, period_key
from ..claims.topics import behaviours, topic_subjects
from ..exceptions import QuestionFileError
from ..text.safeload import BoundExceeded, Malformed, compose_yaml, read_regular

QUESTIONS_NAME = "questions.yaml"
MAX_QUESTIONS_BYTES = 1 << 20  # a thousand questions fit in a tenth of this
SELECTORS = ("topics", "subjects", "measures", "periods")
# A corpus without a question file is asked about this many of its largest groups.
GENERATED_QUESTIONS = 4


@dataclass(frozen=True)
class Question:
    """One headline question and what it gathers (empty selectors gather anything)."""

    text: str
    topics: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # its line in the question file (0: generated); not its identity
    generated: bool = False


# ------------------------------------------------------------------------------------------- reading a file


def load_questions(path: str | Path) -> list[Question]:
    """The questions of a question file; a file that cannot be used raises ``QuestionFileError`` (file, line)."""
    where = str(path)
    try:
        data = read_regular(path, MAX_QUESTIONS_BYTES)
    except FileNotFoundError:
        raise QuestionFileError("question file not found", path=where) from None
    except BoundExceeded as e:
        raise QuestionFileError(f"the question file: {e.message}", path=where) from None
    except OSError as e:
        raise QuestionFileError(f"cannot read the question file: {e.strerror or e}", path=where) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise QuestionFileError(f"not UTF-8 text (byte {e.start})", path=where) from None
    try:
        root, _ = compose_yaml(text)
    except (Malformed, BoundExceeded) as e:
        raise QuestionFileError(e.message, path=where, line=e.line) from None
    return parse_questions(root, where)


def parse_questions(root: yaml.Node | None, where: str) -> list[Question]:
    """The questions of a composed question file (``safeload.compose_yaml``), checked node by node."""
    items = root
    generated = False
    if isinstance(root, yaml.MappingNode):
        keys = {_scalar(k): (k, v) for k, v in root.value}
        extra = sorted(k for k in keys if k not in ("questions", "generated"))
        if extra:
            raise QuestionFileError(f"unknown key {extra[0]!r}; the file holds `questions:`", path=where,
                                    line=_line(keys[extra[0]][0]))  # fmt: skip
        items = keys["questions"][1] if "questions" in keys else None
        # written by the build for a corpus without a question file (``questions_yaml``)
        generated = "generated" in keys and _scalar(keys["generated"][1]).lower() == "true"
    if not isinstance(items, yaml.SequenceNode):
        raise QuestionFileError(
            "expected `questions:` followed by a list of questions", path=where, line=_line(items or root)
        )
    out = [_question(node, where, generated) for node in items.value]
    if not out and not generated:  # a corpus with no group of comparable figures is asked nothing
        raise QuestionFileError("the file lists no question", path=where, line=_line(items))
    return out


def _question(node: yaml.Node, where: str, generated: bool = False) -> Question:
    line = _line(node)
    if not isinstance(node, yaml.MappingNode):
        raise QuestionFileError("a question is a mapping with `question:` and what it gathers", path=where, line=line)
    fields: dict[str, tuple[str, ...]] = {}
    text = ""
    for k, v in node.value:
        key = _scalar(k)
        if key == "question":
            text = _scalar(v).strip() if isinstance(v, yaml.ScalarNode) else ""
            if not text:
                raise QuestionFileError("`question:` must be a sentence", path=where, line=_line(v))
        elif key in SELECTORS:
            fields[key] = _values(v, key, where)
        else:
            raise QuestionFileError(
                f"unknown key {key!r}; a question has `question:` and {', '.join(SELECTORS)}", path=where,
                line=_line(k),
            )  # fmt: skip
    if not text:
        raise QuestionFileError("the question has no `question:` sentence", path=where, line=line)
    if not any(fields.values()):
        raise QuestionFileError(
            f"the question gathers nothing: give one of {', '.join(SELECTORS)}", path=where, line=line
        )
    known = behaviours()
    for topic in fields.get("topics", ()):
        if topic not in known:
            raise QuestionFileError(
                f"unknown topic {topic!r} (topics are the keys of helpers/claims/data/topics.yaml)", path=where,
                line=line,
            )  # fmt: skip
    return Question(
        text, fields.get("topics", ()), fields.get("subjects", ()), fields.get("measures", ()),
        fields.get("periods", ()), line=line or 0, generated=generated,
    )  # fmt: skip


def _values(node: yaml.Node, key: str, where: str) -> tuple[str, ...]:
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for n in nodes:
        if not isinstance(n, yaml.ScalarNode) or not str(n.value).strip():
            raise QuestionFileError(f"`{key}:` must be a name or a list of names", path=where, line=_line(n))
        out.append(str(n.value).strip())
    return tuple(out)


def _scalar(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def questions_yaml(questions: Sequence[Question], comment: str = "") -> str:
    """A question file holding ``questions`` (a generated set, written so that it can be copied and edited)."""
    items = []
    for q in questions:
        item: dict[str, object] = {"question": q.text}
        item.update({s: list(getattr(q, s)) for s in SELECTORS if getattr(q, s)})
        items.append(item)
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    doc: dict[str, object] = {"generated": True} if all(q.generated for q in questions) else {}
    doc["questions"] = items
    return head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120)


# ------------------------------------------------------------------------------------- what a question gathers


def gathered(questions: Iterable[Question], frame: pd.DataFrame, event_date: str = "") -> pd.Series:
    """Rows of ``frame`` (claims or findings) that any of ``questions`` gathers."""
    mask = pd.Series(False, index=frame.index)
    for q in questions:
        mask |= gathers(q, frame, event_date)
    return mask


def gathers(question: Question, frame: pd.DataFrame, event_date: str = "") -> pd.Series:
    """Rows of ``frame`` (claims or findings) that ``question`` gathers.

    Findings are matched on their group's topic, subject, measure and period
    key; claims on their topic, subject, measure or counted, and period (a
    claim without one: its document's ``event_date``, as the comparison groups it).
    """
    mask = pd.Series(True, index=frame.index)
    if question.topics:
        mask &= _column(frame, "topic").isin(question.topics)
    if question.subjects:
        wanted = {s.casefold() for s in question.subjects}
        mask &= _column(frame, "subject").map(lambda s: s.casefold() in wanted)
    if question.measures:
        hit = _column(frame, "measure").map(lambda m: _measure_matches(m, question.measures))
        if "counted" in frame.columns:
            hit |= _column(frame, "counted").map(lambda m: _measure_matches(m, question.measures))
        mask &= hit
    if question.periods:
        dated = f"@{event_date}" if event_date else ""
        mask &= _column(frame, "period").map(lambda p: _period_matches(period_key(p or dated), question.periods))
    return mask


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame.columns:
        return pd.Series("", index=frame.index)
    return frame[name].fillna("").astype(str)


def _measure_matches(value: str, wanted: Sequence[str]) -> bool:
    """A measure names a group's measure whole ("currency:revenue"), without its dimension ("revenue",
    "users/daily") or as its base ("users")."""
    counted = value.split(":", 1)[-1]
    forms = {value, counted, counted.split("/")[0]} - {""}
    return any(w in forms for w in wanted)


def _period_matches(key: str, wanted: Sequence[str]) -> bool:
    """A period names a group's period key whole ("2025-Q3", "@2024-Q3") or, as a year, every period of that
    year ("2025" gathers 2025-Q1, end-2025, @2025-Q2)."""
    if not key:
        return False
    bare = key.lstrip("@").removeprefix("end-")
    return any(w in (key, bare) or (re.fullmatch(r"(?:FY)?\d{4}", w) and bare.startswith(w + "-")) for w in wanted)


# -------------------------------------------------------------------------------- questions made from a corpus


def generate_questions(findings: pd.DataFrame, limit: int = GENERATED_QUESTIONS) -> list[Question]:
    """Questions about the corpus's largest groups of comparable figures, worded in plain language.

    Groups are ranked by how many documents give figures in them, then by
    how many claims, then in findings order; each question gathers its group's
    topic (or measure), subject and period.
    """
    wanted = ["kind", "topic", "subject", "measure", "period", "doc_ids", "claim_ids"]
    if findings is None or not len(findings) or any(c not in findings.columns for c in wanted):
        return []
    heads = findings[findings["kind"] == "group"]
    rows = list(heads[["topic", "subject", "measure", "period", "doc_ids", "claim_ids"]].itertuples())
    ranked = sorted(
        ((-len(set(str(r.doc_ids).split())), -len(str(r.claim_ids).split()), n, r) for n, r in enumerate(rows)),
        key=lambda t: t[:3],
    )
    out: list[Question] = []
    for *_, r in ranked:
        q = _group_question(str(r.topic or ""), str(r.subject or ""), str(r.measure or ""), str(r.period or ""))
        if q.text not in {x.text for x in out}:
            out.append(q)
        if len(out) >= limit:
            break
    return out


def _group_question(topic: str, subject: str, measure: str, period: str) -> Question:
    when = period_words(period)
    if topic:
        name = behaviours()[topic].name if topic in behaviours() else topic.replace("_", " ")
        usual = topic_subjects().get(topic, ())[:1]
        whose = (
            f" ({subject})" if subject and subject not in usual and subject.casefold() not in name.casefold() else ""
        )
        text = f"What do the sources say about {name}{whose}{' ' + when if when else ''}?"
        return Question(
            _capital(text), topics=(topic,), subjects=(subject,) if subject else (),
            periods=(period,) if period else (), generated=True,
        )  # fmt: skip
    dim, _, counted = measure.partition(":")
    what = measure_words(measure)
    owner = possessive(subject) if subject else "the"
    if measure_kind(counted) == "stock" and dim in ("count", "person", "gpu"):
        text = f"How many {what} did {subject or 'they'} have{' ' + when if when else ''}?"
    else:
        text = f"What was {owner} {what}{' ' + when if when else ''}?"
    return Question(
        _capital(text), subjects=(subject,) if subject else (), measures=(measure,),
        periods=(period,) if period else (), generated=True,
    )  # fmt: skip


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    """ "Acme's", "Siemens'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def measure_words(measure: str) -> str:
    """A group's measure in words: "currency:revenue/data center" -> "data center revenue", "count:users/daily"
    -> "daily users", "gpu:gpus" -> "GPUs"."""
    counted = measure.split(":", 1)[-1]
    parts = [p for p in counted.split("/") if p]
    if not parts:
        return "figures"
    words = " ".join([*parts[1:], parts[0]]).replace("_", " ")
    return re.sub(r"\bgpus\b", "GPUs", words)


_QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_HALVES = {"1": "first", "2": "second"}
_MONTHS = ("January February March April May June July August September October November December").split()


def period_words(period: str) -> str:
    """A period key in words: "2024-Q4" -> "in the fourth quarter of 2024", "end-2024" -> "by the end of 2024",
    "@2024-Q3" -> "as of the third quarter of 2024", "FY2025" -> "in fiscal 2025"; "" for none."""
    if not period:
        return ""
    point = period.startswith("@")
    key = period.lstrip("@")
    if key.startswith("end-"):
        return f"by the end of {_year_words(key[4:])}"
    m = re.fullmatch(r"((?:FY)?\d{4})-(Q|H)([1-4])", key)
    if m:
        part = (
            f"{_QUARTERS[m.group(3)]} quarter" if m.group(2) == "Q" else f"{_HALVES.get(m.group(3), m.group(3))} half"
        )
        return f"{'as of' if point else 'in'} the {part} of {_year_words(m.group(1))}"
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", key)
    if m and 1 <= int(m.group(2)) <= 12:
        day = f"{int(m.group(3))} " if m.group(3) else ""
        return f"{'as of' if point else 'in'} {day}{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return f"{'as of' if point else 'in'} {_year_words(key)}"


def _year_words(year: str) -> str:
    return f"fiscal {year[2:]}" if year.startswith("FY") else year
