"""The Qt (PySide6) user interface. Talks to core/store/report, never the reverse."""
