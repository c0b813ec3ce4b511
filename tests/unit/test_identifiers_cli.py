"""Identifiers through the headless commands (issue 14): imported exactly, a card in one refused
with the field named and nothing imported, earlier versions' shortened numbers listed by check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_interchange import example

from posaid.cli import main
from posaid.store.db import Store

MERCHANT = "898109049318243"  # Luhn-valid: versions before the issuer test shortened it
TICKET = "GD2026100900417"
WECHAT_ORDER = "4200001234202611201234567890"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _write(tmp_path: Path, doc: dict) -> Path:  # type: ignore[type-arg]
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return src


def test_identifiers_round_trip_exactly(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = example()
    txn = doc["incidents"][0]["transactions"][0]
    txn["merchant_no"] = MERCHANT
    txn["order_no"] = WECHAT_ORDER
    doc["incidents"][0]["contacts"][0]["ticket_no"] = TICKET
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "import", str(_write(tmp_path, doc)))
    assert code == 0 and err == ""
    code, _out, _err = run(capsys, "--data-dir", str(data_dir), "export", str(tmp_path / "o.json"))
    out_doc = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    t = out_doc["incidents"][0]["transactions"][0]
    assert (t["merchant_no"], t["order_no"]) == (MERCHANT, WECHAT_ORDER)
    assert out_doc["incidents"][0]["contacts"][0]["ticket_no"] == TICKET


@pytest.mark.parametrize("field", ["merchant_no", "terminal_no", "reference_no", "order_no"])
def test_card_in_an_identifier_refuses_the_import(
    field: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = example()
    doc["incidents"].append(json.loads(json.dumps(doc["incidents"][0])))
    doc["incidents"][1]["title"] = "第二笔"
    doc["incidents"][1]["transactions"][0][field] = "6222 0212 3456 7890 128"
    src = _write(tmp_path, doc)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "import", str(src))
    assert code == 1
    assert f"incidents[1].transactions[0].{field}" in err
    assert "6222021234567890128" not in err + out and "0212 3456" not in err
    with Store.open(data_dir, auto_backup=False) as store:
        assert store.incident_ids() == []  # nothing half-saved: the first incident is not in


def test_check_lists_numbers_shortened_by_an_earlier_version(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _o, _e = run(
        capsys, "--data-dir", str(data_dir), "import", str(_write(tmp_path, example()))
    )
    with Store.open(data_dir, auto_backup=False) as store, store._write() as conn:
        conn.execute("UPDATE transactions SET merchant_no = '898109*****8243'")
        conn.execute("UPDATE contacts SET ticket_no = 'GD202610***0417'")
        conn.execute("UPDATE merchant SET merchant_no = '898109*****8243'")
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "check")
    assert "898109*****8243" in out and "GD202610***0417" in out
    assert "记录 #1" in out and "店铺资料" in out
    assert "签购单" in out
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "check")
    assert "shortened by an earlier version" in out and "incident #1" in out


def test_console_sentences_are_guarded_and_id_lists_are_ranges(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from posaid.commands.import_cmd import id_ranges

    assert id_ranges([3, 1, 2, 7, 9, 8]) == "1-3 7-9"
    assert id_ranges(list(range(1, 10_001))) == "1-10000"
    src = _write(tmp_path, example())
    run(capsys, "--data-dir", str(data_dir), "import", str(src))
    out_file = tmp_path / "4111111111111111.pdf"  # the owner named the file after a card
    code, out, err = run(capsys, "--data-dir", str(data_dir), "packet", "1", "-o", str(out_file))
    assert code == 0 and out_file.exists()
    assert "4111111111111111" not in out + err and "411111******1111" in out
