"""Where a response's spans fall on its text, and what its ids are called: for whoever draws a response for a
person (the web page, service/api/page_view.py; the CLI report, service/cli_report.py). Reads the response
models only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from typing import TypeVar

from service.schemas import CrossCheckOut

T = TypeVar("T")


def segments(text: str, spans: Sequence[T],
             edges: Callable[[T], tuple[int, int]]) -> Iterator[tuple[int, int, list[T]]]:
    """``text`` cut at every span's edges (clipped to the text): each non-empty piece with the spans covering it,
    in the order they were given. Overlapping spans need no special case: a span is the run of pieces it covers."""
    n = len(text)
    bounds = [(max(0, min(a, n)), max(0, min(b, n))) for a, b in map(edges, spans)]
    cuts = sorted({0, n, *(a for a, _ in bounds), *(b for _, b in bounds)})
    for a, b in pairwise(cuts):
        if a < b:
            yield a, b, [s for s, (lo, hi) in zip(spans, bounds, strict=True) if lo <= a and b <= hi]


def source_names(result: CrossCheckOut) -> dict[str, str]:
    """A readable name for every source id: the sources' own names, and for ``party:<key>`` ids the party as
    the articles name it (its most frequent wording; the key is the name with spaces and case removed)."""
    names = {s.id: s.name for s in result.sources}
    wordings: dict[str, Counter[str]] = {}
    for g in result.groups:
        for m in g.claims:
            if m.source_id not in names:
                wordings.setdefault(m.source_id, Counter())[m.attributed_to] += 1
    for sid, seen in wordings.items():
        names[sid] = max(seen, key=lambda w: (seen[w], len(w)))
    return names
