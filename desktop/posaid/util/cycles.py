"""The settlement cycles offered wherever one is chosen, most common first.

``T+n``: paid ``n`` working days after the sale; ``D+n``: ``n`` calendar days. Any
``T+n``/``D+n`` a contract names is accepted when typed (``core.models.normalize_cycle``);
these are the ones listed.
"""

from __future__ import annotations

SETTLEMENT_CYCLES = ("T+1", "D+1", "T+0", "D+0")
