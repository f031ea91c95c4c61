"""Letters: their context, their Jinja environment and the pipeline to PDF."""

from .compose import compose
from .environment import letter_environment
from .pipeline import Pipeline, RenderedLetter

__all__ = ["Pipeline", "RenderedLetter", "compose", "letter_environment"]
