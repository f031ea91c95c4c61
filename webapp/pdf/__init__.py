"""PDF output: the WeasyPrint wrapper and its asset fetcher."""

from .fetcher import AssetFetcher, FetchRefused
from .render import Renderer, RenderError, RenderTimeout

__all__ = ["AssetFetcher", "FetchRefused", "RenderError", "RenderTimeout", "Renderer"]
