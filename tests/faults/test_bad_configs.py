"""A manager edits the config by hand, and the server it points at may be down:
every such mistake is refused in one line that names the file and the key (or
what could not be reached), with a non-zero exit and no traceback."""

import pytest
from click.testing import CliRunner

from molva.cli import main

COMPANY = '[company]\nname = "A"\n'
SOURCE = COMPANY + '[[sources]]\nname = "s"\nkind = "{kind}"\nurl = "https://x.example/"\n'
CHANNEL = COMPANY + '[[alerts.channels]]\nname = "c"\nkind = "{kind}"\n'

BAD = {
    "not TOML": ("[company\nname =", "not valid TOML"),
    "no company": ('[store]\nurl = "sqlite:///x.sqlite"\n', "company: is required"),
    "empty company name": ('[company]\nname = " "\n', "company.name"),
    "unknown top-level table": (COMPANY + "[colours]\nred = 1\n", "colours: unknown key"),
    "unknown company key": (COMPANY + 'colour = "red"\n', "company.colour: unknown key"),
    "broken query": ('[company]\nname = "A"\nquery = "(a OR"\n', "company.query"),
    "duplicate names": (COMPANY + '[[competitors]]\nname = "A"\n', "must be unique"),
    "unknown source kind": (SOURCE.format(kind="gopher"), "sources[0].kind: unknown source kind"),
    "ftp url": (COMPANY + '[[sources]]\nname = "s"\nkind = "feed"\nurl = "ftp://x"\n', "sources[0].url: not an http"),
    "source without url": (COMPANY + '[[sources]]\nname = "s"\nkind = "feed"\n', "sources[0].url: is required"),
    "source without name": (COMPANY + '[[sources]]\nkind = "feed"\nurl = "https://x/"\n', "sources[0].name: is required"),
    "unknown source option": (SOURCE.format(kind="forum") + "max_pagez = 3\n", "sources[0].max_pagez: unknown key"),
    "max_pages 0": (SOURCE.format(kind="forum") + "max_pages = 0\n", "sources[0].max_pages"),
    "max_pages text": (SOURCE.format(kind="reddit") + 'max_pages = "2"\n', "sources[0].max_pages: expected int"),
    "max_pages true": (SOURCE.format(kind="reddit") + "max_pages = true\n", "sources[0].max_pages: expected int"),
    "unknown competitor": (SOURCE.format(kind="feed") + 'competitor = "Z"\n', "sources[0].competitor"),
    "token in the file": (SOURCE.format(kind="twitter") + 'token = "abc"\n', "token_env"),
    "two sources one name": (SOURCE.format(kind="feed") + '[[sources]]\nname = "s"\nkind = "feed"\nurl = "https://y/"\n',
                             "two sources are named"),
    "telegram without chat_id": (CHANNEL.format(kind="telegram"), "alerts.channels[0].chat_id: is required"),
    "email without recipients": (CHANNEL.format(kind="email"), "alerts.channels[0].to: is required"),
    "email port": (CHANNEL.format(kind="email") + 'to = ["a@b.c"]\nport = 0\n', "alerts.channels[0].port"),
    "email security": (CHANNEL.format(kind="email") + 'to = ["a@b.c"]\nsecurity = "tls"\n', "alerts.channels[0].security"),
    "password in the file": (CHANNEL.format(kind="email") + 'to = ["a@b.c"]\npassword = "hunter2"\n', "password_env"),
    "webhook url": (CHANNEL.format(kind="webhook") + 'url = "x.example/hook"\n', "alerts.channels[0].url"),
    "unknown channel kind": (CHANNEL.format(kind="pigeon"), "unknown channel kind"),
    "threshold": (COMPANY + "[alerts]\nnegative_threshold = 1.5\n", "alerts.negative_threshold"),
    "digest_top": (COMPANY + "[alerts]\ndigest_top = 0\n", "alerts.digest_top"),
    "concurrency 0": (COMPANY + "[crawl]\nconcurrency_per_domain = 0\n", "crawl.concurrency_per_domain"),
    "negative timeout": (COMPANY + "[crawl]\ntimeout = -1\n", "crawl.timeout"),
    "negative retries": (COMPANY + "[crawl]\nretries = -1\n", "crawl.retries"),
    "report language": (COMPANY + '[report]\nlanguage = "de"\n', "report.language"),
    "top_n": (COMPANY + "[report]\ntop_n = 0\n", "report.top_n"),
    "backend": (COMPANY + '[sentiment]\nbackend = "gpu"\n', "sentiment.backend"),
    "department query": (COMPANY + '[departments]\ntech = "(router"\n', "departments.tech"),
    "database scheme": (COMPANY + '[store]\nurl = "foo://user:pw@bar/db"\n', "store.url"),
    "unreachable PostgreSQL": (COMPANY + '[store]\nurl = "postgresql+psycopg://molva:pw@127.0.0.1:9/molva"\n',
                               "cannot open the store at postgresql+psycopg://***@127.0.0.1:9/molva: connection failed"),
    "data_dir under a file": (COMPANY + '[store]\nurl = "sqlite:///db.sqlite"\ndata_dir = "molva.toml/data"\n',
                              "cannot write the run log"),
}


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
