"""The hand-labelled references (``evals/data``), validated by pydantic: a label that does not slice its
article exactly is an error, not a warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"
LABELS = DATA / "labels"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Provenance(_Strict):
    kind: Literal["seed", "dataset"]
    dataset: str
    repo: str | None
    commit: str | None = Field(default=None, pattern=r"^[0-9a-f]{40}$")
    path: str
    locator: str | None


class LabelledClaim(_Strict):
    id: str
    text: str
    quote: str
    start: int
    end: int
    attributed_to: str
    kind: Literal["event", "quantity", "statement", "relation"]
    checkworthiness: Literal["high", "medium", "low"]


class Quote(_Strict):
    quote: str
    start: int
    end: int


class KeyFact(_Strict):
    """One of the article's main facts, in the labeller's words, with the sentence the labeller quoted for it;
    ``also``: the article's other sentences that state it or one of its component facts (an event, its central
    number, an outcome), labelled blind by two annotators and kept where both agreed (evals/README.md)."""

    id: str
    text: str
    quote: str
    start: int
    end: int
    also: list[Quote] = Field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """Every span of the article that states this key fact (or a component of it): its quote first."""
        return [(self.start, self.end), *((q.start, q.end) for q in self.also)]


class Assertion(_Strict):
    quote: str
    start: int
    end: int
    note: str


class Conditional(_Strict):
    """A span the article does not assert as fact: a claim covering it keeps its condition, hedge or future."""

    quote: str
    start: int
    end: int
    kind: Literal["condition", "hedge", "prediction"]
    note: str


class Quotation(_Strict):
    """A speaker's words inside quotation marks: a claim covering them attributes them and never edits them."""

    quote: str
    start: int
    end: int
    speaker: str


class ArticleLabels(_Strict):
    article_id: str
    provenance: Provenance
    outlet: str
    origin: str
    claims: list[LabelledClaim] = Field(min_length=1)
    key_facts: list[KeyFact] = Field(min_length=1)
    loaded_terms: list[str]
    one_sided_assertions: list[Assertion]
    conditionals: list[Conditional] = Field(default_factory=list)
    quotations: list[Quotation] = Field(default_factory=list)
    # Whether conditionals and quotations were labelled (an empty list then means "none in the article").
    cases_labelled: bool = False

    @model_validator(mode="after")
    def _ids_unique(self) -> ArticleLabels:
        ids = [c.id for c in self.claims] + [k.id for k in self.key_facts]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.article_id}: duplicate ids")
        return self


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def load(article_id: str) -> tuple[str, ArticleLabels]:
    """The article text and its labels; every labelled span is checked against the text."""
    articles, labelled = (HELDOUT_DIR / "articles", HELDOUT_DIR / "labels") if article_id in HELDOUT \
        else (ARTICLES, LABELS)
    text = read_text(articles / f"{article_id}.txt")
    labels = ArticleLabels.model_validate(json.loads((labelled / f"{article_id}.json").read_text("utf-8")))
    if labels.article_id != article_id:
        raise ValueError(f"{article_id}: label file names {labels.article_id}")
    for item in [*labels.claims, *labels.key_facts, *(q for k in labels.key_facts for q in k.also),
                 *labels.one_sided_assertions, *labels.conditionals, *labels.quotations]:
        if text[item.start : item.end] != item.quote:
            raise ValueError(f"{article_id}: span {item.start}:{item.end} does not slice its quote {item.quote!r}")
    return text, labels


def article_ids() -> list[str]:
    """The labelled articles the selector and the judge are fitted on (and evaluated on, cross-validated)."""
    return sorted(p.stem for p in LABELS.glob("*.json"))


# Held out from every fit: three articles of the Rana Plaza cross-check story (three outlets: the Los Angeles
# Times, The New York Times, and the Associated Press as Yahoo! News ran it; MSN's and Fox's are shorter copies of
# the same AP story), labelled with claims, key facts and one-sided assertions (provenance in that story's
# README). The single-article evals run them too: the summary figures include them, the claims figures report them
# apart, out of sample.
HELDOUT_DIR = DATA / "stories" / "bd_rana_plaza"
HELDOUT = ("rp_latimes", "rp_nyt", "rp_yahoo")


def heldout_ids() -> list[str]:
    return list(HELDOUT)


# Faithfulness-scorer validity sets: (source, summary sentence, supported) pairs, one JSON object per line.
FAITHFULNESS = DATA / "faithfulness"
QAGS_PAIRS = FAITHFULNESS / "qags_cnndm.jsonl"
QAGS_SOURCES = FAITHFULNESS / "qags_sources.jsonl"
EMBEDDED_PAIRS = FAITHFULNESS / "embedded_smollm2_pairs.jsonl"


class Votes(_Strict):
    yes: int = Field(ge=0)
    no: int = Field(ge=0)


class QagsProvenance(_Strict):
    repo: Literal["W4ngatang/qags"]
    commit: str = Field(pattern=r"^[0-9a-f]{40}$")
    path: str
    locator: str


class QagsPair(_Strict):
    """A QAGS CNN/DM pair: a summary sentence of some summariser, labelled by the majority of 3 crowd votes."""

    pair_id: str
    source_ref: str
    sentence: str = Field(min_length=1)
    supported: bool
    votes: Votes
    provenance: QagsProvenance

    @model_validator(mode="after")
    def _majority(self) -> QagsPair:
        if self.votes.yes + self.votes.no != 3 or self.supported != (self.votes.yes > self.votes.no):
            raise ValueError(f"{self.pair_id}: label is not the majority of 3 votes {self.votes}")
        return self


class QagsSource(_Strict):
    source_ref: str
    text: str = Field(min_length=1)
    provenance: QagsProvenance


class EmbeddedProvenance(_Strict):
    model: Literal["openai/smollm2-135m-instruct via llama_cpp.server"]
    cassette: str  # path of the recorded exchange, relative to the repository root
    labeller: Literal["hand-labelled by reading the article"]
    locator: str  # which interaction, which item of the response's "sentences", which sentence of that item


class EmbeddedPair(_Strict):
    """A summary sentence the embedded model produced for an eval article (from a recorded cassette),
    hand-labelled against that article (``source_ref`` = article id)."""

    pair_id: str
    source_ref: str
    sentence: str = Field(min_length=1)
    supported: bool
    placeholder: bool  # the model copied the prompt's output-format example instead of summarising
    reason: str = Field(min_length=10)
    provenance: EmbeddedProvenance


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in read_text(path).splitlines() if line.strip()]


def _unique(ids: list[str], what: str) -> None:
    if len(ids) != len(set(ids)):
        raise ValueError(f"{what}: duplicate pair ids")


def load_qags() -> tuple[dict[str, str], list[QagsPair]]:
    """The QAGS source texts by ``source_ref`` and the pairs; every pair's source must be present."""
    sources = {s.source_ref: s.text for s in map(QagsSource.model_validate, _jsonl(QAGS_SOURCES))}
    pairs = [QagsPair.model_validate(r) for r in _jsonl(QAGS_PAIRS)]
    _unique([p.pair_id for p in pairs], "qags")
    if missing := {p.source_ref for p in pairs} - set(sources):
        raise ValueError(f"qags: pairs without a source: {sorted(missing)}")
    return sources, pairs


def load_embedded() -> tuple[dict[str, str], list[EmbeddedPair]]:
    """The eval articles by id and the embedded model's hand-labelled sentences; every source must exist."""
    pairs = [EmbeddedPair.model_validate(r) for r in _jsonl(EMBEDDED_PAIRS)]
    _unique([p.pair_id for p in pairs], "embedded")
    sources = {}
    for ref in sorted({p.source_ref for p in pairs}):
        path = ARTICLES / f"{ref}.txt"
        if not path.exists():
            raise ValueError(f"embedded: pair source {ref} is not an eval article")
        sources[ref] = read_text(path)
    return sources, pairs
