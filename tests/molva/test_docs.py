"""The README documents every command and every setting of the example config."""

import tomllib
from pathlib import Path

import click

from molva.cli import main
from molva.example import EXAMPLE_CONFIG

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


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


def test_the_readme_option_tables_are_what_the_dataclasses_declare():
    from molva.reference import README_END, README_START, as_markdown

    block = README.split(README_START, 1)[1].split(README_END, 1)[0].strip()
    assert block == as_markdown(), ("the README's option tables are stale: replace the block between its markers "
                                    "with the output of `molva options --markdown`")


def test_every_declared_option_has_help():
    from molva.reference import sections

    missing = [f"{s.title} {name}" for s in sections() for name, _, _, text in s.options if not text]
    assert not missing, f"options without help text: {missing}"


def test_the_layout_table_names_every_folder_and_only_those():
    root = Path(__file__).parents[2]
    folders = {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
               and not p.name.endswith(".egg-info") and p.name != "__pycache__"}
    layout = README.split("## Layout", 1)[1]
    listed = {line.split("`")[1].rstrip("/") for line in layout.splitlines() if line.startswith("| `")}
    assert listed == folders
