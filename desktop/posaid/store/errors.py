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


E_EMPTY_DB = Text(
    "数据文件 {path} 是空的（0 字节），可数据文件夹里还有 {backups} 个备份和 {files} 个附件文件，"
    "说明记录已经丢失，不是新装的程序。",
    "The data file {path} is empty (0 bytes), yet the data folder still holds {backups} backups "
    "and {files} attachment files: the records were lost, this is not a new installation.",
)
E_MISSING_DB = Text(
    "数据文件 {path} 不见了，可数据文件夹里还有 {backups} 个备份和 {files} 个附件文件，"
    "说明记录已经丢失，不是新装的程序。",
    "The data file {path} is missing, yet the data folder still holds {backups} backups and "
    "{files} attachment files: the records were lost, this is not a new installation.",
)
E_LOST_RESTORE = Text(
    "可以从 {backup} 的备份恢复{kept}。备份和附件都不会被删除。",
    "They can be restored from the backup of {backup}{kept}. No backup or attachment is deleted.",
)
E_LOST_NO_BACKUP = Text(
    "没有可用的备份，无法自动恢复。附件文件都还在；请不要删除数据文件夹，联系技术支持。",
    "There is no usable backup to restore automatically. The attachment files are all still "
    "there; do not delete the data folder, and ask for help.",
)
KEPT_EMPTY = Text("；空文件会原样保留", "; the empty file is kept as it is")
E_NOT_A_FILE = Text(
    "数据文件的位置 {path} 上是一个{kind}，不是数据文件。程序没有打开或改动它。"
    "请把它移到别处，或选择其他数据文件夹。",
    "Where the data file should be, {path} is a {kind}, not a data file. It was not opened or "
    "changed. Move it somewhere else, or choose another data folder.",
)
KIND_DIR = Text("文件夹", "folder")
KIND_SPECIAL = Text("特殊文件（管道、设备等）", "special file (a pipe, a device …)")


class RecordsLost(DatabaseDamaged):
    """``posaid.db`` is empty or missing while backups or attachments show there were records.

    Offered like a damaged file (restore the newest good backup), never treated as a first start:
    a first start would write an empty database and its daily backup could rotate the only good
    backup of the day away."""

    def __init__(
        self, path: Path, empty: bool, backups: int, files: int, backup: Path | None
    ) -> None:
        lead = E_EMPTY_DB if empty else E_MISSING_DB
        what = Text(
            f"{lead.zh_CN}{{rest_zh}}",
            f"{lead.en} {{rest_en}}",
        )
        if backup is None:
            rest_zh, rest_en = E_LOST_NO_BACKUP.zh_CN, E_LOST_NO_BACKUP.en
        else:
            kept = KEPT_EMPTY if empty else Text("", "")
            rest_zh = E_LOST_RESTORE.render("zh_CN", backup=backup.name, kept=kept.zh_CN)
            rest_en = E_LOST_RESTORE.render("en", backup=backup.name, kept=kept.en)
        UserError.__init__(
            self,
            what,
            path=str(path),
            backups=backups,
            files=files,
            rest_zh=rest_zh,
            rest_en=rest_en,
        )
        self.path, self.backup = path, backup
        self.detail = "empty" if empty else "missing"
        self.empty = empty


class NotAFile(UserError):
    """A folder, pipe or device where ``posaid.db`` should be: refused, never opened."""

    def __init__(self, path: Path, is_dir: bool) -> None:
        kind = KIND_DIR if is_dir else KIND_SPECIAL
        text = Text(
            E_NOT_A_FILE.zh_CN.replace("{kind}", kind.zh_CN),
            E_NOT_A_FILE.en.replace("{kind}", kind.en),
        )
        super().__init__(text, path=str(path))
        self.path = path


E_FOLDER_READ_ONLY = Text(
    "数据文件夹 {folder} 不能写入（只读，或没有权限），所以记录只能查看，不能修改或导入。"
    "请检查该文件夹的权限，或把它复制到可以写入的位置。",
    "The data folder {folder} cannot be written (read-only, or no permission), so the records "
    "can be viewed but not changed or imported. Check the folder's permissions, or copy it to a "
    "place that can be written.",
)


class ReadOnlyError(UserError):
    """A write on a read-only store: another copy has the folder, or (``folder`` given) the
    folder itself cannot be written."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            super().__init__(E_READ_ONLY)
        else:
            super().__init__(E_FOLDER_READ_ONLY, folder=str(folder))


class NotFound(UserError):
    def __init__(self, what: str, ident: int) -> None:
        super().__init__(E_NOT_FOUND, what=what, id=ident)
