"""Reconciliation of sales lists against bank statements."""
