"""reportgen: official Vietnamese administrative documents (Decree 30/2020) from structured data."""

__version__ = "0.1.0"
