"""The PDF evidence packet (reportlab) and its fonts. No Qt here."""
