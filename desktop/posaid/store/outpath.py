"""Where the app may write a file the user named: never inside the data folder.

A packet, an export, a table or a backup copy written into the data folder can replace the live
database, a backup or an attachment (``posaid packet 1 -o DATA/posaid.db`` used to destroy the
records). Every path the user names is resolved (symbolic links and ``..`` followed, for the
file and for every folder above it) and refused when it lands in the data folder. The data
folder is resolved the same way, so a link *to* it is caught as well as a link *inside* it.
"""

from __future__ import annotations

import os
from pathlib import Path

from posaid.core.text import Text, UserError

E_INSIDE = Text(
    "不能保存到 {path}：这个位置在数据文件夹 {folder} 里面，保存到那里可能覆盖记录、备份或附件。"
    "请选择别的位置，例如“文档”或 U 盘。没有写入任何文件。",
    "Cannot save to {path}: it is inside the data folder {folder}, where it could overwrite "
    "the records, a backup or an attachment. Choose another place, such as Documents or a USB "
    "stick. Nothing was written.",
)


def _real(path: Path) -> Path:
    """``path`` with every link followed, also when the file (or folders) do not exist yet."""
    return Path(os.path.realpath(os.path.abspath(os.path.expanduser(path))))


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) is ``folder`` (resolved) or lies anywhere below it."""
    target, root = _real(path), _real(folder)
    if os.name == "nt":
        target, root = Path(os.path.normcase(target)), Path(os.path.normcase(root))
    return target == root or root in target.parents


def refuse_inside_data(path: Path, data_dir: Path) -> Path:
    """Return ``path`` if it is outside ``data_dir``; else a UserError naming both."""
    if is_inside(path, data_dir):
        raise UserError(E_INSIDE, path=str(path), folder=str(data_dir))
    return path
