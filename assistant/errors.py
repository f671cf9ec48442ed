"""Errors of the assistant package: each says what was wrong and how to fix it."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for assistant errors."""


class ModelPreparationError(AssistantError):
    """The model files could not be fetched, verified or converted."""


class LLMUnavailable(AssistantError):
    """The language model server cannot be reached or failed; answers degrade visibly."""


class UnknownConversationError(AssistantError):
    """A conversation id that was never created (or belongs to someone else)."""

    def __init__(self, conversation_id: str) -> None:
        super().__init__(
            f"no conversation {conversation_id!r}; start one by posting without a conversation_id"
        )
        self.conversation_id = conversation_id


class BadReferenceError(AssistantError):
    """The shopper referred to a result that is not on screen ("the 7th" of 5)."""


class ConversationStoreUnavailable(AssistantError):
    """The conversation database cannot be read or written; nothing from the turn was stored."""


class NotInHistoryError(AssistantError):
    """A draft's reference_id that is not among the customer's own past products."""
