"""The `molva` command line. Library errors become one-line messages here, once."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from molva import __version__
from molva.config import ConfigError, load_config

CONFIG_HELP = "The config file (or set MOLVA_CONFIG)."


def _config(path: str):
    try:
        return load_config(path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _finish(result) -> None:
    if result.status == "failed":
        raise click.ClickException("the run failed: " + "; ".join(f"{k}: {v}" for k, v in result.stage_errors.items()))


def _run(config, stages, **kwargs):
    from molva.lock import AlreadyRunning
    from molva.runner import run_stages

    try:
        return run_stages(config, stages, echo=click.echo, **kwargs)
    except AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from None


config_option = click.option(
    "--config", "-c", "config_path", default=lambda: os.environ.get("MOLVA_CONFIG", "molva.toml"),
    show_default="molva.toml", type=click.Path(dir_okay=False), help=CONFIG_HELP,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="molva")
@click.option("--verbose", "-v", is_flag=True, help="Show the crawler's own log.")
def main(verbose: bool) -> None:
    """Molva watches what people say about your company and its competitors.

    \b
    Start with the offline demo:   molva demo
    Make your own config:          molva init molva.toml
    The weekly job (for cron):     molva run -c molva.toml
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()


@main.command()
@click.argument("path", default="molva.toml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: str, force: bool) -> None:
    """Write a commented example config to PATH."""
    from molva.example import EXAMPLE_CONFIG

    target = Path(path)
    if target.exists() and not force:
        raise click.ClickException(f"{target} exists; use --force to overwrite it")
    target.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    _config(str(target))  # the example must itself be valid
    click.echo(f"wrote {target}; edit the company, competitors and sources, then run `molva run -c {target}`")


@main.command()
@config_option
@click.option("--week", help="ISO week to report, e.g. 2026-W47 (default: the last complete week).")
def run(config_path: str, week: str | None) -> None:
    """The weekly job: crawl, score, report, alert.

    Exits non-zero only when the run itself could not work; a failing source is
    recorded in the run and in the report's coverage section."""
    _finish(_run(_config(config_path), ("crawl", "score", "report", "alert"), command="run", week=week))


@main.command()
@config_option
@click.option("--source", "-s", "sources", multiple=True, help="Crawl only this source (repeatable).")
def crawl(config_path: str, sources: tuple[str, ...]) -> None:
    """Collect mentions from the enabled sources and store them."""
    _finish(_run(_config(config_path), ("crawl",), command="crawl", only_sources=list(sources) or None))


@main.command()
@config_option
@click.option("--rescore", is_flag=True, help="Score every mention again (after changing the model).")
def score(config_path: str, rescore: bool) -> None:
    """Tag stored mentions negative / neutral / positive with the sentiment model."""
    _finish(_run(_config(config_path), ("score",), command="score", rescore=rescore))


@main.command()
@config_option
@click.option("--week", help="ISO week, e.g. 2026-W47 (default: the last complete week).")
@click.option("--output", "-o", type=click.Path(file_okay=False), help="Folder for the report (default: from the config).")
def report(config_path: str, week: str | None, output: str | None) -> None:
    """Write the weekly report (HTML, Markdown, CSV)."""
    config = _config(config_path)
    if output:
        from dataclasses import replace

        config = replace(config, report=replace(config.report, output=str(Path(output).resolve())))
    _finish(_run(config, ("report",), command="report", week=week))


@main.command()
@config_option
def alert(config_path: str) -> None:
    """Send alerts for new negative mentions (each once per channel)."""
    _finish(_run(_config(config_path), ("alert",), command="alert"))


@main.command()
@config_option
@click.option("--limit", default=5, show_default=True, help="How many runs to show.")
def status(config_path: str, limit: int) -> None:
    """Show the last runs, their per-source results and pending alerts."""
    from molva.status import print_status

    print_status(_config(config_path), limit, click.echo)


@main.command()
@click.option("--folder", "-d", default="molva-demo", show_default=True, type=click.Path(file_okay=False),
              help="Where the demo keeps its config, database and report.")
@click.option("--model", default=None, help="Sentiment model for the demo (default: the built default model).")
def demo(folder: str, model: str | None) -> None:
    """Run the whole weekly job against a bundled sample web on 127.0.0.1.

    Needs no internet and no API keys. Serves forum threads (phpBB, XenForo), a
    review page, a competitor's RSS and Atom feeds and a Twitter API, and catches
    the alert e-mails in a local SMTP server. Prints where the report is."""
    from molva.demo.run import run_demo

    result = run_demo(Path(folder), model=model, echo=click.echo)
    _finish(result)
    click.echo(f"\nReport: {result.report_paths['html']}")


if __name__ == "__main__":
    sys.exit(main())
