"""R18 (issue 20): special files and a read-only data folder.

- A pipe (FIFO) in place of an attachment: ``check`` hung reading it. Now no non-regular file is
  ever opened: ``check`` reports it by name at once, export and packet do not hang either.
- A read-only data folder: every command failed with PermissionError on the lock file and
  pointed to a log it could not write. Now the folder opens read-only with a plain message;
  reading commands work, ``import`` is refused in words saying why; an unexpected error is
  logged where it can be written (or the message says none could be).

Root ignores permission bits, so as root the read-only part runs in a forked child that drops
to the ``nobody`` user after the modules it needs are loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rel_helpers import fork_child, kill_and_reap, read_lines, wait_child
from round2_helpers import Run, cli, seeded_folder, tree, valid_archive

import posaid.store.check  # noqa: F401 - loaded before any privilege drop
from posaid import errorlog

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and modes")


def _within(seconds: float, fn: Callable[[], Run]) -> Run:
    out: list[Run] = []
    worker = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"hung for more than {seconds} s")
    return out[0]


@posix_only
def test_r18_pipe_in_place_of_an_attachment(tmp_path: Path, figures: Any) -> None:
    data = tmp_path / "data"
    ids = seeded_folder(data, photos=2)
    photo = sorted((data / "attachments").rglob("*.jpg"))[0]
    photo.unlink()
    os.mkfifo(photo)
    run = _within(20, lambda: cli(data, "check"))
    assert run.code == 2, run
    assert "there is no regular file" in run.err and photo.stem[:12] in run.err
    out = tmp_path / "out"
    out.mkdir()
    exp = _within(20, lambda: cli(data, "export", "--archive", str(out / "a.zip")))
    assert exp.code == 1 and "not a regular file" in exp.err, exp
    assert not (out / "a.zip").exists()
    pkt = _within(60, lambda: cli(data, "packet", str(ids[0]), "-o", str(out / "p.pdf")))
    assert pkt.code == 0 and "is not a regular file" in pkt.err, pkt
    assert stat.S_ISFIFO(os.lstat(photo).st_mode)  # left as found
    figures("R18", fifo_attachment="check exit 2 at once, export refused, packet warns")


def _readable_copy(src: Path) -> Path:
    """A copy of ``src`` under a folder everyone may enter; read-only for everyone."""
    root = Path(tempfile.mkdtemp(prefix="posaid-ro-"))
    root.chmod(0o755)
    folder = root / "data"
    shutil.copytree(src, folder)
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    out = root / "out"
    out.mkdir()
    out.chmod(0o777)
    return folder


def _as_unprivileged(body: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``body()`` in a forked child without root (as root), else here."""
    if os.geteuid() != 0:
        return body()

    def child(ack: Callable[[str], None]) -> None:
        os.setgid(65534)
        os.setuid(65534)
        ack(json.dumps(body()))

    pid, fd = fork_child(child)
    lines = read_lines(fd, timeout=120)
    if not lines:  # nothing in 120 s: it hangs (a modal box, a blocked read)
        kill_and_reap(pid)
        pytest.fail("the unprivileged child hung")
    assert wait_child(pid) == 0, lines
    return json.loads("".join(lines))  # type: ignore[no-any-return]


@posix_only
def test_r18_read_only_data_folder(tmp_path: Path, figures: Any) -> None:
    src = tmp_path / "data"
    ids = seeded_folder(src, photos=1)
    archive = tmp_path / "other.zip"
    valid_archive(tmp_path / "other", archive, photos=1)
    folder = _readable_copy(src)
    out = folder.parent / "out"
    shutil.copy(archive, out / "other.zip")
    (out / "other.zip").chmod(0o444)
    commands = {
        "list": ["list"],
        "check": ["check"],
        "export": ["export", str(out / "all.json")],
        "csv": ["export", "--csv", str(out / "all.csv")],
        "packet": ["packet", str(ids[0]), "-o", str(out / "p.pdf")],
        "import": ["import", str(out / "other.zip")],
    }
    # Warm up as the current user on a writable copy: every module is loaded before any drop.
    warm = tmp_path / "warm"
    shutil.copytree(src, warm)
    for argv in commands.values():
        cli(warm, *[a.replace(str(out), str(tmp_path)) for a in argv])
    before = tree(folder)

    def body() -> dict[str, Any]:
        runs = {name: cli(folder, *argv) for name, argv in commands.items()}
        try:
            raise RuntimeError("an unexpected error in a read-only folder")
        except RuntimeError as exc:
            log = errorlog.log_exception(folder, exc)
        return {
            "runs": {k: [r.code, r.out, r.err] for k, r in runs.items()},
            "log": str(log) if log else None,
            "log_exists": bool(log and log.is_file()),
        }

    try:
        got = _as_unprivileged(body)
        runs = {k: Run(*v) for k, v in got["runs"].items()}
        for name, run in runs.items():
            assert "PermissionError" not in run.err and "unexpected" not in run.err, (name, run)
            assert "cannot be written" in run.err, (name, run)
        for name in ("list", "check", "export", "csv", "packet"):
            assert runs[name].code == 0, (name, runs[name])
        assert "R-1" in runs["list"].out
        assert (out / "all.json").stat().st_size > 0 and (out / "p.pdf").stat().st_size > 0
        assert runs["import"].code == 1 and "not changed or imported" in runs["import"].err
        assert got["log_exists"] and not got["log"].startswith(str(folder))
        assert tree(folder) == before  # not a byte changed, no lock file, no log, no backup
    finally:
        for p in [folder.parent, *folder.parent.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder.parent, ignore_errors=True)
    figures(
        "R18",
        read_only_folder="list/check/export/csv/packet worked read-only with the notice; "
        "import refused in words; log written to the temporary folder",
    )


@posix_only
def test_r18_window_opens_a_read_only_folder_read_only(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from posaid.app import open_store

    src = tmp_path / "data"
    seeded_folder(src, photos=0)
    folder = _readable_copy(src)
    told: list[str] = []
    for box in ("information", "warning", "critical"):  # a modal box would block offscreen
        monkeypatch.setattr(QMessageBox, box, lambda _p, _t, text, *a: told.append(text))

    def body() -> dict[str, Any]:
        store = open_store(folder)
        if store is None:
            return {"opened": False}
        try:
            return {"opened": True, "ro": store.read_only, "n": len(store.incident_ids())}
        finally:
            store.close()

    try:
        got = _as_unprivileged(body)
    finally:
        for p in [folder.parent, *folder.parent.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder.parent, ignore_errors=True)
    assert got == {"opened": True, "ro": True, "n": 2}
    if os.geteuid() != 0:  # the child's message box is its own
        assert told and "不能写入" in told[0]
