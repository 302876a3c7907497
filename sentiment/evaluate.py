"""Labeled CSV files (`text,label`) and the figures we judge a model by:
accuracy, macro-F1 and a confusion matrix."""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sentiment.model_files import LABELS


class DataError(Exception):
    pass


@dataclass(frozen=True)
class Labeled:
    text: str
    label: str


# Some dumps (the TweetEval tweets among them) keep characters as literal
# `\u2019` text: 3,238 English training tweets did. A model trained on them
# learns a spelling that real posts never have.
_LITERAL_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def decode_literal_escapes(text: str) -> str:
    """`St George\\u2019s Day\\u002c` → `St George’s Day,` (surrogate pairs joined)."""
    if "\\u" not in text:
        return text
    decoded = _LITERAL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_labeled_csv(path: str | Path) -> list[Labeled]:
    """Rows of a `text,label` CSV (or .csv.gz); labels must be negative / neutral / positive.
    Literal `\\uXXXX` escapes in a text are decoded."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
                raise DataError(f"{path}: needs a header with `text` and `label` columns, found {reader.fieldnames}")
            rows = []
            for line, row in enumerate(reader, start=2):
                label = (row["label"] or "").strip().lower()
                if label not in LABELS:
                    raise DataError(f"{path}:{line}: label {row['label']!r} is not one of {', '.join(LABELS)}")
                text = decode_literal_escapes((row["text"] or "").strip())
                if text:
                    rows.append(Labeled(text, label))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot read it: {exc}") from None
    if not rows:
        raise DataError(f"{path}: no labeled rows")
    return rows


def in_holdout(text: str, fraction: float) -> bool:
    """A stable choice by the text's hash, so the same rows are held out on every machine and run."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


def split_holdout(rows: list[Labeled], fraction: float) -> tuple[list[Labeled], list[Labeled]]:
    keep, held = [], []
    for r in rows:
        (held if in_holdout(r.text, fraction) else keep).append(r)
    return keep, held


@dataclass(frozen=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    confusion: list[list[int]]  # rows: gold label, columns: predicted, in LABELS order

    def as_dict(self) -> dict:
        return dict(n=self.n, accuracy=round(self.accuracy, 4), macro_f1=round(self.macro_f1, 4),
                    f1={k: round(v, 4) for k, v in self.f1.items()}, confusion=self.confusion)


def score_predictions(gold: list[str], predicted: list[str]) -> Scores:
    """Predictions outside LABELS (e.g. 'unscored') count as wrong."""
    index = {label: i for i, label in enumerate(LABELS)}
    confusion = [[0] * len(LABELS) for _ in LABELS]
    correct = 0
    for g, p in zip(gold, predicted, strict=True):
        correct += g == p
        if p in index:
            confusion[index[g]][index[p]] += 1
    f1 = {}
    for label, i in index.items():
        tp = confusion[i][i]
        pred_count = sum(row[i] for row in confusion)
        gold_count = sum(1 for g in gold if g == label)
        precision = tp / pred_count if pred_count else 0.0
        recall = tp / gold_count if gold_count else 0.0
        f1[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    present = [label for label in LABELS if label in set(gold)]
    macro = sum(f1[label] for label in present) / len(present) if present else 0.0
    return Scores(len(gold), correct / len(gold) if gold else 0.0, macro, f1, confusion)


def format_scores(scores: Scores, title: str = "") -> str:
    width = max(map(len, LABELS)) + 2
    lines = [title] if title else []
    lines.append(f"rows {scores.n}   accuracy {scores.accuracy:.3f}   macro-F1 {scores.macro_f1:.3f}")
    lines.append("F1     " + "   ".join(f"{label} {scores.f1[label]:.3f}" for label in LABELS))
    lines.append("confusion (rows: true label, columns: predicted)")
    lines.append(" " * width + "".join(f"{label[:8]:>10}" for label in LABELS))
    for label, row in zip(LABELS, scores.confusion):
        lines.append(f"{label:<{width}}" + "".join(f"{n:>10}" for n in row))
    return "\n".join(lines)
