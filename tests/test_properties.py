"""Property-based tests: for arbitrary Unicode, every offset the service computes slices the text exactly.

``test_text.py`` already covers ``split_sentences`` on any Unicode and ``ingest`` on a small alphabet (sentence
bounds, boilerplate slices). This file adds what it does not: ingest's paragraphs, body and metadata on hostile
text built from combining marks, emoji sequences, CRLF and lone CR, bidi marks, NUL, zero-width joiners and very
long lines; ``find_quote`` and the grounding functions; and the whole pipeline (claims, summary, loaded terms)
with a model that answers garbage, nothing, or claims and sentences cut from the article at random.
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from service.analysis.pipeline import Pipeline
from service.errors import InputError
from service.llm.client import Budget, LLMClient
from service.schemas import AnalysisOut, ArticleIn, Usage
from service.text import lexical
from service.text.grounding import SourceIndex, ground_claim, verify_summary
from service.text.ingest import ingest
from tests.conftest import make_settings

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The judge parses every drawn source with the NLP pipeline: fewer, still arbitrary, examples for those properties.
JUDGE_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that have broken offset code elsewhere: each is one "character" of the generated articles.
HOSTILE = [
    "e\u0301", "\u0301", "\u0308\u0308", "👍🏽", "👨\u200d👩\u200d👧", "🇸🇾", "\u200d", "\u200b", "\ufeff", "\u200f",
    "\u200e", "\u202e", "\u2066", "\u0627\u0644\u0633\u0644\u0627\u0645", "\x00", "\r\n", "\r", "\n", "\n\n",
    "\r\n\r\n", "\t", "\u00a0", "\u2028", "\u2029", "\x85", "\x1c", "ﬁ", "ß", "İ", "Σ", "“", "”", "’", "—", "…",
    "**", "_", "\\", "#", "@", "©", ". ", "? ", "! ", "1,400", "2020", "five", "U.S.", "Mr. ", "\"",
]
# Sentence-like fragments, so that candidate selection, attribution, boilerplate rules and loaded terms fire.
FRAGMENTS = [
    "On Monday, five Turkish soldiers were reported killed in Idlib, officials said. ",
    "According to AMN News, government troops surrounded a Turkish observation post in Saraqib. ",
    "Nebenzia said militants launched over 1,400 attacks in December 2019. ",
    "The regime's terrorists were liberated by jihadists. ",
    "Note to readers: please click the share buttons above. ",
    "Copyright © Global Research, 2020\n\n", "# A title line\n\n", "By [Stephen Lendman](#)\n\n",
    "Global Research, February 12, 2020\n\n", "@realDonaldTrump\n", "1,234 Retweets\n",
    "The original source of this article is South Front\n\n", "\"It is not a country,\" he said. ",
]
LONG_LINE = "Turkey sent 300 tanks to Idlib on Monday and " * 60  # one ~2,700-character line


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(FRAGMENTS),
        st.just(LONG_LINE),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12),
        st.text(alphabet=st.sampled_from("abcdefghij ABCDEF.,"), min_size=1, max_size=20),
    )


articles = st.lists(_piece(), min_size=1, max_size=40).map("".join)
# Mostly news sentences, with hostile pieces between and inside them: enough for claims and terms to appear.
newsy = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.sampled_from(HOSTILE)),
                 min_size=3, max_size=30).map("".join)


def _nonblank(text: str) -> str:
    assume(text.strip())
    return text


@SETTINGS
@given(st.one_of(articles, newsy))
def test_ingest_never_raises_and_every_offset_slices(text: str) -> None:
    text = _nonblank(text)
    doc = ingest(ArticleIn(text=text))
    assert doc.text is text and doc.meta.chars_total == len(text)
    previous_end = 0
    for p in doc.paragraphs:
        piece = text[p.start : p.end]
        assert previous_end <= p.start < p.end <= len(text)
        assert piece == piece.strip(), "paragraphs are trimmed of white space"
        previous_end = p.end
    body = [p for p in doc.paragraphs if p.kind is None]
    assert body, "an article with visible text always has a body"
    assert doc.body_text == "\n\n".join(text[p.start : p.end] for p in body)
    assert doc.meta.chars_body == sum(p.end - p.start for p in body)
    for s in doc.sentences:
        assert any(p.start <= s.start < s.end <= p.end for p in body), "sentences lie inside body paragraphs"
        assert doc.sentence_text(s) == text[s.start : s.end] == text[s.start : s.end].strip()
    assert [b.start for b in doc.boilerplate] == [p.start for p in doc.paragraphs if p.kind is not None]
    for b in doc.boilerplate:
        assert text[b.start : b.end] == b.text


@SETTINGS
@given(articles, st.data())
def test_find_quote_returns_a_span_whose_normal_form_holds_the_quote(text: str, data: st.DataObject) -> None:
    # The quote: a slice of the text (possibly re-typed: case, quotes, dashes, markdown, spacing) or anything.
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 200)))
    retype = data.draw(st.sampled_from([str, str.upper, str.lower, lambda s: s.replace("“", '"').replace("—", "-"),
                                        lambda s: s.replace("**", ""), lambda s: " ".join(s.split())]))
    quote = data.draw(st.one_of(st.just(text[i:j]), st.just(retype(text[i:j])), st.text(max_size=30)))
    span = lexical.find_quote(text, quote)
    if text[i:j].strip() and quote == text[i:j]:
        assert span is not None, "a verbatim slice is always found"
        assert text[span[0] : span[1]] == quote.strip()
    if span is None:
        return
    start, end = span
    assert 0 <= start < end <= len(text)
    found, _ = lexical.normalize_with_map(text[start:end])
    wanted, _ = lexical.normalize_with_map(quote.strip())
    assert wanted.strip() in found, (text[start:end], quote)


@JUDGE_SETTINGS
@given(articles, articles)
def test_verify_summary_spans_slice_source_and_summary(source: str, summary: str) -> None:
    index = SourceIndex(source)
    for u in index.units:
        assert 0 <= u.start < u.end <= len(source)
    for v in verify_summary(source, summary, index):
        assert summary[v.start : v.end] == v.sentence
        assert 0.0 <= v.score <= 1.0
        for span in v.support:
            assert source[span.start : span.end] == span.text
        if v.supported:
            assert v.support and not v.missing_numbers and not v.missing_names


@JUDGE_SETTINGS
@given(articles, st.data())
def test_ground_claim_is_exact_about_its_quote(source: str, data: st.DataObject) -> None:
    index = SourceIndex(source)
    start = data.draw(st.integers(-2, len(source) + 2))
    end = data.draw(st.integers(start - 1, len(source) + 3))
    quote = data.draw(st.one_of(st.just(source[max(start, 0) : max(end, 0)]), st.text(max_size=20)))
    claim = data.draw(st.one_of(st.just(quote), st.text(max_size=60)))
    g = ground_claim(index, claim, start, end, quote)
    assert g.quote_exact == (0 <= start < end <= len(source) and source[start:end] == quote)
    if g.status == "supported":
        assert g.quote_exact and g.evidence
    for span in g.evidence:
        assert source[span.start : span.end] == span.text


class _ScriptedModel(LLMClient):
    """A model that answers each task with a drawn raw string; parsing, repair and fallback are the real code.

    The answer ``ECHO`` (``ECHO+``) copies every offered sentence back as a claim (with an invented number).
    """

    def __init__(self, settings: Any, answers: dict[str, list[str]]) -> None:
        super().__init__(settings)
        self.answers = answers
        self.asked = 0

    async def _call(self, messages: list[dict[str, str]], response_format: dict[str, Any] | None,
                    budget: Budget, usage: Usage) -> str:
        task = "claims" if any("Sentences:" in m["content"] for m in messages) else "summary"
        queue = self.answers[task]
        self.asked += 1
        usage.calls += 1
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if answer.startswith("ECHO"):
            offered = messages[-1]["content"].split("Sentences:", 1)[-1]
            lines = [ln.split(". ", 1) for ln in offered.splitlines() if ln[:1].isdigit() and ". " in ln]
            extra = " 98,765 dead in Paris." if answer == "ECHO+" else ""
            answer = json.dumps({"claims": [{"sentence": int(n), "claim": c + extra} for n, c in lines[:16]
                                            if n.isdigit() and len(c) >= 3]})
        return answer


def _cuts(text: str) -> st.SearchStrategy[str]:
    """Slices of the article (what a model copies), sometimes with an invented number appended."""
    return st.tuples(st.integers(0, len(text)), st.integers(1, 300), st.booleans()).map(
        lambda t: text[t[0] : t[0] + t[1]] + (" 98,765 dead in Paris." if t[2] else ""))


def _answers(text: str) -> st.SearchStrategy[dict[str, list[str]]]:
    garbage = st.sampled_from(["", "not json", "{", "[]", "null", '{"claims": 7}', '{"sentences": []}',
                               '{"sentences": ["' + "x" * 50, "```json\n{}\n```"])
    claims = st.lists(st.fixed_dictionaries({"sentence": st.integers(1, 30), "claim": _cuts(text),
                                             "said_by": st.sampled_from(["", "the author", "AMN News"])}),
                      max_size=6).map(lambda cs: json.dumps({"claims": [c for c in cs if len(c["claim"]) >= 3]}))
    sentences = st.lists(_cuts(text), min_size=1, max_size=6).map(lambda ss: json.dumps({"sentences": ss}))
    echo = st.sampled_from(["ECHO", "ECHO+"])
    return st.fixed_dictionaries({"claims": st.lists(st.one_of(garbage, claims, echo), min_size=1, max_size=2),
                                  "summary": st.lists(st.one_of(garbage, sentences), min_size=1, max_size=2)})


def _assert_grounded(text: str, out: AnalysisOut) -> None:
    for c in out.claims:
        assert text[c.start : c.end] == c.quote, c
        assert c.grounding.quote_exact and c.grounding.status == "supported"
        for span in c.grounding.evidence:
            assert text[span.start : span.end] == span.text
    for s in out.summary.sentences:
        assert s.supported and s.support
        for span in s.support:
            assert text[span.start : span.end] == span.text
        assert "98765" not in lexical.numbers(s.text), "an invented number reached the summary"
    for c in out.claims:
        assert "98765" not in c.numbers, "an invented number reached a claim"
    for t in out.loaded_terms:
        assert text[t.start : t.end] == t.text
    for b in out.article.boilerplate:
        assert text[b.start : b.end] == b.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_pipeline_claims_and_summary_slice_the_source_whatever_the_model_says(data: st.DataObject) -> None:
    text = _nonblank(data.draw(st.one_of(newsy, articles)))
    assume("98765" not in lexical.number_values(text))
    answers = data.draw(_answers(text))
    s = make_settings(SimpleNamespace(url="http://127.0.0.1:9/v1"), claims_batch_size=4)  # never called
    model = _ScriptedModel(s, answers)
    pipeline = Pipeline(s, llm=model)
    try:
        analysis = asyncio.run(pipeline.analyze(ArticleIn(text=text), "prop"))
    except InputError as e:
        # A draw of mostly boilerplate and symbols may not read as English: refused (a 422), as designed.
        assume("does not look like English" not in str(e))
        raise
    assert model.asked >= 1, "the scripted model was not asked: has LLMClient._call changed?"
    result = pipeline.to_response(analysis)
    # Offsets index the text sent, or the normalised text the response then carries (CRLF line endings).
    assert (result.article.text is not None) == ("\r" in text)
    _assert_grounded(result.article.text or text, result)
