"""The real loading and batching code, run on a tiny random model."""

import pytest

from sentiment import Scorer
from sentiment.scorer import ModelNotFound, label_map, resolve_model


def test_scores_come_back_in_input_order_with_probabilities(tiny_model):
    scorer = Scorer(str(tiny_model), batch_size=2)
    texts = ["short", "a much longer text about the internet being down for days", "средний текст", "ok"]
    verdicts = scorer.score(texts)
    assert len(verdicts) == 4
    for v in verdicts:
        assert v.label in ("negative", "neutral", "positive")
        assert 1 / 3 <= v.score <= 1 and -1 <= v.polarity <= 1
    # batching and sorting by length must not change a text's verdict
    assert scorer.score([texts[1]])[0].label == verdicts[1].label
    assert scorer.score([texts[1]])[0].polarity == pytest.approx(verdicts[1].polarity, abs=1e-5)


def test_empty_and_symbol_only_texts_are_unscored(tiny_model):
    scorer = Scorer(str(tiny_model))
    assert [v.label for v in scorer.score(["", "   ", "!!! ???"])] == ["unscored"] * 3


def test_the_model_id_names_the_model_and_its_weights(tiny_model):
    assert Scorer(str(tiny_model)).model_id.startswith(tiny_model.name + "@")


@pytest.mark.parametrize("names, expected", [
    ({0: "NEGATIVE", 1: "NEUTRAL", 2: "POSITIVE"}, ["negative", "neutral", "positive"]),
    ({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, ["negative", "neutral", "positive"]),
    ({0: "neg", 1: "pos"}, ["negative", "positive"]),
    ({0: "1 star", 1: "2 stars", 2: "3 stars", 3: "4 stars", 4: "5 stars"},
     ["negative", "negative", "neutral", "positive", "positive"]),
])
def test_label_names_map_onto_three_classes(names, expected):
    assert label_map(names) == expected


def test_a_missing_model_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("MOLVA_MODEL_DIR", str(tmp_path / "nothing"))
    with pytest.raises(ModelNotFound, match="run `molva model build`"):
        resolve_model("default", build=False)
    with pytest.raises(ModelNotFound, match="no config.json"):
        resolve_model(str(tmp_path))
