"""Class priors by language: an offset added to the model's log-probabilities for
the texts of one language, where the training mix and that language's texts
disagree on how often each class occurs.

The offsets are fitted on rows held out from training (the recipe's held-out
share of each training file, never the dev files), by the macro-F1 they give
there; a language gets offsets only where a dev file shows they help (see the
closing note of #15 and `molva model calibrate --help`)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

from sentiment.evaluate import score_predictions
from sentiment.model_files import LABELS

CONFIG_KEY = "molva_class_bias"  # in a model's config.json: {"en": {"negative": -0.6, "positive": -0.8}}
# Offsets tried for negative and positive (neutral stays 0: only the differences count).
GRID = [round(-1.0 + 0.05 * n, 2) for n in range(41)]


def fit_class_bias(probabilities: list[list[float]], gold: list[str], labels: list[str]) -> dict[str, float]:
    """The offsets for negative and positive that give the best macro-F1 on these rows;
    of offsets as good, the smallest (no offset at all where none helps)."""
    logs = [[math.log(max(p, 1e-12)) for p in row] for row in probabilities]
    best = (_macro_f1(logs, gold, labels, {}), 0.0, {})
    for negative, positive in itertools.product(GRID, GRID):
        bias = {"negative": negative, "positive": positive}
        found = (_macro_f1(logs, gold, labels, bias), -abs(negative) - abs(positive), bias)
        if found[:2] > best[:2]:
            best = found
    return {label: value for label, value in best[2].items() if value}


def with_bias(probabilities: list[float], labels: list[str], bias: dict[str, float]) -> list[float]:
    """One text's class probabilities with the offsets added to their logarithms."""
    logs = [math.log(max(p, 1e-12)) + bias.get(label, 0.0) for p, label in zip(probabilities, labels)]
    top = max(logs)
    exp = [math.exp(v - top) for v in logs]
    total = sum(exp)
    return [v / total for v in exp]


def _macro_f1(logs: list[list[float]], gold: list[str], labels: list[str], bias: dict[str, float]) -> float:
    offsets = [bias.get(label, 0.0) for label in labels]
    predicted = [labels[max(range(len(row)), key=lambda i: row[i] + offsets[i])] for row in logs]
    return score_predictions(gold, predicted).macro_f1


def read_bias(config: object) -> dict[str, dict[str, float]]:
    """A model config's offsets by language, checked: labels the model knows, numbers."""
    raw = getattr(config, CONFIG_KEY, None) or {}
    out = {}
    for lang, bias in raw.items():
        if not isinstance(bias, dict) or any(k not in LABELS or not isinstance(v, (int, float)) for k, v in bias.items()):
            raise ValueError(f"{CONFIG_KEY} for {lang!r} must map labels to numbers, not {bias!r}")
        out[str(lang)] = {k: float(v) for k, v in bias.items()}
    return out


def write_bias(model_dir: Path, lang: str, bias: dict[str, float]) -> None:
    """Set one language's offsets in a model folder's config.json (an empty bias removes them)."""
    path = Path(model_dir) / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    biases = dict(config.get(CONFIG_KEY) or {})
    if bias:
        biases[lang] = bias
    else:
        biases.pop(lang, None)
    config[CONFIG_KEY] = biases
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
