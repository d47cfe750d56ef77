"""What one article's analysis carries from stage to stage, so that no stage takes ten parameters."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.config import Settings
from service.llm.client import Budget, LLMClient
from service.schemas import Usage
from service.text.framing import Lexicon
from service.text.grounding import SourceIndex
from service.text.ingest import Document


@dataclass
class ArticleJob:
    """One article in analysis: what every stage reads (the document, its grounding index, who asserts each
    sentence, the lexicon, the settings) and what every stage adds to (LLM budget and usage, notes)."""

    doc: Document
    index: SourceIndex
    parties: list[str]
    llm: LLMClient
    settings: Settings
    lexicon: Lexicon
    budget: Budget
    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)
