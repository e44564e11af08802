"""Shared normalisers: text and tick marks (text), dates (dates), numbers (numbers), identities (names)."""
