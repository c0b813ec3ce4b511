"""Helpers every layer needs, in one place, below everything.

No Qt and nothing else from ``posaid``: core, store, report, the commands and ui all call these
(atomic files, safe zip reading, amounts, dates, languages, bundled resources), none copies them.
"""
