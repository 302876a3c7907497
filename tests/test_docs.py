"""The README documents every command and every setting of the example config."""

import tomllib
from pathlib import Path

import click

from molva.cli import main
from molva.example import EXAMPLE_CONFIG

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "molva"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from command_paths(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_every_command_is_in_the_readme():
    missing = [path for path in command_paths(main) if f"`{path}" not in README]
    assert not missing, f"commands missing from README's table: {missing}"


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help, f"molva {name} has no help text"


def keys(table: dict, prefix: str = ""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from keys(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                yield from keys(item, f"{prefix}{key}.")
        else:
            yield prefix + key


def test_every_setting_of_the_example_is_in_the_readme():
    settings = set(keys(tomllib.loads(EXAMPLE_CONFIG)))
    missing = sorted(s for s in settings if f"`{s.rsplit('.', 1)[-1]}`" not in README)
    assert not missing, f"settings missing from README's configuration section: {missing}"
