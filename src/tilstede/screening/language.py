"""Whether a short text is clearly bokmål, nynorsk or English: ``language_guess``.

For comments that arrive with a language already chosen for them (the comment field sends
the language its visitor reads it in). Someone who reads the field in bokmål may still
write in English; their notices should then be in English. The guess counts small
function words that only one of the languages uses ("the", "ikkje", "hvordan") and
answers only when one language clearly outnumbers the others; a short, mixed or unclear
text gives None, and the chosen language stands. Bokmål and nynorsk are told apart the
same way ("ikke"/"ikkje", "hva"/"kva"); a text that is clearly Norwegian but not clearly
either gives "no".

Words that are ordinary in another of the languages are left out of the lists on
purpose: English "to", "for", "at", "men", "her" and "I" are Norwegian words too.
"""

from __future__ import annotations

import re

ENGLISH = frozenset(
    """
    the and is are was were be been you your yours it it's its that this these those with
    have has had not what when where why how would should could will we our they their
    there does don't doesn't didn't can't i'm please of in from which who about
    """.split()
)
# Norwegian in both written forms.
NORWEGIAN = frozenset(
    """
    og er det på som til med har av å om var eller kan skal vil blir bli så også når
    dette der hos etter mange mot ingen veldig takk kommunen
    """.split()
)
BOKMAL = frozenset(
    """
    ikke jeg hva hvordan hvorfor hvem hvor bare fra noe noen mye hun dem et en ble vært
    mer sier selv uten disse kommer hjem nå deres hvis sammen gjøre være gikk mener tror
    """.split()
)
NYNORSK = frozenset(
    """
    ikkje eg kva korleis kvifor kven kvar berre frå noko nokon mykje ho dei ein eit vart
    vore meir seier sjølv utan desse kjem heim deira viss saman gjere vere gjekk meiner
    trur òg
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# At least this many marker words, and this many times those of the other language.
MINIMUM = 3
MARGIN = 3


def _clearly(one: int, other: int, minimum: int = MINIMUM) -> bool:
    return one >= minimum and one >= MARGIN * other


def language_guess(text: str) -> str | None:
    """ "en", "nb", "nn", "no" (Norwegian, written form unclear) or None (not clear)."""
    en = nb = nn = shared = 0
    for match in _WORD.finditer(text.lower()):
        word = match.group().replace("’", "'")
        if word in ENGLISH:
            en += 1
        elif word in BOKMAL:
            nb += 1
        elif word in NYNORSK:
            nn += 1
        elif word in NORWEGIAN:
            shared += 1
    norwegian = nb + nn + shared
    if _clearly(en, norwegian):
        return "en"
    if not _clearly(norwegian, en):
        return None
    if _clearly(nn, nb, minimum=2):
        return "nn"
    if _clearly(nb, nn, minimum=2):
        return "nb"
    return "no"
