"""Errors of the ranking package: each says what was wrong and how to fix it."""

from __future__ import annotations


class RankingError(Exception):
    """Base class for ranking errors."""


class DatasetError(RankingError):
    """A behaviour log that cannot be read as written."""


class ModelNotTrainedError(RankingError):
    """A model asked to score before `fit` or `load`."""
