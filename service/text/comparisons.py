"""Comparisons turned round: "more than 10%" where the source says "fewer than 10%", "before" for "after".

A word of comparison in the statement whose opposite the passage has, compared with the same thing, says the
opposite of the passage: "More than 10% of trains ran" for "fewer than 10% of scheduled trains ran", "an offer
lower than those accepted by others" for "higher than those", "roads were less congested than usual" for "more
congested", "walked out before talks broke down" for "after", "more than three decades" for "nearly three
decades", "voted for the plan" for "voted against". What a comparison is with (``_against``) keeps a
converse paraphrase apart: "talks broke down before the drivers walked out" orders by the other event and says
the same as "the drivers walked out after talks broke down"; "B is lower than A" is not compared with "than B"
as "A is higher than B" is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from service.text.analysed import Unit
from service.text.evidence import Finding, Passage

if TYPE_CHECKING:
    from spacy.tokens import Token

# Opposite words of comparison, each against what it compares (the same thing on both sides).
_PAIRS = [("more", "less"), ("more", "fewer"), ("higher", "lower"), ("greater", "smaller"), ("greater", "lower"),
          ("larger", "smaller"), ("bigger", "smaller"), ("heavier", "lighter"), ("longer", "shorter"),
          ("older", "younger"), ("faster", "slower"), ("stronger", "weaker"), ("better", "worse"),
          ("earlier", "later"), ("before", "after"), ("above", "below"), ("over", "under"), ("most", "least"),
          ("most", "fewest"), ("highest", "lowest"), ("largest", "smallest"), ("biggest", "smallest"),
          ("best", "worst"), ("rising", "falling"), ("most", "few"), ("many", "few"), ("for", "against")]
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _PAIRS:
    _OPPOSITE.setdefault(_a, set()).add(_b)
    _OPPOSITE.setdefault(_b, set()).add(_a)
# Bounds of a number: "more than 10", "over 10" and "at least 10" say the same; "fewer than", "under", "at most"
# the opposite ("at least"/"at most" turn "least"/"most" round).
_UPPER = {"more", "over", "above", "greater", "higher", "least"}
_LOWER = {"less", "fewer", "under", "below", "lower", "most", "nearly", "almost"}
# For and against, compared on the same verb only: "voted for the plan" where the passage says "voted against".
_SIDES = {"for", "against"}
_WHEN = {"before", "after", "earlier", "later"}
_NEGATORS = {"no", "not", "n't", "never"}
_CONTENT = {"NOUN", "PROPN", "NUM", "PRON", "ADJ", "ADV"}


def _number(t: Token) -> str:
    return t.text.replace(",", "").lower()


def _against(t: Token) -> tuple[str, ...] | None:
    """What the word of comparison ``t`` compares: the number it bounds, what follows its "than", the two events
    its "before"/"after" orders, or the word it modifies; None when the parse does not say."""
    doc = t.doc
    than = next((u for u in doc[t.i + 1 : t.i + 4] if u.lower_ == "than"), None)
    if than is not None:
        what = next((w for w in doc[than.i + 1 : than.i + 6] if w.pos_ in _CONTENT or w.like_num), None)
        if what is not None:
            return ("number", _number(what)) if what.like_num else ("than", what.lemma_.lower())
    if t.lower_ in _SIDES:
        return ("side", t.head.lemma_.lower()) if t.dep_ == "prep" and t.head.pos_ == "VERB" else None
    if t.lower_ in ("over", "under", "above", "below", "least", "most", "nearly", "almost") and (
            t.head.like_num or (t.i + 1 < len(doc) and doc[t.i + 1].like_num)):
        return ("number", _number(t.head if t.head.like_num else doc[t.i + 1]))
    if t.lower_ in _WHEN:
        # The event it orders the rest by (which the parser hangs where it can: "the official number ... was" and a
        # verbless "the official number ..." after the same "After the clashes"); told the other way round, the
        # other event is the one ordered by ("talks broke down before the drivers walked out").
        if t.dep_ == "mark":  # "walked out after talks broke down"
            return ("when", t.head.lemma_.lower())
        obj = next((c for c in t.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:  # "the week before 12 February", "after the quake"
            return ("when", obj.lemma_.lower())
    if t.dep_ in ("amod", "advmod") and t.head.i != t.i:  # "more congested", "lower-magnitude aftershocks"
        return ("of", t.head.lemma_.lower())
    if t.dep_ == "acomp":  # "B.B. King is much better": the verb and its subject
        subject = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return ("is", t.head.lemma_.lower(), subject.lemma_.lower() if subject is not None else "")
    return None


def _direction(word: str, against: tuple[str, ...]) -> str | None:
    if against[0] == "number":
        return "up" if word in _UPPER else "down" if word in _LOWER else None
    return None


class _Comparison(NamedTuple):
    word: str
    against: tuple[str, ...] | None
    beside: frozenset[str]  # the words either side of it, lower-cased


def _comparisons(docs: Iterable[Iterable[Token]]) -> list[_Comparison]:
    out = []
    for doc in docs:
        for t in doc:
            word = t.lower_
            if word not in _OPPOSITE and word not in _LOWER:
                continue
            if t.i > 0 and t.doc[t.i - 1].lower_ in _NEGATORS:
                continue  # "no more than", "not before": a bound or an order denied
            against = _against(t)
            if word in _SIDES and against is None:
                continue  # ("for" and "against" anywhere else compare nothing: "tickets for", "a case against")
            beside = frozenset(u.lower_ for u in (t.nbor(-1) if t.i > 0 else None,
                                                  t.nbor(1) if t.i + 1 < len(t.doc) else None)
                               if u is not None and not u.is_punct)
            out.append(_Comparison(word, against, beside))
    return out


# What a comparison is with, read weakly: the word it modifies or the verb it completes, which the parser may hang
# elsewhere in a paraphrase ("Later in the war" on "in", "Earlier in the war, Ankara colluded" on the verb).
_WEAK = ("of", "is")


def _same_thing(a: _Comparison, b: _Comparison) -> bool:
    if a.against is not None and a.against == b.against:
        return True
    weak = all(x.against is None or x.against[0] in _WEAK for x in (a, b))
    return weak and bool(a.beside & b.beside)


def _opposed(a: str, b: str, against: tuple[str, ...] | None) -> bool:
    da, db = (_direction(a, against), _direction(b, against)) if against else (None, None)
    if da is not None and db is not None:
        return da != db
    return b in _OPPOSITE.get(a, set())


def _agree(a: str, b: str, against: tuple[str, ...] | None) -> bool:
    da, db = (_direction(a, against), _direction(b, against)) if against else (None, None)
    return a == b or (da is not None and da == db)


def turned_round(statement: Unit, p: Passage, findings: list[Finding]) -> None:
    """A comparison of the statement the passage makes the other way round, of the same thing, and nowhere the
    same way."""
    if statement.doc is None:
        return
    mine = _comparisons([statement.doc])
    if not mine:
        return
    theirs = _comparisons(u.doc for u in p.units if u.doc is not None)
    for c in mine:
        same = [d for d in theirs if _same_thing(c, d) and _agree(c.word, d.word, c.against)]
        other = [d for d in theirs if _same_thing(c, d) and _opposed(c.word, d.word, c.against or d.against)]
        if other and not same and not any(_same_thing(x, other[0]) and _agree(other[0].word, x.word, x.against)
                                          for x in mine):
            findings.append(Finding("negation", f"the source says the opposite: it has \"{other[0].word}\" where "
                                    f"this has \"{c.word}\""))
            return
