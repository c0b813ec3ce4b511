"""A new check: payment, guided questions, result, call now."""
