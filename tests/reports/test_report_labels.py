"""Every label a report template uses exists in both languages, and none hides
behind a dict method (`L.items` would print "<built-in method items ...>")."""

import re
from pathlib import Path

import pytest

from reports.render import LABELS

TEMPLATES = sorted((Path(__file__).parents[2] / "reports" / "templates").glob("*.j2"))


def used_labels():
    """(template, label, reached as an attribute)"""
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        yield from ((path.name, name, True) for name in re.findall(r"\bL\.(\w+)", text))
        yield from ((path.name, name, False) for name in re.findall(r"\bL\[\"(\w+)\"\]", text))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_label_is_translated(language):
    missing = sorted({f"{t}: {n}" for t, n, _ in used_labels() if n not in LABELS[language]})
    assert not missing


def test_no_label_is_reached_as_an_attribute_that_dict_has():
    shadowed = sorted({f"{t}: L.{n}" for t, n, attribute in used_labels() if attribute and hasattr(dict, n)})
    assert not shadowed, "use L[\"name\"] for these"
