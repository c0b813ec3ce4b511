"""The Reconcile page: sources, import dialog, table models, chart."""
