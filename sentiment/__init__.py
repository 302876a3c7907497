"""Sentiment: any Hugging Face sequence-classification model, by hub id or local
path, mapped onto negative / neutral / positive and run in length-sorted batches."""

from sentiment.model_files import LABELS
from sentiment.scorer import ModelNotFound, Scorer, Verdict

__all__ = ["LABELS", "ModelNotFound", "Scorer", "Verdict"]
