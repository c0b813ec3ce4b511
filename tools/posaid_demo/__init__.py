"""Demo and sample data for the screenshot tool, the benchmarks and the tests; not shipped.

``packet_sample``: a realistic incident as a ``PacketInput`` (no store). ``screens``: a store
filled with one case and the screens that show it. ``recon``: a month of sales and the statement
that paid them, imported through the real import path.
"""
