"""Shared normalisers: text and tick marks (text), dates (dates), numbers (numbers), identities (names), and what a
change history restates about the form's items (restatements)."""
