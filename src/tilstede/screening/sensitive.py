"""Health data and other special categories (GDPR articles 9 and 10) about an identifiable person.

A term from the lexicons (``data/helse.txt``, ``data/saerlige_kategorier.txt``) is a finding
only when the same or the previous sentence points at a person: a first-person word ("jeg",
"min", "eg", "my"), a third-person singular ("han", "hun", "ho"), a family word ("sønnen")
or a name. "Folk med angst må få bedre hjelp" is debate, not a finding; "jeg har angst" is.
Party and union names count only in a membership or voting phrase ("jeg er medlem av Rødt").
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from .doc import ENGLISH_I, Doc, cue_set
from .lexicon import Lexicon
from .model import SPECIAL_CATEGORY, Finding, joined
from .rules import alternation, forms, rule


def _at_word_start(words: list[str], rest: str = "") -> str:
    """``(?<!\\w)(?:w1|w2|...)rest`` written as ``w1(?<!\\w.{n1})rest|w2(?<!\\w.{n2})rest|...``:
    the same matches, tried in the same order, but every alternative starts with a letter,
    so the engine skips to the characters that can start a match instead of trying the
    whole pattern at every position of the text."""
    return "|".join(rf"{w}(?<!\w.{{{len(w)}}}){rest}" for w in words)


_KIND_NAMES: Final = {
    "diagnose": "diagnose eller sykdom",
    "medisin": "legemiddel",
    "behandling": "behandling eller helsetjeneste",
    "funksjon": "funksjonsnedsettelse eller uførhet",
    "graviditet": "graviditet",
    "psykisk": "psykisk helse eller rus",
    "sykefravær": "sykefravær",
    "helse": "helsetilstand",
    "religion": "religion eller livssyn",
    "etnisitet": "etnisk opprinnelse",
    "politikk": "politisk tilknytning",
    "seksualitet": "seksuell orientering eller kjønnsidentitet",
    "fagforening": "fagforeningsmedlemskap",
    "straff": "straffedom eller lovbrudd",
}


LEXICON: Final = Lexicon()
LEXICON.add_file("saerlige_kategorier.txt", SPECIAL_CATEGORY, inflect=False)

# Words that point at a particular person in a sentence.
_PERSON_WORDS: Final = cue_set(
    {
        "jeg",
        "meg",
        "min",
        "mi",
        "mitt",
        "mine",
        "eg",
        "vi",
        "oss",
        "me",
        "selv",
        "sjølv",
        "han",
        "hun",
        "ho",
        "henne",
        "ham",
        "hans",
        "hennes",
        "my",
        "myself",
        "we",
        "us",
        "he",
        "she",
        "him",
        "his",
        "her",
        "son",
        "daughter",
        "husband",
        "wife",
        "mother",
        "father",
        "mum",
        "mom",
        "dad",
        "brother",
        "sister",
        "baby",
        "grandmother",
        "grandfather",
        "partner",
        "boyfriend",
        "girlfriend",
        "i'm",
        "i've",
        "im",
        "ive",
        "sønnen",
        "sønn",
        "datteren",
        "datter",
        "dottera",
        "sonen",
        "mannen",
        "kona",
        "kone",
        "samboeren",
        "mora",
        "moren",
        "mor",
        "far",
        "faren",
        "broren",
        "søsteren",
        "systera",
        "barnet",
        "bestemor",
        "bestefar",
        "naboen",
        "gutten",
        "jenta",
        "guten",
        "ungen",
        "onkel",
        "tante",
        "svigermor",
        "kjæresten",
        "eksen",
    }
)
# "folk med angst", "people with depression": a group, not a person.
_GROUP_BEFORE: Final = re.compile(
    r"\b(?:folk|personer|mennesker|menneske|pasienter|pasientar|barn|elever|eldre|alle|mange|"
    r"andre|people|patients|persons|those|children|kvinner|menn|ansatte|innbyggere|brukere|"
    r"unge|ungdom|ungdommer|voksne|familier|foreldre|pårørende|de|dei|"
    r"studenter|arbeidstakere|veteraner|women|men|adults|students)"
    r"(?:\s+\w+){0,2}\s+(?:som\s+(?:har|er|får|sliter\s+med|lever\s+med|bruker)|med|with|"
    r"who\s+(?:have|are|suffer\s+from)|uten|med\s+\w+)\s+(?:\w+\s+){0,2}$"
)
_POLICY_BEFORE: Final = re.compile(
    r"\b(?:regjeringen|kommunen|staten|politikerne|nav|helsevesenet|sykehusene|tilbudet|"
    r"satsing|forebygging|behandlingstilbud|køene|ventelistene|forskning|kampanje|"
    r"bevilgning|budsjett|ressurser|midler)\w*\s+(?:\w+\s+){0,4}(?:for|til|mot|av|på|om)\s+"
    r"(?:\w+\s+){0,2}$"
)

_PARTIES: Final = (
    r"arbeiderpartiet|ap|høyre|frp|fremskrittspartiet|senterpartiet|sp|sv|"
    r"sosialistisk venstreparti|krf|kristelig folkeparti|venstre|mdg|miljøpartiet de grønne|"
    r"de grønne|rødt|raudt|pensjonistpartiet|inp|industri- og næringspartiet|"
    r"partiet sentrum|kystpartiet|demokratene|labour|the conservatives|conservative party|"
    r"the labour party|the democrats|the republicans|partiet"
)
_UNIONS: Final = (
    r"lo|fagforbundet|delta|ntl|utdanningsforbundet|sykepleierforbundet|norsk sykepleierforbund|"
    r"nsf|unio|ys|akademikerne|parat|fellesforbundet|handel og kontor|hk|el og it|negotia|"
    r"tekna|legeforeningen|politiets fellesforbund|lærerforbundet|juristforbundet|econa|"
    r"samfunnsviterne|fagforeningen|fagforeninga|en fagforening|ei fagforening|"
    r"the union|a union|unionen|(?:norsk\s+)?\w*(?:forbund|forbundet|forbond|forbondet)|"
    r"\w*fagforening\w*|\w*fagforeining\w*|\w+ union"
)
_RELIGIOUS_BODIES: Final = (
    r"den norske kirke|kirken|kyrkja|statskirken|islamsk råd|menigheten|et trossamfunn|"
    r"human-etisk forbund|frikirken|pinsemenigheten|moskeen|the church"
)
_MEMBERSHIP: Final = rule(
    "special_category.membership",
    # The first word of each alternative of the pattern: a match holds one of them.
    """medlem medlemmer meldt melde aktiv tillitsvalgt tillitsvald member joined stemmer stemte
    stemt stemme stemmar stemde røyster røystar røysta røysta voted vote sitter sit
    representerer organisert organisert""".split(),
    pattern=r"(?<!\w)(?:(?:er|var|ble|vart|blei|har vært|is|am|was)\s+)?(?:medlem(?:mer)?\s+"
    r"(?:av|i)|meldt\s+(?:meg|oss|seg)\s+(?:inn|ut)\s+(?:av|i)|melde\s+meg\s+(?:inn|ut)\s+"
    r"(?:av|i)|aktiv\s+i|tillitsval(?:gt|d)\s+(?:i|for)|member\s+of|joined|organisert\s+i|"
    r"(?:stemmer|stemmar|stemte|stemde|stemt|røyster|røystar|røysta)(?:\s+på)?|"
    r"har\s+alltid\s+stemt|voted(?:\s+for)?|vote(?:\s+for)?|"
    r"(?:sitter|sit)\s+i\s+\w+\s+for|representerer)\s+"
    rf"(?:(?P<party>{_PARTIES})|(?P<union>{_UNIONS})|(?P<church>{_RELIGIOUS_BODIES}))(?!\w)",
)
# "ap-velger", "partimedlem", "LO-medlemmer"; "sosialist", "nazisten": stems, endings and the
# words the rule fires on are written once, and the pattern and its triggers built from them.
_VOTER_STEMS: Final = """ap høyre frp sp sv krf venstre mdg rødt raudt inp parti lo ys unio nsf
fagforenings fagforbund delta parat ntl tekna""".split()
_VOTER_TAILS: Final = forms(
    ("velger", "veljar", "medlem", "politiker", "politikar"), ("", "e", "en", "ar", "ane")
)
_ISMS: Final = "sosialist kommunist anarkist nazist nynazist høyreekstrem venstreekstrem".split()
_VOTER_WORD: Final = rule(
    "special_category.voter",
    _VOTER_TAILS | forms(_ISMS, ("", "en", "er")),
    word_endings=_VOTER_TAILS,
    pattern=_at_word_start(_VOTER_STEMS, rf"-?(?:{alternation(_VOTER_TAILS)})(?!\w)")
    + "|"
    + _at_word_start(_ISMS, r"(?:en|er)?(?!\w)"),
)


_UNION_PREFIXES: Final = (
    "lo",
    "ys",
    "unio",
    "nsf",
    "fagforenings",
    "fagforbund",
    "delta",
    "parat",
    "ntl",
    "tekna",
)
# A short comment is about one writer: any personal word in it points the whole text at a
# person. Longer texts are judged sentence by sentence (with the sentences either side).
_SHORT_TEXT: Final = 400
_NEARBY: Final = 300
# "Har fått påvist long covid": the subject is left out, as in much informal writing.
_PRO_DROP: Final = frozenset(
    """har hadde fikk fekk ble blei vart er var sliter bruker brukar tar går venter ventar
    måtte skal have had got was""".split()
)


def _pro_drop(doc: Doc, start: int = 0, end: int | None = None) -> bool:
    """A sentence that starts with a verb ("Har fått påvist ..."): the writer left out "jeg"."""
    end = len(doc.text) if end is None else end
    return any(start <= pos < end and word in _PRO_DROP for pos, word in doc.first_words())


def _has_person(doc: Doc, start: int, person_spans: list[tuple[int, int]]) -> bool:
    if len(doc.text) <= _SHORT_TEXT:
        s_start, s_end = 0, len(doc.text)
    else:
        s_start, s_end = doc.sentence_span(start)
        if s_start > 0:
            s_start = doc.sentence_span(s_start - 1)[0]
        if s_end < len(doc.text):
            s_end = doc.sentence_span(s_end)[1]
        # A "sentence" with no full stops can be the whole text; look nearby only.
        s_start = start - _NEARBY if start - _NEARBY > s_start else s_start
        s_end = start + _NEARBY if start + _NEARBY < s_end else s_end
    if person_spans:
        i = bisect.bisect_left(person_spans, (s_start, -1))
        if i < len(person_spans) and person_spans[i][0] < s_end:
            return True
    for w in doc.lower_words(s_start, s_end):
        if w in _PERSON_WORDS:
            return True
    if ENGLISH_I.search(doc.text, s_start, s_end) is not None:
        return True
    return _pro_drop(doc, s_start, s_end)


def _part_of_a_name(doc: Doc, start: int, end: int) -> bool:
    """ "Christian" in "Hans Christian Holte" is a name, not a religion."""
    text = doc.text
    if not text[start].isupper() or text[start:end].isupper():
        return False
    after = text[end : end + 30].split(" ", 2)
    before = text[start - 30 if start > 30 else 0 : start].split(" ")
    nxt = after[1] if len(after) > 1 and after[0] == "" else ""
    prev = before[-2] if len(before) > 1 and before[-1] == "" else ""
    return _is_name_word(nxt) or _is_name_word(prev)


def _is_name_word(word: str) -> bool:
    word = word.rstrip(".,;:!?")
    return (
        len(word) > 1
        and word[0].isupper()
        and word[1:].islower()
        and word.isalpha()
        and word not in _NOT_NAME_WORDS
    )


_NOT_NAME_WORDS: Final = frozenset({"I", "Jeg", "Eg", "As", "Som", "Er", "Og", "And", "The", "A"})


def _merge_close(findings: list[Finding], doc: Doc) -> list[Finding]:
    """Join findings of one category a few words apart in one sentence ("dømd for eit ran ...
    og har sona"): one piece of information, one finding."""
    findings.sort(key=lambda f: f.start)
    merged: list[Finding] = []
    for f in findings:
        if merged:
            last = merged[-1]
            gap = doc.text[last.end : f.start]
            if (
                last.category == f.category
                and 0 <= len(gap) <= _MERGE_GAP
                and not any(c in gap for c in ".!?\n")
            ):
                merged[-1] = joined(doc.text, last, f)
                continue
        merged.append(f)
    return merged


_MERGE_GAP: Final = 25
# "vi er pinsevenner", "we are Muslims": a plural identity said of the writer's own family.
# "foreldrene mine er pinsevenner", "my parents are Catholics": the same of the family.
_WE_SUBJECTS: Final = (
    "vi",
    "me",
    "we",
    "familien min",
    "familien vår",
    "min familie",
    "vår familie",
    "foreldrene mine",
    "mine foreldre",
    "foreldra mine",
    "my family",
    "my parents",
    "our family",
)
_WE_ARE: Final = rule(
    "special_category.we_are",
    # The word of each subject that is not a possessive: a match holds one of them.
    """vi me we familien familie foreldrene foreldre foreldra family parents""".split(),
    # "(?<!\w)(?:vi|...)": each alternative opens with a letter, the look-behind after it.
    pattern="(?:"
    + "|".join(rf"{w}(?<!\w.{{{len(w)}}})" for w in sorted(set(_WE_SUBJECTS), key=len)[::-1])
    + r")\s+(?:er|are)\s+([a-zæøå]+)(?:\s+([a-zæøå]+))?(?!\w)",
)


def _about_a_group(doc: Doc, start: int) -> bool:
    s_start, _ = doc.sentence_span(start)
    before = doc.lower[start - 60 if start - 60 > s_start else s_start : start]
    if _GROUP_TRIGGERS.isdisjoint(before.split()):
        return False  # the patterns below need one of these words; most texts have none
    return bool(_GROUP_BEFORE.search(before) or _POLICY_BEFORE.search(before))


_GROUP_TRIGGERS: Final = frozenset("""med with som who uten for til mot av på om""".split())


def _mentions_a_person(doc: Doc, person_spans: list[tuple[int, int]]) -> bool:
    """Whether anything in the text points at a person; without it nothing here is a finding."""
    if person_spans or doc.cue_mask & _PERSON_WORDS.bit:
        return True
    if doc.english_i:
        return True
    return _pro_drop(doc)


def find_sensitive(doc: Doc, person_spans: list[tuple[int, int]]) -> list[Finding]:
    """Health and special-category findings; ``person_spans`` are names found in the text."""
    findings: list[Finding] = []
    hits = LEXICON.hits(doc)
    # Most comments hold no term and no trigger: skip the (dearer) person check for them.
    # Most have no notable word either, and then no voter compound (spare the call).
    if not (
        hits or _MEMBERSHIP.may_match(doc) or _WE_ARE.may_match(doc) or _VOTER_WORD.may_match(doc)
    ):
        return findings
    if not _mentions_a_person(doc, person_spans):
        return findings
    short = len(doc.text) <= _SHORT_TEXT  # then the whole text is the context, checked above
    for start, end, (category, kind) in hits:
        if _about_a_group(doc, start) or not (short or _has_person(doc, start, person_spans)):
            continue
        if _part_of_a_name(doc, start, end):
            continue
        confidence = 0.6 if kind == "helse" else 0.85
        findings.append(
            Finding(
                start,
                end,
                category,
                doc.text[start:end],
                confidence,
                f"{category}.lexicon",
                f"{_KIND_NAMES.get(kind, kind)} om en bestemt person",
            )
        )
    for m in _MEMBERSHIP.finditer(doc):
        if not (short or _has_person(doc, m.start(), person_spans)):
            continue
        kind = "politikk" if m.group("party") else "fagforening" if m.group("union") else "religion"
        if kind == "politikk" and m.group("party") == "partiet":
            continue
        findings.append(
            Finding(
                m.start(),
                m.end(),
                SPECIAL_CATEGORY,
                doc.text[m.start() : m.end()],
                0.85,
                "special_category.membership",
                f"{_KIND_NAMES[kind]} om en bestemt person",
            )
        )
    for m in _WE_ARE.finditer(doc):
        for group in (1, 2):
            word = m.group(group)
            if word is None:
                continue
            label = next(
                (
                    LEXICON.forms[w]
                    for w in (word[:-2], word[:-1], word[:-3])
                    if len(w) > 3 and LEXICON.forms.get(w, ("",))[0] == SPECIAL_CATEGORY
                ),
                None,
            )
            if label:
                kind = label[1]
                s_, e_ = m.span(group)
                findings.append(
                    Finding(
                        s_,
                        e_,
                        SPECIAL_CATEGORY,
                        doc.text[s_:e_],
                        0.8,
                        "special_category.lexicon",
                        f"{_KIND_NAMES[kind]} om en bestemt person",
                    )
                )
    for m in _VOTER_WORD.finditer(doc):
        if short or _has_person(doc, m.start(), person_spans):
            union = m.group().startswith(_UNION_PREFIXES)
            kind = "fagforening" if union else "politikk"
            findings.append(
                Finding(
                    m.start(),
                    m.end(),
                    SPECIAL_CATEGORY,
                    doc.text[m.start() : m.end()],
                    0.8,
                    "special_category.membership",
                    f"{_KIND_NAMES[kind]} om en bestemt person",
                )
            )
    return _merge_close(_merge_adjacent(findings), doc)


def _merge_adjacent(findings: list[Finding]) -> list[Finding]:
    """Drop findings inside others of the same category ("multippel sklerose" holds "sklerose")."""
    findings.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for f in findings:
        if kept and kept[-1].category == f.category and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept
