"""The README is a user's guide: short, and it names every command and option the CLI has.

Checked against the CLI's own help, as reports/README.md is checked against the
table specs: a command or option added to ``helpers.cli`` without a word in the
README fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.cli import parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAX_LINES = 300


def _commands() -> dict[str, str]:
    """Each subcommand of ``python -m helpers`` and its ``--help`` text."""
    [sub] = [a for a in parser()._actions if a.choices and a.dest == "command"]
    return {name: p.format_help() for name, p in sub.choices.items()}


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_the_readme_is_at_most_300_lines():
    assert len(README.splitlines()) <= MAX_LINES


def test_no_line_is_a_wall_of_text():
    long = [n for n, line in enumerate(README.splitlines(), 1) if len(line) > 200]
    assert long == [], f"README lines over 200 characters: {long}"


def test_the_quick_start_names_the_make_targets():
    quick = _section("Quick start")
    assert "make reports" in quick and "make test" in quick


def test_every_command_of_the_help_is_in_the_readme():
    top = parser().format_help()
    commands = _commands()
    assert set(commands) <= set(re.findall(r"\b[a-z]+\b", top))  # the top-level help lists them all
    section = _section("Commands")
    missing = [c for c in commands if f"python -m helpers {c}" not in section]
    assert missing == []


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_of_a_command_is_in_the_readme(command):
    help_text = _commands()[command]
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text)) - {"--help"}
    choices = {c for group in re.findall(r"\{([^}]+)\}", help_text) for c in group.split(",")}
    section = _section("Commands")
    missing = [o for o in sorted(options) if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", section)]
    missing += [c for c in sorted(choices) if not re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", section)]
    assert missing == [], f"{command}: not in the README's Commands section"
