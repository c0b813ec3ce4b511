"""The directory of whom to call: bank, acquirer and wallet hotlines, the escalation line.

Defaults ship in ``resources/contacts.toml`` (data, not code). The user can add, change or hide
entries; those changes live in ``contacts.json`` in the data folder and are laid over the
defaults by id, so a new release can still add entries the user has not touched.

A shipped entry may have no number (``number = ""``): companies whose hotline we could not
confirm, and rural banks whose numbers differ by province. The owner fills the number in once
(``remember_number``) and it is kept with their changes.

Names are matched loosely (``ContactDirectory.match``): Chinese or English names, short names
and aliases, full-width letters, company suffixes. An exact name wins; then the longest name
found inside the query; a short bank nickname ("平安") never matches a payment company's name
("平安付").
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from posaid.core.checklist.model import ChecklistError
from posaid.core.identifiers.cardguard import guard_text
from posaid.core.text import LANGS, Text, UserError
from posaid.util.atomic import write_text_atomic
from posaid.util.resources import resource_path

USER_FILE = "contacts.json"
FORMAT = "posaid.contacts"
KINDS = ("bank", "acquirer", "card_scheme", "wallet", "regulator", "police", "other")
KIND_TEXT = {
    "bank": Text("银行", "Bank"),
    "acquirer": Text("收单机构/支付公司", "Acquirer / payment company"),
    "card_scheme": Text("银行卡组织", "Card scheme"),
    "wallet": Text("钱包/扫码支付", "Wallet / QR payments"),
    "regulator": Text("监管投诉", "Regulator complaints"),
    "police": Text("公安/反诈", "Police / anti-fraud"),
    "other": Text("其他", "Other"),
}
_NUMBER = re.compile(r"^[0-9+\-() ]{3,24}$")

P_BAD = Text("{what}无效：{value}。", "{what} is not valid: {value}.")
E_NUMBER = Text(
    "电话号码“{value}”无效：只能有数字、空格、+、-、括号，3 到 24 个字符。",
    "The phone number “{value}” is not valid: use digits, spaces, +, - or brackets, 3 to 24 long.",
)
E_NAME = Text("请填写名称。", "Please enter a name.")
# In a name, these mark a payment company or wallet rather than a bank.
_PAYMENT_WORDS = ("支付", "付", "钱包", "商务", "pay", "wallet", "ums")
W_USER_FILE = Text(
    "自己修改的通讯录文件 {file} 读不出来，暂时只显示默认通讯录。原文件没有改动。",
    "Your edited directory {file} could not be read, so only the default directory is shown. "
    "The file was left untouched.",
)


@dataclass(frozen=True)
class ContactEntry:
    id: str
    name: Text
    number: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    note: Text | None = None
    verified: bool = True  # False: the number is from a less certain source; check before relying
    user: bool = False  # added or changed by the user

    def names(self) -> list[str]:
        """Every name it goes by; "Bank of China (中国银行)" also gives both halves."""
        out = [self.name.zh_CN, self.name.en, *self.aliases]
        for full in (self.name.zh_CN, self.name.en):
            out.extend(p for p in re.split(r"[()（）/、,，]", full) if p.strip())
        return out


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    return "".join(ch for ch in s if ch.isalnum())


@dataclass
class ContactDirectory:
    entries: list[ContactEntry]
    problem: Text | None = None  # set when the user's file could not be read
    problem_values: dict[str, str] = field(default_factory=dict)

    def get(self, entry_id: str) -> ContactEntry | None:
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None

    def match(self, name: str) -> ContactEntry | None:
        """The entry ``name`` refers to, or None.

        An exact name or alias wins ("Bank of China" is 中国银行, not the Agricultural Bank of
        China); else the longest name found inside ``name`` ("银联商务有限公司" finds China UMS
        rather than UnionPay); else the shortest name containing ``name``. A bank's short
        nickname is not taken from a payment company's name ("平安付" is not 平安银行).
        """
        query = _norm(name)
        if len(query) < 2:
            return None
        payment = any(w in query for w in _PAYMENT_WORDS)
        best: tuple[tuple[int, int], ContactEntry] | None = None
        for e in self.entries:
            for cand in e.names():
                c = _norm(cand)
                if len(c) < 2:
                    continue
                if c == query:
                    rank = (3, len(c))
                elif c in query:
                    if e.kind == "bank" and payment and not ("银行" in c or "bank" in c):
                        continue
                    rank = (2, len(c))
                elif len(query) >= 3 and query in c:
                    rank = (1, -len(c))
                else:
                    continue
                if best is None or rank > best[0]:
                    best = (rank, e)
        return best[1] if best else None


def acquirer_kind(directory: ContactDirectory, name: str) -> str | None:
    """ "bank" or "company" for the acquirer named ``name``, None when the directory cannot say."""
    entry = directory.match(name)
    if entry is None:
        return None
    if entry.kind == "bank":
        return "bank"
    if entry.kind in ("acquirer", "wallet"):
        return "company"
    return None


def _text(raw: Any, file: Path, key: str) -> Text:
    if not isinstance(raw, dict) or set(raw) != set(LANGS):
        raise ChecklistError(file, key, P_BAD, what="文字 / text", value=repr(raw))
    for lang in LANGS:
        if not isinstance(raw[lang], str) or not raw[lang].strip():
            raise ChecklistError(file, f"{key}.{lang}", P_BAD, what="文字 / text", value="''")
    return Text(raw["zh_CN"].strip(), raw["en"].strip())


def _entry(raw: Any, file: Path, key: str, user: bool) -> ContactEntry:
    if not isinstance(raw, dict):
        raise ChecklistError(file, key, P_BAD, what="条目 / entry", value=repr(raw))
    allowed = {"id", "name", "number", "kind", "aliases", "note", "verified", "hidden"}
    for k in raw:
        if k not in allowed:
            raise ChecklistError(file, f"{key}.{k}", P_BAD, what="键 / key", value=k)
    eid = raw.get("id")
    if not isinstance(eid, str) or not re.fullmatch(r"[a-z0-9_]+", eid):
        raise ChecklistError(file, f"{key}.id", P_BAD, what="编号 / id", value=repr(eid))
    number = raw.get("number")
    blank_ok = not user and isinstance(number, str) and number == ""  # the owner fills it in
    if not isinstance(number, str) or not (blank_ok or _NUMBER.match(number)):
        raise ChecklistError(file, f"{key}.number", P_BAD, what="电话 / number", value=repr(number))
    kind = raw.get("kind", "other")
    if kind not in KINDS:
        raise ChecklistError(file, f"{key}.kind", P_BAD, what="类别 / kind", value=repr(kind))
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ChecklistError(file, f"{key}.aliases", P_BAD, what="别名 / aliases", value="?")
    verified = raw.get("verified", True)
    if not isinstance(verified, bool):
        raise ChecklistError(file, f"{key}.verified", P_BAD, what="true/false", value="?")
    note = _text(raw["note"], file, f"{key}.note") if raw.get("note") is not None else None
    return ContactEntry(
        id=eid,
        name=_text(raw.get("name"), file, f"{key}.name"),
        number=number.strip(),
        kind=kind,
        aliases=tuple(aliases),
        note=note,
        verified=verified,
        user=user,
    )


def load_default_contacts(path: Path | None = None) -> ContactDirectory:
    """The shipped directory (``resources/contacts.toml``); raises ChecklistError if broken."""
    path = path or resource_path("contacts.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ChecklistError(path, "-", P_BAD, what="文件 / file", value=str(exc)) from exc
    raw = data.get("contacts")
    if not isinstance(raw, list) or not raw:
        raise ChecklistError(path, "contacts", P_BAD, what="[[contacts]]", value="-")
    entries: list[ContactEntry] = []
    for i, item in enumerate(raw):
        e = _entry(item, path, f"contacts[{i}]", user=False)
        if any(x.id == e.id for x in entries):
            raise ChecklistError(
                path, f"contacts[{i}].id", P_BAD, what="重复 / duplicate", value=e.id
            )
        entries.append(e)
    return ContactDirectory(entries)


def load_contacts(data_dir: Path | None = None) -> ContactDirectory:
    """Defaults with the user's changes from ``data_dir`` laid over them (by id).

    A damaged user file never stops the app: the defaults are returned with ``problem`` set.
    """
    directory = load_default_contacts()
    if data_dir is None:
        return directory
    path = Path(data_dir) / USER_FILE
    if not path.exists():
        return directory
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a posaid contacts file")
        overrides = data.get("entries", [])
        if not isinstance(overrides, list):
            raise ValueError("entries is not a list")
        hidden = {o["id"] for o in overrides if isinstance(o, dict) and o.get("hidden")}
        user = [
            _entry({k: v for k, v in o.items() if k != "hidden"}, path, f"entries[{i}]", True)
            for i, o in enumerate(overrides)
            if isinstance(o, dict) and not o.get("hidden")
        ]
    except (OSError, ValueError, KeyError, TypeError, UserError):
        return ContactDirectory(directory.entries, W_USER_FILE, {"file": str(path)})
    by_id = {e.id: e for e in user}
    merged = [by_id.pop(e.id, e) for e in directory.entries if e.id not in hidden]
    merged.extend(by_id.values())
    return ContactDirectory(merged)


def _g(s: str) -> str:
    return guard_text(s).text


def _entry_json(e: ContactEntry) -> dict[str, Any]:
    """JSON form of an entry, card-guarded (a full card number never reaches the file)."""
    out: dict[str, Any] = {
        "id": e.id,
        "name": {"zh_CN": _g(e.name.zh_CN), "en": _g(e.name.en)},
        "number": e.number,
        "kind": e.kind,
        "aliases": [_g(a) for a in e.aliases],
        "verified": e.verified,
    }
    if e.note is not None:
        out["note"] = {"zh_CN": _g(e.note.zh_CN), "en": _g(e.note.en)}
    return out


def new_entry(name: str, number: str, kind: str = "other", note: str = "") -> ContactEntry:
    """An entry the user typed in (one name serves both languages)."""
    name = guard_text(name.strip()).text
    note = guard_text(note.strip()).text
    if not name:
        raise UserError(E_NAME)
    entry = ContactEntry(
        id="user_" + uuid.uuid4().hex[:10],
        name=Text(name, name),
        number=number.strip(),
        kind=kind if kind in KINDS else "other",
        note=Text(note, note) if note else None,
        user=True,
    )
    check_entry(entry)
    return entry


def check_entry(entry: ContactEntry) -> None:
    if not entry.name.zh_CN.strip() or not entry.name.en.strip():
        raise UserError(E_NAME)
    if not _NUMBER.match(entry.number):
        raise UserError(E_NUMBER, value=entry.number)


def save_contacts(data_dir: Path, entries: list[ContactEntry]) -> Path:
    """Save the directory the user sees as their overrides; defaults they removed are hidden.

    Only entries that differ from the shipped ones are written. The file is replaced atomically.
    """
    defaults = {e.id: e for e in load_default_contacts().entries}
    out: list[dict[str, Any]] = []
    kept = set()
    for e in entries:
        kept.add(e.id)
        base = defaults.get(e.id)
        if base is not None and replace(e, user=False) == base:
            continue
        check_entry(e)
        out.append(_entry_json(e))
    out.extend({"id": i, "hidden": True} for i in defaults if i not in kept)
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / USER_FILE
    payload = json.dumps(
        {"format": FORMAT, "version": 1, "entries": out}, ensure_ascii=False, indent=1
    )
    write_text_atomic(path, payload)
    return path


def remember_number(data_dir: Path, name: str, number: str, kind: str = "acquirer") -> ContactEntry:
    """Keep the number the owner typed for ``name`` (asked once, then found by name).

    A directory entry that matches ``name`` but has no number gets it; otherwise a new entry
    named ``name`` is added. Saved with the owner's other changes; raises UserError for a bad
    number or name.
    """
    directory = load_contacts(data_dir)
    entries = list(directory.entries)
    found = directory.match(name)
    if found is not None and not found.number:
        entry = replace(found, number=number.strip(), user=True)
        check_entry(entry)
        entries = [entry if e.id == found.id else e for e in entries]
    else:
        entry = new_entry(name, number, kind)
        entries.append(entry)
    save_contacts(data_dir, entries)
    return entry
