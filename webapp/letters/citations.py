"""Write legal citations the way each language's lawyers write them.

The patterns are gettext messages (context "citation"), so a translator sets them for a
language: "Art. %(number)s Abs. %(paragraph)s DSGVO", "article %(number)s du RGPD", ...
An instrument's abbreviation comes from the catalog when it has one for the language, else
from the translation of its English abbreviation (context "instrument").
"""

from __future__ import annotations

from babel.support import NullTranslations

from ..messages import NP_

#: abbreviations translators set for their language (the catalog's own ones come first)
INSTRUMENT_ABBREVIATIONS = (NP_("instrument", "GDPR"),)
#: points of an article: Latin letters in most language versions, Cyrillic in Bulgarian,
#: Greek in Greek; translators set them
POINTS = (NP_("article point", "a"), NP_("article point", "b"), NP_("article point", "c"),
          NP_("article point", "d"), NP_("article point", "e"), NP_("article point", "f"))


def _pick(names: dict[str, str], lang: str) -> str | None:
    return names.get(lang) or names.get(lang.split("-")[0])


def _pattern(t: NullTranslations, kind: str, paragraph: bool, point: bool) -> str:
    if kind == "section":
        if paragraph:
            return t.pgettext("citation", "section %(number)s(%(paragraph)s) %(instrument)s")
        return t.pgettext("citation", "section %(number)s %(instrument)s")
    if paragraph and point:
        return t.pgettext("citation",
                          "Article %(number)s(%(paragraph)s)(%(point)s) %(instrument)s")
    if paragraph:
        return t.pgettext("citation", "Article %(number)s(%(paragraph)s) %(instrument)s")
    return t.pgettext("citation", "Article %(number)s %(instrument)s")


def cite(article: dict, instruments: dict, lang: str, t: NullTranslations) -> str:
    """Return e.g. "Article 21(1) GDPR", "Art. 21 Abs. 1 DSGVO", "article 15 du RGPD"."""
    instrument = instruments[article["instrument"]]
    short_names = instrument["short"]
    short = _pick(short_names, lang) or t.pgettext("instrument", short_names["en"])
    paragraph, point = article.get("paragraph"), article.get("point")
    # an instrument may carry its own citation style per language (Swiss statutes:
    # "Art. 30 Abs. 2 Bst. b DSG", "art. 30, al. 2, let. b, LPD"), which then wins; a
    # `default` style serves every other language (US codes: "Cal. Civ. Code § 1798.105(a)")
    styles = instrument.get("citation") or {}
    own = _pick(styles, lang) or styles.get("default")
    if own:
        pattern = own["point" if point else "paragraph" if paragraph else "article"]
        point_text = point or ""  # the statute's own numbering, whatever the language
    else:
        pattern = _pattern(t, article.get("kind", "article"), bool(paragraph), bool(point))
        point_text = t.pgettext("article point", point) if point else ""
    return pattern % {"number": article["number"], "paragraph": paragraph or "",
                      "point": point_text, "instrument": short}


def title(article: dict, lang: str) -> str:
    """Return the article's official title in `lang`, or in English."""
    return _pick(article["title"], lang) or article["title"]["en"]
