"""One incident: its page, dialogs, tables, photos, result and the packet dialog."""
