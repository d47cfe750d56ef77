"""The API contract: every request and response body is one of these models.

Offsets (``start``/``end``) are indices into the submitted text as a Python string (Unicode code points),
so ``text[start:end] == quote`` holds for every span the service returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Method = Literal["llm", "extractive"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleIn(_Strict):
    """An article to analyse. ``text/plain`` bodies are read as ``{"text": body}``."""

    text: str = Field(description="The article's full text, as published (boilerplate is set aside).")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    outlet: str | None = Field(default=None, max_length=300)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or whitespace only")
        return value


class VerificationIn(_Strict):
    source: str = Field(description="The text the summary claims to report.")
    summary: str = Field(description="The summary to check, sentence by sentence.")

    @field_validator("source", "summary")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty or whitespace only")
        return value


class Span(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class BoilerplateSpan(Span):
    kind: str = Field(description="instruction (text addressed to an AI model: a possible prompt injection, "
                      "reported and never analysed), share_appeal, donation_appeal, disclaimer, copyright, "
                      "author_bio, social_post, navigation, media_link, separator")


class ArticleMeta(BaseModel):
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    original_source: str | None = Field(
        default=None, description="Who first published it, when the text says so."
    )
    chars_total: int
    chars_body: int = Field(description="Characters left after boilerplate was set aside.")
    source_format: Literal["text", "html"] = Field(
        default="text", description="html: the article was extracted from an HTML page; offsets index ``text``.")
    text: str | None = Field(default=None, description="The text every offset of the response indexes, when it is "
                             "not the text sent: the article extracted from HTML input, or text whose line endings "
                             "(CRLF, CR) were normalised to LF. Null otherwise: offsets index the text sent.")
    boilerplate: list[BoilerplateSpan] = Field(default_factory=list)


class LoadedTerm(Span):
    term: str = Field(description="The lexicon entry it matched.")
    category: str
    neutral: str = Field(description="The neutral wording the summary uses instead.")


class Grounding(BaseModel):
    """The deterministic check of a claim against the source."""

    status: Literal["supported", "unsupported"]
    quote_exact: bool = Field(description="text[start:end] == quote")
    score: float = Field(default=0.0, ge=0, le=1, description="The judge's calibrated confidence that the "
                         "evidence states the claim's content (the rules' findings aside).")
    missing_numbers: list[str] = Field(default_factory=list)
    missing_names: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="Why it is unsupported, in plain words (a number, "
                               "date, name, role, negation, condition, hedge or attribution the evidence does not "
                               "bear out, or too little of its content).")
    evidence: list[Span] = Field(default_factory=list, description="The source spans checked.")
    warnings: list[str] = Field(default_factory=list, description="What a reader should know even of a "
                                "supported claim: a year the article does not give (it has no date to check it "
                                "by), an attribution a summary sentence drops.")


class When(BaseModel):
    """When a claim's event happened, as the article gives it."""

    text: str = Field(description="As written: 'on Monday', 'February 10 and February 12', 'last week'.")
    date: str | None = Field(default=None, description="ISO 8601: a day ('2020-02-10') or an interval "
                             "('2020-02-03/2020-02-09'), resolved from the article's publication date for relative "
                             "dates; null when it cannot be resolved (see note).")
    note: str | None = Field(default=None, description="Why it is not resolved.")


Certainty = Literal["asserted", "hedged", "conditional", "predicted", "normative", "question"]


class Claim(BaseModel):
    id: str
    text: str = Field(description="Atomic, self-contained statement of the claim. Text inside quotation marks is the "
                      "article's, verbatim.")
    quote: str = Field(description="Verbatim source span.")
    start: int
    end: int
    attributed_to: str = Field(description="Who asserts it in the article: 'the author' or a named party.")
    attribution_chain: list[str] = Field(default_factory=list, description="Who reports whom, outermost first, "
                                         "when the article gives a chain ('Southfront reported that officials "
                                         "said ...': ['Southfront', 'officials']); empty for the author's own.")
    kind: Literal["event", "quantity", "statement", "relation"]
    certainty: Certainty = Field(default="asserted", description="As the article puts it: asserted, hedged "
                                 "('reportedly'), conditional ('if ...': the claim keeps its condition), predicted "
                                 "('will'), normative ('should'), or a question. Only asserted claims are "
                                 "checkable as facts.")
    checkable: bool = Field(default=True, description="False for hedged, conditional, predicted and question claims.")
    entities: list[str] = Field(default_factory=list)
    when: When | None = None
    where: list[str] = Field(default_factory=list, description="Places the claim names.")
    numbers: list[str] = Field(default_factory=list)
    checkworthiness: float = Field(ge=0, le=1, description="How much a fact-checker would want it checked (0-1): "
                                   "the mean of two fitted probabilities, that it is of medium or high and that it is "
                                   "of high check-worthiness (service/text/checkworthiness.py); 0.67 and over reads as "
                                   "high, under 0.34 as low.")
    method: Method = Field(description="llm: written by the model and checked; extractive: by rules.")
    grounding: Grounding


class RejectedItem(BaseModel):
    text: str = Field(description="The rejected text, cut to a readable length.")
    reason: str
    count: int = Field(default=1, ge=1, description="How many times the model returned it.")


class SummarySentence(BaseModel):
    text: str
    supported: bool
    support: list[Span] = Field(description="Source spans that support the sentence.")
    method: Method
    edits: list[str] = Field(default_factory=list, description="Neutralising edits made by code.")


class Summary(BaseModel):
    text: str
    method: Literal["llm", "extractive", "mixed"] = Field(description="Which produced its sentences.")
    sentences: list[SummarySentence]
    rejected: list[RejectedItem] = Field(
        default_factory=list, description="Model sentences removed because the source does not support them."
    )


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    calls: int = 0


class Meta(BaseModel):
    request_id: str
    model: str
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list, description="Fallbacks taken and why.")
    fallbacks_used: list[str] = Field(
        default_factory=list, description="Fallback models (CROSSCHECK_LLM_FALLBACKS) that answered calls the "
        "primary model could not.")
    cache: Literal["hit", "miss", "bypass", "off"] = Field(
        default="off", description="hit: answered from the result cache with no LLM call (usage is zero); miss: "
        "computed (and stored); bypass: computed at the client's Cache-Control: no-cache; off: no cache here.")


class AnalysisOut(BaseModel):
    article: ArticleMeta
    summary: Summary
    claims: list[Claim]
    rejected_claims: list[RejectedItem] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm]
    meta: Meta


class SummaryOut(BaseModel):
    article: ArticleMeta
    summary: Summary
    loaded_terms: list[LoadedTerm]
    meta: Meta


class ClaimsOut(BaseModel):
    article: ArticleMeta
    claims: list[Claim]
    rejected_claims: list[RejectedItem] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm]
    meta: Meta


class SentenceVerdict(BaseModel):
    sentence: str
    start: int = Field(description="Offset of the sentence in the submitted summary.")
    end: int
    supported: bool
    score: float = Field(ge=0, le=1, description="The judge's calibrated confidence that the support states the "
                         "sentence's content (the rules' findings aside).")
    support: list[Span]
    missing_numbers: list[str] = Field(default_factory=list)
    missing_names: list[str] = Field(default_factory=list)
    missing_words: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="Why it is unsupported, in plain words.")
    warnings: list[str] = Field(default_factory=list, description="What a reader should know even of a supported "
                                "sentence: an attribution it drops (\"the source attributes it to X\").")


class VerificationOut(BaseModel):
    sentences: list[SentenceVerdict]
    faithfulness: float | None = Field(description="Share of sentences supported; null if none to check.")
    meta: Meta


class CrossCheckArticleIn(ArticleIn):
    id: str | None = Field(default=None, pattern=r"^[\w.:-]{1,64}$",
                           description="Your id for the article; unset: a1, a2, ... in order.")


class CrossCheckIn(_Strict):
    articles: list[CrossCheckArticleIn] = Field(
        min_length=2, description="Two or more articles about the same story (at most CROSSCHECK_MAX_ARTICLES).")

    @field_validator("articles")
    @classmethod
    def _unique_ids(cls, value: list[CrossCheckArticleIn]) -> list[CrossCheckArticleIn]:
        ids = [a.id for a in value if a.id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("article ids must be unique")
        return value


class GroupMember(BaseModel):
    article_id: str
    claim_id: str = Field(description="The claim's id within its article's claims.")
    text: str
    quote: str = Field(description="Verbatim span of that article's text.")
    start: int
    end: int
    attributed_to: str
    method: Method
    source_id: str = Field(description="The independent source this claim counts for (a `sources` id, or "
                           "'party:<name>' when the article attributes it to a named party).")


class Difference(BaseModel):
    part: Literal["numbers", "outcome"] = Field(
        description="Which part differs: the counts of one thing, or one source denies what another states.")
    detail: str
    claims: list[str] = Field(description="The claims that differ, as 'article_id#claim_id'.")


class ClaimGroup(BaseModel):
    id: str
    statement: str = Field(description="The group's canonical wording: its best-grounded member's text.")
    verdict: Literal["corroborated", "conflicting", "single_source"]
    independent_sources: int = Field(description="Independent sources that state it (republications count once).")
    source_ids: list[str]
    upstream_party: str | None = Field(
        default=None, description="A party several articles attribute it to: it counts once, as that party's.")
    differs: list[Difference] = Field(default_factory=list, description="For conflicting groups: what differs.")
    checkworthiness: float = Field(ge=0, le=1)
    claims: list[GroupMember]


class SourceOut(BaseModel):
    id: str
    name: str
    article_ids: list[str]
    merged_because: list[str] = Field(default_factory=list,
                                      description="Why these articles count as one source.")


class CrossCheckArticleOut(BaseModel):
    id: str
    source_id: str
    article: ArticleMeta
    claims: int
    rejected_claims: int


class CrossCheckOut(BaseModel):
    groups: list[ClaimGroup]
    sources: list[SourceOut]
    articles: list[CrossCheckArticleOut]
    meta: Meta


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    request_id: str
    errors: list[dict[str, object]] | None = None
