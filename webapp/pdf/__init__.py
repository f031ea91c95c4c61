"""PDF output: the WeasyPrint wrapper and its asset fetcher."""

from .fetcher import AssetFetcher, FetchRefused
from .render import Renderer, RenderError

__all__ = ["AssetFetcher", "FetchRefused", "RenderError", "Renderer"]
