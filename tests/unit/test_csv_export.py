"""The CSV export: one row per transaction, UTF-8 with BOM, headers in the language, formulas
neutralised, written atomically; and ``posaid export --csv`` through the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from store_helpers import FixedClock, sample_incident, t

from posaid.cli import main
from posaid.core.models import Incident, Outcome, Status, Transaction
from posaid.store.csv_export import HEADERS, neutralise, write_incidents_csv
from posaid.store.db import Store


def read_back(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_rows_headers_and_values(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data", clock=FixedClock(t(22))) as store:
        inc = sample_incident()
        inc.transactions.append(Transaction(time=t(19, 8), amount_fen=5, reference_no="R2"))
        first, _ = store.add_incident(inc)
        second, _ = store.add_incident(Incident(title="=1+1", opened_at=t(23)))
        store.change_status(second, Status.RESOLVED, Outcome.CREDITED)
        assert write_incidents_csv(store, tmp_path / "zh.csv", "zh_CN") == 2
        assert write_incidents_csv(store, tmp_path / "en.csv", "en") == 2
    zh, en = read_back(tmp_path / "zh.csv"), read_back(tmp_path / "en.csv")
    assert zh[0] == [h.zh_CN for h in HEADERS] and en[0] == [h.en for h in HEADERS]
    assert len(zh) == 4  # header, two transactions (in time order), the empty incident
    assert zh[1][0] == str(first) and zh[1][4] == "2026-11-19 08:00:00" and zh[1][5] == "0.05"
    assert zh[2][5] == "1280.00" and zh[2][8] == "123456789012" and zh[2][12] == "622202******1234"
    assert zh[2][14:] == ["GD20261123001", "2026-11-26"]
    assert zh[2][2] == "待处理" and en[2][2] == "Open" and en[2][6] == "Bank card"
    assert zh[3][1] == "'=1+1" and zh[3][2] == "已解决（已到账）" and zh[3][4:14] == [""] * 10
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1", "' =1"),  # spreadsheets skip a leading space before the formula (issue 20)
        ("a=1", "a=1"),
        ("", ""),
        ("x\x00y", "xy"),
    ],
)
def test_neutralise(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown


def test_cli_export_csv(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir) as store:
        store.add_incident(sample_incident())
    dest = tmp_path / "list.csv"
    assert main(["--lang", "en", "export", "--csv", str(dest)]) == 0
    assert "Exported 1 incidents" in capsys.readouterr().out
    assert read_back(dest)[0][0] == "Incident no."
