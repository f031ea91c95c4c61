"""The catalog: platforms, jurisdictions, regimes and regulators as validated data."""

from .loader import CatalogError, Problem, default_catalog, load_catalog
from .model import Catalog, Fact, FactSeries, Record, for_place

__all__ = ["Catalog", "CatalogError", "Fact", "FactSeries", "Problem", "Record",
           "default_catalog", "for_place", "load_catalog"]
