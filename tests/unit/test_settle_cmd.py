"""``posaid settle`` through the real CLI entry point (text, JSON, bad input)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from posaid import cli
from posaid.commands.settle_cmd import T_TXN, parse_when
from posaid.core.holidays.corrections import FILE_NAME
from posaid.core.text import UserError


@pytest.fixture(autouse=True)
def only_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other commands are built by other modules; this file tests ``settle`` through cli.main.
    monkeypatch.setattr(cli, "COMMANDS", ("settle",))


def run(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, lang: str = "zh_CN"
) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data_dir), "--lang", lang, "settle", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(
        capsys,
        data_dir,
        "--time",
        "2026-09-30 22:15",
        "--cycle",
        "T+1",
        "--now",
        "2026-10-09 12:00",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["expected_date"] == "2026-10-08"
    assert data["overdue"] is True
    assert data["working_days_late"] == 1
    assert data["calendar_complete"] is True
    assert "国庆节" in data["explanation"]


def test_text_output_in_both_languages(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    args = ("--time", "2026/9/30 23:15", "--cycle", "t+1", "--now", "2026-10-08 09:00")
    code, out, _ = run(capsys, data_dir, *args)
    assert code == 0
    assert "预计到账：2026年10月8日（星期四）" in out
    assert "是否逾期：否" in out
    assert "计入日期：2026年10月1日（星期四）" in out
    assert "日切时间是 23:00" in out
    code, out, _ = run(capsys, data_dir, *args, lang="en")
    assert code == 0
    assert "Expected on: Thu 8 Oct 2026" in out and "Overdue: no" in out


def test_time_forms(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    for form in (
        "2026-09-30 22:15",
        "2026-09-30T22:15:00+08:00",
        "2026/9/30 22:15",
        "2026-09-30T14:15:00Z",
        "２０２６年９月３０日 ２２：１５",
    ):
        code, out, err = run(
            capsys, data_dir, "--time", form, "--now", "2026-10-01 09:00", "--json"
        )
        assert code == 0, (form, err)
        data = json.loads(out)
        assert data["business_date"] == "2026-09-30", form
        assert data["txn_time"] == "2026-09-30T22:15:00+08:00", form


def test_uncovered_year_is_provisional(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(
        capsys, data_dir, "--time", "2026-12-31 23:30", "--now", "2027-01-04 12:00", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["expected_date"] == "2027-01-04"
    assert data["calendar_complete"] is False and data["overdue"] is False
    assert "2027 年的节假日安排还没有导入" in data["explanation"]
    assert data["status"] == "not_due" and data["probably_due_by"] == "2027-01-04"


def test_user_overrides_are_used(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / FILE_NAME).write_text(
        'complete_years = [2027]\nholidays = [ { date = 2027-01-04, name = "店休" } ]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, data_dir, "--time", "2026-12-31 23:30", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["expected_date"] == "2027-01-05" and data["calendar_complete"] is True


def test_bad_overrides_file_is_reported(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    (data_dir / FILE_NAME).write_text("holidays = [ { date = 2027-02-30 } ]\n", encoding="utf-8")
    code, out, err = run(capsys, data_dir, "--time", "2026-12-31 23:30")
    assert code == 1 and out == ""
    assert "holidays.toml" in err and "第 1 行" in err


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("--time", "2026-02-30 10:00"), "不存在", "does not exist"),
        (("--time", "2026-09-30 24:10"), "不存在", "does not exist"),
        (("--time", "2026-09-30"), "缺少时间", "no time of day"),
        (("--time", "yesterday"), "看不懂", "not understood"),
        (("--time", "9999-12-31 23:30"), "年份", "year"),
        (("--time", "2026-09-30 10:00", "--cycle", "X+1"), "X+1", "X+1"),
        (("--time", "2026-09-30 10:00", "--cycle", "T+99"), "T+99", "T+99"),
        (("--time", "2026-09-30 10:00", "--cutoff", "25:00"), "25:00", "25:00"),
        (("--time", "2026-09-30 10:00", "--arrival-time", "9am"), "到账时刻", "arrival time"),
        (("--time", "2026-09-30 10:00", "--now", "2026-13-01 10:00"), "--now", "--now"),
    ],
)
def test_bad_input_exits_non_zero_and_says_why(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, ...], zh: str, en: str
) -> None:
    code, out, err = run(capsys, data_dir, *args)
    assert code == 1 and out == ""
    assert zh in err and "Traceback" not in err
    code, out, err = run(capsys, data_dir, *args, lang="en")
    assert code == 1 and en in err


def test_parse_when_direct() -> None:
    got = parse_when("2026-09-30 22:15:30", T_TXN)
    assert got.isoformat() == "2026-09-30T22:15:30+08:00"
    assert parse_when("2026-09-30T16:15:00+02:00", T_TXN).hour == 22
    with pytest.raises(UserError):
        parse_when("2026-09-30 22:15 extra", T_TXN)
    assert isinstance(got, dt.datetime)
