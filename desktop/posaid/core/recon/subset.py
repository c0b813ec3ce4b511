"""Which of a day's sales does one statement credit pay? A bounded subset search.

A credit pays a set of sales net of fees. The fee of each sale is ``amount x rate``, capped per
transaction, and acquirers round it to the fen in one of a few ways: per sale (half up, down or
up) or once on the total. Every way is tried exactly: a set of sales *fits* a credit when one of
those roundings gives the credit to the fen.

The search looks for the simplest explanation: the fewest sales on the smaller side, either the
sales the credit pays (a small credit for one or two sales of a busy day) or the sales it leaves
out (a day paid but for one sale). Sizes 1 to 4 of the smaller side are searched with hashing,
in O(n) to O(n³) with caps on ``n`` per size (:data:`MAX_N_FOR`), so a busy day cannot blow up:
the work is bounded whatever the numbers.
When several sets fit equally simply (two sales of the same amount), all of them are returned,
never one picked.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from posaid.core.text import Text

MILLION = 1_000_000
MAX_SMALL = 4  # the smaller side of a split has at most this many sales
# Size k is searched only in groups of at most this many sales: the more subsets there are, the
# likelier one of them hits an unrelated amount to the fen by chance (a pair among 150 sales
# gives about 11,000 sums, spread over a few hundred thousand fen).
MAX_N_FOR = {1: 10_000, 2: 150, 3: 40, 4: 20}
MAX_SOLUTIONS = 8  # more equally simple fits than this: nothing can be pinned


class Rounding(StrEnum):
    SALE_HALF_UP = "sale_half_up"
    SALE_DOWN = "sale_down"
    SALE_UP = "sale_up"
    TOTAL = "total"


ROUNDING_TEXT = {
    Rounding.SALE_HALF_UP: Text("手续费逐笔四舍五入到分", "fee rounded to the fen per sale"),
    Rounding.SALE_DOWN: Text("手续费逐笔舍去到分", "fee rounded down per sale"),
    Rounding.SALE_UP: Text("手续费逐笔进位到分", "fee rounded up per sale"),
    Rounding.TOTAL: Text("手续费按合计一次取整", "fee rounded once on the total"),
}
PER_SALE = (Rounding.SALE_HALF_UP, Rounding.SALE_DOWN, Rounding.SALE_UP)


@dataclass(frozen=True)
class Item:
    """One unit that is paid or not as a whole: a sale, or a sale with its refund netted.

    ``fixed`` is what arrives apart from rate fees (the amount, less a capped fee or a fee read
    from the file, less a netted refund); ``fee_micro`` is the uncapped rate fee in millionths
    of a fen, rounded by the acquirer's rule.
    """

    key: int
    fixed: int
    fee_micro: int = 0

    def net(self, rounding: Rounding) -> int:
        return self.fixed - _round(self.fee_micro, rounding)


def _round(micro: int, rounding: Rounding) -> int:
    if rounding is Rounding.SALE_DOWN:
        return micro // MILLION
    if rounding is Rounding.SALE_UP:
        return -(-micro // MILLION)
    return (micro + MILLION // 2) // MILLION


def make_item(
    key: int,
    amount_fen: int,
    rate_permille: float,
    cap_fen: int | None,
    *,
    fee_fen: int | None = None,
    settled_fen: int | None = None,
    minus_fen: int = 0,
) -> Item:
    """An item for a sale of ``amount_fen``; a fee or settled amount from the file is exact."""
    if settled_fen is not None:
        return Item(key, settled_fen - minus_fen)
    if fee_fen is not None:
        return Item(key, amount_fen - fee_fen - minus_fen)
    micro = amount_fen * round(rate_permille * 1000)
    if cap_fen is not None and _round(micro, Rounding.SALE_HALF_UP) > cap_fen:
        return Item(key, amount_fen - cap_fen - minus_fen)
    return Item(key, amount_fen - minus_fen, micro)


def fit(items: Iterable[Item], credit_fen: int) -> Rounding | None:
    """The rounding under which ``items`` net to exactly ``credit_fen`` (None: none does)."""
    chosen = list(items)
    if not chosen:
        return None
    for r in PER_SALE:
        if sum(i.net(r) for i in chosen) == credit_fen:
            return r
    fixed = sum(i.fixed for i in chosen)
    if fixed - _round(sum(i.fee_micro for i in chosen), Rounding.TOTAL) == credit_fen:
        return Rounding.TOTAL
    return None


@dataclass
class SubsetFit:
    """The equally simple ways the credit can be explained (each a set of paid keys)."""

    solutions: list[frozenset[int]]
    roundings: list[Rounding]  # parallel to solutions
    smaller_side: int  # sales on the smaller side (paid or left out) of the simplest split
    too_many: bool = False  # more than MAX_SOLUTIONS fit: nothing pinned
    keys: frozenset[int] = field(default_factory=frozenset)

    @property
    def unique(self) -> bool:
        return len(self.solutions) == 1 and not self.too_many

    @property
    def paid_in_all(self) -> frozenset[int]:
        return frozenset.intersection(*self.solutions) if self.solutions else frozenset()

    @property
    def paid_in_some(self) -> frozenset[int]:
        return frozenset.union(*self.solutions) if self.solutions else frozenset()

    @property
    def uncertain(self) -> frozenset[int]:
        return self.paid_in_some - self.paid_in_all

    def paid_among_uncertain(self) -> int | None:
        """How many of the uncertain sales the credit pays, when every fit agrees."""
        counts = {len(s & self.uncertain) for s in self.solutions}
        return counts.pop() if len(counts) == 1 else None


class _Full(Exception):
    pass


def _k_subsets(values: Sequence[int], target: int, tol: int, k: int, limit: int) -> list[tuple]:
    """Index tuples (ascending) of ``k`` values summing to ``target`` within ``tol``."""
    n = len(values)
    if k > n or n > MAX_N_FOR.get(k, 0):
        return []
    where: dict[int, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        where[v].append(i)
    out: list[tuple] = []

    def last(prefix: tuple, after: int, rest: int) -> None:
        for off in range(-tol, tol + 1):
            for j in where.get(rest + off, ()):
                if j > after:
                    out.append((*prefix, j))
                    if len(out) >= limit:
                        raise _Full

    try:
        for prefix in itertools.combinations(range(n), k - 1):
            after = prefix[-1] if prefix else -1
            last(prefix, after, target - sum(values[i] for i in prefix))
    except _Full:
        pass
    return out


def find_subsets(items: Sequence[Item], credit_fen: int) -> SubsetFit | None:
    """The simplest splits of ``items`` whose paid side fits ``credit_fen`` (None: no fit)."""
    items = [i for i in items if i.net(Rounding.SALE_HALF_UP) != 0]
    n = len(items)
    if not n or credit_fen <= 0:
        return None
    keys = frozenset(i.key for i in items)
    found: dict[frozenset[int], Rounding] = {}
    best = _search_small(items, credit_fen, found)
    if not found:
        return None
    sols = sorted(found, key=lambda s: sorted(s))
    return SubsetFit(
        solutions=sols[:MAX_SOLUTIONS],
        roundings=[found[s] for s in sols[:MAX_SOLUTIONS]],
        smaller_side=best,
        too_many=len(sols) > MAX_SOLUTIONS,
        keys=keys,
    )


def _search_small(items: Sequence[Item], credit: int, found: dict[frozenset[int], Rounding]) -> int:
    """Sizes 0..MAX_SMALL on either side; stops at the first size with a fit."""
    all_keys = frozenset(i.key for i in items)
    whole_fit = fit(items, credit)
    if whole_fit is not None:  # nothing left out
        found[all_keys] = whole_fit
        return 0
    limit = MAX_SOLUTIONS * 4 + 1
    whole = {r: sum(i.net(r) for i in items) for r in PER_SALE}
    fixed_all = sum(i.fixed for i in items)
    micro_all = sum(i.fee_micro for i in items)
    whole[Rounding.TOTAL] = fixed_all - _round(micro_all, Rounding.TOTAL)
    for k in range(1, MAX_SMALL + 1):
        if 2 * k > len(items):
            break
        for r in (*PER_SALE, Rounding.TOTAL):
            value_r = Rounding.SALE_HALF_UP if r is Rounding.TOTAL else r
            values = [i.net(value_r) for i in items]
            tol = k + 1 if r is Rounding.TOTAL else 0
            paid_side = _k_subsets(values, credit, tol, k, limit)
            left_side = _k_subsets(values, whole[r] - credit, tol, k, limit)
            candidates = [frozenset(items[j].key for j in t) for t in paid_side]
            candidates += [all_keys - {items[j].key for j in t} for t in left_side]
            by_key = {i.key: i for i in items}
            for paid in candidates:
                if paid in found:
                    continue
                got = fit((by_key[x] for x in paid), credit)
                if got is not None:
                    found[paid] = got
        if found:
            return k
    return 0


MAX_N_RUNS = 400  # contiguous runs are searched in groups of at most this many sales


def find_run(items: Sequence[Item], credit_fen: int) -> SubsetFit | None:
    """The one unbroken run of ``items`` (in the caller's order, e.g. sales time) that nets to
    ``credit_fen``: a terminal batch settled at some hour, a day split at a month's end. None
    when no run fits, or several do."""
    n = len(items)
    if not n or n > MAX_N_RUNS or credit_fen <= 0:
        return None
    sums = {r: [0] for r in PER_SALE}
    fixed, micro = [0], [0]
    for it in items:
        for r in PER_SALE:
            sums[r].append(sums[r][-1] + it.net(r))
        fixed.append(fixed[-1] + it.fixed)
        micro.append(micro[-1] + it.fee_micro)
    runs: list[tuple[int, int, Rounding]] = []
    for i in range(n):
        for j in range(i + 1, n + 1):
            got = next((r for r in PER_SALE if sums[r][j] - sums[r][i] == credit_fen), None)
            total = fixed[j] - fixed[i] - _round(micro[j] - micro[i], Rounding.TOTAL)
            if got is None and total == credit_fen:
                got = Rounding.TOTAL
            if got is not None:
                runs.append((i, j, got))
                if len(runs) > 1:
                    return None
    if not runs:
        return None
    i, j, r = runs[0]
    chosen = frozenset(it.key for it in items[i:j])
    return SubsetFit([chosen], [r], min(j - i, n - (j - i)), keys=frozenset(x.key for x in items))
