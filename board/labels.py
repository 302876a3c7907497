"""How the board names verdicts and case statuses."""

LABEL_NAMES = {"negative": "complaint", "neutral": "neutral", "positive": "praise",
               "irrelevant": "not about us", "unscored": "unscored"}
STATUS_NAMES = {"open": "open", "in_progress": "in progress", "resolved": "resolved", "rejected": "rejected"}
