"""Errors the store raises; each carries a bilingual message for the user."""

from __future__ import annotations

from pathlib import Path

from posaid.core.text import Text, UserError

E_ANOTHER_COPY = Text(
    "POS 到账助手已经在另一个窗口中打开（数据文件夹 {folder}）。"
    "为避免数据损坏，这个窗口只能查看，不能修改。",
    "POS Payout Aid is already open in another window (data folder {folder}). To keep the records "
    "safe, this one can only view them, not change them.",
)
E_NEWER = Text(
    "数据文件 {path} 由更新版本的 POS 到账助手创建（数据版本 {found}，本程序支持到 {known}）。"
    "请安装最新版本。文件未被改动。",
    "The data file {path} was written by a newer version of POS Payout Aid (data version {found}; "
    "this program knows up to {known}). Please install the latest version. "
    "The file was not changed.",
)
E_FOREIGN = Text(
    "文件 {path} 不是 POS 到账助手的数据文件，程序不会打开或改动它。请选择其他数据文件夹。",
    "The file {path} is not a POS Payout Aid data file; it will not be opened or changed. "
    "Please choose another data folder.",
)
E_DAMAGED = Text(
    "数据文件 {path} 已损坏（{detail}）。可以从 {backup} 的备份恢复；损坏的文件会原样保留。",
    "The data file {path} is damaged ({detail}). It can be restored from the backup of {backup}; "
    "the damaged file will be kept as it is.",
)
E_DAMAGED_NO_BACKUP = Text(
    "数据文件 {path} 已损坏（{detail}），且没有可用的备份。请不要删除该文件，联系技术支持。",
    "The data file {path} is damaged ({detail}) and there is no usable backup. Do not delete the "
    "file; ask for help.",
)
E_READ_ONLY = Text(
    "当前为只读模式（另一个窗口正在使用数据），不能保存修改。",
    "This window is read-only (another window is using the records), so changes cannot be saved.",
)
E_DISK_FULL = Text(
    "磁盘空间不足，刚才的修改没有保存，之前保存的记录完好。请清理磁盘后重试。",
    "The disk is full, so the last change was not saved; everything saved before is intact. "
    "Free some space and try again.",
)
E_IO = Text(
    "写入数据时出错（{detail}），刚才的修改没有保存，之前保存的记录完好。",
    "Writing the records failed ({detail}); the last change was not saved and everything saved "
    "before is intact.",
)
E_NOT_FOUND = Text("找不到编号为 {id} 的{what}。", "There is no {what} with id {id}.")
E_NO_DB = Text(
    "数据文件夹 {folder} 里还没有记录。", "There are no records in the data folder {folder} yet."
)


class AnotherCopyRunning(UserError):
    def __init__(self, folder: Path) -> None:
        super().__init__(E_ANOTHER_COPY, folder=str(folder))
        self.folder = folder


class NewerSchemaError(UserError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(E_NEWER, path=str(path), found=found, known=known)
        self.path, self.found, self.known = path, found, known


class ForeignDatabaseError(UserError):
    def __init__(self, path: Path) -> None:
        super().__init__(E_FOREIGN, path=str(path))
        self.path = path


class DatabaseDamaged(UserError):
    """The database failed its start-up check. ``backup`` is the newest verified backup, if any."""

    def __init__(self, path: Path, detail: str, backup: Path | None) -> None:
        if backup is None:
            super().__init__(E_DAMAGED_NO_BACKUP, path=str(path), detail=detail)
        else:
            super().__init__(E_DAMAGED, path=str(path), detail=detail, backup=backup.name)
        self.path, self.detail, self.backup = path, detail, backup


class ReadOnlyError(UserError):
    def __init__(self) -> None:
        super().__init__(E_READ_ONLY)


class NotFound(UserError):
    def __init__(self, what: str, ident: int) -> None:
        super().__init__(E_NOT_FOUND, what=what, id=ident)
