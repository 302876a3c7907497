"""The board's commands: users on the command line (passwords from stdin,
stored as argon2 hashes only), `molva serve` refusing to start without its
secret key, and `molva cron --board` printing a unit for an unprivileged user."""

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from molva.cli import main
from store import connect
from store.models import AuditEntry, User

CONFIG = """
[store]
url = "sqlite:///molva.sqlite"
[company]
name = "СеверТелеком"
"""


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "molva.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return str(path)


def test_users_are_added_listed_given_a_new_password_and_removed(config, tmp_path):
    run = CliRunner().invoke
    added = run(main, ["user", "add", "anna", "--role", "editor", "--password-stdin", "-c", config],
                input="correct horse battery\n")
    assert added.exit_code == 0 and added.output.strip() == "added anna (editor)"
    engine = connect(f"sqlite:///{tmp_path / 'molva.sqlite'}")
    with Session(engine) as s:
        stored = s.scalar(select(User.password_hash).where(User.name == "anna"))
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    again = run(main, ["user", "add", "anna", "--password-stdin", "-c", config], input="another password\n")
    assert again.exit_code == 1 and "a user named 'anna' exists" in again.output
    short = run(main, ["user", "add", "boris", "--password-stdin", "-c", config], input="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    assert "anna                 editor  last login never" in run(main, ["user", "list", "-c", config]).output
    assert run(main, ["user", "passwd", "anna", "--password-stdin", "-c", config], input="a new long password\n").exit_code == 0
    with Session(engine) as s:
        assert s.scalar(select(User.password_hash).where(User.name == "anna")) != stored
    assert run(main, ["user", "remove", "anna", "-c", config]).exit_code == 0
    assert "no users yet" in run(main, ["user", "list", "-c", config]).output
    assert run(main, ["user", "remove", "anna", "-c", config]).output.strip() == "Error: no user named 'anna'"
    with Session(engine) as s:
        assert list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id))) == ["user.add", "user.passwd", "user.remove"]
    engine.dispose()


def test_serve_refuses_to_start_without_a_secret_key(config, monkeypatch):
    monkeypatch.delenv("MOLVA_BOARD_SECRET_KEY", raising=False)
    result = CliRunner().invoke(main, ["serve", "-c", config])
    assert result.exit_code == 1 and "MOLVA_BOARD_SECRET_KEY is not set" in result.output
    monkeypatch.setenv("MOLVA_BOARD_SECRET_KEY", "too short")
    assert "shorter than 32 characters" in CliRunner().invoke(main, ["serve", "-c", config]).output


def test_cron_prints_a_systemd_unit_for_the_board_as_a_non_root_user(config):
    result = CliRunner().invoke(main, ["cron", "--board", "-c", config, "--port", "8010"])
    assert result.exit_code == 0, result.output
    assert "User=molva" in result.output and " serve -c " in result.output and "--host 127.0.0.1 --port 8010" in result.output
    assert "EnvironmentFile=/etc/molva-board.env" in result.output and "MOLVA_BOARD_SECRET_KEY" in result.output
    refused = CliRunner().invoke(main, ["cron", "--board", "--user", "root", "-c", config])
    assert refused.exit_code == 1 and "must not run as root" in refused.output


def test_cron_prints_the_weekly_line_and_a_service_that_runs_as_an_unprivileged_user(config):
    result = CliRunner().invoke(main, ["cron", "-c", config, "--day", "tue", "--time", "07:30", "--user", "svc"])
    assert result.exit_code == 0, result.output
    assert "30 7 * * 2  cd " in result.output and " run -c " in result.output
    service = result.output.split("[Service]", 1)[1].split("# /etc/systemd/system/molva.timer", 1)[0]
    assert "User=svc" in service and "ExecStart=" in service
    assert "OnCalendar=Tue *-*-* 07:30:00" in result.output


def test_a_wrong_board_setting_is_refused_with_its_key(tmp_path):
    from molva.config import ConfigError, load_config

    path = tmp_path / "molva.toml"
    path.write_text(CONFIG + "[board]\nsession_hours = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="board.session_hours: session_hours must be at least 1"):
        load_config(path)
    path.write_text(CONFIG + '[board]\nsecret_key = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="board.secret_key: secrets are not read from the config file"):
        load_config(path)
