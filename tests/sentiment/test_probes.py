"""Hard cases, hand-written, on the real default model: sarcasm, praise for a
competitor, a thank-you that reports a fault, mixed Russian and English.

tests/sentiment/probes.csv holds each text with the label a support manager
would give it and why. A probe marked `known miss` is one the shipped model
still gets wrong: it is expected to fail (strictly, so that a model which
learns it makes this test say so, and the mark can go)."""

import csv
from pathlib import Path

import pytest

from sentiment import Scorer

PROBES = Path(__file__).with_name("probes.csv")


def _probes():
    with PROBES.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            marks = [pytest.mark.xfail(strict=True, reason=f"known miss: {row['why']}")] if row["status"] == "known miss" else []
            yield pytest.param(row["text"], row["expected"], id=row["text"][:40], marks=marks)


@pytest.fixture(scope="module")
def scorer(default_model):
    return Scorer(str(default_model))


@pytest.mark.parametrize("text, expected", list(_probes()))
def test_the_default_model_reads_the_hard_case(scorer, text, expected):
    assert scorer.score([text])[0].label == expected


def test_the_probe_file_says_why_for_every_case():
    rows = list(csv.DictReader(PROBES.open(newline="", encoding="utf-8")))
    assert len(rows) >= 10
    assert all(r["expected"] in ("negative", "neutral", "positive") and r["why"].strip() for r in rows)
    assert {r["status"] for r in rows} <= {"", "known miss"}
