"""The learned person-name tagger: names in running text, and how it is trained.

Sentences here are written for the project (NorNE's sentences may not be republished); the
training test runs the real training script on a small CoNLL-U file made up here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilstede.screening import norne, screen, tagger, tagger_train
from tilstede.screening.names import _FIRST_FORMS, _SURNAME_FORMS, _TAGGER


def _names(text: str, lang: str | None = "nb") -> list[str]:
    return [f.text for f in screen(text, lang).findings if f.category == "person_name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Etter møtet sa Torbjørg Vassbotn at saken var godt opplyst.", "Torbjørg Vassbotn"),
        ("Det var Gudleik Ramstad som fann den gamle båten i fjøra.", "Gudleik Ramstad"),
        ("– Vi er godt fornøgde, seier Solfrid Hjelmeland til avisa.", "Solfrid Hjelmeland"),
    ],
)
def test_it_finds_a_private_persons_name_in_running_text(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kontoret på Lillestrøm holder stengt i morgen.",
        "Bussen kom ikke i dag heller, og ingen sa noe.",
        "Rektor sier at fraværet ikke er godkjent.",
        "Adresse: se nettsiden for åpningstider.",
        "Fikk SMS om at pakken var på vei.",
    ],
)
def test_it_takes_no_place_role_label_or_acronym_for_a_name(text: str) -> None:
    assert _names(text) == []


def test_it_leaves_english_texts_to_the_rules() -> None:
    assert _names("Population figures for Tromsø were published today.", "en") == []


def test_it_keeps_a_title_in_front_out_of_the_name() -> None:
    found = screen("Saken ble lagt fram av rådgiver Ingvild Sæternes i går.", "nb").findings
    assert [f.text for f in found if f.category == "person_name"] == ["Ingvild Sæternes"]


def test_it_ships_weights_and_word_lists_but_no_sentence() -> None:
    data = json.loads(
        (Path(tagger.__file__).parent / "data" / tagger.MODEL_FILE).read_text(encoding="utf-8")
    )
    assert set(data) >= {"weights", "threshold", "lower_case_words", "places", "floor"}
    # Features are single tokens ("w=...", "p1=..."), never running text.
    assert all(" " not in name.split("=", 1)[-1] for name in data["weights"])
    assert all(" " not in w for w in data["lower_case_words"] + data["places"])


_CONLLU = """\
# sent_id = 1
1\tI\ti\tADP\t_\t_\t2\tcase\t_\tname=O
2\tgår\tgå\tVERB\t_\t_\t0\troot\t_\tname=O
3\tsa\tsi\tVERB\t_\t_\t2\tconj\t_\tname=O
4\tTorvald\tTorvald\tPROPN\t_\t_\t3\tnsubj\t_\tname=B-PER
5\tMyklebust\tMyklebust\tPROPN\t_\t_\t4\tflat:name\t_\tSpaceAfter=No|name=I-PER
6\t.\t$.\tPUNCT\t_\t_\t2\tpunct\t_\tname=O

# sent_id = 2
1\tVi\tvi\tPRON\t_\t_\t2\tnsubj\t_\tname=O
2\treiste\treise\tVERB\t_\t_\t0\troot\t_\tname=O
3\ttil\ttil\tADP\t_\t_\t4\tcase\t_\tname=O
4\tValdres\tValdres\tPROPN\t_\t_\t2\tobl\t_\tSpaceAfter=No|name=B-GPE_LOC
5\t.\t$.\tPUNCT\t_\t_\t2\tpunct\t_\tname=O

"""


def test_it_reads_conllu_into_text_and_person_spans(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu"
    path.write_text(_CONLLU, encoding="utf-8")
    first, second = list(norne.read(path))
    text, _offsets, people = first.text_and_spans()
    assert text == "I går sa Torvald Myklebust."
    assert [text[s:e] for s, e in people] == ["Torvald Myklebust"]
    assert second.text_and_spans()[2] == []


def test_it_holds_back_every_fifth_block_of_sentences(tmp_path: Path) -> None:
    (tmp_path / norne.FILES["nb"]).write_text(_CONLLU * 60, encoding="utf-8")
    train = norne.split("nb", "train", tmp_path)
    held = norne.split("nb", "heldout", tmp_path)
    assert len(train) + len(held) == 120
    assert len(held) == 120 // norne.BLOCK // norne.HELD_BACK_EVERY * norne.BLOCK
    with pytest.raises(ValueError, match="part"):
        norne.split("nb", "test", tmp_path)


def test_it_trains_a_model_from_conllu_files(tmp_path: Path) -> None:
    for name in norne.FILES.values():
        (tmp_path / name).write_text(_CONLLU * 30, encoding="utf-8")
    out = tmp_path / "model.json"
    assert tagger_train.main(["--norne", str(tmp_path), "--out", str(out)]) == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    assert "Valdres" in model["places"]
    trained = tagger.Tagger(model, (_FIRST_FORMS, _SURNAME_FORMS))
    text = "I går sa Torvald Myklebust."
    assert [(text[s:e]) for s, e, _score in trained.names(text)] == ["Torvald Myklebust"]


# Pieces for the neighbour windows' edge cases: long words and long runs of whitespace
# (beyond the 48 characters the window reads), digits, "_", letters beyond Latin-1,
# combining marks, emoji and every kind of whitespace the window widens to or not.
_PIECES = st.sampled_from(
    [
        "Kari",
        "Hansen",
        "Takk",
        "sa",
        "og",
        "Ole-Petter",
        "Kari2",
        "Ola_",
        "iPhone",
        "McDonald",
        "İstanbul",
        "ØYVIND",
        "Łukasz",
        "É",
        "e\u0301",
        "😡",
        "12",
        "٣",
        "_",
        ".",
        ",",
        "«",
        "–",
        " ",
        "\n",
        "\t",
        "\u00a0",
        "\r",
        " " * 50,
        "x" * 70,
        "Y" * 40,
        "Langtnavnsomslettikkeslutterfoerlangtetterfemtitegnogmerenndet",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_it_reads_the_same_neighbours_as_the_window_it_was_trained_on(text: str) -> None:
    backwards = text[::-1]
    for m in tagger._CAPITALISED.finditer(text):
        start, end = m.span()
        assert tagger.neighbours(text, backwards, start, end) == tagger.neighbours_in_window(
            text, start, end
        )


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_it_scores_generated_texts_as_the_feature_lists_do(text: str) -> None:
    assert _TAGGER.names(text) == _names_from_features(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_it_leaves_out_exactly_the_runs_of_one_word_the_caller_drops(text: str) -> None:
    never_alone = frozenset({"Kari", "Takk", "Ole", "McDonald"})
    assert _TAGGER.names(text, never_alone=never_alone) == [
        (start, end, score)
        for start, end, score in _TAGGER.names(text)
        if text[start:end] not in never_alone
    ]


def _names_from_features(text: str) -> list[tuple[int, int, float]]:
    """Tagger.names as first written: every capitalised token found by a regex pass, its
    neighbours read from a window of the text, and its score from the feature lists."""
    t = _TAGGER
    out: list[tuple[int, int, float]] = []
    for m in tagger._CAPITALISED.finditer(text):
        tok = m.group()
        feats = tagger.word_features(tok, t.lists)
        feats += tagger.ordinary_word_features(tok, t.lower_case_words)
        own = sum(t.weights.get(f, 0.0) for f in feats)
        if not tok[0].isupper() or not (own > t.floor and tok not in t.places):
            continue
        start, end = m.span()
        prev2, prev, nxt, nxt2 = tagger.neighbours_in_window(text, start, end)
        context = tagger.context_features(prev2, prev, nxt, nxt2, t.lists)
        s = own + sum(t.weights.get(f, 0.0) for f in context)
        if s <= t.threshold:
            continue
        if s <= t.threshold_alone and tagger.opens_a_sentence(prev) and not nxt[:1].isupper():
            continue
        if out and tagger._joins(text, out[-1][1], start):
            out[-1] = (out[-1][0], end, max(out[-1][2], s))
        else:
            out.append((start, end, s))
    return out


def test_it_scores_the_development_corpus_as_the_feature_lists_do() -> None:
    """The remembered word and context scores and the regex neighbours give exactly the
    scores of the features worked out afresh for every word."""
    corpus = Path(__file__).resolve().parent.parent / "data" / "screening_corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines() if line]
    for text in texts + texts:  # the second round reads the remembered scores
        assert _TAGGER.names(text) == _names_from_features(text)
