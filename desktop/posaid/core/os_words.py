"""A file problem from the operating system in the user's words.

Python's ``strerror`` is English on Linux and macOS ("No such file or directory"); these are the
common ones, in both languages. :func:`os_reason_text` gives a :class:`Text` for messages built
below the interface (a :class:`UserError` value may be a Text; it is rendered in the language
of the message).
"""

from __future__ import annotations

import errno

from posaid.core.text import Text

_OS_REASONS = {
    errno.ENOENT: Text("没有这个文件或文件夹", "no such file or folder"),
    errno.EACCES: Text("没有权限打开（可能被其他程序占用或只读）", "permission denied"),
    errno.EPERM: Text("没有权限打开（可能被其他程序占用或只读）", "permission denied"),
    errno.EISDIR: Text("这是一个文件夹，不是文件", "it is a folder, not a file"),
    errno.ENOTDIR: Text("路径中的一部分不是文件夹", "part of the path is not a folder"),
    errno.ENOSPC: Text("磁盘空间不足", "the disk is full"),
    errno.EROFS: Text("磁盘是只读的", "the disk is read-only"),
    errno.EEXIST: Text("已经有同名的文件", "a file of that name already exists"),
    errno.ENAMETOOLONG: Text("文件名太长", "the file name is too long"),
}
T_OS = Text("无法使用 {path}：{reason}。", "Cannot use {path}: {reason}.")
T_OS_OTHER = Text("系统错误", "system error")


def os_reason_text(exc: OSError) -> Text:
    """Why a file could not be used, in plain words (the system's own text as a last resort,
    which on Windows is already in the system's language)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason
    own = exc.strerror or ""
    return Text(own or T_OS_OTHER.zh_CN, own or T_OS_OTHER.en)


def os_reason(exc: OSError, lang: str) -> str:
    return os_reason_text(exc).get(lang)
