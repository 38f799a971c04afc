"""Shared helpers for the briefing."""
