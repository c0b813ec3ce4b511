"""The bounded subset search: every reported fit is exact, none simpler is missed, ties are all
reported, and a busy day is searched in bounded time."""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from posaid.core.recon.subset import (
    MAX_SMALL,
    Item,
    Rounding,
    find_subsets,
    fit,
    make_item,
)

amounts = st.lists(st.integers(min_value=100, max_value=5_000_00), min_size=1, max_size=16)


def _items(values: list[int]) -> list[Item]:
    return [make_item(i, v, 6.0, 20_00) for i, v in enumerate(values)]


@settings(max_examples=60, deadline=None)
@given(amounts, st.data())
def test_fits_are_exact_and_the_simplest(values: list[int], data: st.DataObject) -> None:
    items = _items(values)
    paid = data.draw(st.sets(st.sampled_from(range(len(items))), min_size=1))
    credit = sum(items[i].net(Rounding.SALE_HALF_UP) for i in paid)
    found = find_subsets(items, credit)
    if found is None:  # only when the true split is not simple enough to search
        assert min(len(paid), len(items) - len(paid)) > MAX_SMALL or len(items) > 12
        return
    for sol in found.solutions:
        assert fit((items[k] for k in sol), credit) is not None
    if len(items) <= 12:  # brute force: no simpler explanation was missed, every tie is listed
        best = None
        ties = set()
        for r in range(1, len(items) + 1):
            for combo in itertools.combinations(range(len(items)), r):
                if fit((items[k] for k in combo), credit) is None:
                    continue
                side = min(r, len(items) - r)
                if best is None or side < best:
                    best, ties = side, set()
                if side == best:
                    ties.add(frozenset(combo))
        assert best is not None and found.smaller_side == best
        if not found.too_many:
            assert set(found.solutions) == ties


def test_two_sales_of_the_same_amount_are_both_reported() -> None:
    items = _items([88_00, 120_00, 88_00, 400_00])
    credit = sum(items[i].net(Rounding.SALE_HALF_UP) for i in (0, 1, 3))
    found = find_subsets(items, credit)
    assert found is not None and not found.unique
    assert found.paid_in_all == {1, 3} and found.uncertain == {0, 2}
    assert found.paid_among_uncertain() == 1


def test_rounding_on_the_total_is_recognised() -> None:
    items = _items([10_25] * 4)
    assert fit(items, 4 * 10_25 - 25) is Rounding.TOTAL
    assert fit(items, 4 * 10_25 - 24) is Rounding.SALE_HALF_UP
    assert fit(items, 4 * 10_25 - 23) is None


def test_fee_and_settled_amounts_from_the_file_are_exact() -> None:
    assert make_item(0, 100_00, 6.0, None, fee_fen=55).net(Rounding.SALE_UP) == 100_00 - 55
    assert make_item(0, 100_00, 6.0, None, settled_fen=99_00).net(Rounding.TOTAL) == 99_00


def test_a_busy_day_is_searched_in_bounded_time() -> None:
    items = _items([1_00 + 37 * i for i in range(3000)])
    start = time.perf_counter()
    assert find_subsets(items, 7) is None
    one = items[1234].net(Rounding.SALE_HALF_UP)
    found = find_subsets(items, one)
    assert found is not None and found.solutions == [frozenset({1234})]
    assert time.perf_counter() - start < 30  # well under a second on a quiet machine


def test_what_counts_as_a_settlement_credit() -> None:
    import datetime as dt

    from posaid.core.recon.credit_kind import is_settlement
    from posaid.core.recon.model import CreditRow

    def credit(who: str, what: str) -> bool:
        return is_settlement(CreditRow(dt.date(2026, 9, 2), 100_00, counterparty=who, remark=what))

    assert credit("银联商务股份有限公司", "转账")  # an acquirer's payout booked as a transfer
    assert credit("付临门支付有限公司", "跨行转入")  # an acquirer not in the word list
    assert credit("", "")  # nothing to go by: a candidate
    assert credit("", "POS清算款")
    assert not credit("张三", "")  # a person
    assert not credit("", "个人转账")
    assert not credit("中国工商银行", "结息")  # interest
    assert not credit("", "现金存入")


def test_an_unbroken_run_in_time_order() -> None:
    from posaid.core.recon.subset import find_run

    items = _items([120_00, 35_50, 980_00, 12_00, 66_60, 450_00, 77_00])
    credit = sum(items[i].net(Rounding.SALE_HALF_UP) for i in (2, 3, 4))
    found = find_run(items, credit)
    assert found is not None and found.solutions == [frozenset({2, 3, 4})]
    twice = _items([50_00, 50_00, 50_00])  # either pair of neighbours fits: nothing pinned
    assert find_run(twice, 2 * twice[0].net(Rounding.SALE_HALF_UP)) is None
