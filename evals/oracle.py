"""The design-ceiling double: a stand-in for a *perfect* model, which answers the claims prompt with the
hand-labelled claims. Run through the real pipeline (selection, grounding, every check), it measures what the
pipeline itself loses of a perfect model's claims. It is a measurement of the pipeline, never a model's score.

It reads only what a model would read (the numbered sentences of the prompt) plus the labels: each labelled
claim is answered with the number of the sentence that holds most of its quote.
"""

from __future__ import annotations

import json
import re
from typing import Any

from evals.labels import ArticleLabels
from service.config import Settings
from service.llm.client import Budget, LLMClient
from service.schemas import Usage
from service.text import lexical

_NUMBERED = re.compile(r"^(\d+)\. (.*)$", re.M)


class OracleClaimsDouble(LLMClient):
    """Answers ``claims_document`` prompts with the labelled claims, ``summary_document`` prompts with the
    labelled key facts (a perfect summary, as the labeller wrote them); anything else with no claims."""

    def __init__(self, settings: Settings, labels: ArticleLabels) -> None:
        super().__init__(settings)
        self.labels = labels
        self.answered: list[str] = []  # the label ids it gave the pipeline

    async def _call(self, messages: list[dict[str, str]], json_format: dict[str, Any] | None,
                    budget: Budget, usage: Usage) -> str:
        usage.calls += 1
        prompt = messages[-1]["content"]
        if "Checked claims (number." in prompt:  # the summary's model strategy: the labelled key facts
            return json.dumps({"sentences": [{"text": k.text, "claims": []} for k in self.labels.key_facts]})
        if "Sentences (claims only from sentences" not in prompt:
            return json.dumps({"claims": []})
        sentences = {int(n): set(lexical.words(text)) for n, text in _NUMBERED.findall(prompt)}
        out = []
        for c in self.labels.claims:
            words = set(lexical.words(c.quote))
            if not words or not sentences:
                continue
            n, shared = max(((n, len(words & w)) for n, w in sentences.items()), key=lambda t: t[1])
            if shared < 0.5 * len(words):
                continue  # its quote is in a sentence of another window (or of none)
            out.append({"sentence": n, "claim": c.text, "said_by": c.attributed_to, "certainty": "asserted"})
            self.answered.append(c.id)
        return json.dumps({"claims": out})
