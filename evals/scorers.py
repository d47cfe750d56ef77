"""Scorers: small pure functions, each named for what it checks. ``None`` means "not measured" (nothing to
score), never a number; aggregates skip it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from evals.labels import ArticleLabels, Assertion
from service.analysis.claim_building import edited_quotations
from service.analysis.summary import LEFT_OUT
from service.schemas import ArticleIn, Claim, Summary, SummarySentence
from service.text import lexical, nlp
from service.text.atomic import relative_date
from service.text.framing import load_lexicon
from service.text.grounding import faithfulness, ground_claims, source_index, verify_summary
from service.text.ingest import ingest

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A predicted claim matches a labelled one when its span covers at least this share of the labelled quote.
MATCH_OVERLAP = 0.5
_ATTRIBUTED = re.compile(r"(?i)^(?:the author says|according to|the article (?:says|reports))")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(pred: Claim, start: int, end: int) -> bool:
    return _overlap((pred.start, pred.end), (start, end)) >= MATCH_OVERLAP * max(1, end - start)


def claim_grounding(text: str, claims: Sequence[Claim]) -> float | None:
    """Share of claims whose quote slices the source at its offsets and whose text the source supports,
    re-checked here (not taken from the response) by the service's judge on the claims path (``ground_claim``:
    the quote's own body sentence(s), with the sentences around for who, when and where, and the claim's
    ``attributed_to``), on the service's sentence units (body sentences after boilerplate is set aside). The
    lexicon's neutral wording ("Islamist militants" for "jihadists") counts as its sentence's wording there."""
    if not claims:
        return None
    doc = ingest(ArticleIn(text=text))
    index = source_index(text, doc.sentences, doc.meta.published)
    grounded = ground_claims(index, [(c.text, c.start, c.end, c.quote, c.attributed_to) for c in claims])
    return sum(g.status == "supported" for g in grounded) / len(claims)


def claim_recall(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of labelled claims that some extracted claim covers (span overlap >= MATCH_OVERLAP)."""
    if not labels.claims:
        return None
    return sum(any(_matches(p, g.start, g.end) for p in claims) for g in labels.claims) / len(labels.claims)


def claim_precision(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of extracted claims that cover some labelled claim."""
    if not claims:
        return None
    return sum(any(_matches(p, g.start, g.end) for g in labels.claims) for p in claims) / len(claims)


def summary_faithfulness(text: str, summary: Summary) -> float | None:
    """Share of the returned summary's sentences that the source supports, by the project's verifier."""
    return faithfulness(verify_summary(text, summary.text)) if summary.text.strip() else None


def model_sentence_acceptance(summary: Summary) -> float | None:
    """Share of the model's own summary sentences that survived grounding (how faithful the model is): those in
    the summary, and those the judge supported but the summary left out for sentences more likely to state a key
    fact (rules strategy; their reason says so)."""
    survived = sum(s.method == "llm" for s in summary.sentences) + sum(
        r.reason.startswith(LEFT_OUT) for r in summary.rejected)
    proposed = sum(s.method == "llm" for s in summary.sentences) + len(summary.rejected)
    return survived / proposed if proposed else None


def key_fact_coverage(summary: Summary, labels: ArticleLabels, quote_only: bool = False) -> float | None:
    """Share of labelled key facts stated by a summary sentence: one of the sentences of the article that state the
    key fact (its labelled quote, or another sentence the two annotators agree states it or a component of it) is
    among the spans the judge supports a summary sentence by. ``quote_only``: the labelled quote alone (the rule
    before the other sentences were labelled, reported beside it)."""
    if not labels.key_facts:
        return None
    spans = [(sp.start, sp.end) for s in summary.sentences for sp in s.support]
    return sum(any(_overlap(sp, stated) > 0 for sp in spans for stated in (k.spans()[:1] if quote_only else k.spans()))
               for k in labels.key_facts) / len(labels.key_facts)


def neutrality_violations(summary: Summary, loaded_terms: Sequence[str]) -> int:
    """Labelled loaded terms used in summary sentences that do not attribute them (target 0): outside quotation
    marks, in a sentence that does not open with an attribution ("The author says", "According to …"), and
    outside the scope of every attribution the sentence makes ("Mr Buckingham said many disguised it": the
    term is his; see ``_attributions``)."""
    count = 0
    for s in summary.sentences:
        if _ATTRIBUTED.match(s.text):
            continue
        unquoted = re.sub(r"[\"“][^\"”]*[\"”]", lambda m: " " * len(m.group()), s.text)
        found = [m.start() for term in loaded_terms
                 for m in re.finditer(rf"(?i)(?<![\w-]){re.escape(term)}(?![\w-])", unquoted)]
        if not found:
            continue
        scopes = [a.scope for a in _attributions(nlp.parse([s.text])[0])]
        count += sum(not any(a <= at < b for a, b in scopes) for at in found)
    return count


def balanced_accuracy(gold: Sequence[bool], predicted: Sequence[bool]) -> float | None:
    """Mean of the recall on supported and on unsupported items; None when either class is absent."""
    pos = [p for g, p in zip(gold, predicted, strict=True) if g]
    neg = [not p for g, p in zip(gold, predicted, strict=True) if not g]
    if not pos or not neg:
        return None
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2


def mean(values: Sequence[float | None]) -> float | None:
    measured = [v for v in values if v is not None]
    return sum(measured) / len(measured) if measured else None


# --- claims: atomicity, certainty, quotations, dates, check-worthiness ----------------------------------------

_CONDITION_MARKERS = {
    # Words that keep a labelled condition, hedge or prediction in a claim's text. Wide on purpose: a claim that
    # keeps the article's own qualifier in any of these wordings is not asserted unconditionally.
    "condition": re.compile(r"(?i)\b(?:if|unless|provided|as long as|in case|in the case|in the event|only when|"
                            r"otherwise|were to be|would have been)\b"),
    "hedge": re.compile(r"(?i)\b(?:reported(?:ly)?|alleged(?:ly)?|may|might|could|believed?|believes|said to|"
                        r"appear(?:s|ed|ing)?|apparent(?:ly)?|seem(?:s|ed)?|suspected|likely|possibl[ey]|"
                        r"probabl[ey]|claim(?:s|ed)?|according to|accused|unconfirmed|suggest(?:s|ed|ing|ions?)?|"
                        r"described as|as many as|rumou?red|what looked like|not clear whether|questionable|"
                        r"good chance)\b"),
    "prediction": re.compile(r"(?i)(?:\b(?:will|would|shall|expected|expects?|plan(?:s|ned)?|going to|intends?|"
                             r"could|may|might|set to|due to|aims?|hopes?|vow(?:s|ed)?|promise[sd]?|"
                             r"threaten(?:s|ed)?|not likely|likely)\b|\w'll\b)"),
}


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2]


def element_recall(claims: Sequence[Claim], labels: ArticleLabels) -> float | None:
    """Share of labelled claims one returned claim states element by element, not merely overlaps: a claim whose
    span overlaps the labelled quote, that carries every number of the labelled claim, most (two thirds) of its
    names and one of its verbs, and that is at most twice as long as the labelled claim plus ten words (a whole
    paragraph returned as one claim does not count)."""
    if not labels.claims:
        return None
    docs = nlp.parse([g.text for g in labels.claims])
    claim_lemmas = {id(c): {t.lemma_.lower() for t in d} for c, d in zip(claims, nlp.parse([c.text for c in claims]),
                                                                       strict=True)}
    hit = 0
    for g, doc in zip(labels.claims, docs, strict=True):
        numbers = set(lexical.numbers(g.quote)) & set(lexical.numbers(g.text)) or set(lexical.numbers(g.quote))
        names = {t.text.lower() for t in doc if t.pos_ == "PROPN" and len(t.text) > 1}
        verbs = {t.lemma_.lower() for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in _LIGHT}
        limit = 2 * len(_content(g.text)) + 10
        for c in claims:
            if _overlap((c.start, c.end), (g.start, g.end)) <= 0 or len(_content(c.text)) > limit:
                continue
            words = set(_content(c.text)) | {w.lower() for w in re.findall(r"\w+", c.text)}
            if not numbers <= set(lexical.numbers(c.text)):
                continue
            if names and len(names & words) < (2 * len(names) + 2) // 3:
                continue
            if verbs and not verbs & claim_lemmas[id(c)]:
                continue
            hit += 1
            break
    return hit / len(labels.claims)


# A conditional clause in a labelled quote: from its subordinator to the clause's end.
_CONDITION_CLAUSE = re.compile(r"(?i)\b(?:if|unless|when|once|until|as long as|provided(?: that)?)\b[^,;.:!?]{8,}")
_LIGHT = frozenset({"be", "have", "do", "say", "tell", "report", "claim", "state", "add", "note"})


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def condition_dropped(claims: Sequence[Claim], labels: ArticleLabels) -> int | None:
    """Claims stated as fact over a labelled condition, hedge or prediction without keeping it (target 0): the
    claim covers half of the labelled span, is marked asserted, and its text has neither a word of that kind nor
    the labelled span's own words."""
    if not labels.cases_labelled:
        return None
    count = 0
    for c in claims:
        for k in labels.conditionals:
            if _overlap((c.start, c.end), (k.start, k.end)) < 0.5 * max(1, k.end - k.start):
                continue
            if _plain(k.quote) in _plain(c.text):  # the qualifying words themselves, verbatim: nothing dropped
                continue
            # A labelled condition's own clause kept verbatim ("... when the political reconciliation has
            # matured"), where the rest of the sentence was made self-contained ("it" -> "Turkey").
            if k.kind == "condition" and any(_plain(m.group()) in _plain(c.text)
                                             for m in _CONDITION_CLAUSE.finditer(k.quote)):
                continue
            if c.certainty == "asserted" and not _CONDITION_MARKERS[k.kind].search(c.text):
                count += 1
                break
    return count


def quotation_edited(source: str, claims: Sequence[Claim]) -> int:
    """Claims whose text puts inside quotation marks words the article does not have there verbatim (target 0)."""
    return sum(bool(edited_quotations(c.text, source)) for c in claims)


def quotation_misattributed(claims: Sequence[Claim], labels: ArticleLabels) -> int | None:
    """Claims made mostly of a labelled quotation but attributed to the author (target 0)."""
    if not labels.cases_labelled:
        return None
    return sum(any(_overlap((c.start, c.end), (q.start, q.end)) >= 0.5 * max(1, c.end - c.start)
                   for q in labels.quotations) and c.attributed_to == "the author" for c in claims)


def relative_dates(claims: Sequence[Claim], labels: ArticleLabels, published: bool) -> tuple[int, int, int]:
    """(labelled claims whose quote dates something relative to the publication, of them covered by a claim
    whose ``when`` has a calendar date, of them covered by a claim that says why it has none)."""
    total = resolved = explained = 0
    for g in labels.claims:
        if not relative_date(g.quote):
            continue
        total += 1
        covering = [c for c in claims if _matches(c, g.start, g.end) and c.when is not None]
        if any(c.when.date for c in covering if c.when is not None):
            resolved += 1
        elif any(c.when.note for c in covering if c.when is not None) and not published:
            explained += 1
    return total, resolved, explained


def checkworthiness_pairs(claims: Sequence[Claim], labels: ArticleLabels) -> list[tuple[float, int]]:
    """(the returned score, the labelled level 1-3) for each labelled claim a returned claim covers."""
    level = {"low": 1, "medium": 2, "high": 3}
    out = []
    for g in labels.claims:
        scores = [c.checkworthiness for c in claims if _matches(c, g.start, g.end)]
        if scores:
            out.append((max(scores), level[g.checkworthiness]))
    return out


def spearman(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Spearman's rank correlation (scipy; ties share their mean rank); None for fewer than three pairs or a
    constant side."""
    from scipy.stats import spearmanr

    if len(pairs) < 3:
        return None
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return float(spearmanr(a, b).statistic)


# --- summary quality: attribution, coherence, and the grammar of code's edits ------------------------------------
# Each rule is read off the service's spaCy parse and kept simple; where a choice had to be made it leans towards
# not firing, so that a count above 0 points at a real defect.

# Verbs that report what a party asserts. Factive verbs (reveal, show, prove) are left out on purpose: "X revealed
# that Y" presents Y as true.
# (with the verbs of a finding: "investigators found that …", "the study concluded that …" put it in their mouth)
_SPEECH = frozenset({"say", "tell", "claim", "argue", "report", "state", "announce", "insist", "add", "note",
                     "confirm", "deny", "allege", "assert", "assure", "believe", "think", "warn", "write", "explain",
                     "maintain", "contend", "acknowledge", "admit", "stress", "tweet", "declare", "suggest", "find",
                     "conclude"})
_SPEECH_FORMS = ("said|says|claims|claimed|argues|argued|reports|reported|states|stated|announced|insists|insisted|"
                 "adds|added|notes|noted|confirmed|denied|alleges|alleged|warned|writes|wrote|believes|told|tweeted|"
                 "declared")
# A closing attribution, "…, the county highways office said." / "…, a charity claims." (the parser often reads a
# sentence-final "claims" as a noun, so this is matched on the text).
_CLOSING = re.compile(rf"(?i),\s+(?!(?:which|who|whom|that|and|but|when|while|if)\b)(?:[\w’'.-]+\s+){{0,6}}?"
                      rf"({_SPEECH_FORMS})\b[^,;:]{{0,60}}$")
# Where a sentence says who asserts it, at its very start; code's own frames are found from the edits (_added_frame).
_OPENING = re.compile(r"^(?:According to [^,]+,|The (?:author|article|writer) (?:says|said|argues|writes|reports|"
                      r"claims)(?: that)?)\s")
# The main line of a sentence: a verb reached from the root through these arcs only is not inside a relative,
# adverbial or nominal clause ("a jihadist who said…" does not attribute the sentence).
_MAIN_LINE = frozenset({"ccomp", "conj", "parataxis"})


def _quoted(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (straight or curly); an unclosed quotation runs to the end."""
    return [m.span() for m in re.finditer(r"[\"“][^\"”]*(?:[\"”]|$)", text)]


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def _on_main_line(t: Token) -> bool:
    while t.dep_ != "ROOT":
        if t.dep_ not in _MAIN_LINE:
            return False
        t = t.head
    return True


class _Attribution(NamedTuple):
    at: int  # character offset of "according" or of the reporting verb
    scope: tuple[int, int]  # the characters it attributes


def _span(t: Token) -> tuple[int, int]:
    return t.left_edge.idx, t.right_edge.idx + len(t.right_edge)


def _attributions(doc: Doc, start: int = 0) -> list[_Attribution]:
    """Where a parsed sentence says who asserts what, from character ``start`` on and outside quotation marks:

    - "according to" (anywhere: "According to AMN News, …", "…, according to the study"), attributing the clause
      it modifies;
    - a reporting verb (``_SPEECH``) with a subject of its own and a clause or infinitive it reports ("X says
      (that) …", "the author argues that …", "X claimed to have …"), on the sentence's main line, attributing that
      clause ("X claimed that A, but B": B is not attributed); without one, the first "that" clause below it (the
      parser may hang it on a noun in between: "X noted during a session on Syria that …");
    - a closing ", <up to seven words> said/claims/… ." (``_CLOSING``), attributing all before it.

    A passive "were reported killed" or an adverb ("reportedly") hedges but names no party: not an attribution."""
    quoted, text = _quoted(doc.text), doc.text
    found = [_Attribution(t.idx, _span(t.head)) for t in doc
             if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"]
    found += [_Attribution(m.start(1), (0, m.start())) for m in _CLOSING.finditer(text)]
    for t in doc:
        reported = [c for c in t.children if c.dep_ in ("ccomp", "xcomp")]
        # (the subject may be the one of the verb it is joined to: "X sifted through the data and found that …")
        doer = t.head if t.dep_ == "conj" else t
        if not (t.pos_ == "VERB" and t.lemma_.lower() in _SPEECH and _on_main_line(t)
                and any(c.dep_ == "nsubj" for c in (*t.children, *doer.children))):
            continue
        if not reported:
            # A "that" clause the parser hung on a noun after the verb ("noted during a session on Syria that ...",
            # read as a relative clause of "session"): the verb still reports it. Not an adverbial clause ("so
            # that ...", "now that ..."), nor one under the verb's object ("denied reports that ...": the
            # reports' content).
            reported = [m.head for m in t.subtree if m.dep_ == "mark" and m.lower_ == "that" and m.i > t.i
                        and m.head.pos_ in ("VERB", "AUX") and _hung_on_a_noun(m.head, t)][:1]
        found += [_Attribution(t.idx, _span(c)) for c in reported]
    return [a for a in found if a.at >= start and not _inside(a.at, quoted)]


def _hung_on_a_noun(clause: Token, verb: Token) -> bool:
    """Whether a "that" clause below a reporting verb is one the parser hung on a noun of an adjunct between them
    (a relative clause or a noun's complement, no "so"/"now"/"such" with it), not on the verb's object."""
    if clause.dep_ not in ("relcl", "acl") or any(c.dep_ in ("advmod", "mark") and c.lower_ in ("so", "now", "such")
                                                    for c in clause.children):
        return False
    t = clause.head
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
            return False
        t = t.head
    return t.i == verb.i


def _added_frame(s: SummarySentence) -> int:
    """Length of the attribution code put at the front of the sentence, as its edits record it ("The author says
    that …", "According to X, …"); 0 when code added none."""
    for edit in s.edits:
        if edit.startswith("attributed to "):
            party = edit.removeprefix("attributed to ")
            prefix = "The author says that " if party == "the author" else f"According to {party}, "
            if s.text.lower().startswith(prefix.lower()):  # (the party may be lower-cased in the text)
                return len(prefix)
    return 0


def _stated_words(s: SummarySentence, doc: Doc, assertion: Assertion) -> list[Token]:
    """The sentence's words that state the assertion: none unless the sentence is supported by the assertion's span
    (overlap) and carries two thirds of its content words, as the article has them or in the lexicon's neutral
    wording (a sentence drawn from the same source sentence that keeps only its other part does not state it)."""
    if not any(_overlap((sp.start, sp.end), (assertion.start, assertion.end)) > 0 for sp in s.support):
        return []
    have = set(lexical.content_stems(s.text))
    wordings = [set(lexical.content_stems(q)) for q in (assertion.quote, load_lexicon().neutralize(assertion.quote)[0])]
    wanted = max(wordings, key=lambda w: len(w & have) / max(1, len(w)))
    if len(wanted & have) < 2 / 3 * len(wanted):
        return []
    return [t for t in doc if set(lexical.content_stems(t.text)) & wanted]


def _as_fact(s: SummarySentence, doc: Doc, assertions: Sequence[Assertion]) -> bool:
    """Some assertion stated with most of its words outside every attribution's scope."""
    scopes = [a.scope for a in _attributions(doc)]
    for assertion in assertions:
        words = _stated_words(s, doc, assertion)
        if words and sum(any(a <= t.idx < b for a, b in scopes) for t in words) < 0.5 * len(words):
            return True
    return False


def one_sided_as_fact_sentences(summary: Summary, labels: ArticleLabels) -> list[bool] | None:
    """Per sentence: does it state a labelled one-sided assertion (``_stated_words``) without attributing it
    (most of the words that state it lie outside the scope of every ``_attributions``: "according to X, …",
    "X says/argues/claims (that) …", "the author says that …", "…, X said.")? Any party counts: whether the
    attribution names the right party is not checked. None when the article has no one-sided assertions labelled."""
    if not labels.one_sided_assertions:
        return None
    docs = nlp.parse([s.text for s in summary.sentences])
    return [_as_fact(s, doc, labels.one_sided_assertions) for s, doc in zip(summary.sentences, docs, strict=True)]


def one_sided_as_fact(summary: Summary, labels: ArticleLabels) -> int | None:
    """Summary sentences that state a labelled one-sided assertion as fact, unattributed (target 0)."""
    flags = one_sided_as_fact_sentences(summary, labels)
    return None if flags is None else sum(flags)


_HE_SHE = frozenset({"he", "she", "him", "his", "her"})
_IT_THEY = frozenset({"it", "its", "they", "them", "their"})
_DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
# Entity types a name can have that are not a person (an unlabelled or ORG name may still be one: the small model
# often tags people as ORG, and a rule meant not to over-fire takes them).
_NOT_PERSON = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
                         "CARDINAL", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
_PERSON_NOUNS = frozenset({
    "person", "people", "man", "woman", "boy", "girl", "child", "teen", "teenager", "father", "mother", "son",
    "daughter", "wife", "husband", "brother", "sister", "friend", "boyfriend", "girlfriend", "fiance", "fiancee",
    "official", "officer", "minister", "president", "leader", "spokesman", "spokeswoman", "spokesperson", "author",
    "writer", "reporter", "soldier", "fighter", "militant", "lawyer", "attorney", "judge", "doctor", "patient",
    "victim", "suspect", "witness", "resident", "citizen", "student", "teacher", "player", "coach", "manager",
    "chief", "director", "governor", "senator", "mayor", "actor", "actress", "singer", "star", "legend", "jockey",
    "king", "queen", "prince", "princess", "hacker", "agent", "driver", "pilot", "worker", "owner", "client",
    "adviser", "advisor", "envoy", "ambassador", "diplomat", "general", "commander", "user", "customer", "farmer",
    "voter", "candidate", "member", "founder", "expert", "researcher", "professor", "survivor", "prisoner"})
_PERSON_SUFFIXES = ("ist", "ian", "man", "woman", "person", "grader")
# The heads of an "it" that stands for a clause after it ("it is clear that …", "it seems …"), not for a thing.
_DUMMY_IT_HEADS = frozenset({"be", "seem", "appear", "remain", "become"})
# A demonstrative pronoun keeps its referent when the previous summary sentence comes from the article's text just
# before it (its support ends at most this many characters, about two news sentences, before this one's starts).
NEAR_SUPPORT = 400
ADJACENT_SUPPORT = 3  # a noun's demonstrative: the previous summary sentence must be the article's sentence before


def _noun(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN")


def _thing_for(u: Token, it: Token) -> bool:
    """Whether a word before "it" in its sentence can be what "it" stands for: a noun or name not a person's, and not
    the subject of the verb "it" is the object of ("Apple should make it the default": "it" is not Apple)."""
    return _noun(u) and not _person(u) and not (u.dep_ in ("nsubj", "nsubjpass") and u.head.i == _verb_of(it).i)


def _verb_of(t: Token) -> Token:
    """The verb whose clause a word is in ("make" for the "it" of "make it the default option")."""
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _one_person(t: Token) -> bool:
    """One person "he" or "she" can point back to: a person (``_person``), a plural noun only as "one of the men"
    ("autistic people" is no "she")."""
    if t.pos_ == "NOUN" and t.tag_ == "NNS" and not (t.head.lower_ == "of" and t.head.head.lower_ == "one"):
        return False
    return _person(t)


def _person(t: Token) -> bool:
    lemma = t.lemma_.lower()
    return (t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ not in _NOT_PERSON and not _group_name(t))
            or (t.pos_ == "NOUN" and (lemma in _PERSON_NOUNS or lemma.endswith(_PERSON_SUFFIXES)))
            or _who(t))


def _who(t: Token) -> bool:
    """A word a "who" clause qualifies stands for a person, whatever the tagger made of it ("A cleaner who feared a
    body he found ...", "cleaner" tagged an adjective)."""
    return t.pos_ in ("NOUN", "ADJ") and t.tag_ != "NNS" and any(
        c.dep_ == "relcl" and any(w.lower_ in ("who", "whom", "whose") for w in c.children) for c in t.children)


def _group_name(t: Token) -> bool:
    """A name of an organisation, or a plural name ("the Ukrainian Cyber Troops", which the parser leaves untyped):
    never the one person "he" or "she" stands for."""
    head = t
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return t.ent_type_ == "ORG" or head.tag_ == "NNPS"


def _dummy_it(t: Token) -> bool:
    if t.dep_ == "expl":
        return True
    head = t.head
    if t.dep_ not in ("nsubj", "nsubjpass") or head.lemma_.lower() not in _DUMMY_IT_HEADS:
        return False
    # The clause it stands for hangs on the verb or on its adjective/noun: "it is (not possible) to …".
    around = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > t.i for h in around for c in h.children)


def _demonstrative_pronoun(t: Token) -> bool:
    """A demonstrative standing alone as a noun phrase ("this is …", "these were …", "that was …"): not "this
    move", not the "that" of a clause, not "those who …"/"that of …", which point forward."""
    return (t.lower_ in _DEMONSTRATIVES and t.tag_ == "DT" and t.dep_ not in ("det", "mark", "advmod")
            and not any(c.dep_ in ("relcl", "acl", "prep") for c in t.children))


# Deictic, not anaphoric: "this week", "that day" point at the calendar, not at an earlier sentence.
_TIME_NOUNS = frozenset({"year", "month", "week", "day", "morning", "afternoon", "evening", "night", "weekend",
                         "time", "season", "summer", "winter", "spring", "autumn", "fall", "century", "decade",
                         "hour", "moment", "term", "quarter", "point", "stage", "way"})


def _demonstrative_determiner(t: Token, nouns_before: set[str], tokens: list[Token]) -> bool:
    """A demonstrative before a noun the summary has not used before ("That next flight, which will be ..." with no
    flight earlier): it points at the article's sentence, not the summary's. Not "this week" (the calendar), and
    not "this move" after a sentence that moved (the noun's lemma is earlier in the summary, ``nouns_before``, or
    in its own sentence before it, ``tokens``)."""
    head = t.head
    if not (t.lower_ in _DEMONSTRATIVES | {"that"} and t.tag_ == "DT" and t.dep_ == "det" and head.pos_ == "NOUN"):
        return False
    noun = head.lemma_.lower()
    return noun not in _TIME_NOUNS and noun not in nouns_before and noun not in _things(u for u in tokens if u.i < t.i)


# What in a noun phrase says which one: "the attack on the prison", "the attack that followed", "the Ankara
# meeting", "the February 10 clashes", "Turkey's move".
_WHICH = frozenset({"prep", "relcl", "acl", "compound", "nmod", "poss", "nummod"})
# The clauses a definite description may stand in and still be what the sentence tells: not a side clause, where
# the sentence's own words may have told of it ("conspired to have her mother killed, texting him hours before the
# attack").
_SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl", "xcomp", "csubj", "pcomp", "conj"})


def _definite_description(t: Token, nouns_before: set[str], tokens: list[Token]) -> bool:
    """"The" before an event or a group (``lexical.EVENT_AND_GROUP_NOUNS``, the list the summary reads; the rule
    here is written apart) that nothing in its noun phrase says which (not a named event either), in the sentence's
    main clause ("the assault", "the group, all members of ..."), that the summary has not told of before: neither
    the noun nor the verb it is made from ("met" for "the meeting") is earlier in the summary or in its own
    sentence."""
    head = t.head
    if not (t.lower_ == "the" and t.dep_ == "det" and head.pos_ == "NOUN" and not head.ent_type_
            and head.lemma_.lower() in lexical.EVENT_AND_GROUP_NOUNS):
        return False
    if any(c.dep_ in _WHICH for c in head.children) or _happens(head):
        return False
    up = head
    while up.head.i != up.i:
        if up.dep_ in _SIDE_CLAUSES:
            return False
        up = up.head
    noun = head.lemma_.lower()
    if noun in lexical.SUM_UP_NOUNS and nouns_before:
        return False
    told = nouns_before | _things(u for u in tokens if u.i < t.i)
    verb = noun[:-3] if noun.endswith("ing") and len(noun) > 5 else noun
    return not {noun, verb, verb + "e"} & told


def _happens(noun: Token) -> bool:
    """The subject of a verb that tells its event happen ("The incident began when agents met two men", "the fire
    broke out", "the meeting took place"): the sentence tells the event, pointing at nothing before."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    lemma, parts = verb.lemma_.lower(), {c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj")}
    return (lemma in ("begin", "start", "happen", "occur", "unfold", "erupt") or lemma == "break" and "out" in parts
            or lemma == "take" and "place" in parts)


def _things(tokens: Iterable[Token]) -> set[str]:
    """The lemmas of the things and acts the words tell of ("flight controllers" tells of no flight)."""
    return {t.lemma_.lower() for t in tokens if t.pos_ in ("NOUN", "PROPN", "VERB") and t.dep_ != "compound"}


def _near(prev: SummarySentence | None, s: SummarySentence, within: int = NEAR_SUPPORT) -> bool:
    if prev is None or not s.support:
        return False
    first, last = min(sp.start for sp in s.support), max(sp.end for sp in s.support)
    return any(p.end >= first - within and p.start < last for p in prev.support)


def dangling_reference_words(summary: Summary) -> list[list[str]]:
    """Per sentence, the pronouns (outside quotation marks) that point at nothing earlier in the summary:

    - he/she/him/his/her with no person before it: a PERSON entity, a name not typed as a place, date or other
      non-person, or a noun for one person (``_PERSON_NOUNS``, or ending in -ist/-ian/-man/…; a plural one only
      as "one of the men");
    - it/its/they/them/their with no noun or name before it ("it is clear that …" and other clause-standing "it"
      are skipped); "it" opening the summary with no thing before it in its sentence (``_thing_for``: not a
      person, not the subject of its own verb);
    - a demonstrative pronoun ("this is …") with no content verb before it in its sentence (a reporting verb
      does not count: "X assures that this is …") and whose previous summary sentence does not come from the article
      text just before it (``NEAR_SUPPORT``): the article's referent then is not in the summary. (A proxy: a
      model sentence using "this" for its own previous sentence drawn from far away in the article is counted.)
    - a demonstrative before a noun the summary has not used before ("That next flight ..." with no flight
      earlier; not "this week": ``_demonstrative_determiner``), unless the previous summary sentence is the
      article's sentence right before it (``ADJACENT_SUPPORT``);
    - "the" before an event or a group the summary has not told of and that nothing in its noun phrase identifies
      ("the assault", "the group": ``_definite_description``), on the same condition.

    "Before" means earlier in the summary, or earlier in the same sentence; a possessive (his, its, their) may also
    point forward within its sentence ("In its report, the ministry …"). Words in an attribution code added
    ("The author says that …") are not referents: "The author says that it …" leaves "it" dangling."""
    docs = nlp.parse([s.text for s in summary.sentences])
    person_before = thing_before = False
    prev: SummarySentence | None = None
    nouns: set[str] = set()  # the lemmas of the nouns and verbs earlier in the summary ("moved" for "this move")
    out: list[list[str]] = []
    for s, doc in zip(summary.sentences, docs, strict=True):
        quoted, frame = _quoted(s.text), _added_frame(s)
        tokens = [t for t in doc if t.idx >= frame]
        person_here, thing_here = any(map(_one_person, tokens)), any(map(_noun, tokens))
        person, thing, verb = person_before, thing_before, False
        words = []
        for t in tokens:
            if not _inside(t.idx, quoted):
                low, poss = t.lower_, t.dep_ == "poss"
                if t.pos_ == "PRON" and low in _HE_SHE and not (person or (poss and person_here)):
                    words.append(t.text)
                elif (t.pos_ == "PRON" and low in _IT_THEY and not (thing or (poss and thing_here))
                      and not _dummy_it(t)):
                    words.append(t.text)
                elif t.pos_ == "PRON" and low == "it" and not thing_before and not _dummy_it(t) and not any(
                        _thing_for(u, t) for u in tokens if u.i < t.i):
                    words.append(t.text)
                elif _demonstrative_pronoun(t) and not verb and not _near(prev, s):
                    words.append(t.text)
                elif _demonstrative_determiner(t, nouns, tokens) and not _near(prev, s, ADJACENT_SUPPORT):
                    words.append(t.text)
                elif _definite_description(t, nouns, tokens) and not _near(prev, s, ADJACENT_SUPPORT):
                    words.append(f"{t.text} {t.head.text}")
            person, thing = person or _one_person(t), thing or _noun(t)
            verb = verb or (t.pos_ == "VERB" and t.lemma_.lower() not in _SPEECH)
        out.append(words)
        person_before, thing_before, prev = person_before or person_here, thing_before or thing_here, s
        nouns |= _things(tokens)
    return out


def dangling_references(summary: Summary) -> int:
    """Summary sentences with a pronoun or demonstrative that points at nothing earlier in the summary (target 0)."""
    return sum(bool(w) for w in dangling_reference_words(summary))


def doubled_attribution_sentences(summary: Summary) -> list[bool]:
    """Per sentence: does it open with an attribution (one code added, "The author says that …"/"According to X,
    …", or the same opening written by the model) and then attribute again (``_attributions`` after the opening:
    "…, the county highways office said.", "According to X, Y says …", "The author says that he claimed to …")?
    Counted whether the second party differs or repeats the first: either way the attribution is not said once.
    A sentence that opens with its own party's verb ("X said he believes …") is one attribution, not counted."""
    docs = nlp.parse([s.text for s in summary.sentences])
    flags = []
    for s, doc in zip(summary.sentences, docs, strict=True):
        opening = _added_frame(s) or ((m := _OPENING.match(s.text)) and m.end()) or 0
        flags.append(bool(opening) and bool(_attributions(doc, opening)))
    return flags


def doubled_attributions(summary: Summary) -> int:
    """Summary sentences that attribute twice (target 0)."""
    return sum(doubled_attribution_sentences(summary))


_REPLACEMENT = re.compile(r"^'(.+)' -> '(.+)'$")
_SINGULAR_DETS = frozenset({"a", "an", "one", "this", "that", "each", "every", "another"})
_PLURAL_DETS = frozenset({"these", "those", "many", "several", "both"})
# "a few militants", "a lot of": the article quantifies, it does not count one.
_QUANTIFIERS = frozenset({"few", "lot", "couple", "dozen", "handful", "number"})
# Words whose first letter misleads: consonant sound after a vowel letter, vowel sound after a silent h.
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ukr", "eu", "one", "once")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")
_CONJUNCTIONS = frozenset({"but", "and", "or", "so", "yet", "nor"})


def _wants_an(word: str) -> bool | None:
    """Whether "an" (not "a") goes before the word, by its first letter; None when the letter cannot tell: a digit,
    or an all-capital word (an initialism is read letter by letter, "an FBI", an acronym as a word, "a NATO")."""
    w = word.lower()
    if not w[:1].isalpha() or (len(word) > 1 and word.isupper()):
        return None
    if w.startswith(_VOWEL_SOUND):
        return True
    return w[0] in "aeiou" and not w.startswith(_CONSONANT_SOUND)


def _count(t: Token) -> int | None:
    """The number a count word says ("two", "1,000"), None for other words."""
    if t.tag_ != "CD":
        return None
    text = t.lower_.replace(",", "")
    return int(text) if text.isdigit() else lexical.NUMBER_WORDS.get(text)


def _phrase_problems(doc: Doc, start: int, end: int) -> list[str]:
    """Agreement around the words at [start, end) of a parsed sentence (a neutral wording code put there)."""
    words = [t for t in doc if start <= t.idx < end]
    if not words:
        return []
    head = words[-1]
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head  # "armed groups attack": the phrase's head is "attack"
    plural, singular = head.tag_ == "NNS", head.tag_ == "NN"
    # The phrase's determiners: the head's own, and the nearest one to the left across its modifiers (the parse
    # does not always attach "a" in "a captured ISIS Islamist militants" to the noun).
    dets = {c for c in head.children if c.dep_ in ("det", "nummod", "predet") and c.i < words[0].i}
    i = words[0].i - 1
    while i >= 0 and (doc[i].pos_ in ("ADJ", "ADV", "NOUN", "PROPN") or doc[i].tag_ in ("VBN", "HYPH")):
        i -= 1
    if i >= 0 and (doc[i].pos_ == "DET" or doc[i].tag_ == "CD"):
        dets.add(doc[i])
    problems = []
    for d in sorted(dets, key=lambda t: t.i):
        low, count = d.lower_, _count(d)
        if low in ("a", "an") and d.i + 1 < len(doc) and doc[d.i + 1].lower_ in _QUANTIFIERS:
            continue
        if plural and (low in _SINGULAR_DETS or count == 1):
            problems.append(f"singular '{d.text}' before plural '{head.text}'")
        elif singular and (low in _PLURAL_DETS or (count or 0) >= 2):
            problems.append(f"plural '{d.text}' before singular '{head.text}'")
        if low in ("a", "an") and d.i + 1 == words[0].i and (an := _wants_an(words[0].text)) is not None \
                and an != (low == "an"):
            problems.append(f"'{d.text} {words[0].text}'")
    if head.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "conj" for c in head.children):
        verb = head.head
        finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VBD")]
        finite += [verb] if verb.tag_ in ("VBZ", "VBP", "VBD") else []
        if finite:
            f = finite[0]
            one, many = f.tag_ == "VBZ" or f.lower_ == "was", f.tag_ == "VBP" or f.lower_ == "were"
            if (plural and one) or (singular and many):
                problems.append(f"'{head.text} … {f.text}'")
    return problems


# Entity types of a name (a demonym such as "Russian" is an adjective to the tagger but a NORP entity).
_NAMES = frozenset({"PERSON", "NORP", "GPE", "ORG", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
                    "PRODUCT"})


# A title "X of a/an/the Y", both capitalised ("Fall of an Empire", "Lord of the Rings"): a name whatever the parse
# makes of its first word (an article inside keeps out "Residents of Aleppo", which is no title).
_TITLE = re.compile(r"^[A-Z][\w’'-]*\s+of\s+(?:a|an|the)\s+[A-Z]")


def _name_at(rest: str) -> bool:
    """Whether the text starts with a name, by its parse read as a sentence of its own (so that a capital does not
    make a name): a proper noun, a word in a name entity, "The" before a proper noun ("The New York Times"), or
    a title (``_TITLE``)."""
    if _TITLE.match(rest):
        return True
    doc = nlp.parse([rest])[0]
    first = doc[0]
    return (first.pos_ == "PROPN" or first.ent_type_ in _NAMES
            or (first.lower_ == "the" and len(doc) > 1 and doc[1].pos_ == "PROPN"))


def _capital_problems(s: SummarySentence, doc: Doc) -> list[str]:
    """A capital letter right after "that " (or after the attribution code put in front) on a word that is not a
    name (``_name_at``), "I" or an acronym; a capital article opening the party of an added attribution before a
    word that is no name ("According to The UK-based ..."); and a conjunction straight after an added attribution
    ("According to X, but …")."""
    text, quoted = s.text, _quoted(s.text)
    starts = {m.start(1) for m in re.finditer(r"\bthat ([A-Z])", text)}
    frame = _added_frame(s)
    if frame:
        starts.add(frame)
    problems = []
    # The party the attribution names, opened by a capital article before no name ("According to The UK-based
    # Syrian Observatory"): the article's capital from the start of its sentence, kept mid-sentence.
    opened = re.match(r"According to (The|A|An) (\S+)", text) if frame else None
    if opened and not re.fullmatch(r"[A-Z][\w.’']*", opened.group(2)):
        problems.append(f"capital '{opened.group(1)}' mid-sentence")
    for pos in sorted(p for p in starts if not _inside(p, quoted)):
        word = re.match(r"[\w’'-]*", text[pos:])
        w = word.group() if word else ""
        if pos == frame and w.lower() in _CONJUNCTIONS:
            problems.append(f"'{w}' after the added attribution")
        elif w[:1].isupper() and w != "I" and not (len(w) > 1 and w.isupper()) and not _name_at(text[pos:]):
            problems.append(f"capital '{w}' mid-sentence")
    return problems


def agreement_problems(summary: Summary) -> list[list[str]]:
    """Per sentence, the grammar code's edits broke (only sentences with ``edits`` are read). At each neutral
    wording a replacement ("'jihadist' -> 'Islamist militants'") put in the sentence:

    - a singular determiner (a, an, one, this, that, each, every, another) before a plural head noun, or a plural
      one (these, those, many, several, both, a count of two or more) before a singular head (common nouns only:
      NN/NNS; "a few …" is a quantifier, not "a");
    - "a"/"an" against the next word's first letter (a vowel takes "an"; handled exceptions: uni-, use-, usu-,
      uti-, ukr-, eu-, one, once take "a", hour, honest, hono(u)r, heir take "an"; digits and all-capital words
      are not judged);
    - a plural subject with a singular verb ("militants was"), or a singular one with a plural verb.

    And, for any edit (the attribution too): ``_capital_problems``."""
    edited = [i for i, s in enumerate(summary.sentences) if s.edits]
    docs = dict(zip(edited, nlp.parse([summary.sentences[i].text for i in edited]), strict=True))
    out: list[list[str]] = []
    for i, s in enumerate(summary.sentences):
        if i not in docs:
            out.append([])
            continue
        problems = []
        for edit in s.edits:
            if m := _REPLACEMENT.match(edit):
                for at in re.finditer(rf"(?i)(?<![\w-]){re.escape(m.group(2))}(?![\w-])", s.text):
                    problems += _phrase_problems(docs[i], at.start(), at.end())
        out.append(problems + _capital_problems(s, docs[i]))
    return out


def agreement_errors(summary: Summary) -> int:
    """Grammar broken by code's edits: agreement, articles and capitals at the replacements (target 0)."""
    return sum(len(p) for p in agreement_problems(summary))
