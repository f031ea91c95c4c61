"""Campaigns as configuration: one TOML file each in the instance folder, validated."""

from __future__ import annotations

import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from PIL import Image

from .case import KINDS
from .catalog import Catalog

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
LOGO_BYTES = 512 * 1024
ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "h2", "h3", "blockquote", "br"}


@dataclass(frozen=True)
class Campaign:
    slug: str
    title: str
    introduction_html: str
    organisation: str
    platforms: tuple[str, ...]
    kinds: tuple[str, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    grounds_text: str = ""
    hidden: bool = False
    embed_origins: tuple[str, ...] = ()
    colours: dict[str, str] = field(default_factory=dict)
    logo: tuple[bytes, str] | None = None  # bytes and MIME type, checked
    privacy_notice: str = ""
    contact: str = ""
    export_token: str = ""


class CampaignError(Exception):
    """Campaign files that do not validate: one line per problem, naming file and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def sanitise(markdown_text: str) -> str:
    """Render the host's Markdown and keep only harmless markup (no script, no style)."""
    html = markdown.markdown(markdown_text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                     url_schemes={"https", "http", "mailto"}, link_rel="noopener noreferrer")


def _parse(path: Path, data: dict, catalog: Catalog, languages: tuple[str, ...],
           problems: list[str]) -> Campaign | None:
    name = path.name
    before = len(problems)

    def bad(field_name: str, message: str) -> None:
        problems.append(f"campaigns/{name}: {field_name}: {message}")

    def text(key: str, limit: int, required: bool = False, source: dict = data) -> str:
        value = source.get(key, "")
        if not isinstance(value, str):
            bad(key, "must be text")
            return ""
        if required and not value.strip():
            bad(key, "is required")
        if len(value) > limit:
            bad(key, f"must be at most {limit} characters")
        return value.strip()

    def listed(key: str, allowed, default) -> tuple[str, ...]:
        value = data.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad(key, "must be a list of text")
            return ()
        unknown = [v for v in value if v not in allowed]
        if unknown:
            bad(key, f"unknown: {', '.join(unknown)}; use any of: {', '.join(sorted(allowed))}")
        return tuple(value)

    known = {"slug", "title", "introduction", "platforms", "kinds", "grounds_text", "countries",
             "languages", "hidden", "embed_origins", "export_token", "organisation"}
    for key in sorted(set(data) - known):
        bad(key, "unknown field")
    slug = data.get("slug", path.stem)
    if not isinstance(slug, str) or not SLUG.match(slug):
        bad("slug", "must be 3 to 50 lower-case letters, digits and hyphens")
    title = text("title", 120, required=True)
    introduction = text("introduction", 5000)
    platforms = listed("platforms", set(catalog.platforms), sorted(catalog.platforms))
    kinds = listed("kinds", set(KINDS), list(KINDS))
    countries = listed("countries", set(catalog.jurisdictions), sorted(catalog.jurisdictions))
    langs = listed("languages", set(languages), ["en"])
    origins = listed("embed_origins", None or _AnyOrigin(), [])
    for origin in origins:
        if not ORIGIN.match(origin):
            bad("embed_origins", f"{origin!r} must be an origin such as https://example.org")
    hidden = data.get("hidden", False)
    if not isinstance(hidden, bool):
        bad("hidden", "must be true or false")
    token = text("export_token", 200)
    if token and len(token) < 24:
        bad("export_token", "must be at least 24 characters (a long random value)")

    org = data.get("organisation")
    if not isinstance(org, dict):
        bad("organisation", "is required: a table with name, and optionally logo, colours, "
                            "privacy_notice, contact")
        org = {}
    for key in sorted(set(org) - {"name", "logo", "colours", "privacy_notice", "contact"}):
        bad(f"organisation.{key}", "unknown field")

    def org_text(key: str, limit: int, required: bool = False) -> str:
        value = org.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
            bad(f"organisation.{key}", f"must be text of at most {limit} characters"
                + (", and is required" if required else ""))
            return ""
        return value.strip()

    organisation = org_text("name", 120, required=True)
    colours = org.get("colours", {})
    if not isinstance(colours, dict):
        bad("organisation.colours", "must be a table such as { primary = \"#1d4ed8\" }")
        colours = {}
    for key, value in colours.items():
        if key not in ("primary", "text"):
            bad(f"organisation.colours.{key}", "unknown colour; use primary or text")
        elif not isinstance(value, str) or not COLOUR.match(value):
            bad(f"organisation.colours.{key}", "must be a colour written #rrggbb")
        elif contrast(value, "#ffffff") < 4.5:
            bad(f"organisation.colours.{key}",
                f"contrast with white is {contrast(value, '#ffffff'):.1f}:1; WCAG AA needs "
                "4.5:1 so that text stays readable")
    logo = None
    if org.get("logo"):
        logo_path = (path.parent / str(org["logo"])).resolve()
        if not logo_path.is_relative_to(path.parent.resolve()) or not logo_path.is_file():
            bad("organisation.logo", "must name an image file beside the campaign file")
        else:
            data_bytes = logo_path.read_bytes()
            try:
                image = Image.open(io.BytesIO(data_bytes))
                kind = image.format
                image.verify()
            except Exception:  # noqa: BLE001 - any unreadable image is refused the same way
                kind = None
            if kind not in ("PNG", "JPEG") or len(data_bytes) > LOGO_BYTES:
                bad("organisation.logo", f"must be a PNG or JPEG of at most "
                                         f"{LOGO_BYTES // 1024} KiB")
            else:
                logo = (data_bytes, f"image/{kind.lower()}")
    if len(problems) > before:
        return None
    return Campaign(slug=slug, title=title, introduction_html=sanitise(introduction),
                    organisation=organisation, platforms=platforms, kinds=kinds,
                    countries=countries, languages=langs,
                    grounds_text=text("grounds_text", 2000), hidden=hidden,
                    embed_origins=origins, colours=dict(colours), logo=logo,
                    privacy_notice=org_text("privacy_notice", 2000),
                    contact=org_text("contact", 200), export_token=token)


class _AnyOrigin:
    """Accept any value in `listed`; origins are checked on their own."""

    def __contains__(self, _item) -> bool:
        return True

    def __iter__(self):
        return iter(())


def load_campaigns(folder: Path, catalog: Catalog,
                   languages: tuple[str, ...]) -> dict[str, Campaign]:
    """Read every campaigns/*.toml; raise CampaignError naming each file and field at fault."""
    problems: list[str] = []
    campaigns: dict[str, Campaign] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"campaigns/{path.name}: (file): not valid TOML: {exc}")
            continue
        campaign = _parse(path, data, catalog, languages, problems)
        if campaign is None:
            continue
        if campaign.slug in campaigns:
            problems.append(f"campaigns/{path.name}: slug: {campaign.slug!r} is used twice")
        campaigns[campaign.slug] = campaign
    if problems:
        raise CampaignError(problems)
    return campaigns
