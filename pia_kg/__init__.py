"""pia_kg."""
