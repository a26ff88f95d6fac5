"""Named errors cross process boundaries: the build's workers return them to the build.

Every exception class of the package is found by walking it, so a new one
cannot be left out: each must have an example below and survive a pickle round
trip with its message and its fields (as papermill tests its own errors).
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil

import pytest
from test_hardening import DE, _notebooks, _trivial_notebook

import helpers
from helpers.build import BuildOptions, build
from helpers.exceptions import ConfigurationError


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined in the package, by name (modules may move; names stay)."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        for cls in vars(importlib.import_module(info.name)).values():
            if inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == info.name:
                assert found.setdefault(cls.__qualname__, cls) is cls, f"two exception classes named {cls.__qualname__}"
    return dict(sorted(found.items()))


# One example per class (built from the class found), with every field set to something other than its default.
EXAMPLES = {
    "HelpersError": lambda cls: cls("something is wrong"),
    "ConfigurationError": lambda cls: cls("bad value", path="catalog.csv", line=7),
    "DocumentError": lambda cls: cls("no text", path="seeds/a.txt"),
    "DecodeError": lambda cls: cls("not UTF-8", path="seeds/b.txt", byte_offset=12),
    "UnknownDocumentError": lambda cls: cls("zz", ["a", "b"]),
    "LedgerError": lambda cls: cls(
        [
            ConfigurationError("no source", path="ledger.csv", line=2),
            ConfigurationError("bad year", path="ledger.csv", line=5),
        ]
    ),
    "NotebookFailed": lambda cls: cls("cell 3 raised KeyError: 'x'", cell=3, hint="restart"),
    "QuestionFileError": lambda cls: cls("unknown topic 'gpu_fleet'", path="seeds/questions.yaml", line=4),
    "OutputError": lambda cls: cls("out/documents/a.html", "Is a directory"),
    "Terminated": lambda cls: cls(),  # the build's SIGTERM, a KeyboardInterrupt
    "OutsideFolder": lambda cls: cls("../v/a", "site", ".published.json"),
    "Unreadable": lambda cls: cls("not YAML", line=4),
    "Malformed": lambda cls: cls("expected ',' or '}'", line=2),
    "BoundExceeded": lambda cls: cls("more than 100,000 aliases", line=9),
    "BadTiming": lambda cls: cls("timestamp inf is not a number of seconds from 0 to 3,600,000 (1,000 hours)"),
}
CLASSES = _exception_classes()


def _example(name: str) -> BaseException:
    return EXAMPLES[name](CLASSES[name])


def _same(a: object, b: object) -> bool:
    """Equal values, comparing exceptions (which compare by identity) by type, message and fields."""
    if isinstance(a, BaseException):
        return type(a) is type(b) and str(a) == str(b) and a.args == b.args and _same(vars(a), vars(b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("name", list(CLASSES))
def test_every_exception_survives_a_pickle_round_trip(name):
    assert name in EXAMPLES, f"{name} is new: add an example of it to EXAMPLES"
    error = _example(name)
    assert type(error) is CLASSES[name]
    restored = pickle.loads(pickle.dumps(error))
    assert _same(error, restored), (vars(error), vars(restored))


def test_the_examples_name_only_classes_that_exist():
    assert set(EXAMPLES) == set(CLASSES)


def test_fields_survive_the_round_trip():
    restored = pickle.loads(pickle.dumps(_example("DecodeError")))
    assert (restored.path, restored.byte_offset) == ("seeds/b.txt", 12)
    assert str(restored) == "seeds/b.txt: not UTF-8 (at byte offset 12)"
    ledger = pickle.loads(pickle.dumps(_example("LedgerError")))
    assert [(p.path, p.line) for p in ledger.problems] == [("ledger.csv", 2), ("ledger.csv", 5)]
    assert isinstance(pickle.loads(pickle.dumps(_example("OutputError"))), OSError)


def test_a_report_a_worker_cannot_write_reaches_the_summary_as_the_named_error(tmp_path, capsys):
    # The worker (a spawned process) renders the report, cannot put it in place (a folder has its
    # name) and returns the OutputError; before errors pickled, unpickling it broke the whole pool.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(DE, encoding="utf-8")
    out = tmp_path / "out"
    squatter = out / "documents" / "good.html"
    (squatter / "inside").mkdir(parents=True)
    nbs = _notebooks(tmp_path / "nb", {"02_document": _trivial_notebook()})
    result = build(BuildOptions(seeds=seeds, out=out, notebooks=nbs, jobs=1))
    [run] = result.runs
    assert run.status == "failed" and result.exit_code == 1
    assert f"cannot write {squatter}" in run.error
    summary = capsys.readouterr().out
    assert f"[report failed] {run.key}: cannot write {squatter}" in summary
    assert "crashed" not in summary and "Traceback" not in summary
