"""Issue 19, problem 9: the headless commands speak the user's language and say what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from posaid.cli import main
from posaid.store.db import Store


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSAID_LANG", "zh_CN")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        rc = main(list(argv))
    except SystemExit as exc:
        rc = int(exc.code or 0)
    out, err = capsys.readouterr()
    return rc, out, err


def test_backup_works_while_the_window_is_open(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(data_dir, auto_backup=False).close()
    window = Store.open(data_dir, auto_backup=False)  # holds the writer lock, like the window
    try:
        rc, out, err = run(capsys, "--data-dir", str(data_dir), "backup")
    finally:
        window.close()
    assert rc == 0, err
    assert "备份完成" in out
    assert list((data_dir / "backups").glob("posaid-*-manual.db"))


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["settle"], "缺少必须填写的参数"),
        (["no-such-command"], "没有这个选项"),
        (["list", "--bogus"], "不认识的参数"),
    ],
)
def test_argparse_errors_in_chinese(
    data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    rc, _out, err = run(capsys, "--data-dir", str(data_dir), *argv)
    assert rc == 2
    assert words in err and "错误" in err
    assert "required" not in err and "invalid choice" not in err and "unrecognized" not in err


def test_argparse_errors_in_english_when_asked(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _out, err = run(capsys, "--lang", "en", "--data-dir", str(data_dir), "settle")
    assert rc == 2 and "the following arguments are required" in err


def test_missing_file_in_chinese(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _out, err = run(capsys, "--data-dir", str(data_dir), "import", str(tmp_path / "无.json"))
    assert rc == 1
    assert "没有这个文件" in err and "No such file" not in err


def test_binary_file_named_json(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "records.json"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    rc, _out, err = run(capsys, "--data-dir", str(data_dir), "import", str(fake))
    assert rc == 1
    assert "不是文本文件" in err and ".json" in err


@pytest.mark.parametrize("name", ["table.csv", "table.json"])
def test_importing_a_csv_says_it_is_for_export_only(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    table = tmp_path / name
    table.write_text("日期,标题,金额,状态\n2026-11-20,刷卡,1280.00,待处理\n", encoding="utf-8-sig")
    rc, _out, err = run(capsys, "--data-dir", str(data_dir), "import", str(table))
    assert rc == 1
    assert "CSV" in err and "导出" in err and ".json" in err
    assert "不是有效的 JSON" not in err


def test_settle_refuses_a_sale_after_now(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "settle",
        "--time",
        "2026-10-10 10:00",
        "--cycle",
        "T+1",
        "--now",
        "2026-10-09 10:00",
    )
    assert rc == 1 and not out
    assert "晚于当前时间" in err


def test_settle_warns_about_a_sale_in_the_future(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, out, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "settle",
        "--time",
        "2099-10-10 10:00",
        "--cycle",
        "T+1",
    )
    assert rc == 0 and out
    assert "晚于现在" in err
