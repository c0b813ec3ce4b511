"""Matching sales to statement credits: a whole month, a missing sale, fees, refunds, spans."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import recon_fixtures as fx

from posaid.core.models import Merchant, Status, TxnType
from posaid.core.recon.columns import guess_mapping, parse_rows
from posaid.core.recon.match import ReconOptions, match
from posaid.core.recon.model import (
    Certainty,
    CreditRow,
    CreditStatus,
    MatchResult,
    SaleRow,
    SaleStatus,
    ShortReason,
    SourceKind,
)
from posaid.core.recon.statement_read import read_table
from posaid.core.recon.summary import create_incident_from_missing, recon_summary
from posaid.core.text import UserError

NOW = dt.datetime(2026, 10, 20, 12, 0)
SHOP = Merchant(
    shop_name="老王面馆", merchant_no="898310058120123", fee_rate_permille=6.0, fee_cap_fen=2000
)


def _write(tmp: Path, fmt: str, name: str, rows: list[list[object]]) -> Path:
    if fmt == "xlsx":
        return fx.write_xlsx(tmp / f"{name}.xlsx", rows)
    if fmt == "xls":
        return fx.write_xls(tmp / f"{name}.xls", rows)
    return fx.write_csv(tmp / f"{name}.csv", rows, fmt)


def _run(
    tmp: Path,
    fmt: str,
    month: fx.Month,
    credits: list[fx.FakeCredit] | None = None,
    merchant: Merchant = SHOP,
    **kw: object,
) -> MatchResult:
    s = read_table(_write(tmp, fmt, "sales", fx.sales_rows(month.sales)))
    c = read_table(_write(tmp, fmt, "statement", fx.statement_rows(credits or month.credits)))
    sales = parse_rows(s.rows, guess_mapping(s.rows, SourceKind.SALES)).sales
    creds = parse_rows(c.rows, guess_mapping(c.rows, SourceKind.STATEMENT)).credits
    return match(sales, creds, merchant, now_time=NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["gbk", "utf-8-sig", "xlsx", "xls"])
def test_whole_month_with_weekends_and_holidays_reconciles_exactly(
    tmp_path: Path, fmt: str
) -> None:
    month = fx.make_month()
    result = _run(tmp_path, fmt, month)
    assert Counter(m.status for m in result.sales) == {SaleStatus.SETTLED: len(month.sales)}
    assert all(c.status is CreditStatus.EXPLAINED for c in result.credits)
    # every due day agrees with the independent T+1 rule, make-up Sunday 20 Sept included
    assert [m.expected_date for m in result.sales] == [
        month.due[i] for i in range(len(month.sales))
    ]
    due_days = {m.expected_date for m in result.sales}
    assert dt.date(2026, 9, 20) in due_days  # Saturday sales paid on the make-up working Sunday
    assert dt.date(2026, 9, 25) not in due_days  # Mid-Autumn holiday
    assert dt.date(2026, 10, 8) in due_days  # after the National Day week
    summary = recon_summary(result)
    assert summary.missing_count == 0
    assert summary.expected_fen == summary.received_fen == sum(c.amount_fen for c in month.credits)
    assert all(d.difference_fen == 0 for d in summary.days)
    assert summary.unexplained_count == 0


def test_one_missing_sale_is_found_among_hundreds(tmp_path: Path) -> None:
    month = fx.make_month(seed=11, per_day=15)
    assert len(month.sales) > 400
    lost = 217
    credits = fx.credits_for(month.sales, 6.0, 2000, skip={lost})
    result = _run(tmp_path, "gbk", month, credits)
    missing = result.missing
    assert [m.sale.reference_no for m in missing] == [month.sales[lost].reference_no]
    assert missing[0].short_fen == month.sales[lost].amount_fen - fx.fee(
        month.sales[lost].amount_fen, 6.0, 2000
    )
    assert "does not include it" in missing[0].label.render("en")  # type: ignore[union-attr]
    others = [m for m in result.sales if m is not missing[0]]
    assert {m.status for m in others} == {SaleStatus.SETTLED}
    assert all(c.status is CreditStatus.EXPLAINED for c in result.credits)
    summary = recon_summary(result)
    assert summary.missing_count == 1
    assert summary.missing_fen == month.sales[lost].amount_fen
    day = next(d for d in summary.days if d.missing_count)
    assert day.date == month.due[lost]
    assert any("Missing: 1 sale," in line for line in summary.lines("en"))


def test_a_day_with_no_credit_at_all_is_missing(tmp_path: Path) -> None:
    month = fx.make_month(seed=3)
    gone = month.credits[5]
    credits = [c for c in month.credits if c is not gone]
    result = _run(tmp_path, "utf-8-sig", month, credits)
    missing = {m.expected_date for m in result.missing}
    assert missing == {gone.date}
    assert len(result.missing) == sum(1 for d in month.due.values() if d == gone.date)


def _sale(t: str, amount: int, typ: TxnType = TxnType.SALE, **kw: object) -> SaleRow:
    return SaleRow(dt.datetime.fromisoformat(t), amount, typ, **kw)  # type: ignore[arg-type]


def test_batch_credited_net_of_fees_with_refunds() -> None:
    """Two terminal batches on Tue 1 Sept, paid Wed 2 Sept as two credits, refunds netted."""
    b1 = [
        _sale("2026-09-01 09:00", 100_00, batch_no="000101", reference_no="R1"),
        _sale("2026-09-01 10:00", 250_50, batch_no="000101"),
        _sale("2026-09-01 11:00", 5000_00, batch_no="000101"),  # fee capped at 20 yuan
        _sale("2026-09-01 12:00", 100_00, TxnType.REFUND, batch_no="000101", reference_no="R1"),
    ]
    b2 = [
        _sale("2026-09-01 18:00", 80_00, batch_no="000102"),
        _sale("2026-09-01 19:00", 1999_99, batch_no="000102"),
        _sale("2026-09-01 20:00", 30_00, TxnType.REFUND, batch_no="000102"),
        _sale("2026-09-01 20:30", 66_00, TxnType.VOID, batch_no="000102"),
        _sale("2026-09-01 20:10", 66_00, batch_no="000102"),  # voided above
        _sale("2026-09-01 21:00", 300_00, TxnType.PREAUTH, batch_no="000102"),
    ]
    net1 = (100_00 - 60) + (250_50 - 150) + (5000_00 - 2000) - 100_00
    net2 = (80_00 - 48) + (1999_99 - 1200) - 30_00
    credits = [
        CreditRow(dt.date(2026, 9, 2), net2, remark="批次000102"),
        CreditRow(dt.date(2026, 9, 2), 12345_00, remark="货款 王某"),  # unrelated
        CreditRow(dt.date(2026, 9, 2), net1, remark="批次000101"),
    ]
    result = match(b1 + b2, credits, SHOP, now_time=NOW)
    by_ref = {m.sale.time.strftime("%H:%M"): m for m in result.sales}
    assert by_ref["09:00"].status is SaleStatus.REFUNDED  # refunded in full the same day
    assert "Refunded in full" in by_ref["09:00"].label.render("en")  # type: ignore[union-attr]
    assert by_ref["11:00"].status is SaleStatus.SETTLED
    assert by_ref["20:10"].status is SaleStatus.NO_PAYOUT  # voided
    assert by_ref["21:00"].status is SaleStatus.NO_PAYOUT  # pre-authorisation
    assert {by_ref[k].status for k in ("10:00", "18:00", "19:00")} == {SaleStatus.SETTLED}
    assert [c.status for c in result.credits] == [
        CreditStatus.EXPLAINED,
        CreditStatus.UNEXPLAINED,
        CreditStatus.EXPLAINED,
    ]
    labels = " ".join(lb.render("en") for c in result.credits for lb in c.labels)
    assert "Refunds of ¥100.00 netted" in labels and "Refunds of ¥30.00 netted" in labels
    assert result.missing == []
    s = recon_summary(result)
    assert s.expected_fen == s.received_fen == net1 + net2
    assert s.unexplained_count == 1 and s.unexplained_fen == 12345_00


def test_fee_rounding_to_the_fen_is_tolerated() -> None:
    sales = [_sale(f"2026-09-01 1{i}:00", 10_25) for i in range(8)]  # fee 6.15 -> 6 fen each
    exact = sum(s.amount_fen - fx.fee(s.amount_fen, 6.0, 2000) for s in sales)
    batch_rounded = sum(s.amount_fen for s in sales) - round(
        sum(s.amount_fen for s in sales) * 0.006
    )
    assert exact != batch_rounded  # the acquirer rounded once per batch
    result = match(sales, [CreditRow(dt.date(2026, 9, 2), batch_rounded)], SHOP, now_time=NOW)
    assert {m.status for m in result.sales} == {SaleStatus.SETTLED}
    assert "rounding" in result.credits[0].labels[-1].render("en")
    too_far = exact - len(sales) - 1
    result = match(sales, [CreditRow(dt.date(2026, 9, 2), too_far)], SHOP, now_time=NOW)
    assert {m.status for m in result.sales} == {SaleStatus.SETTLED_SHORT}


def test_fee_higher_than_the_profile_says() -> None:
    sales = [_sale(f"2026-09-0{d} 1{i}:00", 500_00 + 7 * i) for d in (1, 2) for i in range(5)]
    gross = sum(s.amount_fen for s in sales if s.time.day == 1)
    credit = gross - round(gross * 0.0078)  # charged 7.8 permille, profile says 6
    result = match(
        sales,
        [CreditRow(dt.date(2026, 9, 2), credit)],
        SHOP,
        now_time=NOW,
        options=ReconOptions(late_days=0),
        statement_to=dt.date(2026, 9, 30),
    )
    day1 = [m for m in result.sales if m.sale.time.day == 1]
    assert {m.status for m in day1} == {SaleStatus.SETTLED_SHORT}
    assert {m.reason for m in day1} == {ShortReason.FEE_HIGHER}
    assert sum(m.short_fen for m in day1) == (
        gross - sum(fx.fee(m.sale.amount_fen) for m in day1) - credit
    )
    assert "7.80‰" in day1[0].label.render("en")  # type: ignore[union-attr]
    day2 = [m for m in result.sales if m.sale.time.day == 2]
    assert {m.status for m in day2} == {SaleStatus.MISSING}  # due 3 Sept, statement has nothing


def test_a_monday_credit_for_friday_to_sunday_matches() -> None:
    """The profile says D+1 but the bank pays the weekend's sales in one Monday credit."""
    shop = Merchant(settlement_cycle="D+1", fee_rate_permille=3.8)
    sales = [
        _sale("2026-09-03 10:00", 120_00),
        _sale("2026-09-04 10:00", 88_00),
        _sale("2026-09-05 10:00", 56_00),
        _sale("2026-09-06 10:00", 300_00),
    ]
    nets = [s.amount_fen - fx.fee(s.amount_fen, 3.8) for s in sales]
    credits = [
        CreditRow(dt.date(2026, 9, 4), nets[0]),
        CreditRow(dt.date(2026, 9, 7), sum(nets[1:])),
    ]  # Fri+Sat+Sun on Monday
    result = match(sales, credits, shop, now_time=NOW)
    assert {m.status for m in result.sales} == {SaleStatus.SETTLED}
    assert "together with the sales due 2026-09-05 to 2026-09-07" in (
        result.sales[1].label.render("en")
    )  # type: ignore[union-attr]
    assert [c.status for c in result.credits] == [CreditStatus.EXPLAINED] * 2


def test_late_credit_not_yet_due_and_outside_the_statement() -> None:
    sales = [
        _sale("2026-09-01 10:00", 100_00),
        _sale("2026-10-19 10:00", 50_00),
        _sale("2026-08-20 10:00", 70_00),
    ]
    credits = [CreditRow(dt.date(2026, 9, 4), 100_00 - 60)]  # due 2 Sept, two days late
    result = match(sales, credits, SHOP, now_time=NOW)
    first, later, before = result.sales[1], result.sales[2], result.sales[0]
    assert first.status is SaleStatus.SETTLED
    assert "2 days late" in first.label.render("en")  # type: ignore[union-attr]
    assert later.status is SaleStatus.NOT_YET_DUE  # due 20 Oct = today
    assert before.status is SaleStatus.NOT_COVERED


def test_incident_from_missing_sales_carries_the_transactions(tmp_path: Path) -> None:
    month = fx.make_month(seed=5)
    lost = {20, 21}
    credits = fx.credits_for(month.sales, 6.0, 2000, skip=lost)
    result = _run(tmp_path, "xlsx", month, credits)
    assert len(result.missing) == 2
    inc = create_incident_from_missing(result, SHOP)
    assert inc.status is Status.OPEN
    assert {t.reference_no for t in inc.transactions} == {month.sales[i].reference_no for i in lost}
    assert all(t.merchant_no == SHOP.merchant_no and t.card.count("*") for t in inc.transactions)
    assert inc.total_fen == sum(month.sales[i].amount_fen for i in lost)
    assert "2 笔未到账" in inc.title
    assert "2 sales missing" in create_incident_from_missing(result, SHOP, "en").title
    ok = _run(tmp_path, "gbk", month)
    with pytest.raises(UserError):
        create_incident_from_missing(ok, SHOP)


def test_summary_for_chosen_days_only(tmp_path: Path) -> None:
    month = fx.make_month(seed=9)
    result = _run(tmp_path, "gbk", month)
    d = month.credits[3].date
    s = recon_summary(result, [d])
    assert [x.date for x in s.days] == [d]
    assert s.received_fen == month.credits[3].amount_fen
    assert s.headers("en")[:3] == ["Due on", "Expected", "Received"]
    assert s.rows()[0][0] == d.isoformat()


def test_a_gap_that_fits_several_equal_sales_is_not_pinned_on_one() -> None:
    sales = [
        _sale("2026-09-01 10:00", 88_00),
        _sale("2026-09-01 11:00", 120_00),
        _sale("2026-09-01 12:00", 88_00),
        _sale("2026-09-01 13:00", 400_00),
    ]
    nets = [s.amount_fen - fx.fee(s.amount_fen) for s in sales]
    result = match(sales, [CreditRow(dt.date(2026, 9, 2), sum(nets) - nets[0])], SHOP, now_time=NOW)
    assert result.missing == []  # not pinned on either 88.00 sale
    status = {m.sale.time.hour: m.status for m in result.sales}
    assert status == {
        10: SaleStatus.UNCERTAIN,
        11: SaleStatus.SETTLED,
        12: SaleStatus.UNCERTAIN,
        13: SaleStatus.SETTLED,
    }
    assert [(g.paid, g.missing) for g in result.uncertain] == [(1, 1)]
    unsure = next(m for m in result.sales if m.status is SaleStatus.UNCERTAIN)
    assert "1 of 2 sales of the same amount" in unsure.label.render("en")  # type: ignore[union-attr]
    credit = result.credits[0]
    assert credit.certainty is Certainty.AMBIGUOUS and credit.alternatives == 1
    labels = " ".join(lb.render("en") for lb in credit.labels)
    assert "2 different sets of sales fit this credit; none was picked" in labels


def test_sale_in_an_unloaded_year_is_not_missing_while_a_holiday_may_hold_it() -> None:
    """2027's schedule is not loaded: a Wednesday 3 Feb sale is probably paid Thu 4 Feb, but the
    Spring Festival could start that day and run to 13 Feb, so on 8 Feb it is not missing."""
    sales = [_sale("2027-02-03 10:00", 100_00), _sale("2027-02-01 10:00", 50_00)]
    credits = [CreditRow(dt.date(2027, 2, 2), 100)]  # the statement covers 2-8 Feb
    now = dt.datetime(2027, 2, 8, 12, tzinfo=NOW.tzinfo)
    result = match(sales, credits, SHOP, now_time=now, statement_to=dt.date(2027, 2, 8))
    held = result.sales[1]
    assert held.status is SaleStatus.NOT_YET_DUE and not result.calendar_complete
    assert "2027-02-15" in held.label.render("en")  # type: ignore[union-attr]
    assert "暂不算缺失" in held.label.render("zh_CN")  # type: ignore[union-attr]
    later = match(sales, credits, SHOP, now_time=now.replace(day=17), statement_to=now.date())
    assert later.sales[1].status is SaleStatus.MISSING
