"""The data commands end to end through posaid.cli.main, and once as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import FULL_CARD, sample_incident
from test_interchange import example

from posaid.cli import main
from posaid.store.db import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_export_backup_check(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = example()
    doc["incidents"][0]["notes"] = f"卡号 {FULL_CARD}"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    d = str(data_dir)
    code, out, err = run(capsys, "--data-dir", d, "--lang", "en", "import", str(src))
    assert code == 0 and "ids: 1" in out
    assert "incidents[0].notes" in err  # the user is told what was masked
    code, out, _ = run(capsys, "--data-dir", d, "--lang", "en", "import", str(src))
    assert code == 0 and "Imported 0" in out and "Skipped 1" in out

    code, out, _ = run(capsys, "list", "--data-dir", d, "--json", "--search", "刷卡")
    rows = json.loads(out)
    assert code == 0 and [r["title"] for r in rows] == ["11月20日刷卡未到账"]
    assert rows[0]["total"] == "1280.00"
    code, out, _ = run(capsys, "list", "--data-dir", d, "--status", "resolved", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "list", "--data-dir", d, "--lang", "zh_CN")
    assert "¥1,280.00" in out and "待处理" in out
    code, _, err = run(capsys, "list", "--data-dir", d, "--status", "lost")
    assert code == 1 and "lost" in err

    code, out, _ = run(capsys, "--data-dir", d, "export", str(tmp_path / "out.json"))
    assert code == 0 and json.loads((tmp_path / "out.json").read_text("utf-8"))["incidents"]
    code, _, _ = run(capsys, "--data-dir", d, "export", "--archive", str(tmp_path / "out.zip"))
    assert code == 0
    code, out, _ = run(
        capsys, "--data-dir", str(tmp_path / "d2"), "import", str(tmp_path / "out.zip")
    )
    assert code == 0

    code, out, _ = run(capsys, "--data-dir", d, "backup", "--to", str(tmp_path / "usb"))
    assert code == 0 and list((tmp_path / "usb").glob("posaid-backup-*.db"))
    code, out, _ = run(capsys, "--data-dir", d, "check")
    assert code == 0

    for p in [*data_dir.rglob("*"), *tmp_path.glob("out.*"), *(tmp_path / "usb").iterdir()]:
        if p.is_file():
            assert FULL_CARD.encode() not in p.read_bytes(), p


def test_bad_import_names_the_place(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = example()
    doc["incidents"][0]["transactions"][0]["amount"] = "abc"
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "import", str(src))
    assert code == 1 and "incidents[0].transactions[0].amount" in err and "nothing" in err
    src.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(src))
    assert code == 1 and "JSON" in err


def test_check_fails_on_damaged_attachment(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 50)
    with Store.open(data_dir) as store:
        inc_id, _ = store.add_incident(sample_incident())
        att = store.add_attachment(inc_id, photo)
        store.attachment_path(att.sha256).write_bytes(b"changed")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "check")
    assert code != 0 and "changed or damaged" in err


def test_second_copy_cannot_import_while_open(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(example()), encoding="utf-8")
    with Store.open(data_dir):
        code, _, err = run(
            capsys, "--data-dir", str(data_dir), "--lang", "zh_CN", "import", str(src)
        )
        assert code == 1 and "另一个窗口" in err
        code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
        assert code == 0 and json.loads(out) == []


def test_subprocess_import_and_list(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(example(), ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    base = [sys.executable, "-m", "posaid", "--data-dir", str(data_dir)]
    proc = subprocess.run(
        [*base, "import", str(src)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(
        [*base, "list", "--json", "--search", "到账"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["title"] == "11月20日刷卡未到账"
