"""Class offsets by language: fitted where a model under-calls a class, applied to
the texts of that language only, carried from the artifact into the built model."""

import json
import shutil

from click.testing import CliRunner

from molva.cli import main
from sentiment import Scorer
from sentiment.artifact import is_stale
from sentiment.calibration import fit_class_bias, with_bias
from sentiment.model_files import LABELS


def test_an_under_called_class_gets_the_offsets_that_call_it():
    # neutral rows the model leans to call negative (0.5 against 0.4): an offset against negative fixes them
    rows = [([0.5, 0.4, 0.1], "neutral")] * 40 + [([0.8, 0.15, 0.05], "negative")] * 30 + [
        ([0.1, 0.2, 0.7], "positive")] * 30
    bias = fit_class_bias([p for p, _ in rows], [g for _, g in rows], list(LABELS))
    assert bias["negative"] < 0
    fixed = [LABELS[max(range(3), key=lambda i: q[i])] for q in (with_bias(p, list(LABELS), bias) for p, _ in rows)]
    assert fixed == [g for _, g in rows]


def test_rows_called_right_get_no_offsets():
    rows = [([0.7, 0.2, 0.1], "negative"), ([0.2, 0.7, 0.1], "neutral"), ([0.1, 0.2, 0.7], "positive")] * 10
    assert fit_class_bias([p for p, _ in rows], [g for _, g in rows], list(LABELS)) == {}


def test_offsets_apply_to_their_language_only(tiny_model, tmp_path):
    texts = ["the internet is down again", "интернет снова не работает", "a third text in English"]
    plain = [v.label for v in Scorer(str(tiny_model), backend="torch").score(texts)]
    # a class the model gives neither English text, made theirs by a large offset for English
    target = next(label for label in LABELS if label not in (plain[0], plain[2]))
    model = tmp_path / "biased"
    shutil.copytree(tiny_model, model)
    config = json.loads((model / "config.json").read_text())
    config["molva_class_bias"] = {"en": {target: 50.0}}
    (model / "config.json").write_text(json.dumps(config))
    biased = Scorer(str(model), backend="torch")
    assert [v.label for v in biased.score(texts, ["en", "ru", "en"])] == [target, plain[1], target]
    # where the caller knows no languages, the texts' own tell (as the collect stage stores them)
    assert [v.label for v in biased.score(texts)] == [target, plain[1], target]


def test_calibrate_writes_the_offsets_into_the_model(tiny_model, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(tiny_model, model)
    data = tmp_path / "en.csv"
    data.write_text("text,label\n" + "".join(f"text number {n} about the service,{LABELS[n % 3]}\n" for n in range(30)))
    result = CliRunner().invoke(main, ["model", "calibrate", "--lang", "en", "--model", str(model), "--holdout", "1",
                                       str(data)])
    assert result.exit_code == 0, result.output
    assert "macro-F1 on these 30 rows" in result.output
    written = json.loads((model / "config.json").read_text())["molva_class_bias"]
    assert set(written) <= {"en"}
    assert Scorer(str(model)).class_bias == written


def test_a_model_built_from_an_earlier_artifact_is_stale(tmp_path):
    artifact, model = tmp_path / "artifact", tmp_path / "model"
    artifact.mkdir()
    model.mkdir()
    meta = {"name": "m", "base": {"sha256": "x"}, "shards": {"head.npz": "y"}, "class_bias": {}}
    (artifact / "meta.json").write_text(json.dumps(meta))
    (model / "molva-artifact.json").write_text(json.dumps({k: meta[k] for k in ("name", "base", "shards", "class_bias")}))
    assert not is_stale(model, artifact)
    meta["class_bias"] = {"en": {"negative": -0.6}}
    (artifact / "meta.json").write_text(json.dumps(meta))
    assert is_stale(model, artifact)
