"""Slip identifiers kept exactly, and the card guard that masks only card numbers."""
