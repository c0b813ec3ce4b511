"""Settings tabs: shop profile, general, contacts, holidays, backups."""
