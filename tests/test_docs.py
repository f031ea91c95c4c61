"""README.md is kept honest: every setting, every command and the coverage list."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from webapp.cli import coverage_markdown, main
from webapp.config import SETTINGS, settings_table
from webapp.resources import letter_languages

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    assert re.search(rf"^\| `{setting.name}` \|", README, re.M), setting.name


def _commands(group: click.Group, prefix: str = "objector"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


@pytest.mark.parametrize("command", sorted(_commands(main)))
def test_every_command_is_documented(command):
    assert f"`{command}" in README


def test_two_setup_commands():
    block = README.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert lines == ["./run serve", "./run test"]
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run test" in ci


def test_coverage_list_matches_the_catalog(catalog):
    block = README.split("<!-- coverage:start", 1)[1].split("<!-- coverage:end", 1)[0]
    expected = coverage_markdown(catalog, letter_languages())
    assert block.strip().splitlines()[1:] == expected, "objector catalog list --markdown"


def test_the_deployment_guide_carries_every_setting():
    guide = (Path(__file__).parent.parent / "DEPLOYMENT.md").read_text(encoding="utf-8")
    block = guide.split("<!-- settings:start", 1)[1].split("-->", 1)[1].split(
        "<!-- settings:end", 1)[0]
    assert block.strip() == settings_table(), (
        'regenerate: python -c "from webapp.config import settings_table; '
        'print(settings_table())"')
