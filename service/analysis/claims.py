"""Checkable claims: two strategies through the same checks, chosen by ``claims_strategy``.

- ``model`` (a capable model): the model reads the whole body and selects, disambiguates and decomposes
  (``service.analysis.claims_model``).
- ``rules`` (a small model): rules select and decompose on the parse, the model rewrites only what rules leave
  ambiguous (``service.analysis.claims_rules``).

``auto`` picks rules for the embedded model and the models ``claims_small_models`` matches, else the model. Either
way every claim is grounded by the judge at its span (``service.text.grounding``), keeps quotations verbatim and
conditions stated; what fails is returned apart, once per distinct text, with its reason.
"""

from __future__ import annotations

from service.analysis.claims_model import model_claims
from service.analysis.claims_rules import rules_claims
from service.analysis.context import ArticleJob
from service.analysis.rejections import collapse
from service.llm.prompts import Prompt
from service.schemas import Claim, RejectedItem
from service.text import checkworthiness, lexical


def prompt_name(by_model: bool) -> str:
    return "claims_document" if by_model else "claims"


async def extract_claims(job: ArticleJob, prompt: Prompt, review: Prompt | None = None
                         ) -> tuple[list[Claim], list[RejectedItem]]:
    """The article's checkable claims, each grounded; the model's rejected claims are returned apart.
    ``prompt`` is the strategy's (``prompt_name``); ``review`` the second reading's (model strategy, when
    ``claims_review`` is on)."""
    if job.settings.claims_by_model:
        made, rejected = await model_claims(job, prompt, review if job.settings.claims_reviewed else None)
    else:
        made, rejected = await rules_claims(job, prompt)
    claims: list[Claim] = []
    seen: set[str] = set()
    for c in sorted(made, key=lambda c: (c.start, c.method != "llm", c.end)):
        key = " ".join(lexical.words(c.text))
        if key in seen:
            continue
        seen.add(key)
        if c.grounding.status == "supported":
            claims.append(c)
        else:
            rejected.append(RejectedItem(text=c.text, reason="; ".join(c.grounding.reasons)
                                         or "not supported by its own sentence"))
    # How check-worthy each claim is, read at its own span (``service.text.checkworthiness``; a claim outside the
    # body sentences keeps its sentence's selector probability).
    index = await job.index()
    worth = checkworthiness.scores(index.analysed, [s.start for s in job.doc.sentences],
                                   [(c.start, c.end) for c in claims])
    return [c.model_copy(update={"id": f"c{n}", "checkworthiness": c.checkworthiness if w is None else w})
            for n, (c, w) in enumerate(zip(claims, worth, strict=True), 1)], collapse(rejected)
