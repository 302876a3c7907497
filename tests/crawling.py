"""Running Molva as cron would — `python -m molva ...` in a subprocess — on a
config written for a loopback site, and reading back what the run stored."""

import os
import sqlite3
import subprocess
import sys

from tests.forum_site import ForumSite


def molva(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "molva", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, **kwargs)


def write_config(folder, sources: dict[str, str], query="СеверТелеком OR SeverTelecom", kinds: dict[str, str] | None = None,
                 extra: str = "", options: dict[str, str] | None = None):
    """A config for a crawl into folder/molva.sqlite: sources by name → URL, each a forum unless `kinds` says,
    with more TOML lines from `options` by name; `extra` is more TOML (competitors, say)."""
    kinds, options = kinds or {}, options or {}
    blocks = "".join(f'[[sources]]\nname = "{name}"\nkind = "{kinds.get(name, "forum")}"\nurl = "{url}"\n'
                     f'{options.get(name, "")}\n\n' for name, url in sources.items())
    path = folder / "molva.toml"
    path.write_text(f"""[store]
url = "sqlite:///{folder / 'molva.sqlite'}"

[company]
name = "СеверТелеком"
query = '{query}'

{blocks}[crawl]
download_delay = 0

{extra}""", encoding="utf-8")
    return path


def crawl(config):
    done = molva("crawl", "-c", str(config))
    assert done.returncode == 0, done.stdout + done.stderr


def last_run(folder) -> dict[str, tuple[str, int, int]]:
    """Per source of the latest run: (status, items seen, items new)."""
    with sqlite3.connect(folder / "molva.sqlite") as conn:
        return {key: (status, seen, new) for key, status, seen, new in conn.execute(
            "select s.key, rs.status, rs.items_seen, rs.items_new from run_sources rs join sources s on s.id = rs.source_id "
            "where rs.run_id = (select max(id) from runs)")}


def stored(folder, source) -> list[tuple[str, str, str]]:
    with sqlite3.connect(folder / "molva.sqlite") as conn:
        return conn.execute("select m.external_id, m.author, m.text from mentions m join sources s on s.id = m.source_id "
                            "where s.key = ? order by m.published_at", (source,)).fetchall()


def pages_read(site: ForumSite) -> list[str]:
    return [path for path in site.requested if path != "/robots.txt"]
