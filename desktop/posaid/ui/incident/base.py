"""What the parts of the incident page share: the store, the clock, the incident shown, and one
way to call the store that turns an error into a plain message.

:class:`~posaid.ui.incident.page.IncidentPage` is built from this base and three parts, each in
its own module: the notices under the title (``notices``), the transactions tab
(``transactions``) and the timeline of calls, visits and status changes (``timeline``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from posaid.core.models import Incident
from posaid.core.text import UserError
from posaid.ui.errors import handle_exception, notify_card_masked

if TYPE_CHECKING:
    from posaid.store.db import Store


class IncidentPageBase(QWidget):
    """The incident page's shared state; the page sets it in ``__init__``."""

    store: Store
    clock: Callable[[], dt.datetime]
    incident: Incident | None
    # Defined by IncidentPage: read the incident again (after any change) and store photos.
    reload: Callable[[], None]
    add_files: Callable[[list[Path]], None]

    @property
    def incident_id(self) -> int:
        assert self.incident is not None and self.incident.id is not None
        return self.incident.id

    def _guard_notice(self, report: Any) -> None:
        notify_card_masked(self, report)

    def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a store method; show a plain message for a UserError, log anything else."""
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            handle_exception(self, exc, self.store.data_dir)
        except Exception as exc:  # noqa: BLE001 - shown and logged, never a traceback
            handle_exception(self, exc, self.store.data_dir)
        return None

    def _read_only(self) -> bool:
        return self.store.read_only
