"""Molva: a self-hosted monitor of what people say about a company and its competitors.

This package only wires the stages together — the config, the item pipelines
that carry crawled items to matching and the store, the weekly run, the CLI and
the demo. The stages live beside it (spiders, matching, store, sentiment,
reports, alerts) and never import it."""

__version__ = "0.1.0"
