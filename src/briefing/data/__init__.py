"""The curated dataset: typed tables, the validator, dates at their precision, evidence rules."""

from .load import latest_source, load, package, record_end, resource, sources
from .validate import DataError, validate

__all__ = ["DataError", "latest_source", "load", "package", "record_end", "resource", "sources", "validate"]
