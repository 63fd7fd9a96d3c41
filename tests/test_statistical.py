"""The statistical NER shipped in the package: loads offline, finds names in real text, is deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsextract
from newsextract.candidates import Candidate
from newsextract.recognizers.statistical import MODELS_DIR, StatisticalNER, char_doc, model_path
from newsextract.resolve import select

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _line(file: str, needle: str) -> str:
    for line in (CORPUS / file).read_text(encoding="utf-8").splitlines():
        if needle in line:
            return line.strip()
    raise AssertionError(f"{needle!r} not in {file}")


@pytest.fixture(scope="module")
def ner() -> StatisticalNER:
    """The shipped model with all four labels (the pipeline may be configured to emit fewer)."""
    return StatisticalNER(model_path("ner"))


def _found(ner: StatisticalNER, text: str) -> set[tuple[str, str]]:
    (doc,) = ner._run([text])
    return {(c.label, text[c.start:c.end]) for c in ner._candidates(doc)}


def test_model_is_package_data_and_small() -> None:
    path = model_path("ner")
    assert path == MODELS_DIR / "ner"
    assert Path(newsextract.__file__).parent in path.parents
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 20 * 1024 * 1024


def test_component_feeds_the_features_the_shipped_model_reads(ner) -> None:
    # a softword model embeds the jieba word position (TAG) and the word (LEMMA) beside
    # the character, bigram and shape; a plain character model (the shipped one, see
    # MODEL.md) only the character, bigram and shape: the component must know which
    cfg = ner.inner.config["components"]["tok2vec"]["model"]["embed"]
    assert cfg["attrs"][:3] == ["ORTH", "NORM", "SHAPE"]
    assert ner.softword == ("TAG" in cfg["attrs"] and "LEMMA" in cfg["attrs"])
    assert (model_path("ner") / "config.cfg").is_file()


def test_pipeline_runs_the_statistical_ner(pipe) -> None:
    names = pipe.nlp.pipe_names
    assert names.index("newsextract_statistical_ner") < names.index("newsextract_resolver")
    assert pipe.nlp.get_pipe("newsextract_statistical_ner").path == MODELS_DIR / "ner"
    _, doc = pipe.make_doc(newsextract.schema.Article(id="t", text=_line("news-29.txt", "董世梅")))
    doc = pipe.nlp(doc)
    ner = {(c.label, doc.text[c.start:c.end]) for c in doc._.ne_candidates if c.source == "ner"}
    assert ("PERSON", "董世梅") in ner
    assert ("PERSON", "董世梅") in {(e.label_, e.text) for e in doc.ents}


# The sentences below come from gold/dev articles, which are part of the NER's
# training data: these tests check that the shipped model loads and behaves,
# not how well it generalises (scripts/bench_ner.py measures that).
def test_finds_a_reporter_and_a_newspaper(ner) -> None:
    text = _line("qingdao-daily-parks.txt", "记者 周伟")  # □青岛日报/观海新闻记者 周伟
    found = _found(ner, text)
    assert ("PERSON", "周伟") in found
    assert ("ORG", "青岛日报") in found


def test_finds_people_in_a_byline(ner) -> None:
    text = _line("news-29.txt", "董世梅")  # 本报记者 董世梅实习生 唐丽华
    found = _found(ner, text)
    assert ("PERSON", "董世梅") in found and ("PERSON", "唐丽华") in found


def test_finds_government_bodies_and_a_person(ner) -> None:
    text = _line("news-01.txt", "虞爱华")
    found = _found(ner, text)
    assert ("PERSON", "虞爱华") in found
    assert ("ORG", "合肥市委") in found


def test_candidates_carry_source_ner_and_offsets_into_the_text(pipe) -> None:
    text = "□青岛日报/观海新闻记者 周伟"
    _, doc = pipe.make_doc(newsextract.schema.Article(id="t", text=text))
    doc = pipe.nlp.get_pipe("newsextract_statistical_ner")(doc)
    cands = [c for c in doc._.ne_candidates if c.source == "ner"]
    assert cands and all(0 <= c.start < c.end <= len(text) for c in cands)
    assert all(0 < c.score < 1 for c in cands)


def test_ner_never_overrides_a_rule_or_gazetteer_hit() -> None:
    # the resolver's policy as configured: ner is a lower tier than rules and gazetteers
    from newsextract.pipeline import load_config

    prio = dict(load_config()["components"]["newsextract_resolver"]["priorities"])
    park = Candidate(0, 9, "PARK", "rules:parks")
    gaz = Candidate(10, 12, "LOC", "gazetteer:places")
    ner_long = Candidate(0, 12, "ORG", "ner", 0.6)
    ner_inner = Candidate(10, 13, "COMPANY", "ner", 0.6)
    kept = select([ner_long, ner_inner, park, gaz], prio)
    assert kept == [park, gaz]


def test_deterministic(ner) -> None:
    text = (CORPUS / "news-01.txt").read_text(encoding="utf-8")
    first = _found(ner, text)
    again = _found(ner, text)
    fresh = StatisticalNER(model_path("ner"))
    assert first == again == _found(fresh, text)
    assert first  # the article names places and organisations


def test_char_doc_norm_is_the_bigram(ner) -> None:
    doc = char_doc(ner.inner.vocab, "青岛日报")
    assert [t.text for t in doc] == list("青岛日报")
    assert [t.norm_ for t in doc] == ["青岛", "岛日", "日报", "报"]


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="statistical NER model not found"):
        model_path("no-such-model")


def test_char_doc_softword_marks_each_character_in_its_word(ner) -> None:
    words = ["青岛", "京东方", "项目"]
    doc = char_doc(ner.inner.vocab, "青岛京东方项目", softword=True, words=words)
    assert [t.text for t in doc] == list("青岛京东方项目")
    assert [t.tag_ for t in doc] == ["B", "E", "B", "M", "E", "B", "E"]
    # LEMMA is the hash of the word (strings are not stored at inference)
    from spacy.strings import get_string_id

    assert [t.lemma for t in doc] == [get_string_id(w) for w in words for _ in w]
    single = char_doc(ner.inner.vocab, "在京", softword=True, words=["在", "京"])
    assert [t.tag_ for t in single] == ["S", "S"]


def test_char_doc_softword_rejects_words_that_are_not_the_text(ner) -> None:
    with pytest.raises(ValueError, match="do not concatenate"):
        char_doc(ner.inner.vocab, "青岛京东方", softword=True, words=["青岛", "京东"])


def test_softword_words_from_the_main_doc_are_jiebas_words(pipe) -> None:
    # the pipeline gives the NER the main doc's jieba tokens instead of running
    # jieba again; they must be the words the model was trained with
    from newsextract.recognizers.statistical import jieba_words, words_from_edges
    from newsextract.segment import sentence_starts

    text = (CORPUS / "news-01.txt").read_text(encoding="utf-8")
    _, doc = pipe.make_doc(newsextract.schema.Article(id="t", text=text))
    edges = StatisticalNER._edges(doc)
    starts = sentence_starts(doc.text)
    checked = 0
    for a, b in zip(starts, [*starts[1:], len(doc.text)]):
        sent = doc.text[a:b]
        if sent.strip():
            assert words_from_edges(sent, [e - a for e in edges if a < e < b]) == jieba_words(sent)
            checked += 1
    assert checked > 10


def test_person_check_keeps_names_and_drops_words() -> None:
    checked = StatisticalNER(model_path("ner"), person_check=True)
    for name in ("董世梅", "周伟", "欧阳娜娜", "埃隆·马斯克"):
        assert checked.plausible_person(name), name
    # 多晶硅 (polysilicon), 产城 (industry and city), a Latin word: not names
    for word in ("多晶硅", "产城", "Original", "周", "王某某某某"):
        assert not checked.plausible_person(word), word
    text = _line("news-29.txt", "董世梅")
    assert ("PERSON", "董世梅") in _found(checked, text)


@pytest.mark.parametrize("text, ok", [
    ("湖北荆门", False),        # two places: LOCs, not a company
    ("上海青浦", False),
    ("招商政策", False),        # generic words
    ("九江市石化产业基地", False),  # ends in a facility word
    ("亿纬锂能", True),
    ("江苏省文联", True),
])
def test_company_and_org_proposals_must_read_as_names(text, ok):
    from newsextract.recognizers.statistical import plausible_organisation

    assert plausible_organisation(text) is ok
