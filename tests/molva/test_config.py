"""A manager edits the config by hand: mistakes get a message naming the file and key."""

import pytest

from molva.config import ConfigError, load_config
from molva.example import EXAMPLE_CONFIG

MINIMAL = '[company]\nname = "Acme"\n'


def write(tmp_path, text):
    path = tmp_path / "molva.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_config_is_valid(tmp_path):
    config = load_config(write(tmp_path, EXAMPLE_CONFIG))
    assert config.company.name == "СеверТелеком"
    assert {"forum", "feed", "twitter"} <= {s.kind for s in config.sources}
    assert {"email", "telegram"} <= {c.kind for c in config.channels}
    # competitor news feeds become sources labelled with their competitor
    assert any(s.competitor == "ВолнаНет" for s in config.sources)
    assert config.company.query.matches("у СеверТелекома опять авария")


def test_sqlite_paths_are_relative_to_the_config_file(tmp_path):
    config = load_config(write(tmp_path, MINIMAL))
    assert config.database_url == f"sqlite:///{tmp_path / 'molva-data' / 'molva.sqlite'}"


@pytest.mark.parametrize(
    "text, key, words",
    [
        ('[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "gopher"\nurl = "http://x"\n', "sources[0].kind", "unknown source kind"),
        ('[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "feed"\nurl = "ftp://x"\n', "sources[0].url", "not an http"),
        ('[company]\nname = "A"\nquery = "(broken"\n', "company.query", "missing ')'"),
        ('[company]\nname = "A"\n[report]\nlanguage = "de"\n', "report.language", "expected one of 'en', 'ru'"),
        ('[company]\nname = "A"\n[alerts]\nnegative_threshold = 2\n', "alerts.negative_threshold", "between 0 and 1"),
        ('[company]\nname = "A"\n[crawl]\ntimeout = "soon"\n', "crawl.timeout", "expected float"),
        ('[company]\nname = "A"\ncolour = "red"\n', "company.colour", "unknown key"),
        ('[company]\nname = "A"\n[report]\ntimezone = "Moscow"\n', "report.timezone", "IANA time zone such as Europe/Moscow"),
        ('[company]\nname = "A"\n[report]\ncsv_delimiter = ":"\n', "report.csv_delimiter", "must be one of ',', ';'"),
        ('[company]\nname = "A"\n[report]\ndeliver = ["boss"]\n', "report.deliver", "no channel named 'boss'"),
        ('[company]\nname = "A"\n[report]\nboard_url = "board.example"\n', "report.board_url", "http(s) address"),
        ('[company]\nname = "A"\n[cases]\nopen_within_days = 0\n', "cases.open_within_days", "at least 1"),
        ('[company]\nname = "A"\n[team]\nstaff = ["Светлана", " "]\n', "team.staff", "empty name"),
        ('[company]\nname = "A"\n[team]\nstaf = []\n', "team.staf", "unknown key (known here: staff)"),
        ('[store]\nurl = "sqlite:///x"\n', "company", "is required"),
        ('[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "forum"\nurl = "http://x"\nmax_pagez = 3\n', "sources[0].max_pagez", "unknown key (known here: competitor, dayfirst, enabled"),
    ],
)
def test_bad_config_names_file_key_and_problem(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and key in str(err.value) and words in str(err.value)


SOURCE = '[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "{kind}"\nurl = "https://x.example/"\n'
CHANNEL = '[company]\nname = "A"\n[[alerts.channels]]\nname = "c"\nkind = "{kind}"\n'


@pytest.mark.parametrize(
    "text, key, words",
    [
        (CHANNEL.format(kind="telegram"), "alerts.channels[0].chat_id", "is required"),
        (CHANNEL.format(kind="email") + 'to = ["a@b.c"]\nport = 70000\n', "alerts.channels[0].port", "between 1 and 65535"),
        (CHANNEL.format(kind="email") + 'to = ["a@b.c"]\nsecurity = "tls"\n', "alerts.channels[0].security",
         "expected one of 'none', 'starttls', 'ssl', got 'tls'"),
        (CHANNEL.format(kind="email"), "alerts.channels[0].to", "is required"),
        (CHANNEL.format(kind="webhook") + 'url = "hooks.example/x"\n', "alerts.channels[0].url", "http(s) URL"),
        (CHANNEL.format(kind="slack") + "timeout = -1\n", "alerts.channels[0].timeout", "more than 0"),
        ('[company]\nname = "A"\n[crawl]\nconcurrency_per_domain = 0\n', "crawl.concurrency_per_domain", "at least 1"),
        ('[company]\nname = "A"\n[crawl]\nretries = -1\n', "crawl.retries", "at least 0"),
        ('[company]\nname = "A"\n[crawl]\ntimeout = -1\n', "crawl.timeout", "more than 0"),
        (SOURCE.format(kind="forum") + "max_pages = 0\n", "sources[0].max_pages", "at least 1"),
        (SOURCE.format(kind="telegram") + "max_pages = -3\n", "sources[0].max_pages", "at least 1"),
        (SOURCE.format(kind="forum") + 'dayfirst = "yes"\n', "sources[0].dayfirst", "none of true, false"),
        (SOURCE.format(kind="hackernews") + "hits_per_page = 5000\n", "sources[0].hits_per_page", "at most 1000"),
        ('[company]\nname = "A"\n[[sources]]\nname = "t"\nkind = "twitter"\n', "sources[0].query", "is required"),
        ('[company]\nname = "A"\n[report]\ntop_n = 0\n', "report.top_n", "at least 1"),
        ('[company]\nname = "A"\n[sentiment]\nbackend = "gpu"\n', "sentiment.backend", "expected one of 'auto'"),
        ('[company]\nname = "A"\n[store]\nurl = "foo://bar"\n', "store.url", "database URL"),
        ('[company]\nname = "A"\n[alerts]\nsilent_days = 0\n', "alerts.silent_days", "at least 1"),
        ('[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "forum"\n', "sources[0].url", "is required"),
    ],
)
def test_every_bad_option_is_refused_at_load_time_with_file_and_key(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}: {key}: " in str(err.value) and words in str(err.value)


def test_the_database_url_from_the_environment_replaces_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("MOLVA_DATABASE_URL", "postgresql+psycopg://molva@db.example/molva")
    config = load_config(write(tmp_path, EXAMPLE_CONFIG))  # the file names a SQLite url: no "unknown key"
    assert config.database_url == "postgresql+psycopg://molva@db.example/molva"


def test_secrets_in_the_file_are_refused(tmp_path):
    text = MINIMAL + '[[alerts.channels]]\nname = "mail"\nkind = "email"\npassword = "hunter2"\n'
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert "password_env" in str(err.value) and "hunter2" not in str(err.value)


def test_broken_toml_is_reported_with_the_file(tmp_path):
    path = write(tmp_path, "[company\nname=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
