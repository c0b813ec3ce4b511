"""Kept so that code written before ``posaid.util`` existed still imports; new code imports
:mod:`posaid.util.atomic`, the one home of atomic write-then-rename."""

from posaid.util.atomic import (
    DIR_MODE,
    FILE_MODE,
    atomic_writer,
    folder_open_to_others,
    fsync_dir,
    is_disk_full,
    open_private,
    private_dir,
    remove_stale_temp,
    restrict_tree,
    temp_path,
    write_bytes_atomic,
)

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "atomic_writer",
    "folder_open_to_others",
    "fsync_dir",
    "is_disk_full",
    "open_private",
    "private_dir",
    "remove_stale_temp",
    "restrict_tree",
    "temp_path",
    "write_bytes_atomic",
]
