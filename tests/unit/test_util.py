"""posaid.util: the one home of the helpers every layer uses."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from posaid.util import atomic, safezip
from posaid.util.amount import read_amount
from posaid.util.dates import format_date, try_parse_iso_datetime
from posaid.util.lang import locale_lang, system_lang


def test_text_writes_leave_only_temp_names_the_sweep_removes(tmp_path: Path) -> None:
    final = tmp_path / "contacts.json"
    atomic.write_text_atomic(final, "{}\n")
    assert final.read_bytes() == b"{}\n"
    # A crash between writing and renaming leaves a temp file named by temp_path.
    left = atomic.temp_path(final)
    left.write_bytes(b"partial")
    assert atomic.remove_stale_temp(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.json"]


def test_failed_write_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    final = tmp_path / "holiday_overrides.toml"
    final.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic.atomic_writer(final) as fh:
        fh.write(b"new, half")
        raise RuntimeError("power cut")
    assert final.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["holiday_overrides.toml"]


def test_copy_into_a_missing_chosen_folder_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF-1.4")
    with pytest.raises(OSError):
        atomic.copy_file_atomic(src, tmp_path / "gone" / "a.pdf", make_parent=False)
    atomic.copy_file_atomic(src, tmp_path / "b.pdf", make_parent=False)
    assert (tmp_path / "b.pdf").read_bytes() == b"%PDF-1.4"


def _infos(members: dict[str, bytes]) -> list[zipfile.ZipInfo]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with zipfile.ZipFile(buf) as zf:
        return zf.infolist()


def test_zip_guard_limits_are_the_callers() -> None:
    infos = _infos({"a.txt": b"0" * 200_000, "b.txt": b"x"})
    strict = safezip.ZipLimits(max_entries=10, max_total_bytes=10**9, max_ratio=200)
    with pytest.raises(safezip.ZipRefusal) as err:
        safezip.check_entries(infos, strict)
    assert (err.value.reason, err.value.entry) == ("ratio", "a.txt")
    safezip.check_entries(infos, strict, ratio_exempt=lambda n: n == "a.txt")
    lenient = safezip.ZipLimits(10, 10**9, 200, ratio_floor_bytes=1 << 20)
    safezip.check_entries(infos, lenient)
    with pytest.raises(safezip.ZipRefusal) as err:
        safezip.check_entries(infos, safezip.ZipLimits(1, 10**9, 10**6))
    assert err.value.reason == "too_many"
    with pytest.raises(safezip.ZipRefusal) as err:
        safezip.check_entries(infos, safezip.ZipLimits(10, 1000, 10**6))
    assert err.value.reason == "too_large"


@pytest.mark.parametrize(
    ("text", "fen", "negative", "problem"),
    [
        ("1,234.56", 123456, False, None),
        ("￥１２３４.５", 123450, False, None),
        ("(12.00)", 1200, True, None),
        ("-¥3.10元", 310, True, None),
        ("12.3400", 1234, False, None),
        ("12.345", 0, False, "decimals"),
        ("", 0, False, "empty"),
        ("12a", 0, False, "format"),
        ("1" * 13, 0, False, "too_large"),
    ],
)
def test_one_amount_grammar(text: str, fen: int, negative: bool, problem: str | None) -> None:
    r = read_amount(text)
    assert (r.fen, r.negative, r.problem) == (fen, negative, problem)


def test_dates_in_both_languages() -> None:
    d = dt.date(2026, 11, 20)
    assert format_date(d, "zh_CN", weekday=True) == "2026年11月20日（周五）"
    assert format_date(d, "en", weekday=True) == "Fri 20 Nov 2026"
    assert (
        format_date(d, "zh_CN", year=False, weekday=True, zh_weekday="星期") == "11月20日（星期五）"
    )
    assert format_date(d, "en", full_month=True) == "20 November 2026"
    assert try_parse_iso_datetime("2026-11-20T21:41:00Z") == dt.datetime(
        2026, 11, 20, 21, 41, tzinfo=dt.UTC
    )
    assert try_parse_iso_datetime("yesterday") is None
    assert try_parse_iso_datetime(None) is None


def test_language_of_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("POSAID_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert system_lang("zh_CN") == "zh_CN"
    assert system_lang("en_US") == "en"
    assert system_lang("C") == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert system_lang("zh_CN") == "en"  # the environment speaks first
    monkeypatch.setenv("POSAID_LANG", "zh")
    assert system_lang() == "zh_CN"
    assert [locale_lang(n) for n in ("POSIX", "zh_TW.UTF-8", "de_DE")] == ["zh_CN", "zh_CN", "en"]


def test_one_date_time_grammar_for_typed_values_and_statement_cells() -> None:
    from posaid.util.dates import DateTimeText, read_date_time

    typed = read_date_time("２０２６年9月30日 22:15", whole=True)
    assert typed == DateTimeText((2026, 9, 30), (22, 15, 0), None)
    assert read_date_time("2026-09-30T22:15:07.5+08:00", whole=True) == DateTimeText(
        (2026, 9, 30), (22, 15, 7), "+08:00"
    )
    assert read_date_time("2026-02-31", whole=True) == DateTimeText((2026, 2, 31), None, None)
    assert read_date_time("30/9/2026 22:15", whole=True) is None
    assert read_date_time("交易 2026/9/1 8:05 成功") == DateTimeText((2026, 9, 1), (8, 5, 0))
    assert read_date_time("20260901103000") == DateTimeText((2026, 9, 1), (10, 30, 0))
    assert read_date_time("103000") == DateTimeText(None, (10, 30, 0))
    assert read_date_time("10时23分") == DateTimeText(None, (10, 23, 0))
    assert read_date_time("   ") is None
