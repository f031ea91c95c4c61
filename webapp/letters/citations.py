"""Write legal citations the way each language's lawyers write them."""

from __future__ import annotations


def _pick(names: dict[str, str], lang: str) -> str:
    return names.get(lang) or names.get(lang.split("-")[0]) or names["en"]


def cite(article: dict, instruments: dict, lang: str) -> str:
    """Return e.g. "Article 21(1) GDPR", "Art. 21 Abs. 1 DSGVO", "article 15 du RGPD"."""
    short = _pick(instruments[article["instrument"]]["short"], lang)
    number, para, point = article["number"], article.get("paragraph"), article.get("point")
    base = lang.split("-")[0]
    if article.get("kind") == "section":
        if base == "de":
            return f"§ {number}" + (f" Abs. {para}" if para else "") + f" {short}"
        if base == "fr":
            return f"section {number}" + (f"({para})" if para else "") + f" du {short}"
        return f"section {number}" + (f"({para})" if para else "") + f" {short}"
    if base == "de":
        return (f"Art. {number}" + (f" Abs. {para}" if para else "")
                + (f" lit. {point}" if point else "") + f" {short}")
    if base == "fr":
        detail = (f", paragraphe {para}" if para else "") + (f", point {point})" if point else "")
        return f"article {number}{detail}" + (f", du {short}" if detail else f" du {short}")
    return (f"Article {number}" + (f"({para})" if para else "")
            + (f"({point})" if point else "") + f" {short}")


def title(article: dict, lang: str) -> str:
    """Return the article's official title in `lang`, or in English."""
    return _pick(article["title"], lang)
