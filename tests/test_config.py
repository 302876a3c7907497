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
    from alerts import CHANNELS
    from spiders import SPIDERS

    # the example shows every source kind and every alert channel
    assert {s.kind for s in config.sources} == set(SPIDERS)
    assert {c.kind for c in config.alerts.channels} == set(CHANNELS)
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
        ('[company]\nname = "A"\n[report]\nlanguage = "de"\n', "report.language", "expected 'en' or 'ru'"),
        ('[company]\nname = "A"\n[alerts]\nnegative_threshold = 2\n', "alerts.negative_threshold", "between 0 and 1"),
        ('[company]\nname = "A"\n[crawl]\ntimeout = "soon"\n', "crawl.timeout", "expected float"),
        ('[company]\nname = "A"\ncolour = "red"\n', "company.colour", "unknown key"),
        ('[store]\nurl = "sqlite:///x"\n', "company", "is required"),
        ('[company]\nname = "A"\n[[sources]]\nname = "x"\nkind = "forum"\nurl = "http://x"\nmax_pagez = 3\n', "sources[0]", "unknown option"),
    ],
)
def test_bad_config_names_file_key_and_problem(tmp_path, text, key, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value) and key in str(err.value) and words in str(err.value)


def test_secrets_in_the_file_are_refused(tmp_path):
    text = MINIMAL + '[[alerts.channels]]\nname = "mail"\nkind = "email"\npassword = "hunter2"\n'
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert "password_env" in str(err.value) and "hunter2" not in str(err.value)


def test_broken_toml_is_reported_with_the_file(tmp_path):
    path = write(tmp_path, "[company\nname=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)
