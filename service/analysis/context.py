"""What one article's analysis carries from stage to stage, so that no stage takes ten parameters."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from service.config import Settings
from service.llm.client import Budget, LLMClient
from service.schemas import Usage
from service.text.framing import Lexicon
from service.text.grounding import SourceIndex
from service.text.ingest import Document
from service.text.selection import Selector


@dataclass
class ArticleJob:
    """One article in analysis: what every stage reads (the document, its grounding index, who asserts each
    sentence, the lexicon, the settings) and what every stage adds to (LLM budget and usage, notes)."""

    doc: Document
    analysing: asyncio.Future[SourceIndex]  # the NLP pass over the body, under way while the LLM is asked
    parties: list[str]
    llm: LLMClient
    settings: Settings
    lexicon: Lexicon
    budget: Budget
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)
    selector: Selector | None = None  # the claim selector; None: the shipped one
    prompts_used: dict[str, str] = field(default_factory=dict)  # prompts a stage used besides its own (name -> ref)

    async def index(self) -> SourceIndex:
        """The body analysed (waits for the NLP pass if it is still running)."""
        return await asyncio.shield(self.analysing)
