"""The directory of whom to call: defaults, matching names on a slip, the user's own changes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from posaid.core.checklist.engine import ChecklistError, Walk, load_checklist
from posaid.core.contacts.directory import (
    USER_FILE,
    acquirer_kind,
    load_contacts,
    load_default_contacts,
    new_entry,
    remember_number,
    save_contacts,
)
from posaid.core.text import Text, UserError

PAN = "6222021234567890128"


def test_defaults_have_the_numbers_from_the_domain_brief() -> None:
    d = load_default_contacts()
    expected = {
        "pingan": "95511",
        "unionpay": "95516",
        "chinaums": "95534",
        "lakala": "95016",
        "pboc": "12363",
    }
    for eid, number in expected.items():
        entry = d.get(eid)
        assert entry is not None and entry.number == number and entry.verified
    assert len(d.entries) >= 10
    assert all(e.name.zh_CN and e.name.en for e in d.entries)
    unsure = [e.id for e in d.entries if not e.verified]
    assert unsure and all(d.get(i).note is not None for i in unsure)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("银联商务股份有限公司", "chinaums"),
        ("银联", "unionpay"),
        ("China UMS", "chinaums"),
        ("平安银行股份有限公司深圳分行", "pingan"),
        ("平安", "pingan"),
        ("拉卡拉支付股份有限公司", "lakala"),
        ("中国工商银行", "icbc"),
        ("中国银行", "boc"),
        ("招商银行", "cmb"),
        ("ＩＣＢＣ", "icbc"),
    ],
)
def test_match_finds_the_entry_named_on_a_slip(name: str, entry_id: str) -> None:
    entry = load_default_contacts().match(name)
    assert entry is not None and entry.id == entry_id


@pytest.mark.parametrize("name", ["", "银", "银行", "某某小支付"])
def test_match_does_not_guess(name: str) -> None:
    assert load_default_contacts().match(name) is None


def test_user_changes_are_laid_over_the_defaults(data_dir: Path) -> None:
    d = load_contacts(data_dir)
    assert d.problem is None
    entries = [e for e in d.entries if e.id != "allinpay"]  # the user removes one
    lakala = d.get("lakala")
    assert lakala is not None
    entries = [replace(e, number="95016-1") if e.id == "lakala" else e for e in entries]
    mine = new_entry(
        "隔壁的支付公司业务员", "138 0000 0000", kind="acquirer", note=f"卡号 {PAN} 不要记这里"
    )
    entries.append(mine)
    save_contacts(data_dir, entries)

    raw = (data_dir / USER_FILE).read_text(encoding="utf-8")
    assert PAN not in raw
    data = json.loads(raw)
    assert {"id": "allinpay", "hidden": True} in data["entries"]
    assert len(data["entries"]) == 3  # only what differs from the defaults

    again = load_contacts(data_dir)
    assert again.get("allinpay") is None
    assert again.get("lakala").number == "95016-1"  # type: ignore[union-attr]
    got = again.get(mine.id)
    assert got is not None and got.user and got.kind == "acquirer"
    assert got.note is not None and PAN not in got.note.zh_CN
    assert again.match("隔壁的支付公司业务员") == got
    assert load_contacts(None).get("allinpay") is not None  # defaults untouched


def test_damaged_user_file_falls_back_to_defaults(data_dir: Path) -> None:
    path = data_dir / USER_FILE
    path.write_text("{not json", encoding="utf-8")
    d = load_contacts(data_dir)
    assert d.problem is not None and d.get("pingan") is not None
    assert path.read_text(encoding="utf-8") == "{not json"  # left for the user to rescue


@pytest.mark.parametrize(("name", "number"), [("", "95511"), ("银行", "call me"), ("银行", "1")])
def test_new_entry_is_checked(name: str, number: str) -> None:
    with pytest.raises(UserError):
        new_entry(name, number)


def test_broken_default_file_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    path.write_text(
        '[[contacts]]\nid = "x"\nname.zh_CN = "某"\nname.en = "X"\nnumber = "call"\n',
        encoding="utf-8",
    )
    with pytest.raises(ChecklistError) as err:
        load_default_contacts(path)
    assert err.value.file == "contacts.toml" and err.value.key == "contacts[0].number"


def test_kind_texts_are_bilingual() -> None:
    from posaid.core.contacts.directory import KIND_TEXT, KINDS

    assert set(KIND_TEXT) == set(KINDS)
    assert all(isinstance(t, Text) and t.zh_CN and t.en for t in KIND_TEXT.values())


@pytest.mark.parametrize(
    ("name", "entry_id", "number"),
    [
        ("Bank of China", "boc", "95566"),  # not the Agricultural Bank of China (95599)
        ("Agricultural Bank of China", "abc", "95599"),
        ("China UnionPay Merchant Services", "chinaums", "95534"),  # not UnionPay 95516
        ("China UnionPay", "unionpay", "95516"),
        ("平安付", "pinganpay", ""),  # a payment company, not Ping An Bank
        ("平安付科技服务有限公司", "pinganpay", ""),
        ("Ping An Bank", "pingan", "95511"),
        ("收钱吧", "shouqianba", ""),
        ("乐刷科技有限公司", "leshua", ""),
        ("汇付天下有限公司", "huifu", ""),
        ("随行付支付有限公司", "suixingpay", ""),
        ("银盛支付服务股份有限公司", "ysepay", ""),
        ("江苏江南农村商业银行", "rural_bank", ""),
        ("某县农村信用合作社", "rural_bank", ""),
        ("LAKALA", "lakala", "95016"),
    ],
)
def test_any_name_finds_the_right_entry(name: str, entry_id: str, number: str) -> None:
    entry = load_default_contacts().match(name)
    assert entry is not None and entry.id == entry_id, entry
    assert entry.number == number


def test_entries_without_a_confirmed_number_say_the_owner_fills_it_in() -> None:
    d = load_default_contacts()
    blank = [e for e in d.entries if not e.number]
    assert {"shouqianba", "leshua", "huifu", "suixingpay", "ysepay", "rural_bank"} <= {
        e.id for e in blank
    }
    for e in blank:
        assert not e.verified and e.note is not None
        assert "填上" in e.note.zh_CN and "enter it once" in e.note.en
    rural = d.get("rural_bank")
    assert rural is not None and rural.note is not None and "各省" in rural.note.zh_CN
    assert acquirer_kind(d, "收钱吧") == "company" and acquirer_kind(d, "建行") == "bank"
    assert acquirer_kind(d, "某某小支付") is None


def test_saving_the_directory_keeps_shipped_entries_without_a_number(data_dir: Path) -> None:
    entries = load_contacts(data_dir).entries
    save_contacts(data_dir, entries)  # unchanged blank entries are not refused
    assert load_contacts(data_dir).get("shouqianba").number == ""  # type: ignore[union-attr]


@pytest.mark.parametrize("acquirer", ["某某小支付", "收钱吧"])
def test_an_unknown_acquirer_is_asked_for_once_and_remembered(
    data_dir: Path, acquirer: str
) -> None:
    cl = load_checklist()
    facts = {"overdue": True, "channel": "bank_card", "acquirer": acquirer}
    walk = Walk.from_answers(cl, {"bk_credit_found": "none"}, facts)
    before = walk.result("zh_CN", load_contacts(data_dir))
    assert before.ask_number == acquirer
    assert before.contacts[0].number == ""
    with pytest.raises(UserError):
        remember_number(data_dir, acquirer, "call me")
    remember_number(data_dir, acquirer, "400-123-4567")
    directory = load_contacts(data_dir)
    entry = directory.match(acquirer)
    assert entry is not None and entry.number == "400-123-4567" and entry.user
    after = walk.result("zh_CN", directory)
    assert after.ask_number is None
    assert after.contacts[0].number == "400-123-4567"
    # Remembered once: a second entry is not made.
    assert sum(1 for e in directory.entries if e.number == "400-123-4567") == 1
