"""The reconciliation passes that split a day's sales between credits: a day (or batch) paid
over two days, and one credit paying part of a day (the simplest exact subset from
:mod:`posaid.core.recon.subset`, else an unbroken run of sales in time order). Credits from
someone other than the acquirers already seen paying are left alone. Functions over the
bookkeeping of :mod:`posaid.core.recon.ledger`, called by :mod:`posaid.core.recon.match`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from posaid.core.recon.labels import L_HOW_SUBSET, L_HOW_TWO_DAYS, label_date
from posaid.core.recon.model import Certainty, Label
from posaid.core.recon.subset import (
    ROUNDING_TEXT,
    Item,
    SubsetFit,
    find_run,
    find_subsets,
    fit,
    make_item,
)

if TYPE_CHECKING:
    from posaid.core.recon.ledger import Ledger


def search_items(m: Ledger, idx: set[int]) -> tuple[list[Item], dict[int, set[int]]]:
    """Search units for ``idx``: each sale, with a refund of it in ``idx`` netted."""
    netted = {r: o for r, o in m.refund_of.items() if r in idx and o in idx}
    minus: dict[int, int] = defaultdict(int)
    members: dict[int, set[int]] = {}
    for r, o in netted.items():
        minus[o] += -m.sales[r].expected_net_fen
    items: list[Item] = []
    for i in sorted(idx):
        if i in netted:
            continue
        sm, s = m.sales[i], m.sales[i].sale
        members[i] = {i} | {r for r, o in netted.items() if o == i}
        if sm.expected_net_fen < 0:
            items.append(Item(i, sm.expected_net_fen))
            continue
        items.append(
            make_item(
                i,
                s.amount_fen,
                m.rate,
                m.cap,
                fee_fen=s.fee_fen,
                settled_fen=s.settled_fen,
                minus_fen=minus[i],
            )
        )
    return items, members


def time_split(m: Ledger, idx: set[int], first: int, second: int) -> set[int] | None:
    """The one cut in time order where the earlier sales make ``first`` and the later ones
    ``second`` exactly (None: no cut or several)."""
    items, members = search_items(m, idx)
    items.sort(key=lambda it: (m.sales[it.key].sale.time, it.key))
    cuts = [
        c
        for c in range(1, len(items))
        if fit(items[:c], first) is not None and fit(items[c:], second) is not None
    ]
    if len(cuts) != 1:
        return None
    return set().union(*(members[it.key] for it in items[: cuts[0]]))


def split_two(m: Ledger, idx: set[int], k1: int, k2: int) -> set[int] | None:
    """Which of ``idx`` the first credit paid: a split in time order, else a subset fit."""
    c1, c2 = m.credits[k1].credit.amount_fen, m.credits[k2].credit.amount_fen
    cut = time_split(m, idx, c1, c2)
    if cut is not None:
        return cut
    items, members = search_items(m, idx)
    found = find_subsets(items, c1)
    if found is None or not found.unique:
        return None
    paid = set().union(*(members[x] for x in found.solutions[0]))
    rest = [it for it in items if it.key not in found.solutions[0]]
    return paid if fit(rest, c2) is not None else None


def pass_two_days(m: Ledger) -> None:
    """A day (or one of its batches) paid by two credits of different days."""
    for d in m._days():
        units = [set(m.open[d])]
        batches: dict[str, set[int]] = defaultdict(set)
        for i in m.open[d]:
            batches[m.sales[i].sale.batch_no].add(i)
        if len(batches) > 1:
            units += [v for _b, v in sorted(batches.items())]
        for idx in units:
            if not idx <= m.open[d]:
                continue
            pair = two_credits(m, d, m._sum(idx), m._tol(len(idx)))
            if pair is None:
                continue
            k1, k2 = pair
            dates = [m.credits[k].credit.date for k in pair]
            how = Label.of(L_HOW_TWO_DAYS, first=label_date(dates[0]), last=label_date(dates[1]))
            first = split_two(m, idx, k1, k2)
            if first:
                m._commit(first, [k1], how=how)
                m._commit(idx - first, [k2], how=how)
            else:
                m._commit(idx, [k1, k2], how=how)


def two_credits(m: Ledger, d: dt.date, target: int, tol: int) -> tuple[int, int] | None:
    if target <= 0:
        return None
    window = m._free_credits(d, d + dt.timedelta(days=m.opt.late_days))
    if len(window) > 30:
        return None
    window.sort(key=lambda k: (m.credits[k].credit.date, k))
    for a, b in itertools.combinations(window, 2):
        ca, cb = m.credits[a].credit, m.credits[b].credit
        if ca.date == cb.date or (cb.date - ca.date).days > 3:
            continue
        if abs(ca.amount_fen + cb.amount_fen - target) <= tol:
            return a, b
    return None


def pass_subsets(m: Ledger, rounds: int = 3) -> None:
    """Each credit still free: the simplest set of sales of its day (then with the days
    next to it) that nets to it exactly; several equally simple sets are reported as such.
    Repeated while it pins something: a credit pinned first can make another one's fit plain."""
    for _ in range(rounds):
        if not _subsets_round(m):
            return


def _subsets_round(m: Ledger) -> bool:
    pinned = False
    order = sorted(
        (k for k in range(len(m.credits)) if k not in m.used),
        key=lambda k: (m.credits[k].credit.date, k),
    )
    payers = m.known_payers()
    for k in order:
        c = m.credits[k].credit
        if not m._from_payer(k, payers):
            continue  # someone other than the acquirer(s) that paid the other days
        lo = c.date - dt.timedelta(days=m.opt.subset_late_days)
        days = [d for d in m._days() if lo <= d <= c.date]
        groups: list[list[dt.date]] = [[d] for d in reversed(days)]
        groups += [[a, b] for a, b in itertools.pairwise(reversed(days))]
        for g in groups:
            idx = set().union(*(m.open[d] for d in g))
            items, members = search_items(m, idx)
            found = find_subsets(items, c.amount_fen)
            if found is None:  # an unbroken run in time: a batch, a day split at a month's end
                items.sort(key=lambda it: (m.sales[it.key].sale.time, it.key))
                found = find_run(items, c.amount_fen)
            if found is None or found.too_many:
                continue
            if not found.unique and found.paid_among_uncertain() is None:
                continue  # the fits disagree even on how many were paid: nothing to say
            commit_fit(m, k, found, members)
            pinned = True
            break
    return pinned


def commit_fit(m: Ledger, k: int, found: SubsetFit, members: dict[int, set[int]]) -> None:
    def expand(keys: frozenset[int]) -> set[int]:
        return set().union(*(members[x] for x in keys)) if keys else set()

    paid = expand(found.paid_in_all)
    n = sum(1 for i in paid if m.sales[i].expected_net_fen > 0)
    rounding = ROUNDING_TEXT[found.roundings[0]]
    if found.unique:
        how = Label.of(L_HOW_SUBSET, n=n, rounding=rounding)
        m._commit(paid, [k], how=how, certainty=Certainty.EXACT)
        return
    unsure = expand(found.uncertain)
    n_paid = found.paid_among_uncertain()
    how = Label.of(L_HOW_SUBSET, n=n + (n_paid or 0), rounding=rounding)
    m._commit(
        paid,
        [k],
        how=how,
        certainty=Certainty.AMBIGUOUS,
        alternatives=len(found.solutions) - 1,
        uncertain=(unsure, n_paid or 0),
    )
