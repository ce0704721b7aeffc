"""Turning free text into search terms, the same way for gigs and for queries.

Lower-cased ASCII-folded word tokens, stop words dropped, and a light plural
folding ("logos" -> "logo", "stories" -> "story") so that the two sides meet.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?|[a-z0-9]*[+#]+")
STOP_WORDS = frozenset(
    "a an and are as at be by for from i in into is it its me my of on or our so that the their this to "
    "will with you your we us do can get any all".split()
)
MAX_TERMS_PER_QUERY = 12


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def terms(text: str) -> list[str]:
    """Distinct search terms of ``text`` in first-seen order."""
    seen: dict[str, None] = {}
    for token in _WORD.findall(_fold(text or "")):
        if token in STOP_WORDS or len(token) > 40:
            continue
        seen.setdefault(_stem(token), None)
    return list(seen)


def query_terms(text: str) -> list[str]:
    """The terms of a search box entry, capped so one request cannot fan out without bound."""
    return terms(text)[:MAX_TERMS_PER_QUERY]
