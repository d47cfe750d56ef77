"""Claims made by rules from the parse: one fact per claim, self-contained, never more certain than the article.

- **Decomposition.** A sentence of independent clauses ("Pro-government forces captured over a dozen villages,
  and encircled another Turkish observation point") yields one claim per clause; a clause that shares its
  subject with the one before gets that subject written out. Each claim's quote is its clause's verbatim span.
  Sentences under a condition, questions, quotations and reported speech are not split: a claim keeps its "if",
  a quotation stays whole, and "X said that A and B" stays X's.
- **Decontextualisation.** A leading pronoun subject ("He vowed ...") is replaced by the party it most likely
  points to (the last one of its kind named before it); a leading discourse phrase ("Besides significant earlier
  advances,", "However,") is dropped; relative dates ("on Monday", "last week") are resolved from the publication
  date into ``when`` (ISO) and written into the claim, or left unresolved, and said so, when the article has no
  date; places named in the clause go to ``where``.
- **Certainty.** The main clause says how the article puts it: under "if" (conditional), "may"/"reportedly"
  (hedged), "will" (predicted), "should" (normative), or a question. Such claims keep their wording and are not
  checkable as facts. Who asserts it: the chain of speakers the parse gives ("Southfront reported that officials
  said ..."), innermost last.

Text inside quotation marks is never edited here: rules only cut, and write out a subject or a date outside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING

from service.text import lexical, nlp
from service.text.analysed import PRONOUN_GENDER, Analysed, DateMention, Unit
from service.text.clauses import HEDGE_AUX, MODALS, SPEECH, hedging
from service.text.sentences import DATELINE, after_page_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from service.text.names import Mention

_MIN_WORDS = 4
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_RELATIVE = re.compile(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                       r"last (?:week|month|year|night)|this (?:week|month|year|morning)|earlier this (?:week|month)|"
                       r"on (?:the )?same day)\b")
# A clause split off after ", while" / ", whereas" loses the conjunction; a sentence that opens with "While X,"
# keeps it: the main clause comes after the comma, and without it the two would be spliced ("Apple had offered it
# in the past, until now it had not come into play").
_LEADING = re.compile(r"^(?:(?i:and|but|so|then|also)\b|(?:while|whereas)\b|[,;—–-]|\s)+")
# Discourse openers that tie a sentence to the one before and state nothing themselves.
_DISCOURSE = re.compile(
    r"^(?:(?:besides|apart from|in addition to|aside from)\b[^,;:]{0,80},|(?:however|meanwhile|moreover|furthermore|"
    r"nevertheless|nonetheless|in addition|additionally|also|still|indeed|thus|therefore|hence|instead|"
    r"in other words|at the same time|in the meantime|as a result|on the other hand),)\s*", re.I)
# The writer's judgement framing what follows, which states nothing itself: an adverb of comment ("Ironically,",
# "Needless to say,") or a frame round a "that" clause ("The interesting thing is that ...", "It is telling that
# ..."). A claim, and a summary sentence made from it, is the clause; the issue's "rhetorical asides" (seed 001:
# "the interesting thing is that the Russian side played into the hands of the Turkish media campaign"). Not a hedge
# ("Evidently," is often "apparently"), nor a judgement of hindsight ("It was obvious that the bridge would fail"
# is no prediction), nor before a quotation, which keeps its own first letter.
_COMMENT = re.compile(
    r"^(?:(?:interestingly|ironically|tellingly|curiously|strangely|oddly|sadly|tragically|predictably|"
    r"unsurprisingly|not surprisingly|surprisingly|remarkably|needless to say|of course|naturally|obviously|"
    r"clearly|funnily enough|as (?:expected|usual|always)),\s+"
    r"|(?:the|what is|what's) (?:most |really |more |even more )?(?:interesting|important|curious|funny|strange|odd|"
    r"ironic|remarkable|striking|surprising|telling|sad|amusing) (?:thing |part |point |fact )?(?:here )?is that\s+"
    r"|it(?: is|'s|’s| was) (?:very |most |rather |quite |particularly )?(?:interesting|ironic|telling|remarkable|"
    r"striking|curious|funny|strange|odd|amusing|worth noting|worth mentioning|no coincidence|no surprise|"
    r"not surprising|unsurprising) that\s+)(?=[^\s\"“‘'])", re.I)
_PREDICTIVE = frozenset({"will", "'ll", "shall", "wo", "would"})
_NORMATIVE = frozenset({"should", "must", "ought"})
_QUOTES = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True)
class When:
    """When a claim's event happened, as the article gives it."""

    text: str  # as written ("on Monday")
    iso: str | None  # "2020-02-10", or a range "2020-02-03/2020-02-09"; None: not resolved
    note: str | None  # why not resolved
    relative: bool  # relative to the date of writing ("on Monday", "last week")


@dataclass(frozen=True)
class Atom:
    sentence: int  # index of its unit in the analysed article
    start: int  # the verbatim span of the article the claim comes from
    end: int
    text: str  # the claim, self-contained
    when: When | None
    where: tuple[str, ...]
    whole: bool  # the whole sentence (not split)
    certainty: str  # asserted, hedged, conditional, predicted, normative, question
    chain: tuple[str, ...]  # who reports whom, outermost first; empty: the author's own
    resolved: tuple[str, ...]  # what rules wrote in: "He -> Erdogan", "on Monday -> 2020-02-10"

    @property
    def speaker(self) -> str | None:
        return self.chain[-1] if self.chain else None


def atoms(index: Analysed, i: int, someone_elses: bool = False) -> list[Atom]:
    """The claims of sentence ``i`` of an analysed article; ``someone_elses``: the article gives the sentence to a
    party other than its author (``framing.attributions``)."""
    unit = index.units[i]
    doc = unit.doc
    certainty = _certainty(unit, doc)
    if certainty == "asserted" and i + 1 < len(index.units) and _CONDITION_NEXT.match(index.units[i + 1].text):
        certainty = "conditional"  # "The law permits X. But they need parental authorisation."
    chain = _speakers(index, i, _chain_of(doc)) if doc is not None else ()
    # Someone's with no speaker of its own: a sentence of a quotation that goes on ("But Carver said: 'You can see
    # what a talent Siem is. ... He scored two at the Etihad'"). Its pronouns are the speaker's: who "he" is, the
    # rules that read the author's sentences cannot say ("Carver scored two at the Etihad").
    quoted = someone_elses and not chain
    if doc is not None and (fact := _ironic(doc)) is not None:
        whole = _atom(index, i, unit.start, unit.end, None, True, certainty, chain, quoted)
        return [replace(whole, text=clean(fact), resolved=(*whole.resolved, "ironic framing set aside"))]
    spans = [] if doc is None or certainty != "asserted" or _keep_whole(unit) else _clauses(doc)
    if len(spans) < 2:
        return [_atom(index, i, unit.start, unit.end, None, True, certainty, chain, quoted)]
    return [_atom(index, i, unit.start + s, unit.start + e, subject, False, certainty, chain, quoted)
            for s, e, subject in spans]


def clause_parts(sentence: str) -> list[str]:
    """A sentence's independent clauses, each a sentence of its own with the shared subject written out ("Turkish
    forces took the town and shelled the road." -> "Turkish forces took the town.", "Turkish forces shelled the
    road."); [] when it has fewer than two, or when one would say too little on its own. A sentence under "if" or
    "unless", or whose first verb is negated or under a modal, stays whole; what a speaker says ("X said A and B")
    is one clause of the speaker's already."""
    return clause_parts_of(nlp.parse([sentence])[0], sentence)


def clause_parts_of(doc: Doc, sentence: str) -> list[str]:
    """:func:`clause_parts` for a sentence parsed already."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    # (a negation or modal on the first verb would not carry over to the second: "did not take the town or shell
    # the road", "may have taken the town and shelled the road")
    if root is None or any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in doc) \
            or any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in root.children):
        return []
    out = []
    for start, end, subject in _clauses(doc):
        text = clean(sentence[start : closing_mark(sentence, start, end)])
        out.append(_with_subject(subject, text) if subject else text)
    return out


def _with_subject(subject: str, text: str) -> str:
    """A clause with the subject it shares written out before it, capitalised as a sentence's start ("the men are"
    + "Filmed in a van." -> "The men are filmed in a van."), unless it has it already or in a quotation."""
    if text.lower().startswith(subject.lower()) or _in_quotes(subject, text):
        return text
    text = f"{subject} {text[0].lower() + text[1:] if text[1:2].islower() else text}"
    # ("iPhone sales" keeps its small letter)
    return text[0].upper() + text[1:] if not text[1:2].isupper() else text


def relative_parts_of(doc: Doc, sentence: str) -> list[str]:
    """The facts a sentence adds in passing, in non-restrictive relative clauses, each a sentence of its own ("The
    union, which represents 1,200 workers, has demanded a pay rise" -> "The union represents 1,200 workers"): the
    rest of the sentence may hold while the aside is made up. Only clauses set off by a comma, whose relative
    pronoun is their subject."""
    out = []
    for verb in doc:
        if verb.dep_ != "relcl" or verb.pos_ not in ("VERB", "AUX"):
            continue
        pronoun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.lower_ in ("which", "who") and c.i > 0 and doc[c.i - 1].text == ","), None)
        head = verb.head
        # (on a noun only: "Heavy rain flooded parts of Nairobi, which has ..." hung on the verb is no aside of the
        # sentence's subject; and the clause ends at its closing comma, where a parse may run it on)
        if pronoun is None or head.i >= pronoun.i or head.pos_ not in ("NOUN", "PROPN"):
            continue
        subject = doc[head.left_edge.i : pronoun.i - 1]
        if not len(subject) or any(t.dep_ in ("relcl", "ROOT") or t.tag_ in ("VBD", "VBZ", "VBP") for t in subject):
            continue  # (a noun phrase, not a clause the parse ran into it)
        last = next((t.i for t in doc[verb.i : verb.right_edge.i + 1] if t.text == ","), verb.right_edge.i + 1)
        rest = doc[pronoun.i + 1 : last].text.strip(" ,")
        text = clean(f"{subject.text} {rest}")
        if len(text.split()) >= 3:
            out.append(text[0].upper() + text[1:])
    return out


# A condition stated by the next sentence: the sentence alone says more than the article does.
_CONDITION_NEXT = re.compile(r"\s*(?:But (?:they|it|he|she|this|these|those|the \w+) (?:still )?(?:need|needs|must|"
                             r"require|requires|have to|has to)\b|Only if\b|Provided\b|Unless\b)")
# "The Air Force celebrated the talks with 120 airstrikes": irony around a fact. The claim is the fact (who
# carried out what), never the framing; the verbs that carry the irony, and the violence they pretend to greet.
_IRONIC_VERBS = frozenset({"celebrate", "welcome", "greet", "mark", "honour", "honor", "reward", "thank",
                           "congratulate", "salute"})
_VIOLENCE = frozenset({"airstrike", "strike", "raid", "bombing", "bombardment", "shelling", "attack", "missile",
                       "rocket", "bomb", "offensive", "assault", "barrage", "shell"})


def _ironic(doc: Doc) -> str | None:
    """The fact under an ironic "X celebrated Y with N airstrikes on Z": "X carried out N airstrikes on Z"."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _IRONIC_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        # "with" hangs from the verb or, as the parser often has it, from its object ("the talks with ...").
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for prep in (c for h in heads for c in h.children):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep.lower_ == "with" else None
            if subject is None or obj is None or obj.lemma_.lower() not in _VIOLENCE:
                continue
            who = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            return f"{who} carried out {doc[obj.left_edge.i :].text}"
    return None


def ironic_fact(sentence: str) -> str | None:
    """The fact under an ironic framing of ``sentence`` (see ``_ironic``), or None when it has none."""
    fact = _ironic(nlp.parse([sentence])[0])
    return clean(fact) if fact is not None else None


# Adverbs by which a writer judges how something was done ("blatantly violated", "shamelessly ignored"): a relative
# clause they qualify is the writer's verdict on an act, said in passing.
_JUDGING_ADVERBS = frozenset("""blatantly brazenly shamelessly cynically flagrantly outrageously callously
treacherously hypocritically""".split())


def judging_aside(sentence: str) -> tuple[str, str] | None:
    """``sentence`` without a relative clause in which the writer judges the act it tells, and that clause ("Ankara
    says this was needed to protect its troops from the aggression of the Assad regime that blatantly violated the
    Idlib de-escalation by attacking peaceful al-Qaeda militants": seed 002's sarcasm, which the summary had
    attributed to Ankara); None when it has none. Only an aside: a clause between commas on the sentence's subject,
    or one that ends the sentence on a named party ("the Assad regime"); not one that says which of several is meant
    ("a hit-and-run driver who callously left a cyclist to die", "it was the minister who flagrantly broke the
    rules"), nor one that reports someone's words ("which they say cynically exploited the crisis")."""
    low = sentence.lower()
    if not any(w in low for w in _JUDGING_ADVERBS):
        return None  # (no parse for the sentences that cannot have one: nearly all)
    doc = nlp.parse([sentence])[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    for t in doc:
        if t.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ in _JUDGING_ADVERBS for c in t.children):
            continue
        first, last, owner = t.left_edge, t.right_edge, t.head
        clause = doc[first.i : last.i + 1]
        if any(w.lemma_.lower() in SPEECH for w in clause if w.pos_ == "VERB") or any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in t.children):
            continue  # someone's words, or a clause with a subject of its own
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        before = doc[first.i - 1] if first.i > 0 else None
        end = last.idx + len(last.text)
        if before is not None and before.text == "," and after is not None and after.text == "," \
                and root is not None and owner.i < root.i:
            kept = sentence[: before.idx].rstrip() + " " + sentence[after.idx + 1 :].lstrip()
        elif (after is None or after.text in (".", "!", "?") and after.i == len(doc) - 1) \
                and any(w.pos_ == "PROPN" for w in owner.subtree if w.i < first.i) \
                and any(c.lower_ == "the" for c in owner.children) and not any(
                w.lower_ == "it" and w.dep_ == "nsubj" and w.head.lemma_ == "be" for w in doc[: first.i]):
            cut = before.idx if before is not None and before.text == "," else first.idx
            kept = sentence[:cut].rstrip() + sentence[end:]
        else:
            continue
        if len(kept.split()) < 4:
            return None
        return kept, sentence[first.idx : end]
    return None


# The participles of an absolute "with" phrase: "With national outrage boiling over", "With the talks stalled".
_PARTICIPLE_DEPS = frozenset({"pcomp", "acl", "advcl", "pobj"})


def circumstance(sentence: str) -> str | None:
    """The opening absolute phrase of ``sentence`` when it is the writer's setting of the scene and names nothing
    and counts nothing ("With national outrage boiling over, officers arrested the owner" -> "With national
    outrage boiling over"), else None. A summary leaves it out: it is a judgement no one is quoted for, and the
    fact is the main clause. A phrase with a name or a number ("With 3,000 troops deployed in Idlib, ...",
    "With Financial Fair Play sanctions hurting, ...") is a fact and stays."""
    if not sentence.startswith("With "):
        return None  # (no parse for the sentences that cannot have one: nearly all)
    doc = nlp.parse([sentence])[0]
    if len(doc) < 4 or doc[0].lower_ != "with" or doc[0].dep_ != "prep":
        return None
    end = doc[0].right_edge.i + 1
    if end >= len(doc) - 2 or doc[end].text != ",":
        return None
    phrase = doc[1:end]
    main = doc[0].head
    if not any(t.tag_ in ("VBG", "VBN") and t.dep_ in _PARTICIPLE_DEPS for t in phrase) \
            or any(t.like_num or t.ent_type_ or t.text[:1].isupper() for t in phrase) \
            or main.dep_ != "ROOT" or not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > end for c in main.children):
        return None
    return doc[:end].text


def _exclamation(doc: Doc) -> bool:
    """An exclamation that opens with "what" on a noun ("What a brave stand from a man who has not lifted a crate
    since 1998.", "What a difference a year makes"): a judgement, not a fact, "!" or not. Not "what few" or "what
    little" ("What few supplies remained were seized"), nor "what" as a pronoun ("What a spokesman said ...")."""
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    return len(words) > 2 and words[0].lower_ == "what" and words[0].dep_ in ("det", "predet") \
        and words[1].lower_ not in ("few", "little")


def _certainty(unit: Unit, doc: Doc | None) -> str:
    if lexical.is_question(unit.text):
        return "question"
    if doc is not None and _exclamation(doc):
        return "normative"
    root = next((c for c in unit.clauses if c.root), None)
    if root is None or doc is None:
        return "asserted"
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root.condition:
        return "conditional"
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"} if verb is not None else set()
    if aux & _NORMATIVE:
        return "normative"
    if aux & _PREDICTIVE or (verb is not None and any(c.lower_ == "going" for c in verb.children)):
        return "predicted"
    if root.hedged or aux & HEDGE_AUX or (verb is not None and any(hedging(c) for c in verb.children)):
        return "hedged"
    return "asserted"


def _keep_whole(unit: Unit) -> bool:
    """Reported speech, quotations and very short sentences stay whole."""
    return any(c.speech or c.quoted for c in unit.clauses) or len(unit.words) < 2 * _MIN_WORDS


def _chain_of(doc: Doc) -> tuple[str, ...]:
    """Who asserts the sentence's main content: the subjects of the speech verbs above it, outermost first
    ("Southfront reported that officials said X": Southfront, officials)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    chain: list[str] = []
    speaker: Token | None = None  # the last speaker's token
    verb = root
    # "'...,' Mr Dokukin likes saying": the verb of saying hangs from the root, the speaker is the root's subject.
    if verb is not None and verb.lemma_.lower() not in SPEECH:
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH), verb)
    while verb is not None and verb.lemma_.lower() in SPEECH and len(chain) < 4:
        # A verb inside what is said reports only with something said of its own: "a prolonged stoppage could add
        # to supply-chain delays" and "the employers have shown no respect" name no speakers.
        # Nor does one with only a thing for its object: "Police found the body", "Syria denied the charges",
        # "Turkey announced a ceasefire" report what the party did, in the author's words.
        # (a finding's verbs excepted, "Researchers found examples of ...", "Footage showed ...", as is a quotation
        # for the object, "Evidence ... showed “detailed invoices ...”", and "described it as a step")
        if not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) and (
                chain or (not _finding(verb) and not _quoting(verb)
                          and any(c.dep_ in ("dobj", "obj") for c in verb.children))):
            break
        # (of two subjects the parser gives it, the one next to the verb: "The debt of a divorced retiree averages
        # £22,100, Prudential's report said" - the report says it, not the debt)
        at = verb.i
        subject = min((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - at), default=None)
        if subject is None:  # on the verb it hangs from, or on a verb the parser made its auxiliary ("likes")
            above = [verb.head] if verb.dep_ == "xcomp" else [c for c in verb.children if c.dep_ == "aux"]
            subject = next((c for a in above for c in a.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in ("this", "that", "there"):
            break
        # "John Waldron said he believes ...": the one who says it goes on speaking, not a person named before (not
        # "Prosecutors said he told investigators ...": he is someone else)
        if not (subject.lower_ in ("he", "she") and speaker is not None and speaker.tag_ not in ("NNS", "NNPS")):
            speaker = subject
            if subject.lower_ in _SPEAKING_PRONOUNS:
                phrase = subject.text  # resolved against the sentences before by ``_speakers``
            elif not re.search(r"[A-Za-z]{3}", phrase := _speaker_phrase(subject)) or len(phrase) > 80:
                break
            chain.append(phrase)
        verb = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")),
                    None)
    if not chain:
        for t in doc:  # "according to X, ..."
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                objs = [g for g in doc[t.i + 1].children if g.dep_ == "pobj"]
                if objs:
                    chain.append(_phrase(objs[0]))
                break
    return tuple(chain)


_FINDING = frozenset({"find", "show", "reveal", "indicate", "conclude", "estimate", "describe", "quote", "report",
                      "confirm"})
# What "find" finds when it reports a finding ("Researchers found evidence of ..."), not when it obtains something
# ("The charity finds clients from London homeless charities": the author's statement of what the charity does).
_FOUND = frozenset({"evidence", "example", "sign", "trace", "link", "proof", "flaw", "loophole", "error", "problem",
                    "case", "instance", "pattern", "increase", "decrease", "rise", "fall", "difference", "correlation",
                    "association", "effect", "lack", "shortage", "breach", "irregularity", "discrepancy", "nothing"})


def _finding(verb: Token) -> bool:
    """Whether a verb with a thing for its object reports a finding: the finding verbs, "find" only with a finding
    for its object."""
    lemma = verb.lemma_.lower()
    if lemma != "find":
        return lemma in _FINDING
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _FOUND for c in verb.children)


def _quoting(verb: Token) -> bool:
    """Whether a verb's object holds a quotation (its words, not a thing it acted on)."""
    return any(t.text in ('"', "“", "”") for c in verb.children if c.dep_ in ("dobj", "obj") for t in c.subtree)


# ("It said it had offered a 4.5% increase": an organisation named before speaks; "it" that points at none of the
# sentences before leaves the claim to the speakers before it, as a "he" does)
_SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "it"})


def _speakers(index: Analysed, i: int, chain: tuple[str, ...]) -> tuple[str, ...]:
    """The chain with a pronoun speaker ("'...,' he urged readers") replaced by the party it points to, looked for
    in the sentences before as for a pronoun subject (``_referent``); a pronoun that points at nobody leaves the
    chain at the speakers before it."""
    out: list[str] = []
    for speaker in chain:
        if speaker.lower() in _SPEAKING_PRONOUNS:
            found = referent(index, i, speaker.lower(), before_only=True, speaking=True)
            if found is None:
                break
            speaker = found
        out.append(speaker)
    return tuple(out)


def _phrase(token: Token) -> str:
    words = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return " ".join(words.text.split()).strip(" ,;:'\"“”‘’")


def _speaker_phrase(subject: Token) -> str:
    """A speaker as a reader names it: the subject's phrase without what a comma sets off after it ("Lindsey, 29",
    "The barbaric footage, released earlier today") and without a time before it ("Yesterday a 29-minute video");
    a list of speakers keeps its members ("Britain, France and Germany")."""
    doc = subject.doc
    named = next((t for t in subject.children if t.i > subject.i and t.dep_ == "appos"
                  and doc[t.left_edge.i - 1].text == "," and (t.pos_ == "PROPN" or t.ent_type_ == "PERSON")), None)
    if named is not None and (subject.pos_ != "PROPN" and not subject.ent_type_
                              or named.ent_type_ == "PERSON" and subject.ent_type_ != "PERSON"):
        # "his daughter, Claudette King", "a volunteer, Syed Al-Amin Roman": the name says who (and after a title
        # in capitals: "Myer Chief Merchandise & Marketing Officer and Deputy CEO, Daniel Bracken")
        subject = named
    lo, hi = subject.left_edge.i, subject.right_edge.i
    while lo < subject.i and doc[lo].ent_type_ in ("DATE", "TIME") and doc[lo + 1].dep_ != "case":
        lo += 1  # ("Today's report from the IMF" keeps its day)
    for t in doc[subject.i + 1 : hi + 1]:
        if t.text == "," and not any(x.dep_ in ("conj", "cc") for x in doc[t.i + 1 : hi + 1]):
            hi = t.i - 1
            break
    return re.sub(r"(?:,|\s+(?:and|or))+$", "", " ".join(doc[lo : hi + 1].text.split()).strip(" ,;:'\"“”‘’"))


def _clauses(doc: Doc) -> list[tuple[int, int, str | None]]:
    """(start, end, subject to write out) of each independent clause, offsets within the sentence."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return []
    conj = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not conj:
        return []
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subject_text = _phrase(subject) if subject is not None else None
    cuts = [c.left_edge.i for c in conj]
    # A conjunct whose left edge reaches back into the first clause (it shares words with it) cannot be cut out.
    if any(cut <= root.i for cut in cuts):
        return []
    # Two verbs that share an object stay one clause ("tracked down and arrested Sohel Rana, ..."); a later conjunct
    # with its own object is still cut off (", and returned him by helicopter to Dhaka").
    # A conjunct with no subject of its own and no "and", "but" or comma before it is the parser's misreading, not a
    # second clause ("support for jihadists Erdogan pledged to oppose": "pledged" hung on the main verb; cut there,
    # "An pledged to oppose"). (With its own subject, it is a sentence run on: "… break them up Barnes, who …, was
    # previously charged".)
    # (Nor is a hyphen inside a word: "to re-produce the dolls" cut there gave "Myer have teamed up with Mattel to
    # re." and "Myer produce the iconic dolls".)
    # Nor a verb a negation distributes over ("was not seen of or heard of by anyone": cut there, "was heard of by
    # anyone" said the opposite).
    # Nor one whose subject is a relative pronoun: the parser's misreading of a relative clause's second half ("to
    # anyone who has kept their marriage intact, or who has never married": cut there, a claim "Who has never
    # married").
    negated = any(c.dep_ == "neg" for c in root.children)
    kept = [(cut, c) for cut, c in zip(cuts, conj, strict=True)
            if (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct or _has_subject(c))
            and not (negated and not _has_subject(c)) and not _relative_subject(c)
            and not _inside_a_word(doc, cut) and not _object_shared(doc, cut, c)]
    if not kept:
        return []
    cuts, conj = [cut for cut, _ in kept], [c for _, c in kept]
    pieces: list[tuple[int, int, str | None]] = [(doc[0].idx, _end_before(doc, cuts[0]), None)]
    for n, c in enumerate(conj):
        last = (cuts[n + 1] if n + 1 < len(cuts) else len(doc)) - 1
        own_subject = any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
        written = subject_text
        if written is not None and c.tag_ == "VBN" and not any(x.dep_ in ("aux", "auxpass") for x in c.children):
            # "the men are blindfolded and filmed in a van": the second clause is "the men are filmed", not "the men
            # filmed"; the auxiliaries the two share are written out with the subject.
            shared = [x.text for x in root.children if x.dep_ in ("aux", "auxpass") and x.i < root.i]
            written = " ".join([written, *shared])
        pieces.append((doc[c.left_edge.i].idx, _end_at(doc, last), None if own_subject else written))
    # Every piece must say something on its own.
    if any(len(_words(doc, s, e)) < _MIN_WORDS for s, e, _ in pieces):
        return []
    return pieces


def _inside_a_word(doc: Doc, cut: int) -> bool:
    """Whether the token before ``cut`` is a hyphen joining two parts of one word ("re-produce")."""
    return cut >= 2 and doc[cut - 1].text in ("-", "\u2010", "\u2011") and not doc[cut - 1].whitespace_ \
        and not doc[cut - 2].whitespace_


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _relative_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in verb.children)


_OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "ccomp", "xcomp", "prep", "dative", "oprd", "acomp", "advmod",
                          "prt", "npadvmod", "advcl"})


def _object_shared(doc: Doc, cut: int, conj: Token) -> bool:
    """Whether the verb just before a conjunct is one of two that share the conjunct's object ("the group claim to
    have shot and beheaded more than 30 Christians", the parser hanging "beheaded" on the sentence's main verb): a
    verb of a clause below the main one, with nothing after it, before a conjunct that has an object."""
    j = cut - 1
    while j > 0 and (doc[j].is_punct or doc[j].dep_ == "cc"):
        j -= 1
    before = doc[j]
    # (a past participle, as "shot" is: "refused to pay and took the case to court" is two clauses)
    # ("police have stopped and searched thousands of drivers": the main verb's too)
    tags: tuple[str, ...] = ("VBN",)
    if before.dep_ == "prt" and before.head.i < before.i:
        # "officers tracked down and arrested Sohel Rana": a phrasal verb left without its object is transitive,
        # in any tense ("tracked down." alone is no statement)
        before, tags = before.head, ("VBN", "VBD", "VB")
    return (before.pos_ == "VERB" and before.tag_ in tags
            and not any(c.dep_ in _OBJECT_DEPS and c.i > before.i and c.dep_ != "prt" for c in before.children)
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in conj.children)
            and any(c.dep_ in ("dobj", "obj") for c in conj.children))


def _end_before(doc: Doc, i: int) -> int:
    """The end offset of the last word before token ``i``, leaving out "and", commas and the like (not a closing
    bracket or quotation mark: "15.5km (9.6 miles) and was felt" keeps its ")")."""
    j = i - 1
    while j > 0 and ((doc[j].is_punct and doc[j].text not in _CLOSING) or doc[j].dep_ == "cc"):
        j -= 1
    t = doc[j]
    return int(t.idx + len(t.text))


_CLOSING = frozenset({")", "]", "”", '"', "’"})


def _end_at(doc: Doc, i: int) -> int:
    while i > 0 and doc[i].is_punct and doc[i].text not in _CLOSING:
        i -= 1
    t = doc[i]
    return int(t.idx + len(t.text))


def _words(doc: Doc, start: int, end: int) -> list[str]:
    return [t.text for t in doc if start <= t.idx < end and t.is_alpha]


# "..., Tass reported, adding:": a participle that announces the next paragraph's quotation ends the span with
# nothing after it; the claim stops at what was reported.
# (the comma may sit inside a closing quotation mark: "... the amount of oil extracted there,” adding:")
_ANNOUNCING = re.compile(r",([\"”’']?)\s*(?:adding|saying|noting|stating|explaining|warning|writing|continuing)"
                         r"\s*[:.]?\s*$")


def clean(text: str) -> str:
    """A span as a claim: markdown marks, a wire dateline, leading conjunctions, discourse openers and the writer's
    comment framing it (``_COMMENT``) removed, a
    trailing participle that announces what follows ("…, Tass reported, adding:") dropped, capitalised, ended with
    a full stop (after a closing quotation mark that has none inside)."""
    text = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = _LEADING.sub("", DATELINE.sub("", " ".join(text.split()), count=1)).strip()
    text = _DISCOURSE.sub("", text)
    text = _COMMENT.sub("", text, count=1)
    text = _ANNOUNCING.sub(lambda m: "." + m.group(1) if m.group(1) else "", text)
    text = re.sub(r"[\s,;:—–-]+$", "", text)
    if text[:1].islower() and not text[1:2].isupper():  # ("iPhone sales ..." keeps its small letter)
        text = text[0].upper() + text[1:]
    # (a quotation that closes the sentence ends it only with its own stop inside: "had been 'highly emotional'."
    # takes one after the mark)
    if text and not re.search(r"[.!?][\"”’']?$", text):
        text += "."
    return text


def _atom(index: Analysed, i: int, start: int, end: int, subject: str | None, whole: bool, certainty: str,
          chain: tuple[str, ...], quoted: bool = False) -> Atom:
    unit = index.units[i]
    resolved: list[str] = []
    end = closing_mark(index.text, start, end)
    text = clean(index.text[start:end])
    if subject and (written := _with_subject(subject, text)) != text:
        text = written
        resolved.append(f"subject -> {subject}")
    text, note = (text, None) if quoted else _resolve_subject(index, i, text)
    if note:
        resolved.append(note)
    dates = [d for d in unit.dates if start <= d.start < end]
    when = _when(index, dates)
    if when is not None and when.relative and when.iso is not None:
        text, notes = _write_dates(text, dates, index.published)
        resolved.extend(notes)
    places = tuple(dict.fromkeys(m.text for m in unit.mentions if start <= m.start < end
                                 and m.label in ("GPE", "LOC", "FAC")))
    return Atom(i, start, end, text, when, places, whole, certainty, chain, tuple(resolved))


def closing_mark(text: str, start: int, end: int) -> int:
    """``end``, or one further when the span leaves a quotation it opened unclosed and the mark that closes it is the
    very next character: a clause cut from "Koepke had been 'highly emotional' and refused ..." ends on the parse's
    last word, "emotional", and its quotation mark was lost ("Koepke had been 'highly emotional."); a stop inside
    the quotation comes with it ("calling them 'his children.'"). Quotations as ``lexical.QUOTATION`` reads them
    (a straight single mark opens one only before a word, not as an apostrophe)."""
    for extra in (1, 2):
        if end + extra > len(text) or (extra == 2 and text[end] not in ".!?"):
            break
        if any(m.end() == end + extra for m in lexical.QUOTATION.finditer(text, start, end + extra)):
            return end + extra
    return end


def _in_quotes(fragment: str, text: str) -> bool:
    return any(fragment in m.group() for m in _QUOTES.finditer(text))


def _resolve_subject(index: Analysed, i: int, text: str) -> tuple[str, str | None]:
    """``text`` with a leading pronoun subject replaced by the party it most likely points to."""
    m = re.match(r"^(He|She|It|They|His|Her|Its|Their)\b", text)
    if not m or text[m.end() : m.end() + 1] in ("'", "’"):
        return text, None  # (nor a contraction: "It's believed that ..." had become "India's believed that ...")
    word = m.group(1).lower()
    doc = nlp.parse([text])[0] if word in ("it", "its") else None
    if word == "it" and doc is not None and (stands_for_a_clause(doc[0]) or _says_what_it_was(doc[0])):
        return text, None  # "It is worth noting that ...", "It is the second recall ...": no party to name
    # (what "its" owns: a place has a government or an industry, not a manufacturer)
    owned = doc[0].head.lemma_.lower() if word == "its" and doc is not None and doc[0].dep_ == "poss" else None
    # ("It said ...", "It added ...": the speaker, sought as ``_speakers`` seeks it, never a place named in passing)
    name = referent(index, i, word, speaking=word == "it" and doc is not None and _speaks(doc), owned=owned)
    if name is None:
        return text, None
    if word in ("his", "her", "its", "their"):
        return f"{name}'s{text[m.end():]}", f"{m.group(1)} -> {name}"
    return f"{name}{text[m.end():]}", f"{m.group(1)} -> {name}"


def _says_what_it_was(it: Token) -> bool:
    """Whether an opening "it" is the subject of "be" with a common noun for what it is ("It is the second recall
    of the drug in three years", "It was the worst disaster in decades"): as a rule the event just told, not a
    party (tried as a user would: "It" had become "British Heart Foundation", named in the sentence before)."""
    verb = it.head
    return it.dep_ == "nsubj" and verb.lemma_ == "be" and any(
        c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() not in _PARTY_NOUNS for c in verb.children)


# What a party is ("HSBC posted record profits. It is the largest bank in Europe": the "it" is HSBC's).
_PARTY_NOUNS = frozenset("""bank company firm group business corporation country nation state city town party team
club organisation organization agency airline carrier maker manufacturer retailer lender insurer producer exporter
importer charity union government ministry university school hospital newspaper broadcaster network""".split())


def _speaks(doc: Doc) -> bool:
    """Whether a sentence's opening pronoun is the subject of a verb of saying ("It said ...")."""
    return bool(len(doc)) and doc[0].dep_ == "nsubj" and doc[0].head.lemma_.lower() in SPEECH


def coordinated_subject(unit: Unit, offset: int) -> bool:
    """Whether the name at ``offset`` (in the analysed text) is the subject of a main clause joined to the
    sentence's first by "and" or "but" ("He confessed ..., and Jamie Silvonek admitted ...")."""
    doc = unit.doc
    if doc is None:
        return False
    token = next((t for t in doc if t.idx <= offset - unit.start < t.idx + len(t.text)), None)
    while token is not None and token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token is not None and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "conj" \
        and token.head.head.dep_ == "ROOT" and any(c.dep_ == "cc" for c in token.head.head.children)


def referent(index: Analysed, i: int, word: str, before_only: bool = False, speaking: bool = False,
             owned: str | None = None) -> str | None:
    """The party a pronoun of sentence ``i`` most likely points to: the nearest sentence (this one, up to its
    start, unless ``before_only``, then the three before) that names a party of the pronoun's kind; in it, the
    party a verb has for an argument (its subject, as a rule the first) before one named after a preposition:
    "Turkey is asking for more time to solve the situation in Idlib. It is proposing ..." - "it" is Turkey, not
    the nearer Idlib. ``owned``: the noun an "its" is put on (its lemma), for whether a place can own it."""
    wanted = "person" if word in _PERSON_PRONOUNS else None
    unit = index.units[i]

    def fits(mention: Mention) -> bool:
        kind = index.kind(mention)
        # (a name that only qualifies a noun is not what a pronoun stands for: "They" after "a video branding
        # Ukrainian officials" is not "Ukrainian")
        # (nor a word in lower case the tagger took for a name: "the van"; "eBay" and "al-Qaeda" are names)
        # (and "he" or "she" is no name that only describes a noun, "her Upper Macungie Township home", unless it
        # is the noun's owner: "Erdogan's troops")
        return any(c.isupper() for c in mention.text) and not (
            mention.role == "modifier" and mention.label == "NORP") and (
            (wanted == "person" and kind == "person" and (mention.role != "modifier" or possessive(mention))
             # (nor a person the text calls "Mr" for a "she": ``Analysed.gender``)
             and index.gender(mention.keys) in (None, PRONOUN_GENDER.get(word)))
            or (wanted is None and kind in ("org", "place")))

    def possessive(mention: Mention) -> bool:
        return index.text[mention.end : mention.end + 2] in ("'s", "’s") or index.text[mention.end - 2 : mention.end] \
            in ("'s", "’s") or index.text[mention.end : mention.end + 1] in ("'", "’")

    # "He confessed to stabbing her ..., and Jamie Silvonek admitted she was there when he did it": the subject of
    # the sentence's second main clause is someone else than the first's "he" (not a name elsewhere in it: "He
    # appeared in court, where Jones spoke only to confirm his name"; "His actions ... when Bowe was the best").
    named_here = {m.text.casefold() for m in unit.mentions if coordinated_subject(unit, m.start)} \
        if word in ("he", "she") else set()
    # (nor is the pronoun a name of its own clause: "He confessed to stabbing Cheryl Silvonek")
    named_here |= _bound_by(unit)
    # (a photo caption run into the text is not what the writing goes on from: "The mummy ... was found in the city
    # of Trujillo. Grim discovery: Street cleaners who found the remains ... It is thought to have been stolen")
    # (but one after a page's "Scroll down for video" may run on into the article's sentence the pronoun goes on
    # from: the search stops there, below)
    before = list(islice((j for j in range(i - 1, -1, -1)
                          if not index.units[j].caption or after_page_cue(index.units[j].text)), 3))
    previous = before[0] if before else None
    for j in before if before_only else [i, *before]:
        if j < i and index.units[j].caption:
            # A caption run on into the article's sentence: what that sentence is about, and which of its parties,
            # the parse of the run-on does not say ("... Peter O'Toole needed entertaining Fall of an Empire: ...
            # Director Michael Redwood paid tribute to O'Toole. He said: ..." is Redwood)
            return None
        if word in ("they", "their") and j < i and _own_they(index.units[j]):
            # The sentence before has a "they" of its own, or a plural or a person for a subject: the pronoun
            # goes on with that ("after an account holder has typed their password ... They are also required"),
            # not with a name further back ("Apple").
            return None
        if word == "it" and j == previous and not speaking and _thing_for_subject(index.units[j], _undone(unit)):
            # "The barbaric footage ... shows the men in Deir ez-Zor, Syria. It comes a day after ...": "it" goes
            # on with the thing the sentence before is about, not with a place named there in passing.
            return None
        fitting = [x for x in index.units[j].mentions if fits(x) and (j < i or x.start < unit.start + 1)]
        if j < i and any(x.text.casefold() in named_here for x in fitting):
            # ("Trump met Putin. He told Putin ...": Trump.) With no one else there, who "he" is the text around
            # does not say as far as the rules can read: not a person further back ("Upper Macungie Township",
            # typed a person, "confessed to stabbing ...").
            fitting = [x for x in fitting if x.text.casefold() not in named_here]
            if not fitting:
                return None
        # (not for "its": "Protests spread across Iran. Its government ..." is Iran's)
        found = [x for x in fitting if word == "its" or not _where(index.units[j], x)]
        if fitting and not found and not speaking:
            # "'We've been in the Rocky Canyons,' said Lindsey. But their journey ...": the sentence before names a
            # place only as where things happen; "it" or "their" goes on with what it is about, never a party further
            # back ("Heavy rain fell across Pakistan. Their farmers ..." is not Britain's, named before)
            return None
        if word in ("they", "their") and j < i and found and not any(x.role == "argument" for x in found) \
                and any(index.kind(x) == "person" for x in index.units[j].mentions):
            # "'We've been in the Rocky Canyons,' said Lindsey. But their journey ...": people are "they" too, and
            # which the sentence does not say (with no other party there, the search goes on: "Liverpool beat
            # Arsenal. Mohamed Salah scored twice. Their lead ...")
            return None
        if not found:
            continue
        if word == "its" and owned is not None and all(x.role != "argument" for x in found) \
                and not any(owned in (_AN_ORGANISATIONS if index.kind(x) == "org" else _A_PLACES) for x in found):
            # "... batches made at a factory in Hyderabad. Its manufacturer, Corvel Pharma, said ...": a name in
            # passing (after a preposition) owns what its kind has, a place its government or its industry, an
            # organisation its chief executive or its shares ("Shares in Acme Corp fell. Its chief executive ...");
            # a manufacturer neither (the tagger typed Hyderabad an organisation): what does, the rules cannot say
            # (tried as a user would: the claim read "Hyderabad's manufacturer").
            return None
        arguments = [x for x in found if x.role == "argument"]
        if speaking and word == "it":
            # "It said ...": an organisation a verb of the sentence before has for an argument ("Acme Corp posted a
            # rise in profit. Sales grew in Germany. It said ..."), never a place named in passing ("in Germany",
            # "on Telegram"); a state or a town there ("North Korea fired missiles, South Korea's military said. It
            # said ...") leaves the speaker unknown: which of its voices speaks, the sentence does not say.
            if not arguments:
                if any(index.kind(x) == "org" for x in found):
                    return None  # "Findings from Ofcom show ... It showed ...": the findings speak, not Ofcom
                continue
            if index.kind(arguments[0]) != "org":
                return None
        # (else, for "it"/"they", the first named, the agent before the places: "Another stunt carried out by Cyber
        # Berkut is the hacking of billboards in Kiev"; for "he"/"she", the nearest person)
        mention = arguments[0] if arguments else found[-1 if wanted else 0]
        return mention.text[4:] if mention.text.lower().startswith("the ") else mention.text
    return None


# What a place named in passing can own, for an "its" ("Protests spread across Iran. Its government ..."; lemmas).
_A_PLACES = frozenset("""government president premier minister ministry cabinet parliament army military force troop
soldier navy capital people population citizen resident economy industry sector market border coast
police leader official authority territory city town village region province district state king queen currency
bank school hospital farmer worker media press court election constitution mayor governor council embassy
ambassador team squad fan airport port road river history culture language neighbour neighbor ally debt budget
export import oil gas health infrastructure railway university""".split())
# What an organisation named in passing can own ("Shares in Acme Corp fell. Its chief executive resigned"; lemmas).
_AN_ORGANISATIONS = frozenset("""executive ceo chairman chairwoman chair president director founder owner boss chief
board share stock profit revenue sale earning customer client employee staff worker member spokesman spokeswoman
spokesperson headquarters website product brand factory plant subsidiary lawyer leader shareholder investor""".split())

# Where a clause's own subject starts another clause: names there may be the pronoun's party ("He appeared in court,
# where Jones spoke only to confirm his name").
_OWN_CLAUSE = frozenset({"relcl", "advcl", "ccomp", "conj", "parataxis", "csubj"})


def _bound_by(unit: Unit) -> set[str]:
    """The names a sentence's opening subject pronoun cannot stand for: those in its own clause, which English would
    name with "himself", "herself" or "itself" if they were its party ("He confessed to stabbing Cheryl Silvonek"
    is not Cheryl Silvonek's confession). Names in another clause with a subject of its own are not bound."""
    doc = unit.doc
    if doc is None or not len(doc) or doc[0].dep_ not in ("nsubj", "nsubjpass") or doc[0].pos_ != "PRON":
        return set()
    inside: set[int] = set()
    stack = [doc[0].head]
    while stack:
        t = stack.pop()
        inside.add(t.i)
        stack.extend(c for c in t.children if c.i != 0 and not (
            c.dep_ in _OWN_CLAUSE and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)))
    offsets = {doc[k].idx + unit.start for k in inside}
    return {m.text.casefold() for m in unit.mentions if m.start in offsets
            or any(m.start <= o < m.end for o in offsets)}


_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "through", "from", "to", "into",
                       "on", "over", "throughout", "within"})


def _where(unit: Unit, mention: Mention) -> bool:
    """Whether a place is named only as where something is or happens ("in the Rocky Canyons", "in Deir ez-Zor,
    Syria"): a setting, not a party a later "it" or "their" stands for."""
    if unit.doc is None or mention.role == "argument" or mention.label not in ("GPE", "LOC", "FAC"):
        return False
    token = next((t for t in unit.doc if t.idx + unit.start >= mention.start), None)
    while token is not None and token.dep_ in ("compound", "appos", "conj", "amod", "det") and token.head.i != token.i:
        token = token.head
    return token is not None and token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE


def _undone(unit: Unit) -> bool:
    """Whether a sentence's opening "it" does nothing: the subject of a passive or of "be" or "have" ("It is reported
    to hold 3,000 detainees"), which a thing is as well as a party."""
    doc = unit.doc
    it = doc[0] if doc is not None and len(doc) else None
    return it is not None and it.lower_ == "it" and (
        it.dep_ == "nsubjpass" or it.dep_ == "nsubj" and it.head.lemma_.lower() in ("be", "have"))


def _thing_for_subject(unit: Unit, reported_too: bool = False) -> bool:
    """Whether a sentence's main subject is a thing named by a common noun ("The barbaric footage ... shows"),
    not a name, a person or a pronoun: what a following "it" most likely goes on with. ``reported_too``: so is the
    subject of what a verb of saying reports, for an "it" that does nothing ("The Syrian Observatory says the prison
    is besieged. It is reported to hold 3,000 detainees": the prison, or the Observatory; which, the rules cannot
    say; but "HSBC said profit rose. It also cut jobs" is HSBC's)."""
    root = next((t for t in unit.doc or () if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    reported = [c for c in root.children if c.dep_ == "ccomp"] \
        if reported_too and root.lemma_.lower() in SPEECH else []
    return any(_thing(next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None))
               for verb in (root, *reported))


def _thing(subject: Token | None) -> bool:
    """Whether a subject is a thing named by a singular common noun, no name in it."""
    # (a singular common noun; the tagger now and then takes one with a determiner for an adjective: "The mummy,
    # thought to date back to 1100 AD, was found ...")
    common = subject is not None and (subject.tag_ == "NN" or subject.tag_ == "JJ" and any(
        c.dep_ == "det" for c in subject.children))
    if subject is None or not common or subject.ent_type_:
        return False
    return not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in subject.children)


_CLAUSE_IT_VERBS = frozenset({"be", "seem", "appear", "remain", "become"})


def stands_for_a_clause(it: Token) -> bool:
    """Whether an "it" stands for a clause after it ("It is worth noting that ...", "It seems that ...", "It was not
    possible to ...", "said it was too early to comment") rather than for a thing named before."""
    if it.dep_ == "expl":
        return True
    verb = it.head
    if it.dep_ != "nsubj" or verb.lemma_ not in _CLAUSE_IT_VERBS:
        return False
    around = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in ("ccomp", "xcomp", "csubj", "pcomp") and c.i > it.i or c.lower_ == "worth"
               for h in around for c in h.children)


def _own_they(unit: Unit) -> bool:
    """Whether a sentence has what a following "they" more likely stands for than a name before it: a "they" or
    "their" of its own, or a plural noun for a subject ("The rebels said ...")."""
    if unit.doc is None:
        return False
    return any(t.lower_ in ("they", "their", "them") and t.pos_ == "PRON" or
               t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS" for t in unit.doc)


def _write_dates(text: str, dates: list[DateMention], published: dt.date | None) -> tuple[str, list[str]]:
    """Each relative date followed by the date it resolves to, outside any quotation: "on Monday (10 February
    2020)"; after its possessive ending, "Wednesday's (5 November 2025) hearing", not "Wednesday (...)'s"."""
    notes = []
    for d in dates:
        period = calendar(d, published)
        if period is None or not _RELATIVE.search(d.text) or d.text not in text or _in_quotes(d.text, text):
            continue
        written = spoken(*period)
        at = text.index(d.text) + len(d.text)
        if text[at : at + 2] in ("'s", "\u2019s"):
            at += 2
        text = f"{text[:at]} ({written}){text[at:]}"
        notes.append(f"{d.text} -> {written}")
    return text, notes


# What a date as written contains: a month, a weekday, a year, or a word of time. The parser's DATE entities
# include strays ("Rashideen 4", a village) that are none of these.
_DATE_WORD = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:1[89]|20)\d\d\b|\b(?:yesterday|"
                        r"today|tonight|week|weeks|month|months|year|years|day|days|ago|morning|evening|night|"
                        r"weekend|decade|century|spring|summer|autumn|fall|winter)\b")


def _when(index: Analysed, dates: list[DateMention]) -> When | None:
    """The claim's time: its first date the rules can place (a relative one on the calendar of the publication
    date), with every date it names as written."""
    dates = [d for d in dates if _DATE_WORD.search(d.text)]
    if not dates:
        return None
    text = ", ".join(d.text for d in dates)
    relative = bool(_RELATIVE.search(text))
    for d in dates:
        period = calendar(d, index.published)
        if period is not None:
            lo, hi = period
            return When(text, lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}", None, relative)
    note = ("the article's date is unknown, so a date relative to it cannot be placed"
            if relative and index.published is None else "the article gives no calendar date for it")
    return When(text, None, note, relative)


def calendar(d: DateMention, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The calendar period a date mention names: "last week" is the Monday-to-Sunday week before the one of
    publication, "last month" the calendar month before (the judge's ranges are wider, to match loosely)."""
    if d.when is None or d.yearless:
        return None
    low = d.text.lower()
    if published is not None and "week" in low and ("last" in low or "past" in low):
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday, monday + dt.timedelta(days=6)
    if published is not None and "week" in low and "this" in low:
        return published - dt.timedelta(days=published.weekday()), published
    if published is not None and "month" in low and "last" in low:
        end = published.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    return d.when.lo, d.when.hi


def spoken(lo: dt.date, hi: dt.date) -> str:
    """A date or a period as a reader writes it: "10 February 2020", "3-9 February 2020"."""
    def day(x: dt.date) -> str:
        return f"{x.day} {x.strftime('%B')} {x.year}"
    if lo == hi:
        return day(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        if lo.day == 1 and (hi + dt.timedelta(days=1)).day == 1:
            return f"{lo.strftime('%B')} {lo.year}"
        return f"{lo.day}-{hi.day} {lo.strftime('%B')} {lo.year}"
    return f"{day(lo)} to {day(hi)}"


def relative_date(text: str) -> bool:
    """Whether a text dates something relative to when it was written ("on Monday", "last week")."""
    return bool(_RELATIVE.search(text))
