"""Dates that cannot be right: payments and calls in the future, a clock that went backwards.

Shop PCs lose their date when the BIOS battery dies (back to 2000 or 2009) or get set a year
ahead by mistake. A payment dated tomorrow is then either a typing slip or a wrong clock, and
both matter: the settlement date, the overdue count and the evidence packet all follow it.
Promised dates are meant to be in the future and are never flagged. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt

from posaid.core.models import Incident, as_shanghai
from posaid.core.text import Text

FUTURE_SLACK = dt.timedelta(days=1)  # time zones, a clock a few hours fast: not worth a word
BACKWARDS_SLACK = dt.timedelta(minutes=10)  # the clock being set right by the network

T_TXN_FUTURE = Text(
    "第 {n} 笔交易的时间 {time} 在将来（电脑现在是 {now}）。请检查交易时间，或电脑的日期是否正确。",
    "Payment {n} is dated {time}, which is in the future (this computer says it is {now}). "
    "Check the time of the payment, or whether the computer's date is right.",
)
T_CONTACT_FUTURE = Text(
    "第 {n} 次联系的时间 {time} 在将来（电脑现在是 {now}）。请检查联系时间，或电脑的日期是否正确。",
    "Contact {n} is dated {time}, which is in the future (this computer says it is {now}). "
    "Check when the call or visit was, or whether the computer's date is right.",
)
T_TIME_FUTURE = Text(
    "时间 {time} 在将来（电脑现在是 {now}）。如果确实如此，请再按一次“确定”保存。",
    "{time} is in the future (this computer says it is {now}). If that is right, press OK "
    "again to save it.",
)
T_TIME_AHEAD = Text(
    "时间 {time} 在将来（电脑现在是 {now}）。请检查时间，或电脑的日期是否正确。",
    "{time} is in the future (this computer says it is {now}). Check the time, or whether the "
    "computer's date is right.",
)
T_CLOCK_BACK = Text(
    "电脑的日期和时间（{now}）比上次保存记录的时间（{last}）还早，时钟可能被调回了或主板电池没电了。"
    "请先改正电脑的日期和时间，否则新记录的时间和到账日期都会算错。",
    "This computer's date and time ({now}) are earlier than the last time records were saved "
    "({last}): the clock may have been set back or its battery has run out. Please correct the "
    "date and time first, or new records and expected payout dates will be wrong.",
)


def _fmt(when: dt.datetime) -> str:
    return as_shanghai(when).strftime("%Y-%m-%d %H:%M")


def _filled(text: Text, **values: object) -> Text:
    """``text`` with its placeholders filled in both languages (still a bilingual Text)."""
    return Text(text.zh_CN.format(**values), text.en.format(**values))


def is_future(when: dt.datetime, now: dt.datetime, slack: dt.timedelta = FUTURE_SLACK) -> bool:
    return as_shanghai(when) > as_shanghai(now) + slack


def future_time_problem(
    when: dt.datetime, now: dt.datetime, *, ok_again: bool = False
) -> Text | None:
    """For a form: the one time typed is in the future (more than a day ahead).

    ``ok_again``: the form accepts it when OK is pressed a second time, and says so.
    """
    if not is_future(when, now):
        return None
    return _filled(T_TIME_FUTURE if ok_again else T_TIME_AHEAD, time=_fmt(when), now=_fmt(now))


def future_problems(incident: Incident, now: dt.datetime) -> list[Text]:
    """Transactions and contacts dated more than a day after ``now``, in their shown order.

    Numbers count from 1 in time order, as the incident page and the packet list them.
    """
    out: list[Text] = []
    txns = sorted(incident.transactions, key=lambda t: as_shanghai(t.time))
    for n, t in enumerate(txns, 1):
        if is_future(t.time, now):
            out.append(_filled(T_TXN_FUTURE, n=n, time=_fmt(t.time), now=_fmt(now)))
    contacts = sorted(incident.contacts, key=lambda c: as_shanghai(c.time))
    for n, c in enumerate(contacts, 1):
        if is_future(c.time, now):
            out.append(_filled(T_CONTACT_FUTURE, n=n, time=_fmt(c.time), now=_fmt(now)))
    return out


def clock_went_back(last_save: dt.datetime | None, now: dt.datetime) -> Text | None:
    """A warning when ``now`` is earlier than the latest save the store remembers."""
    if last_save is None or as_shanghai(now) >= as_shanghai(last_save) - BACKWARDS_SLACK:
        return None
    return _filled(T_CLOCK_BACK, now=_fmt(now), last=_fmt(last_save))
