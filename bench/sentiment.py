"""Sentiment scoring speed and quality: the naive `transformers.pipeline`
against Molva's paths, on the same model and the same labeled texts.

    python bench/sentiment.py                      # the default model, dev data below
    python bench/sentiment.py --model DIR --limit 2000 FILE.csv ...

Dev data by default: the rows of sentiment/training_data/*.csv.gz that
training holds out (10% by text hash, never trained on), plus
the dev files of ../shared/data/sentiment/ (English tweets, SentiRuEval-2016 and
RuSentiTweet) when they are there. Prints texts/s and
macro-F1 for each path, measured in interleaved rounds over the same texts
(the median round); the first row is the baseline.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sentiment.evaluate import read_labeled_csv, score_predictions, split_holdout  # noqa: E402
from sentiment.model_files import LABELS, ONNX_FILE, ONNX_INT8_FILE  # noqa: E402
from sentiment.scorer import Scorer, label_map, resolve_model  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "sentiment"
# Dev files the default model never trained on (../shared/data/sentiment/SOURCES.md).
SHARED_DEV = ("en_tweets_dev.csv", "ru_tweets_sentirueval_dev.csv", "ru_rusentitweet_dev.csv")


def dev_rows(files: list[str], limit: int, seed: int = 7):
    rows = []
    if files:
        for f in files:
            rows += read_labeled_csv(f)
    else:
        for f in sorted((ROOT / "sentiment" / "training_data").glob("*.csv.gz")):
            rows += split_holdout(read_labeled_csv(f), 0.1)[1]
        for name in SHARED_DEV:
            if (SHARED / name).exists():
                rows += read_labeled_csv(SHARED / name)
    random.Random(seed).shuffle(rows)
    return rows[:limit] if limit else rows


def naive_pipeline(model_dir: str, prefix: str, max_tokens: int):
    """The pipeline as its documentation shows it: one text at a time, fp32."""
    from transformers import pipeline

    pipe = pipeline("text-classification", model=model_dir, tokenizer=model_dir, device=-1)
    names = label_map(pipe.model.config.id2label)
    index = {str(pipe.model.config.id2label[i]): names[i] for i in pipe.model.config.id2label}

    def run(texts: list[str]) -> list[str]:
        out = pipe([prefix + t for t in texts], truncation=True, max_length=max_tokens)
        return [index[o["label"]] for o in out]

    return run


def molva_path(model_dir: str, backend: str, max_tokens: int):
    scorer = Scorer(model_dir, max_tokens=max_tokens, backend=backend)
    return lambda texts: [v.label for v in scorer.score(texts)]


def interleaved(paths: dict[str, object], texts: list[str], rounds: int):
    """Every round, each path scores the same slice of the texts, in an order
    that rotates from round to round, so that load on a shared machine lands on
    all paths alike. Returns each path's texts/s per round and its predictions."""
    size = -(-len(texts) // rounds)
    slices = [texts[i : i + size] for i in range(0, len(texts), size)]
    names = list(paths)
    speeds = {name: [] for name in names}
    predicted = {name: [] for name in names}
    for k, chunk in enumerate(slices):
        for name in names[k % len(names):] + names[: k % len(names)]:
            started = time.perf_counter()
            out = paths[name](chunk)
            speeds[name].append(len(chunk) / (time.perf_counter() - started))
            predicted[name].append(out)
        print(f"round {k + 1}/{len(slices)}: " + "  ".join(f"{speeds[n][-1]:.0f}" for n in names), file=sys.stderr, flush=True)
    return speeds, {name: [label for part in parts for label in part] for name, parts in predicted.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="labeled CSVs (text,label); default: the dev data above")
    parser.add_argument("--model", default="default")
    parser.add_argument("--limit", type=int, default=1000, help="texts to score (the naive path is slow)")
    parser.add_argument("--rounds", type=int, default=5, help="the texts are split into this many rounds")
    parser.add_argument("--max-tokens", type=int, default=256)
    args = parser.parse_args()

    model_dir = resolve_model(args.model)
    if not (Path(model_dir) / ONNX_INT8_FILE).exists():
        from sentiment.onnx import quantize_int8

        quantize_int8(Path(model_dir) / ONNX_FILE, Path(model_dir) / ONNX_INT8_FILE)
    rows = dev_rows(args.files, args.limit)
    texts, gold = [r.text for r in rows], [r.label for r in rows]
    probe = Scorer(model_dir, backend="torch")
    prefix = probe.prefix
    del probe
    counts = ", ".join(f"{gold.count(label)} {label}" for label in LABELS)
    print(f"model {model_dir}\n{len(texts)} texts ({counts}), {os.cpu_count()} CPU cores, "
          f"{args.rounds} interleaved rounds, median texts/s")

    # Loading is not timed: the weekly run loads once.
    paths = {
        "transformers.pipeline (baseline)": naive_pipeline(model_dir, prefix, args.max_tokens),
        "molva, torch fp32, length-sorted batches": molva_path(model_dir, "torch", args.max_tokens),
        "molva, ONNX fp32 fused, text by text": molva_path(model_dir, "onnx", args.max_tokens),
        "molva, ONNX int8, text by text (default)": molva_path(model_dir, "onnx-int8", args.max_tokens),
    }
    speeds, predicted = interleaved(paths, texts, args.rounds)
    medians = {name: statistics.median(values) for name, values in speeds.items()}
    base_speed = medians["transformers.pipeline (baseline)"]
    print(f"{'path':<44}{'texts/s':>9}{'speedup':>9}{'macro-F1':>10}")
    for name in paths:
        f1 = score_predictions(gold, predicted[name]).macro_f1
        print(f"{name:<44}{medians[name]:>9.1f}{medians[name] / base_speed:>8.1f}×{f1:>10.4f}", flush=True)


if __name__ == "__main__":
    main()
