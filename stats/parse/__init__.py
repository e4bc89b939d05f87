"""Parsing: documents -> facts (numbers, hedges, classes, dates, actors, claims, places)."""

from stats.parse.extract import extract

__all__ = ["extract"]
