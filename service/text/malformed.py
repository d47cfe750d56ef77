"""Statements that are not whole sentences, whatever words they share with the source: a word or a few written
twice in a row ("the women' tv debate debate it was the women"), a subordinate clause with no main clause ("But
when her father tells her to clean up her mess at one point catalina's father's leg"), a sentence broken off after
"and" or "the". Generated text breaks this way (a small model's repetition loop, a clause cut short), and such a
sentence states nothing a reader can check against the source, so the judge does not call it supported (QAGS and
FRANK carry all three; no hand-written claim of the labels is any: evals/README, session 42).

Only what the parse shows plainly is counted: a main clause the parser hung on the subordinate one ("Unless
Sheffield win on Sunday, Leeds will stay top") still has a subject of its own away from the subordinator, and a
sentence opening with "That" is read as a hanging clause only after "but" or "and" ("That his team lost surprised
nobody" is a whole sentence whose subject is a clause; "That next flight" is a determiner)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from service.text import lexical
from service.text.analysed import Unit
from service.text.evidence import Finding

# Words that open a subordinate clause: a sentence that is only such a clause leaves unsaid what it depends on.
# ("since" is left out: "Since then ..." opens a main clause as often as not.)
_SUBORDINATORS = frozenset({"that", "because", "although", "though", "if", "unless", "whether", "while", "when",
                            "whereas", "where"})
# Words English writes twice on purpose ("had had", "that that", "what it is is", "very, very", "no, no").
_DOUBLED_ON_PURPOSE = frozenset({"had", "that", "is", "was", "do", "does", "did", "in", "on", "so", "very",
                                 "really", "far", "much", "many", "more", "again", "no", "yes", "bye", "now",
                                 "well", "long", "there", "ha", "knock", "tut", "hush"})
# What a sentence cannot end on: it was broken off ("... blamed higher fuel prices and.").
_BROKEN_OFF = frozenset({"and", "or", "but", "nor", "the", "a", "an"})


def findings(statement: Unit, source_text: str) -> list[Finding]:
    """What makes ``statement`` no whole sentence, as findings (none for a well-formed one). Kept with the
    statement's parse: the judge asks once for each passage it tries."""
    doc = statement.doc
    if doc is None or not len(doc):
        return []
    key = f"form_findings_{hash(source_text)}"
    if key in doc.user_data:
        return list(doc.user_data[key])
    out: list[Finding] = []
    doubled = _doubled(doc, source_text)
    if doubled:
        out.append(Finding("form", f"it is garbled: it writes \u201c{doubled} {doubled}\u201d, which the source "
                                   "never does"))
    opener = next((s for s in map(_dangling, doc.sents) if s), None)
    if opener:
        out.append(Finding("form", f"it is not a whole sentence: \u201c{opener} ...\u201d opens a clause with no "
                                   "main clause to depend on"))
    last = next((t for t in reversed(doc) if not t.is_punct and not t.is_space), None)
    if last is not None and last.lower_ in _BROKEN_OFF and last.i > 0:
        out.append(Finding("form", f"it is not a whole sentence: it breaks off after \u201c{last.text}\u201d"))
    doc.user_data[key] = tuple(out)
    return out


def _doubled(doc: Doc, source_text: str) -> str | None:
    """Words the statement writes twice in a row, one to three of them ("debate debate", "the Championship the
    Championship"), unless the source writes them so ("Chan Chan", "Kun Kun", "very, very")."""
    words = [t for t in doc if not t.is_space]
    for n in (1, 2, 3):
        for i in range(len(words) - 2 * n + 1):
            first, second = words[i : i + n], words[i + n : i + 2 * n]
            if not all(t.is_alpha for t in first) or [t.lower_ for t in first] != [t.lower_ for t in second]:
                continue
            if n == 1 and (first[0].lower_ in _DOUBLED_ON_PURPOSE or len(first[0]) < 2):
                continue
            said = r"[\s,\-]+".join(re.escape(t.text) for t in first)
            if not re.search(rf"\b{said}[\s,\-]+{said}\b", source_text, re.IGNORECASE):
                return " ".join(t.text for t in first)
    return None


def _dangling(sent: Span) -> str | None:
    """The subordinator a sentence opens with when the parse finds nothing outside its clause: its verb is the
    sentence's root (or hangs on a root that is no verb: "But"), and no other verb, outside the clause and its
    conjuncts and relative clauses, has a subject of its own; questions are whole sentences."""
    if lexical.is_question(sent.text):
        return None
    words = [t for t in sent if not t.is_punct and not t.is_space]
    opening = [t for t in words[:1] if t.pos_ == "CCONJ" or t.dep_ == "cc"]
    first = words[len(opening)] if len(words) > len(opening) else None
    if first is None or first.lower_ not in _SUBORDINATORS \
            or not (first.dep_ == "mark" or (first.dep_ == "advmod" and first.tag_ == "WRB")):
        return None
    after = first.nbor(1) if first.i + 1 < len(first.doc) else None
    if after is not None and after.pos_ == "AUX" and first.lower_ in ("when", "where", "whether"):
        return None  # ("When will the primary be held" without its question mark: a question)
    if first.lower_ == "that" and not (opening and after is not None and after.pos_ in ("PRON", "DET", "PROPN")):
        return None
    root = sent.root
    clause = first.head
    if clause.i != root.i and not (clause.head.i == root.i and root.pos_ in ("CCONJ", "ADV", "INTJ", "SCONJ")):
        return None
    verbs = _chain(clause)
    relative = {t.i for v in sent if v.dep_ in ("relcl", "acl") for t in v.subtree}
    for t in sent:
        if t.dep_ not in ("nsubj", "nsubjpass", "expl") or t.i in relative:
            continue
        if t.head.i not in verbs and t.head.pos_ in ("VERB", "AUX"):
            return None  # another verb's own subject: a main clause
        if t.head.i == clause.i and t.left_edge.i > first.i + 1:
            return None  # the root's subject far from the subordinator: the parser hung the clause on the main verb
    return first.text


def _chain(verb: Token) -> set[int]:
    """A verb and the verbs joined to it by "and", "or" ("Because X and because Y")."""
    out = {verb.i}
    for t in verb.subtree:
        if t.dep_ == "conj" and t.head.i in out:
            out.add(t.i)
    return out

