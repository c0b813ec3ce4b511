"""Whom to call: the hotline directory and the plan for a call."""
