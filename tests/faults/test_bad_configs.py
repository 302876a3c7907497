"""A manager edits the config by hand, and the server it points at may be down:
every such mistake is refused in one line that names the file and the key (or
what could not be reached), with a non-zero exit and no traceback."""

import pytest
from click.testing import CliRunner

from molva.cli import main
from tests.faults.bad_configs import BAD

@pytest.mark.parametrize("name", list(BAD))
def test_each_bad_config_is_refused_in_one_line(tmp_path, name, monkeypatch):
    text, words = BAD[name]
    monkeypatch.chdir(tmp_path)
    if "sqlite" not in text:
        text = f'[store]\nurl = "sqlite:///{tmp_path / "m.sqlite"}"\n' + text if "[store]" not in text else text
    path = tmp_path / "molva.toml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "-c", str(path)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert words in lines[0] and "Traceback" not in result.output
    assert "hunter2" not in result.output and ":pw@" not in result.output
