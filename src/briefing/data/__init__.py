"""The curated dataset: typed tables, the validator, dates at their precision, evidence rules."""

from .load import latest_source, load, package, part_digest, record_end, resource, sources
from .problems import DataError
from .validate import validate

__all__ = ["DataError", "latest_source", "load", "package", "part_digest", "record_end", "resource", "sources", "validate"]
