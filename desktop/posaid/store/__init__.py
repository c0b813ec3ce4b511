"""SQLite storage through sqlite-utils: schema, migrations, attachments, backups. No Qt here."""
