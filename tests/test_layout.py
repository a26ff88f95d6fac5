"""The package shows the data flow: each stage imports only from itself and earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"
# core -> text -> claims -> analysis -> reports -> build -> entry points
STAGES = {"": 0, "text": 1, "claims": 2, "analysis": 3, "reports": 4, "build": 5}
ENTRY_POINTS = {"cli", "notebook", "__main__", "__init__"}
CORE = {"exceptions", "atomic", "tables", "format"}


def stage_of(module: str) -> int:
    """``module`` is dotted below ``helpers``: "text.parse", "tables", "cli"."""
    head, _, rest = module.partition(".")
    if head in STAGES and rest:
        return STAGES[head]
    if head in ENTRY_POINTS:
        return 6
    if head in CORE:
        return 0
    if head in STAGES:  # the stage package itself
        return STAGES[head]
    raise AssertionError(f"module helpers.{module} belongs to no stage; place it in one")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts)


def imported(source: str, name: str) -> list[tuple[int, str]]:
    """(line, target below helpers) of every import of the package in module ``name``, at any depth."""
    package = name.split(".")[:-1]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
                if node.module is None:  # from . import x, y
                    out += [(node.lineno, ".".join([*base, a.name])) for a in node.names]
                    continue
                out.append((node.lineno, target))
            elif node.module and (node.module == "helpers" or node.module.startswith("helpers.")):
                target = node.module.removeprefix("helpers").lstrip(".")
                if not target:
                    out += [(node.lineno, a.name) for a in node.names]
                else:
                    out.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.removeprefix("helpers.")) for a in node.names if a.name.startswith("helpers.")]
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_to_earlier_stages(path):
    me = module_name(path)
    mine = stage_of(me)
    backward = [f"line {line}: imports helpers.{target}" for line, target in imported(path.read_text(encoding="utf-8"), me) if stage_of(target) > mine]
    assert not backward, f"helpers.{me} (stage {mine}) imports a later stage: " + "; ".join(backward)


def test_every_module_has_a_stage():
    for path in MODULES:
        stage_of(module_name(path))


def test_the_check_sees_backward_imports():
    """The checker itself: relative, absolute and function-level imports of a later stage are all found."""
    source = (
        "from ..build.builder import build\n"
        "from helpers.reports import render\n"
        "def f():\n"
        "    from .. import notebook\n"
        "from .segment import split_sentences\n"
    )
    found = dict(imported(source, "text.parse"))
    assert found == {1: "build.builder", 2: "reports", 4: "notebook", 5: "text.segment"}
    assert [stage_of(found[line]) > stage_of("text.parse") for line in sorted(found)] == [True, True, True, False]
