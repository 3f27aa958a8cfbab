"""briefgen: audience-tailored briefing decks and memos from a structured content library."""
from __future__ import annotations

__version__ = "0.1.0"
