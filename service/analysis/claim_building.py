"""A claim as the API returns it, from a span of the article and the words that state it; checks every strategy
applies to what the model wrote (quotations verbatim, conditions kept)."""

from __future__ import annotations

import re

from service.schemas import Claim, Grounding, Method, When
from service.text import lexical
from service.text.analysed import Unit
from service.text.atomic import Atom
from service.text.candidates import EVENT
from service.text.framing import AUTHOR, UNATTRIBUTED, Lexicon, reported
from service.text.grounding import SourceIndex

_SPACE = re.compile(r"\s+")
CHECKABLE = frozenset({"asserted"})
_CONDITION_WORDS = re.compile(r"(?i)\b(?:if|unless|provided that|as long as|in case)\b")


def quotations(text: str) -> list[str]:
    """The words a text puts inside quotation marks (an unclosed quotation runs to the end)."""
    found = [next(g for g in m.groups() if g is not None) for m in lexical.QUOTATION.finditer(text)]
    rest = lexical.QUOTATION.sub(" ", text)
    if (m := lexical.OPEN_QUOTE.search(rest)) is not None:
        found.append(m.group(1))
    return [q for q in found if q.strip()]


def _norm(text: str) -> str:
    text = re.sub(r"\*\*|__", "", text).replace("’", "'").replace("‘", "'")
    return _SPACE.sub(" ", text).strip(" .,;:").lower()


def edited_quotations(text: str, source: str) -> list[str]:
    """The quotations of ``text`` that are not the source's words, verbatim (case and spacing aside)."""
    haystack = _norm(source)
    return [q for q in quotations(text) if _norm(q) not in haystack]


def not_a_statement(text: str, unit: Unit) -> str:
    """Why a model's claim is not a statement one could check (a bare name, a token, a fragment without a verb),
    or "" when it is one."""
    if _TOKEN.search(text) or len(lexical.words(text)) < 3 or not unit.clauses:
        return f"not a statement: \u201c{text[:60]}\u201d says nobody did anything"
    return ""


_TOKEN = re.compile(r"\w_\w|^\W*\w+\W*$")


def drops_condition(text: str, atom: Atom) -> bool:
    """A claim from a sentence under a condition that no longer states one."""
    return atom.certainty == "conditional" and not _CONDITION_WORDS.search(text)


def party_of(atom: Atom, sentence_party: str) -> tuple[str, list[str]]:
    """Who asserts an atom, and the chain of reporters: the sentence's attribution ("according to X", a
    quotation continued), else the speakers the parse finds, else the author."""
    chain = list(atom.chain)
    if sentence_party == UNATTRIBUTED and not reported(atom.text):
        # "Police condemned the building, but some owners reportedly ordered workers back": only the clause
        # that says "reportedly" is the reports'; the other is the author's.
        sentence_party = AUTHOR
    if sentence_party != AUTHOR:
        if not chain or _key(chain[-1]) != _key(sentence_party):
            chain = [*[c for c in chain if _key(c) != _key(sentence_party)], sentence_party]
        return sentence_party, chain
    if chain:
        return chain[-1], chain
    # "Bowe said: '...'": the speaker's words, introduced by a colon the parse does not read as speech.
    # (never a pronoun for a speaker: "He added: '...'" is no party "He")
    if (m := _SAID_COLON.match(atom.text)) is not None and m.group("verb") in _SPEECH_FORMS \
            and m.group("who").lower() not in _PRONOUNS:
        return m.group("who"), [m.group("who")]
    return AUTHOR, []


# "Graham Buckingham added: 'There's never ...'": a named speaker, a speech verb, a colon, a quotation.
_SAID_COLON = re.compile(r"^(?P<who>[A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,4}) (?P<verb>[a-z]+)(?: [a-z]+){0,2}:\s*"
                         r"[\"“‘']")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_SPEECH_FORMS = frozenset({"said", "says", "added", "adds", "wrote", "writes", "told", "tweeted", "explained",
                           "stated", "noted", "claimed", "insisted", "warned", "replied", "continued", "posted"})


def _key(name: str) -> str:
    # ("The employers' association VRS" and "employers' association VRS" are one speaker, not a chain of two)
    words = lexical.words(name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def build(index: SourceIndex, atom: Atom, text: str, party: str, chain: list[str], method: Method,
          lexicon: Lexicon, grounding: Grounding, checkworthiness: float, certainty: str | None = None) -> Claim:
    """The claim of ``atom`` worded as ``text`` (already grounded by the caller on these words; neutralising only
    swaps judgement words outside quotations and adds no fact)."""
    quote = index.text[atom.start : atom.end]
    text = lexicon.neutralize(text, outside_quotes=True)[0]
    unit = index.units[atom.sentence]
    nums = lexical.numbers(text)
    entities = list(dict.fromkeys(m.text for m in unit.mentions if atom.start <= m.start < atom.end))[:12]
    certainty = certainty or atom.certainty
    if party != AUTHOR:
        kind = "statement"
    elif [n for n in nums if not (len(n) == 4 and n.startswith(("19", "20")))]:
        kind = "quantity"
    elif EVENT.search(quote):
        kind = "event"
    else:
        kind = "relation"
    when = None
    if atom.when is not None:
        when = When(text=atom.when.text, date=atom.when.iso, note=atom.when.note)
    return Claim(
        id="", text=text, quote=quote, start=atom.start, end=atom.end, attributed_to=party,
        attribution_chain=chain, kind=kind, certainty=certainty,
        checkable=certainty in CHECKABLE, entities=entities, when=when, where=list(atom.where), numbers=nums,
        checkworthiness=round(min(max(checkworthiness, 0.0), 1.0), 3), method=method, grounding=grounding,
    )
