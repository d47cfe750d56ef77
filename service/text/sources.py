"""Source independence: which of several articles are one source.

Two articles are one source when the texts say so (the same "original source", an article by an outlet that is
another article's original source, the same author, a wire credit) or when their texts are one story: a
near-copy (a republication with light edits), or several near-identical sentences (two versions of one wire
story). The reasons are kept, so a reader can see why articles were merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.text import lexical
from service.text.ingest import Document

# Share of the shorter body's word 5-grams found in the other body above which the two are one text.
NEAR_DUPLICATE = 0.5
_SHINGLE = 5
# Versions of one wire story (an early write-up and a later one) share little text overall but several whole
# sentences: this many near-identical sentences (word-set Jaccard >= SAME_SENTENCE, 8+ words) make one source.
# Independent outlets quoting one statement share one or two.
SHARED_SENTENCES = 3
SAME_SENTENCE = 0.7
_MIN_WORDS = 8


@dataclass
class Source:
    """One independent source: the articles it published or that republish it."""

    name: str
    article_ids: list[str]
    reasons: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # normalised names that identify it (outlet, author)


def name_key(name: str) -> str:
    """How names of outlets and authors are compared: 'South Front', 'Southfront', 'SouthFront' are one."""
    return re.sub(r"[^\w]", "", name.casefold().replace("_", ""))


def _identities(doc: Document) -> list[tuple[str, str]]:
    """(kind, name) pairs that identify where an article comes from."""
    out = []
    if doc.meta.original_source:
        out.append(("original source", doc.meta.original_source))
    if doc.meta.author:
        out.append(("author", doc.meta.author))
    if not out and doc.meta.outlet:
        # Only when nothing else is known: sites that republish others (the seeds' Global Research) name
        # themselves as outlet on every copy, so the outlet alone would merge unrelated origins.
        out.append(("outlet", doc.meta.outlet))
    return out


def _shingles(doc: Document) -> set[tuple[str, ...]]:
    toks = lexical.words(doc.body_text)
    return {tuple(toks[i : i + _SHINGLE]) for i in range(max(0, len(toks) - _SHINGLE + 1))}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Share of the smaller set found in the other (1.0 when one text is a copy of part of the other)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def _sentence_sets(doc: Document) -> list[set[str]]:
    out = []
    for sentence in doc.sentences:
        words = set(lexical.words(doc.text[sentence.start : sentence.end]))
        if len(words) >= _MIN_WORDS:
            out.append(words)
    return out


def shared_sentences(a: list[set[str]], b: list[set[str]]) -> int:
    """How many sentences of ``a`` have a near-identical sentence in ``b``."""
    return sum(any(len(x & y) / len(x | y) >= SAME_SENTENCE for y in b) for x in a)


def find_sources(docs: dict[str, Document]) -> list[Source]:
    """Partition the articles into independent sources, in the order the articles came."""
    ids = list(docs)
    parent = {i: i for i in ids}
    reasons: dict[str, list[str]] = {i: [] for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def merge(a: str, b: str, why: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
        reasons[ra].extend(reasons.pop(rb, []) if ra != rb else [])
        reasons[ra].append(why)

    seen: dict[str, tuple[str, str, str]] = {}  # name key -> first (article, kind, name)
    for i in ids:
        for kind, name in _identities(docs[i]):
            key = name_key(name)
            if not key:
                continue
            if key in seen and root(seen[key][0]) != root(i):
                j, kind_j, name_j = seen[key]
                merge(j, i, f"{j}'s {kind_j} is {name_j!r} and {i}'s {kind} is {name!r}")
            seen.setdefault(key, (i, kind, name))
    shingles = {i: _shingles(docs[i]) for i in ids}
    sentences = {i: _sentence_sets(docs[i]) for i in ids}
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if root(a) == root(b):
                continue
            share = containment(shingles[a], shingles[b])
            if share >= NEAR_DUPLICATE:
                merge(a, b, f"{a} and {b} are near-copies ({share:.0%} of the shorter text's 5-word sequences "
                      "are in the other)")
                continue
            shared = shared_sentences(sentences[a], sentences[b])
            if shared >= SHARED_SENTENCES:
                merge(a, b, f"{a} and {b} share {shared} near-identical sentences: versions of one story")
    groups: dict[str, Source] = {}
    for i in ids:
        r = root(i)
        if r not in groups:
            groups[r] = Source(name="", article_ids=[], reasons=reasons.get(r, []))
        groups[r].article_ids.append(i)
        groups[r].keys.update(name_key(n) for _, n in _identities(docs[i]))
    for src in groups.values():
        src.name = _display_name(src, docs)
        src.keys.discard("")
    return list(groups.values())


def _display_name(src: Source, docs: dict[str, Document]) -> str:
    """The original source if one is stated, else the author, else the outlet, else the article id."""
    for attr in ("original_source", "author", "outlet"):
        for i in src.article_ids:
            value = getattr(docs[i].meta, attr)
            if value:
                return str(value)
    return src.article_ids[0]
