"""The rejected list a user reads: one entry per distinct text, each cut to a readable length, with its reason."""

from __future__ import annotations

from collections.abc import Iterable

from service.schemas import RejectedItem
from service.text import lexical

MAX_CHARS = 300  # a small model can loop for 2,000 characters; the first sentence or two say what it was


def collapse(items: Iterable[RejectedItem], max_chars: int = MAX_CHARS) -> list[RejectedItem]:
    """Repeats merged (same words, any case or punctuation: counted), long texts cut at a word boundary."""
    out: dict[str, RejectedItem] = {}
    for item in items:
        key = " ".join(lexical.words(item.text)) or item.text.strip()
        if key in out:
            kept = out[key]
            out[key] = kept.model_copy(update={"count": kept.count + item.count})
            continue
        out[key] = item.model_copy(update={"text": shorten(" ".join(item.text.split()), max_chars),
                                           "reason": shorten(item.reason, max_chars)})
    return list(out.values())


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
