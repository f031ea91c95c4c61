"""A WeasyPrint URL fetcher that serves only the letter assets and in-memory blobs."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

MEMORY_SCHEME = "memory"


class FetchRefused(ValueError):
    """A resource outside the allow-list was asked for."""


class AssetFetcher(URLFetcher):
    """Serve files under `root` (file: URLs) and the given in-memory blobs; refuse the rest.

    No network, no `data:` URLs, no file outside `root` (symlinks and `..` resolved first).
    """

    def __init__(self, root: Path, memory: dict[str, tuple[bytes, str]] | None = None):
        super().__init__(allowed_protocols=set(), allow_redirects=False, timeout=1)
        self._root = root.resolve()
        self._memory = memory or {}

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == MEMORY_SCHEME and parts.path in self._memory:
            body, mime = self._memory[parts.path]
            return URLFetcherResponse(url, body, {"Content-Type": mime})
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(self._root) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise FetchRefused(f"refused to fetch {url[:80]!r}: not one of the letter's own assets")
