"""Run slow work (backups, restores, packets, imports) off the GUI thread.

``run_in_background(job, on_success, on_failure, on_progress)`` runs ``job(progress)`` on the
thread pool. The job never touches widgets; it reports through ``progress(done, total)``. The
callbacks run on the GUI thread. A job that needs the database opens its own connection: a SQLite
connection belongs to the thread that made it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

Progress = Callable[[int, int], None]
Job = Callable[[Progress], Any]


class Task(QObject):
    """Lives on the GUI thread; the runnable emits, the slots call back on the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    _running: set[Task] = set()

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.progressed.connect(self._progress)
        self.succeeded.connect(self._success)
        self.failed.connect(self._failure)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total)

    @Slot(object)
    def _success(self, result: object) -> None:
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            self._finish()

    @Slot(object)
    def _failure(self, exc: object) -> None:
        try:
            if self._on_failure is not None:
                assert isinstance(exc, BaseException)
                self._on_failure(exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        Task._running.discard(self)
        self.done.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job, task: Task) -> None:
        super().__init__()
        self._job = job
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = self._job(lambda done, total: task.progressed.emit(int(done), int(total)))
        except BaseException as exc:  # noqa: BLE001 - handed to on_failure on the GUI thread
            task.failed.emit(exc)
        else:
            task.succeeded.emit(result)


def run_in_background(
    job: Job,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    """Start ``job(progress)`` on the global thread pool; returns the task (``done`` signal)."""
    task = Task(on_success, on_failure, on_progress)
    Task._running.add(task)
    QThreadPool.globalInstance().start(_Runnable(job, task))
    return task


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until every background job has finished (used at exit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
