"""Shared helpers for the issue-10 benchmarks: synthetic records, medians, child processes.

Not a test module. Each ``bench/*.py`` script imports this (``bench/`` is on ``sys.path`` when a
script in it runs) and prints its figures, the baseline measured in the same run and the ratio.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from posaid.core.models import (
    SHANGHAI,
    Channel,
    Contact,
    ContactChannel,
    Incident,
    Outcome,
    Status,
    StatusChange,
    Transaction,
    TxnType,
)

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "刷卡 未到账 微信 支付宝 面馆 超市 银行 客服 退款 撤销 商户 结算 延迟 冻结 少了 一笔 顾客 "
    "拉卡拉 收银 小票 对账 周末 节假日 风控 调单 商户号 终端 批次"
).split()
PARTIES = ("平安银行 95511", "拉卡拉 95016", "银联 95516", "工商银行 95588")
START = dt.datetime(2024, 1, 1, 9, 0, tzinfo=SHANGHAI)


def _slip_number(rnd: random.Random, digits: int) -> str:
    """A random slip number that is not a Luhn-valid card number (a random 15-digit merchant
    number is one time in ten, and the store refuses a card number in an identifier field)."""
    from posaid.core.identifiers.cardguard import card_in

    while True:
        value = f"{rnd.randrange(10**digits):0{digits}d}"
        if card_in(value) is None:
            return value


def make_incident(rnd: random.Random, i: int, n_txns: int = 3, resolved: bool = True) -> Incident:
    """One realistic incident: a Chinese title and notes, ``n_txns`` slip rows, one call."""
    opened = START + dt.timedelta(minutes=7 * i)
    txns = [
        Transaction(
            time=opened - dt.timedelta(hours=k + 1),
            amount_fen=rnd.randint(100, 5_000_000),
            channel=Channel.BANK_CARD,
            type=TxnType.SALE,
            merchant_no=_slip_number(rnd, 15),
            terminal_no=f"{rnd.randrange(10**8):08d}",
            reference_no=f"{rnd.randrange(10**12):012d}",
            voucher_no=f"{rnd.randrange(10**6):06d}",
            batch_no=f"{rnd.randrange(10**6):06d}",
            auth_code=f"{rnd.randrange(10**6):06d}",
            card=f"622848******{rnd.randrange(10**4):04d}",
        )
        for k in range(n_txns)
    ]
    contact = Contact(
        time=opened + dt.timedelta(hours=2),
        party=rnd.choice(PARTIES),
        channel=ContactChannel.PHONE,
        ticket_no=f"GD{rnd.randrange(10**11):011d}",
        summary="".join(rnd.sample(WORDS, 4)),
        promised_by=(opened + dt.timedelta(days=3)).date(),
    )
    status = Status.RESOLVED if resolved else Status.OPEN
    outcome = Outcome.CREDITED if resolved else None
    history = [StatusChange(opened, None, Status.OPEN)]
    if resolved:
        history.append(
            StatusChange(opened + dt.timedelta(days=2), Status.OPEN, status, outcome, "已到账")
        )
    return Incident(
        title="".join(rnd.sample(WORDS, 3)),
        status=status,
        outcome=outcome,
        opened_at=opened,
        notes="".join(rnd.sample(WORDS, 6)),
        transactions=txns,
        contacts=[contact],
        history=history,
    )


def populate(store: Any, n: int, n_txns: int = 3, open_every: int = 20, seed: int = 1) -> None:
    """``n`` incidents through the store API in one transaction (1 in ``open_every`` open)."""
    rnd = random.Random(seed)
    conn = store.db.conn
    conn.execute("BEGIN IMMEDIATE")
    for i in range(1, n + 1):
        store.add_incident(make_incident(rnd, i, n_txns, resolved=i % open_every != 0))
    conn.execute("COMMIT")


def _insert(conn: Any, table: str, row: dict[str, Any]) -> int:
    cols = ", ".join(row)
    marks = ", ".join("?" * len(row))
    cur = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
    return int(cur.lastrowid)


def bulk_populate(store: Any, n: int, n_txns: int = 3, open_every: int = 20, seed: int = 1) -> None:
    """The rows ``populate`` makes (same record functions, same search text), without the
    per-row overhead of sqlite-utils inserts: 100,000 incidents in minutes, not an hour."""
    from posaid.core.identifiers.cardguard import GuardReport
    from posaid.store import records as rec
    from posaid.store import search

    rnd = random.Random(seed)
    conn = store.db.conn
    stamp = rec.iso(store.clock())
    conn.execute("BEGIN IMMEDIATE")
    for i in range(1, n + 1):
        inc = make_incident(rnd, i, n_txns, resolved=i % open_every != 0)
        report = GuardReport([])
        incident_id = _insert(
            conn,
            "incidents",
            {
                "title": rec.guarded(inc.title, "title", report),
                "status": Status(inc.status).value,
                "outcome": Outcome(inc.outcome).value if inc.outcome else None,
                "opened_at": rec.iso(inc.opened_at),
                "notes": rec.guarded(inc.notes, "notes", report),
                "fingerprint": rec.fingerprint(inc),
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        for k, t in enumerate(inc.transactions):
            _insert(conn, "transactions", rec.txn_row(t, incident_id, f"t[{k}]", report))
        for k, c in enumerate(inc.contacts):
            _insert(conn, "contacts", rec.contact_row(c, incident_id, f"c[{k}]", report))
        for h in inc.history:
            _insert(
                conn,
                "status_history",
                {
                    "incident_id": incident_id,
                    "time": rec.iso(h.time),
                    "old": Status(h.old).value if h.old else None,
                    "new": Status(h.new).value,
                    "outcome": Outcome(h.outcome).value if h.outcome else None,
                    "note": rec.guarded(h.note, "note", report),
                },
            )
        search.refresh(store.db, incident_id)
    conn.execute("COMMIT")


CACHE = Path(tempfile.gettempdir()) / "posaid-bench-cache"


def records_folder(dest: Path, n: int, n_txns: int = 3, open_every: int = 20) -> Path:
    """A data folder at ``dest`` holding ``n`` incidents (built once, then copied from a cache
    in the temp folder keyed by size and schema version); welcome done, Chinese interface."""
    from posaid.store import schema
    from posaid.store.db import DB_NAME, Store

    key = f"records-{n}-{n_txns}-{open_every}-v{schema.SCHEMA_VERSION}.db"
    cached = CACHE / key
    dest.mkdir(parents=True, exist_ok=True)
    if not cached.exists():
        t = time.monotonic()
        store = Store.open(dest, auto_backup=False)
        try:
            bulk_populate(store, n, n_txns, open_every)
            store.set_setting("welcome_done", True)
            store.set_setting("language", "zh_CN")
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        CACHE.mkdir(exist_ok=True)
        shutil.copyfile(dest / DB_NAME, str(cached) + ".tmp")
        os.replace(str(cached) + ".tmp", cached)
        print(f"built {n} incidents in {time.monotonic() - t:.1f} s (cached in {cached})")
    else:
        shutil.copyfile(cached, dest / DB_NAME)
    return dest


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM) in KiB.

    Not ``ru_maxrss``: on Linux that keeps the parent's high-water mark across fork and exec,
    so a child started by a big parent reports the parent's peak.
    """
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio_line(name: str, figure: float, base: float, unit: str, budget: float) -> str:
    ratio = figure / base if base else float("inf")
    verdict = "MET" if ratio <= budget else "MISSED"
    return (
        f"{name}: {figure:.1f} {unit} vs baseline {base:.1f} {unit} -> ratio {ratio:.2f} "
        f"(budget <= {budget}x: {verdict})"
    )


def bytecode_env(cache_dir: Path) -> dict[str, str | None]:
    """Children write and reuse compiled bytecode (in ``cache_dir``), as an installed app does.

    The shared environment sets PYTHONDONTWRITEBYTECODE, which would make every start compile
    every module from source; an installed (frozen) build never does that.
    """
    return {"PYTHONDONTWRITEBYTECODE": None, "PYTHONPYCACHEPREFIX": str(cache_dir)}


def run_child(
    code_or_script: list[str], env: dict[str, str | None] | None = None
) -> dict[str, Any]:
    """Run ``python <args>`` and parse the last stdout line that is a JSON object.

    ``env`` adds variables to the child's environment; a value of None removes one.
    """
    full_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    proc = subprocess.run(
        [sys.executable, *code_or_script],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=600,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            result: dict[str, Any] = json.loads(line)
            return result
    raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def machine() -> Iterator[str]:
    """Lines describing this machine and the versions measured."""
    yield f"uname: {' '.join(platform.uname())}"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    yield f"cpu: {cpu}, {os.cpu_count()} cores"
    yield f"python: {sys.version.split()[0]}"
    try:
        import PySide6

        yield f"PySide6: {PySide6.__version__}"
    except ImportError:
        pass
