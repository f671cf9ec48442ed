"""Errors of the assistant package: each says what was wrong and how to fix it."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for assistant errors."""


class ModelPreparationError(AssistantError):
    """The model files could not be fetched, verified or converted."""


class LLMUnavailable(AssistantError):
    """The language model server cannot be reached or failed; answers degrade visibly."""
