"""Clauses read off the dependency parse: who did what to whom, negated or not, and how firmly it is put.

For every verb of a sentence: its predicate, its agent (the subject of an active verb, the "by" phrase of a
passive one) and its patient (the object of an active verb, the subject of a passive one), whether it is
negated, whether it stands under a condition ("if ..."), a hedge ("may", "reportedly", "is said to") or an
attribution ("X said that ...", "according to X", a quotation), and who the speaker is. The judge compares a
statement's clauses with those of its support: roles swapped, a negation added or removed, a condition,
hedge or attribution dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.text import names as name_keys
from service.text.lexical import STATE_ABBREVIATIONS, stem

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that report speech, writing, belief or findings: the clause under them is someone's assertion.
SPEECH = frozenset("""say tell claim allege report announce state add note insist argue believe think accuse deny
confirm warn vow urge stress write tweet post describe suggest assure declare admit acknowledge explain complain
estimate predict promise threaten quote indicate show reveal find conclude testify maintain contend assert
emphasise emphasize reiterate repeat mention recall announce disclose inform boast brag concede""".split())
HEDGE_AUX = frozenset({"may", "might", "could"})
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "wo"})
HEDGE_ADV = frozenset("""reportedly allegedly possibly probably apparently likely perhaps supposedly purportedly
seemingly presumably maybe potentially""".split())
# "X appears to ...", "X is said to ...", "X is believed to ...": the governing verb hedges the clause under it.
HEDGE_GOVERNORS = frozenset("""appear seem believe say report expect suspect think allege rumour rumor understand
fear""".split())
# "the claim that X ...", "reports that X ...": what the noun's clause says is someone's word, not asserted.
HEDGE_NOUNS = frozenset("""claim report allegation rumour rumor suggestion assertion accusation speculation
suspicion""".split())
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing", "none", "without"})
# Words that make "likely" a comparison of chances ("less likely to die"), not a hedge.
_COMPARING = frozenset({"more", "less", "least", "twice", "times", "as"})


def hedging(word: Token) -> bool:
    """Whether a word hedges what its verb says ("reportedly", "is likely to"): not a comparison of chances,
    which states a finding ("are less likely to die early", "twice as likely", "three times more likely")."""
    if word.lower_ not in HEDGE_ADV:
        return False
    return not (word.lower_ == "likely" and any(
        w.lower_ in _COMPARING for w in word.subtree if w.i < word.i))


@dataclass(frozen=True)
class Role:
    """A role filler: the names in it, its head word, and how it refers."""

    start: int
    end: int
    text: str
    root: int  # offset of the phrase's head word
    names: tuple[tuple[str, ...], ...]  # the keys of each name in the phrase
    main: tuple[tuple[str, ...], ...]  # the names that are the filler itself (its head, or an apposition to it)
    head: str  # the stem of the phrase's head word
    words: frozenset[str]  # stems of its content words
    referring: str  # "name", "pronoun", "definite" ("the teenager"), or "plain" ("militants")
    described: frozenset[str] = frozenset()  # stems of the content words of its appositions ("campaign director")


@dataclass(frozen=True)
class Clause:
    verb: int  # the verb's character offset in the analysed text
    pred: frozenset[str]  # stems of the predicate (lemma and form, with a particle: "shoot down")
    speech: bool  # the predicate itself reports speech or belief
    agent: Role | None
    patient: Role | None
    negated: bool
    condition: bool
    hedged: bool
    speaker: Role | None  # who asserts this clause, when the sentence attributes it
    quoted: bool  # inside quotation marks
    root: bool = False  # the sentence's main clause
    modal: bool = False  # under a modal auxiliary: "will", "would", "should", "could" ... (a prediction, a wish)
    wanted: bool = False  # what someone requires, wants or plans ("requires the form to specify"): not asserted
    passive: bool = False  # its patient is its grammatical subject ("the law was signed")
    # The clause states a condition itself ("if the person does not enter the code"), or restricts a party as a
    # condition would ("a user who does not enter the code"): either keeps the condition it stands for.
    conditional: bool = False
    restrictive: bool = False
    asked: bool = False  # a question someone asks, weighs or leaves open ("deciding whether he will be executed")


_PRONOMINAL = frozenset({"i", "we", "you", "me", "us", "each", "all", "both", "some", "many", "most", "one",
                         "several", "none", "any", "those", "these", "this", "that", "who", "which"})


def _role(span: Span, base: int, whole: Span | None = None) -> Role:
    """A role filler from its noun phrase ``span``; the names of ``whole`` (the phrase with its appositions, "Activist
    group The Aleppo Media Centre") count as its names."""
    root = span.root
    names: list[tuple[str, ...]] = []
    main: list[tuple[str, ...]] = []
    heads = {root.i} | {c.i for c in root.children if c.dep_ == "appos"}
    for ent in (whole or span).ents:
        if ent.label_ in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"):
            continue
        k = name_keys.keys(ent.text)
        if root.lemma_.lower() in name_keys.GOVERNING and not ent.start <= root.i < ent.end:
            k = name_keys.ruled(k)  # "the Erdogan regime"
        if k:
            names.append(k)
            if any(ent.start <= h < ent.end for h in heads):
                main.append(k)
    if not names:
        propn = [t for t in span if _named(t) and t.ent_type_ == ""]
        if propn:
            k = name_keys.keys(" ".join(t.text for t in propn))
            if k:
                names.append(k)
    if not main and _named(root):
        main.extend(_chain_keys(span, root.i))
    if (all(set(k) <= _ROLE_NOUNS for k in main) if main else root.lemma_.lower() in _ROLE_NOUNS) \
            and len(span) > 1 and _named(span[-1]):
        main = _chain_keys(span, span[-1].i)  # "Head of Russia's Center ... Recep Safarov": the person at the end
    if not main and not _named(root) and not any(c.dep_ == "conj" for c in root.children):
        # A common noun with a name on it is that party's ("al-Nusra fighters", "Turkish troops"), not the
        # name of a place after it ("... near Jarjanaz").
        for c in root.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and _named(c) and c.ent_type_ not in _NOT_PARTIES:
                main.extend(name_keys.ruled(k) if root.lemma_.lower() in name_keys.GOVERNING else k
                            for k in _chain_keys(span, c.i))
    names.extend(k for k in main if k not in names)
    words = frozenset(stem(t.lower_) for t in span if t.is_alpha and not t.is_stop)
    low = root.lower_.strip("\"'“”‘’")
    if root.pos_ in ("VERB", "AUX"):
        referring = "clause"
    elif (_pronominal(root) or (root.pos_ in ("PRON", "DET") and not names)) and not _named(root):
        referring = "pronoun"
    elif names and root.pos_ in ("PROPN",) or (names and root.ent_type_):
        referring = "name"
    elif low in name_keys.PRONOUNS or root.pos_ == "PRON":
        referring = "pronoun"
    elif any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "his", "her",
                                                         "its", "their") for c in root.children):
        referring = "definite" if not names else "name"
    else:
        referring = "name" if names else "plain"
    described = frozenset(stem(t.lower_) for t in whole if t.is_alpha and not t.is_stop and not
                          span.start <= t.i < span.end) if whole is not None else frozenset()
    if referring == "pronoun" and low in _QUANTIFIERS and not any(c.dep_ == "prep" for c in root.children):
        # "many disguised it", after "one in five Chinese restaurants could be offering the dish": many of the
        # plural noun before it in the sentence
        before = next((t for t in reversed(root.doc[: root.i]) if t.tag_ in ("NNS", "NNPS")), None)
        if before is not None:
            low = before.lower_
            words = words | {stem(low)}
    return Role(span.start_char + base, span.end_char + base, span.text, root.idx + base, tuple(names), tuple(main),
                stem(low), words, referring, described)


_QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "others"})


def _named(token: Token) -> bool:
    if _pronominal(token) or token.lower_.strip("\"'“”‘’") in name_keys.PRONOUNS:
        return False
    return token.pos_ == "PROPN" or token.text in STATE_ABBREVIATIONS


def _pronominal(token: Token) -> bool:
    """A pronoun or quantifier standing for a party ("us", "both"), not a name spelt the same ("the US")."""
    text = token.text.strip("\"'“”‘’")
    return text.lower() in _PRONOMINAL and not (len(text) > 1 and text.isupper())


_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
_ROLE_NOUNS = frozenset("head chief director member leader spokesman spokeswoman official".split())


def _chain_keys(span: Span, last: int) -> list[tuple[str, ...]]:
    """The keys of the run of proper nouns that ends at token ``last``."""
    first = last
    while first > span.start and _named(span.doc[first - 1]):
        first -= 1
    k = name_keys.keys(span.doc[first : last + 1].text)
    return [k] if k else []


def _counted(token: Token) -> Token | None:
    """What a number counts, where the phrase says it with a preposition ("70% of the pupils", "one in five
    restaurants", "hundreds of people"): the party the clause speaks of. None for a date or a bare number."""
    if token.ent_type_ in ("DATE", "TIME"):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "among"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ not in ("DATE", "TIME"):
                    return noun
    return None


def _whole(token: Token) -> Span:
    """The phrase with its appositions ("Cyber Berkut, a staunchly anti-Western group")."""
    span = _span_of(token)
    # (not an apposition that opens a run-on caption: "the undefeated boxer Bowe (left) is pictured")
    # (nor the subject of a relative clause without "that": "the backpacks Mr Hall ... were carrying")
    contact = _contact_relative(token.head) if token.head.i != token.i else None
    appositions = [c for c in token.children if c.dep_ == "appos" and not _glued_start(c.left_edge)
                   and not (contact is not None and contact[1].i == c.i)]
    end = max([span.end, *(c.right_edge.i + 1 for c in appositions)])
    start = min([span.start, *(c.left_edge.i for c in appositions)])
    return token.doc[start:end]


def _split_name(t: Token, token: Token) -> bool:
    return t.head.i == token.head.i and t.head.i != t.i and t.dep_ == token.dep_ and token.pos_ == "PROPN" and (
        t.pos_ == "PROPN" or t.text in ("-", "‑"))


def _span_of(token: Token) -> Span:
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:  # "According to Tass, six attempts ...": the attribution hung on the subject
        if child.i < token.i and child.lower_ == "according":
            left = max(left, child.right_edge.i + 1)
    # A name the parser split into sibling subjects ("Faisal", "al", "-", "Mekdad" each a subject of "said"): whole.
    while left > 0 and _split_name(doc[left - 1], token):
        left -= 1
    while right < len(doc) and _split_name(doc[right], token):
        right += 1
    # A relative clause or an apposition makes the phrase long; the role is the noun phrase before it.
    for child in token.children:
        if (child.dep_ in ("relcl", "acl", "appos") or _including(child)) and child.i > token.i:
            right = min(right, child.left_edge.i)
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right - 1 > token.i and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    return doc[left:max(right, token.i + 1)]


_RELATIVE = frozenset({"who", "which", "that", "whom"})


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject token, and whether the verb is passive; inherited through conjunction and control, and
    read through relative pronouns ("Wright, who had ..." -> Wright) and participles ("the measure, approved by
    Congress" -> the measure, passive)."""
    # Passive: a passive subject or auxiliary, a "by" agent, or a past participle completing a passive ("were
    # reported killed").
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd", "conj")
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)) or (
        # a causative "have the case moved", "got his car repaired": the noun is what is acted on
        verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.head.lemma_.lower() in ("have", "get")
        and any(c.dep_ == "nsubj" for c in verb.children))
    if _including(verb):
        return verb.head, False  # "1,000 units of equipment, including howitzers": the units include them
    if (contact := _contact_relative(verb)) is not None:
        return contact[1], False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # Two subjects are a misparse of a description before a name ("Activist group The Aleppo Media Centre
    # claims"): the name is the subject.
    # (counted before sorting: a list being sorted reads as empty to the key function)
    several = len(subjects) > 1
    subjects.sort(key=lambda c: not (several and c.pos_ == "PROPN"))
    for c in subjects[:1]:
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.i != verb.i:
            return verb.head, passive
        return c, passive
    if any(c.dep_ == "expl" for c in verb.children):
        return None, passive  # "there is no workaround": no subject, not even one a conjunction would lend
    # An infinitive on a noun is the noun's, whichever way the parser hangs it ("no plan to attack": acl or relcl).
    infinitive = verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if (verb.dep_ == "acl" or infinitive) and verb.head.i != verb.i and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # (a past tense on a noun is a participle the tagger took for a finite verb: "a ceasefire agreed days
        # earlier"; on a description set beside a name, it is the name's: "Saraqib, a former stronghold liberated
        # last week")
        noun = verb.head
        if noun.dep_ == "appos" and noun.head.i != noun.i and noun.head.pos_ == "PROPN":
            noun = noun.head
        if infinitive and noun.dep_ == "attr" and noun.head.lemma_.lower() in _BECOMING:
            # ("Bowe ... became the first person to beat the undefeated boxer": Bowe beat him; "Hale became the
            # first mayor to be convicted by a jury": Hale was convicted, a passive)
            subject, _ = _subject(noun.head)
            if subject is not None and subject.lower_ not in _RELATIVE:
                return subject, any(c.dep_ == "auxpass" for c in verb.children)
        return noun, verb.tag_ in ("VBN", "VBD")
    head = verb
    for _ in range(3):  # "X attacked and captured Y": "captured" takes the subject of "attacked"
        # (and so does a participle set off after the verb: "Katalov told the BBC, adding that ...": Katalov adds;
        # not one with its own conjunction, "while increasing ..."; and a gerund after a preposition of time,
        # "Bowe apologised after posting a message": Bowe posted it)
        if (head.dep_ in ("conj", "xcomp") or _adjunct_participle(head)) and head.head.i != head.i:
            head = head.head
        elif _timed_gerund(head):
            head = head.head.head
        else:
            break
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in _RELATIVE and head.dep_ == "relcl" and head.head.i != head.i:
                    return head.head, passive
                return _named_before(c), passive
    return None, passive


# Verbs that say what their subject is: the one "to" do a thing on its complement is that subject.
_BECOMING = frozenset({"be", "become", "remain"})


def _named_before(noun: Token) -> Token:
    """The name a description stands beside, where the parser took the description for the subject and hung the
    name elsewhere ("In the pictures O'Toole, the star of 1962 classic film Lawrence of Arabia, can be seen ...
    despite suffering ...": who suffers is O'Toole); else the noun itself."""
    first = noun.left_edge.i
    if noun.pos_ == "NOUN" and first >= 2 and noun.doc[first - 1].text == "," \
            and noun.doc[first - 2].pos_ == "PROPN" and noun.doc[first].lower_ in ("the", "a", "an"):
        return noun.doc[first - 2]
    return noun


# (and "despite", "without": "Despite pledging to withdraw US forces, Trump reneged": Trump pledged)
_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "upon", "while", "despite", "without"})


def _timed_gerund(verb: Token) -> bool:
    """A gerund after a preposition of time on a verb ("apologised after posting"): the verb's subject does it."""
    prep = verb.head
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and prep.i != verb.i and prep.lower_ in _TIME_PREPOSITIONS \
        and prep.dep_ == "prep" and prep.head.i != prep.i and prep.head.pos_ in ("VERB", "AUX")


def _including(t: Token) -> bool:
    """An "including" that lists part of the noun it hangs on ("units of equipment, including howitzers")."""
    return t.lower_ == "including" and t.dep_ == "prep" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i


def _contact_relative(verb: Token) -> tuple[Token, Token] | None:
    """A relative clause without "that" the parser read as a name set beside the noun ("the backpacks Mr Hall and
    Mr Laviolette were carrying contained 58lb of ecstasy": "backpacks" the subject of "carrying", "Mr Hall" an
    apposition, "contained" its complement): the noun, what the verb acts on, and the name, who acts. Only where
    the verb's complement is a finite verb of its own (no "to"), which a real apposition never gives."""
    # (not a verb of saying: "Her lawyer Mark Geragos had said she was innocent" is an apposition, its clause
    # what he said)
    noun = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if noun is None or verb.lemma_.lower() in SPEECH or not any(c.dep_ == "aux" for c in verb.children):
        return None
    name = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == noun.i + 1),
                None)
    if name is None or not any(c.dep_ == "xcomp" and c.tag_ in ("VBD", "VBZ", "VBP") and c.i > verb.i
                               and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                               for c in verb.children):
        return None
    return noun, name


def _object(verb: Token) -> Token | None:
    if _including(verb):
        return next((c for c in verb.children if c.dep_ == "pobj"), None)
    if (contact := _contact_relative(verb)) is not None:
        return contact[0]
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "attr", "oprd"):
            return c
    if verb.lemma_.lower() in SPEECH:
        return None  # "claimed on Twitter that ...", "said on Monday": a medium or a time, what is said is the content
    for c in verb.children:  # "confessed to stabbing X": the object of the verb under the preposition
        if c.dep_ == "prep" and c.lower_ in ("to", "on", "against", "at"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _agent_of_passive(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _not_only(t: Token) -> bool:
    """"not only X" adds, it does not deny ("not only the sole state with this law")."""
    return t.lower_ == "not" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in ("only", "just", "merely")


_DENYING_GOVERNORS = frozenset({"fail", "refuse", "impossible", "forget", "neglect", "hesitate"})
# Nouns of trying whose infinitive is done or not as their verb says ("attempts to bring ... failed").
_ATTEMPTS = frozenset({"attempt", "effort", "bid", "try"})


def _negated(verb: Token, subject: Token | None, obj: Token | None) -> bool:
    # "She was not seen of or heard of by anyone": a negation distributes over a verb joined by "or" (or "nor")
    # that has no subject of its own.
    if verb.dep_ == "conj" and verb.head.i != verb.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.head.children) \
            and any(c.dep_ == "neg" for c in verb.head.children):
        return True
    if any((c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg")) and not _not_only(c)
           for c in verb.children):
        # "There were not no reports": a second negation on what the verb has cancels the first.
        return not any(c.dep_ in ("attr", "dobj", "nsubj", "nsubjpass") and any(
            g.dep_ == "det" and g.lower_ == "no" for g in c.children) for c in verb.children)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":  # "fired at the tank without piercing its armor"
        return True
    # "Among schools not yet using tablets": a "not" just before the verb that the parser hung on something else.
    before = [t for t in verb.doc[max(verb.i - 2, 0) : verb.i] if t.lower_ not in ("yet", "even", "ever")]
    if before and before[-1].lower_ in ("not", "never") and before[-1].head.pos_ not in ("VERB", "AUX"):
        return True
    # "It is not possible to make ...", "failed to ...", "forgot to mention": a negated governor of a controlled
    # clause negates it.
    t = verb
    for _ in range(3):
        if t.dep_ == "pcomp" and t.head.lower_ == "to" and t.head.dep_ == "prep" and t.head.head.i != t.head.i:
            t = t.head.head  # "they can't get round to analysing it": through "to" to what it completes
        elif t.dep_ in ("xcomp", "acomp") and t.head.i != t.i:
            t = t.head
        elif t.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                and t.head.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in _ATTEMPTS \
                and t.head.head.i != t.head.i:
            # "Efforts to reach a deal failed": through the attempt to its verb, which says whether it was done
            # (only a denying one: "attempts to rescue the miners have not been abandoned" says nothing of it)
            verb_of_attempt = t.head.head
            return verb_of_attempt.lemma_.lower() in _DENYING_GOVERNORS \
                and not any(c.dep_ == "neg" for c in verb_of_attempt.children)
        else:
            break
        if t.lemma_.lower() == "wait" and any(c.dep_ == "aux" and c.lower_ in ("ca", "can", "could")
                                              for c in t.children):
            break  # "she can't wait to teach them": she is eager to, not unable
        denied = any(c.dep_ == "neg" for c in t.children)
        if t.lemma_.lower() in _DENYING_GOVERNORS:
            return not denied  # ("would not hesitate to tighten": a denial denied)
        if denied:
            return True
    for comp in verb.children:  # "was neither free nor fair", "is not possible"
        if comp.dep_ in ("acomp", "attr") and any(
                c.dep_ in ("neg", "preconj", "advmod", "det") and c.lower_ in ("not", "neither", "never", "no")
                and not _not_only(c) for c in comp.children):
            return True
    for noun in (subject, obj):  # "no one was hurt", "there were no injuries"
        if noun is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return True
        if noun is not None and noun.lower_ in ("nobody", "nothing", "none", "no-one"):
            return True
    return False


# Verbs whose controlled complement ("requires the form to specify", "plans to attack", "is due to start") is
# wanted, required, planned or considered, not stated as done: its polarity is not the fact's.
_WANTING = frozenset("require need want ask order urge plan intend hope expect aim try seek demand allow permit due "
                     "schedule slate consider weigh debate discuss".split())
# Verbs whose object is only wanted, planned or weighed ("was considering a legal challenge", "planned an attack",
# "threatened a lawsuit"): the thing is not done.
PROPOSING = frozenset(_WANTING - {"allow", "permit", "order", "due", "schedule", "slate", "try", "need", "require",
                                  "ask"}
                      | {"propose", "threaten", "mull", "contemplate", "envisage"})
PROPOSING_STEMS = frozenset(stem(w) for w in PROPOSING)  # (as a clause's ``pred`` has them)


def _chain(verb: Token, segments: Sequence[int]) -> list[Token]:
    """The verb and the verbs it hangs from, up to the sentence's root (or the start of a glued sentence)."""
    out = [verb]
    t = verb
    while t.head.i != t.i and len(out) < 8 and segments[t.head.i] == segments[t.i]:
        t = t.head
        out.append(t)
    return out


_NAME_ENTITIES = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                            "LANGUAGE"})


def _glued_start(t: Token) -> bool:
    """A sentence run on from the one before without a stop, as picture captions are ("... to Mandarin speaking
    customers if they ask More than 70 million sharks are killed ..."): a capitalised common word (no name, no
    acronym) straight after a lower-case verb, noun, adverb or pronoun, opening a clause of its own (not an object
    of the word before: "told The Times he was ...")."""
    if t.i < 2 or not (t.is_alpha and t.text[:1].isupper() and t.text[1:].islower()) or t.text == "I":
        return False
    prev = t.doc[t.i - 1]
    if t.pos_ == "PROPN" and prev.is_alpha and prev.is_lower and _placed_subject(t):
        return True
    if t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTITIES or not (
            prev.is_alpha and prev.is_lower and prev.pos_ in ("VERB", "NOUN", "ADV", "PRON")):
        return False
    opened = t  # the largest phrase that starts at t
    while opened.head.i != opened.i and opened.head.left_edge.i == t.i:
        opened = opened.head
    return opened.pos_ in ("VERB", "AUX") and opened.i != prev.i


# Where a photo caption places the person it shows: "Bowe (left) is pictured in 2004".
_PLACEMENTS = frozenset({"left", "right", "centre", "center", "pictured", "above", "below", "top", "bottom"})


def _placed_subject(t: Token) -> bool:
    """A caption's subject run on from the text before it: a name, placed in the photo, then a verb of which the
    parser found no subject, having hung the name on the phrase before ("... to beat the undefeated boxer Bowe (left)
    is pictured in 2004": "Bowe" is the picture's, not an apposition to "boxer"). A name that is its verb's subject
    ("Arsenal striker Thierry Henry (centre) was asked ...") is read as it is."""
    doc = t.doc
    last = t.i
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    if last + 4 >= len(doc) or doc[last + 1].text != "(" or doc[last + 2].lower_ not in _PLACEMENTS \
            or doc[last + 3].text != ")" or doc[last].dep_ in ("nsubj", "nsubjpass"):
        return False
    verb = doc[last + 4]
    if verb.pos_ not in ("AUX", "VERB"):
        return False
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _segments(doc: Doc) -> list[int]:
    """A number per token, raised at each glued sentence start: the parse links across such a start, the meaning
    does not, so a condition or a speaker is not carried over it."""
    out, n = [], 0
    for t in doc:
        n += _glued_start(t)
        out.append(n)
    return out


# The links through which a clause is someone's assertion: its content ("X said that ..."), or a clause joined
# to such content (an adjectival participle too: "told The Times he was disappointed").
_CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "conj", "advcl", "dep", "acomp"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _speaker(verb: Token, base: int, segments: Sequence[int]) -> Role | None:
    """Who asserts the clause of ``verb``: the subject of the speech verb whose content it is."""
    of = verb.head.head if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "pobj" else None
    if of is not None and of.dep_ == "prep" and of.lower_ in ("of", "about") and of.head.lemma_.lower() in SPEECH \
            and segments[of.head.i] == segments[verb.i]:
        # (what is said of a thing: "aid groups warned of heavy rains that could spread the disease")
        subj, passive = _subject(of.head)
        return _role(_span_of(subj), base, _whole(subj)) if subj is not None and not passive else None
    t = verb
    via: list[str] = []
    while t.head.i != t.i and len(via) < 6 and segments[t.head.i] == segments[t.i] and (
            t.dep_ in _CONTENT or (t.dep_ in ("relcl", "acl") and t.head.dep_ in _ARGUMENTS)
            or (t.dep_ in _ARGUMENTS and via and via[-1] in ("relcl", "acl"))):
        # (through a relative clause on a party of the reported clause: "That next flight, which will be the
        # seventh mission, is not scheduled before June 19, NASA said" - the whole is NASA's)
        via.append(t.dep_)
        t = t.head
        if t.lemma_.lower() in SPEECH and any(d in ("ccomp", "parataxis") for d in via):
            subj, passive = _subject(t)
            if subj is not None and not passive:
                return _role(_span_of(subj), base, _whole(subj))
            return None
    return None


# Verbs by which a source gives out what a report is ("information provided by Turkish intelligence").
_GIVING = frozenset({"provide", "release", "publish", "issue", "give", "supply", "compile", "present"})


def _source_of(obj: Token) -> Token:
    """Who an "according to" phrase names as the source: its object, or, where that is what a party gave out
    ("according to information provided by Turkish intelligence to Russia and Iran", "according to a statement
    from the ministry"), that party: not the one it was given to."""
    if obj.pos_ != "NOUN":
        return obj
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            by = [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "acl" and c.lemma_.lower() in _GIVING:
            by = [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        else:
            continue
        if by:
            return by[0]
    return obj


def _adjunct_participle(verb: Token) -> bool:
    """A participle set off by a comma after the verb it hangs on ("told the BBC, adding that ...")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") \
        and verb.head.i < verb.i and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
        and not any(c.dep_ == "mark" for c in verb.children)


def _conditional(mark: Token) -> bool:
    """An "if"/"unless" that makes a condition ("even if" concedes, it does not condition); a "whether" only on an
    adverbial clause ("whether or not it rains, ..."): on a verb's complement it asks a question ("was considering
    whether to sue", ``_asked``)."""
    return mark.dep_ == "mark" and mark.lower_ in CONDITION_MARKS and not (
        mark.i > 0 and mark.doc[mark.i - 1].lower_ == "even") and not _asked(mark)


def _asked(mark: Token) -> bool:
    """A "whether" that opens a question a verb asks, considers or leaves open: what follows is not stated."""
    return mark.lower_ == "whether" and mark.head.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "csubj")


_QUOTE = re.compile(r"\"[^\"]*\"?|“[^”]*”?")


def _quotations(text: str) -> list[tuple[int, int]]:
    """The quotations of someone's words in a parsed text: double quotation marks around six words or more (a
    title or a scare quote, "using chemical weapons", is not a quotation of what someone said)."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text) if len(m.group().split()) >= 6]


def _quoted(quotations: list[tuple[int, int]], token: Token) -> bool:
    return any(start < token.idx < end for start, end in quotations)


# Verbs of saying the tagger may read as plural nouns at a sentence's end ("..., a charity claims.").
_SAYS = frozenset({"claims", "says", "warns", "adds", "insists", "argues", "suggests", "reports", "writes", "alleges"})


def _trailing_speaker(doc: Doc) -> tuple[Span, Token] | None:
    """"One in five Chinese restaurants are believed to be serving shark fin soup ..., a charity claims.": the
    tagger took the closing verb of saying for a plural noun, so nothing before it had a speaker. The short noun
    phrase between the last comma and that word (its speaker), and the word; None where the sentence does not end so
    (or the parse has the verb as a verb: the clauses before are then its content)."""
    end = len(doc)
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end < 4 or doc[end - 1].lower_ not in _SAYS or doc[end - 1].pos_ != "NOUN":
        return None
    comma = end - 2
    while comma > 0 and not doc[comma].is_punct and end - 1 - comma <= 5:
        comma -= 1
    # (a short noun phrase alone, opening with its determiner or a name: not "amid fraud claims", "hurting trade
    # between the two states")
    phrase = doc[comma + 1 : end - 1]
    if doc[comma].text != "," or comma + 1 >= end - 1 or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase) \
            or any(t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM") for t in phrase) \
            or not (phrase[0].pos_ in ("DET", "PRON") or phrase[0].pos_ == "PROPN"):
        return None
    return doc[comma + 1 : end - 1], doc[end - 1]


def clauses(doc: Doc, base: int = 0) -> list[Clause]:
    """The clauses of one parsed sentence (or statement); offsets shifted by ``base`` into the analysed text."""
    according: Role | None = None
    according_head: Token | None = None
    according_tok: Token | None = None
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            objs = [g for g in doc[t.i + 1].children if g.dep_ == "pobj"]
            if objs:
                according = _role(_span_of(_source_of(objs[0])), base)
                according_head, according_tok = t.head, t
    out: list[Clause] = []
    quotations = _quotations(doc.text)  # once per text: Doc.text joins its tokens again on every read
    segments = _segments(doc)
    trailing = _trailing_speaker(doc)
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
            continue
        if verb.pos_ == "AUX" and verb.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp"):
            continue
        subject, passive = _subject(verb)
        obj = _object(verb)
        # (a "%" is punctuation to the tagger but a number all the same: "70% of the pupils")
        if subject is not None and (subject.is_punct or subject.is_space) and subject.ent_type_ not in _NOT_PARTIES:
            subject = None
        if obj is not None and (obj.is_punct or obj.is_space) and obj.ent_type_ not in _NOT_PARTIES:
            obj = None
        if passive:
            agent_tok, patient_tok = _agent_of_passive(verb), subject
        else:
            agent_tok, patient_tok = subject, obj
        # A date or a number parsed as a subject or object ("In December 2019 (and) January 2020, ...") is no party;
        # a number of something is that something ("about 70% of five to 15-year-olds", "one in five restaurants").
        # (not before a bare participle, which the parser often makes active: "claiming hundreds of Syrian personnel
        # killed")
        bare = verb.tag_ == "VBN" and not passive
        if agent_tok is not None and (agent_tok.ent_type_ in _NOT_PARTIES or agent_tok.like_num):
            agent_tok = None if bare else _counted(agent_tok)
        if patient_tok is not None and (patient_tok.ent_type_ in _NOT_PARTIES or patient_tok.like_num):
            patient_tok = None if bare else _counted(patient_tok)
        lemma = verb.lemma_.lower()
        pred = {stem(lemma), stem(verb.lower_)}
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        pred.update(f"{stem(lemma)} {p}" for p in particles)
        chain = _chain(verb, segments)
        condition = any(_conditional(c) for v in chain[:3] for c in v.children) \
            or any(c.dep_ == "advcl" and any(_conditional(m) for m in c.children)
                   for v in chain[:2] for c in v.children)
        # The two verbs above this one, over the nouns between ("five soldiers were reported killed and others
        # wounded": "wounded" hangs from "others", "others" from "soldiers", "soldiers" from "reported").
        governors = [v for v in chain[1:] if v.pos_ in ("VERB", "AUX")]
        hedged = any(c.dep_ == "aux" and c.lower_ in HEDGE_AUX for c in verb.children) \
            or any(hedging(c) for v in chain[:2] for c in v.children) \
            or any(v.lemma_.lower() in HEDGE_GOVERNORS and (v.dep_ != "ROOT" or v.i != verb.i) and
                   any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) for v in governors[:2]) \
            or any(v.lemma_.lower() in ("appear", "seem") for v in chain[1:3]) \
            or any(v.dep_ == "acl" and v.head.lemma_.lower() in HEDGE_NOUNS for v in chain[:2])
        speaker = _speaker(verb, base, segments)
        # What the "according to" phrase says of its source ("according to the study headed by Barbie Clarke",
        # "a criminal complaint filed in US federal court") is the author's description, not the source's word.
        if speaker is None and according is not None and verb.lemma_.lower() not in SPEECH \
                and according_head is not None and according_head in chain and according_tok not in chain:
            speaker = according
        if speaker is None and trailing is not None and verb.i < trailing[0].start \
                and segments[verb.i] == segments[trailing[0].start] and lemma not in SPEECH:
            speaker = _role(trailing[0], base)
        out.append(Clause(
            verb=verb.idx + base, pred=frozenset(pred), speech=lemma in SPEECH,
            agent=_role(_span_of(agent_tok), base, _whole(agent_tok)) if agent_tok is not None else None,
            patient=_role(_span_of(patient_tok), base, _whole(patient_tok)) if patient_tok is not None else None,
            negated=_negated(verb, subject, obj), condition=condition, hedged=hedged, speaker=speaker,
            quoted=_quoted(quotations, verb), root=verb.dep_ == "ROOT",
            modal=any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children),
            wanted=verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WANTING, passive=passive,
            asked=any(c.dep_ == "mark" and _asked(c) for c in verb.children),
            conditional=any(_conditional(c) for c in verb.children),
            restrictive=verb.dep_ == "relcl" and verb.head.i < verb.i and verb.doc[verb.head.i + 1].text != ",",
        ))
    return out
