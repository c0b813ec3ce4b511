from __future__ import annotations

import datetime as dt

import pytest

from posaid.core.identifiers.slip_checks import check_slip_fields
from posaid.core.models import (
    Outcome,
    Status,
    as_shanghai,
    check_transition,
    normalize_cycle,
    parse_cutoff,
)
from posaid.core.text import UserError


@pytest.mark.parametrize(
    ("old", "new", "outcome"),
    [
        (Status.OPEN, Status.REPORTED, None),
        (Status.REPORTED, Status.WAITING, None),
        (Status.WAITING, Status.REPORTED, None),
        (Status.WAITING, Status.RESOLVED, Outcome.CREDITED),
        (Status.OPEN, Status.RESOLVED, Outcome.REFUNDED),
        (Status.RESOLVED, Status.OPEN, None),
    ],
)
def test_allowed_transitions(old: Status, new: Status, outcome: Outcome | None) -> None:
    check_transition(old, new, outcome)


@pytest.mark.parametrize(
    ("old", "new", "outcome"),
    [
        (Status.RESOLVED, Status.WAITING, None),
        (Status.RESOLVED, Status.REPORTED, None),
        (Status.OPEN, Status.OPEN, None),
        (Status.WAITING, Status.RESOLVED, None),  # resolving needs an outcome
        (Status.OPEN, Status.REPORTED, Outcome.CREDITED),  # outcome only when resolving
    ],
)
def test_refused_transitions(old: Status, new: Status, outcome: Outcome | None) -> None:
    with pytest.raises(UserError):
        check_transition(old, new, outcome)


def test_cycles_and_cutoffs() -> None:
    assert normalize_cycle("t+1") == "T+1"
    assert normalize_cycle("Ｄ＋０") == "D+0"
    for bad in ("X+1", "T+", "T-1", "T+99"):
        with pytest.raises(UserError):
            normalize_cycle(bad)
    assert parse_cutoff("23:00") == dt.time(23, 0)
    assert parse_cutoff("23：30") == dt.time(23, 30)
    for bad in ("25:00", "23:60", "noon"):
        with pytest.raises(UserError):
            parse_cutoff(bad)


def test_naive_times_are_shanghai() -> None:
    t = as_shanghai(dt.datetime(2026, 11, 20, 21, 41))
    assert t.utcoffset() == dt.timedelta(hours=8)


def test_slip_warnings_never_change_values() -> None:
    fields = {
        "merchant_no": "12345",
        "terminal_no": "12345678",
        "reference_no": "１２３４５６７８９０１２",
    }
    warnings = check_slip_fields(fields)
    assert [w.field for w in warnings] == ["merchant_no"]
    assert "15" in warnings[0].text.zh_CN
    assert fields["merchant_no"] == "12345"


def test_system_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from posaid.core.text import system_lang

    for var in ("POSAID_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert system_lang() == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_lang() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert system_lang() == "zh_CN"
