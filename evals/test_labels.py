"""Every reference file loads, validates and slices its article exactly."""

from __future__ import annotations

import hashlib
import json

import pytest
import yaml

from evals.labels import ARTICLES, DATA, article_ids, load, load_embedded, load_qags
from service.analysis.summary import _ModelSummary  # the schema the service reads a summary answer with
from service.llm.structured import parse_json
from service.text.sentences import split_sentences

IDS = article_ids()
CASSETTES = "evals/cassettes/openai_smollm2-135m-instruct"


def test_there_are_seeds_and_at_least_ten_public_articles() -> None:
    assert sum(i[0].isdigit() for i in IDS) == 5 and sum(not i[0].isdigit() for i in IDS) >= 10
    provenance = json.loads((ARTICLES / "PROVENANCE.json").read_text("utf-8"))
    for i in IDS:
        if not i[0].isdigit():
            assert {"repo", "commit", "path"} <= set(provenance[i])


@pytest.mark.parametrize("article_id", IDS)
def test_labels_validate(article_id: str) -> None:
    text, labels = load(article_id)
    assert labels.claims and labels.key_facts and len(text) > 500


def test_seed_origins_cover_every_seed_once() -> None:
    origins = json.loads((DATA / "origins.json").read_text("utf-8"))
    members = [a for g in origins["groups"] for a in g["article_ids"]]
    assert sorted(members) == sorted(i for i in IDS if i[0].isdigit())


def test_frank_texts_are_the_verified_ones() -> None:
    """The FRANK texts were compared byte for byte with the fetched repository (PROVENANCE.json "verified");
    an edited text would silently move every labelled offset."""
    provenance = json.loads((ARTICLES / "PROVENANCE.json").read_text("utf-8"))
    for i in IDS:
        if not i[0].isdigit():
            digest = hashlib.sha256((ARTICLES / f"{i}.txt").read_bytes()).hexdigest()
            assert provenance[i]["verified"]["result"] == "identical"
            assert provenance[i]["verified"]["text_sha256"] == digest, i


def test_qags_pairs_validate_and_have_both_classes() -> None:
    sources, pairs = load_qags()  # pydantic: fields, majority-of-3 label, 40-hex commit, every source present
    assert len(pairs) >= 100 and len(sources) >= 40
    assert {p.supported for p in pairs} == {True, False}


def _summary_sentences(cassette: str) -> list[str]:
    """Every sentence of the summary responses recorded in a cassette, read as the service reads them (its JSON
    parser repairs a sloppy answer; an unusable one has no sentences) and split as the scorer splits them."""
    recorded = yaml.safe_load((DATA.parent.parent / cassette).read_text("utf-8"))
    out = []
    for it in recorded["interactions"]:
        if "You are a careful news editor" not in json.loads(it["request"]["body"])["messages"][0]["content"]:
            continue
        answer, _ = parse_json(json.loads(it["response"]["body"]["string"])["choices"][0]["message"]["content"],
                               _ModelSummary)
        for item in answer.sentences if answer is not None else []:
            item = " ".join(item.split())
            out += [item[s.start : s.end] for s in split_sentences(item)]
    return out


def test_embedded_pairs_validate_and_are_every_recorded_model_sentence() -> None:
    sources, pairs = load_embedded()  # pydantic: fields, a reason per label, every source an eval article
    assert set(sources) <= set(IDS)
    assert {p.supported for p in pairs} == {True, False}
    assert {p.supported for p in pairs if not p.placeholder} == {True, False}
    for p in pairs:
        assert p.provenance.cassette == f"{CASSETTES}/test_article[{p.source_ref}].yaml"
    # Every eval article's recorded summary, sentence for sentence: verbatim, none left out, none extra (an
    # article whose answer the service cannot use has none).
    for ref in IDS:
        recorded = {(ref, s) for s in _summary_sentences(f"{CASSETTES}/test_article[{ref}].yaml")}
        assert {(p.source_ref, p.sentence) for p in pairs if p.source_ref == ref} == recorded, ref
    assert len(pairs) == len({(p.source_ref, p.sentence) for p in pairs})
