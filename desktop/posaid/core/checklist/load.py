"""Load and validate the checklist content (``resources/checklist/*.toml``).

Files: ``checklist.toml`` (area order and titles, start checks, end outcome, shared answer texts,
contact roles, placeholder fallbacks), ``causes.toml``, ``outcomes.toml``, ``library.toml``
(actions, evidence, warnings) and one ``area_*.toml`` per area holding its questions.
Anything wrong raises :class:`ChecklistError` naming the file and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from posaid.core.checklist.model import (
    FACT_VALUES,
    FIRST_ROLE,
    LAST_ROLE,
    PLACEHOLDERS,
    Answer,
    Area,
    Cause,
    Checklist,
    ChecklistError,
    ContactRole,
    OutcomeDef,
    Question,
    StartCheck,
)
from posaid.core.checklist.toml_read import (
    P_BOTH,
    P_DUP,
    P_FACT_VALUE,
    P_FEW_ANSWERS,
    P_MISSING,
    P_NO_DIR,
    P_NO_QUESTIONS,
    P_REF,
    P_ROLE_ORDER,
    P_TYPE,
    P_UNSURE_WEIGHT,
    TomlFile,
)
from posaid.core.text import Text
from posaid.util.resources import resource_path


def default_dir() -> Path:
    return resource_path("checklist")


def load_checklist(folder: Path | None = None) -> Checklist:
    """Read and validate the checklist content; raises :class:`ChecklistError` on any fault."""
    folder = Path(folder) if folder is not None else default_dir()
    if not folder.is_dir():
        raise ChecklistError(folder, "-", P_NO_DIR)
    meta = TomlFile(folder / "checklist.toml")
    meta.keys(
        meta.data,
        "",
        (
            "version",
            "area_order",
            "areas",
            "start_checks",
            "end_outcome",
            "answer_texts",
            "roles",
            "fallbacks",
        ),
    )
    lib = TomlFile(folder / "library.toml")
    lib.keys(lib.data, "", ("actions", "evidence", "warnings"))
    library = {
        kind: {
            lib.ident(k, f"{kind}.{k}"): lib.text(lib.table(lib.data.get(kind, {}), kind), k, kind)
            for k in lib.table(lib.data.get(kind, {}), kind)
        }
        for kind in ("actions", "evidence", "warnings")
    }
    areas = _load_areas(meta)
    shared = {
        meta.ident(k, f"answer_texts.{k}"): meta.text(meta.data["answer_texts"], k, "answer_texts")
        for k in meta.table(meta.data.get("answer_texts", {}), "answer_texts")
    }
    fallbacks = {
        k: meta.text(meta.data["fallbacks"], k, "fallbacks")
        for k in meta.table(meta.data.get("fallbacks", {}), "fallbacks")
    }
    for name in PLACEHOLDERS:
        if name not in fallbacks:
            raise meta.fail(f"fallbacks.{name}", P_MISSING)
    roles = _load_roles(meta)
    causes_file = TomlFile(folder / "causes.toml")
    causes = _load_causes(causes_file)
    outcomes_file = TomlFile(folder / "outcomes.toml")
    outcomes = _load_outcomes(outcomes_file)
    questions, files = _load_questions(folder, areas, shared)
    start_checks = _load_start_checks(meta)
    end = meta.ident(meta.data.get("end_outcome"), "end_outcome")

    cl = Checklist(
        areas=tuple(areas),
        questions=questions,
        causes=causes,
        outcomes=outcomes,
        actions=library["actions"],
        evidence=library["evidence"],
        warnings=library["warnings"],
        roles=roles,
        start_checks=start_checks,
        end_outcome=end,
        source=folder,
        fallbacks=fallbacks,
    )
    from posaid.core.checklist.check import check_graph, check_references

    check_references(cl, meta, causes_file, outcomes_file, files)
    check_graph(cl, causes_file, outcomes_file, files)
    return cl


def _load_areas(meta: TomlFile) -> list[Area]:
    order = meta.data.get("area_order")
    if not isinstance(order, list) or not order:
        raise meta.fail("area_order", P_TYPE, expected="非空列表 / a non-empty list")
    titles = meta.table(meta.data.get("areas", {}), "areas")
    areas = []
    for i, a in enumerate(order):
        aid = meta.ident(a, f"area_order[{i}]")
        entry = meta.table(titles.get(aid), f"areas.{aid}")
        meta.keys(entry, f"areas.{aid}", ("title",))
        areas.append(Area(aid, meta.text(entry, "title", f"areas.{aid}"), i))
    for extra in titles:
        if extra not in order:
            raise meta.fail(f"areas.{extra}", P_REF, kind="方面 / area (in area_order)", name=extra)
    return areas


def _load_roles(meta: TomlFile) -> dict[str, ContactRole]:
    roles = {}
    table = meta.table(meta.data.get("roles", {}), "roles")
    for rid, raw in table.items():
        key = f"roles.{meta.ident(rid, f'roles.{rid}')}"
        entry = meta.table(raw, key)
        meta.keys(
            entry,
            key,
            ("why", "fact", "entries", "channel_entries", "unknown_name", "unknown_hint"),
        )
        fact = entry.get("fact")
        if fact is not None and fact not in FACT_VALUES:
            raise meta.fail(f"{key}.fact", P_REF, kind="事实 / fact", name=str(fact))
        ch = meta.table(entry.get("channel_entries", {}), f"{key}.channel_entries")
        roles[rid] = ContactRole(
            id=rid,
            why=meta.text(entry, "why", key),
            fact=fact,
            entries=meta.ids(entry, "entries", key),
            channel_entries=tuple((c, meta.ids(ch, c, f"{key}.channel_entries")) for c in ch),
            unknown_name=meta.text(entry, "unknown_name", key) if "unknown_name" in entry else None,
            unknown_hint=meta.text(entry, "unknown_hint", key) if "unknown_hint" in entry else None,
        )
    if FIRST_ROLE not in roles or LAST_ROLE not in roles:
        raise meta.fail("roles", P_ROLE_ORDER)
    return roles


def _load_causes(f: TomlFile) -> dict[str, Cause]:
    causes = {}
    for i, (cid, raw) in enumerate(f.table(f.data.get("causes", {}), "causes").items()):
        key = f"causes.{f.ident(cid, f'causes.{cid}')}"
        entry = f.table(raw, key)
        f.keys(
            entry,
            key,
            (
                "group",
                "title",
                "explain",
                "actions",
                "evidence",
                "warnings",
                "contacts",
                "prior",
                "verdict",
                "ruled_out_when",
            ),
        )
        prior = entry.get("prior", 1)
        if not isinstance(prior, int) or isinstance(prior, bool) or not 1 <= prior <= 100:
            raise f.fail(f"{key}.prior", P_TYPE, expected="1-100 的整数 / an integer 1-100")
        rules = entry.get("ruled_out_when", [])
        if not isinstance(rules, list):
            raise f.fail(f"{key}.ruled_out_when", P_TYPE, expected="列表 / a list")
        causes[cid] = Cause(
            id=cid,
            group=f.ident(entry.get("group"), f"{key}.group"),
            title=f.text(entry, "title", key),
            explain=f.text(entry, "explain", key),
            effects=f.effects(entry, key),
            order=i,
            prior=prior,
            verdict=f.ident(entry.get("verdict", "investigate"), f"{key}.verdict"),
            ruled_out_when=tuple(
                f.condition(r, f"{key}.ruled_out_when[{j}]") for j, r in enumerate(rules)
            ),
        )
    if not causes:
        raise f.fail("causes", P_MISSING)
    return causes


def _load_outcomes(f: TomlFile) -> dict[str, OutcomeDef]:
    outcomes = {}
    for oid, raw in f.table(f.data.get("outcomes", {}), "outcomes").items():
        key = f"outcomes.{f.ident(oid, f'outcomes.{oid}')}"
        entry = f.table(raw, key)
        f.keys(
            entry, key, ("title", "text", "early", "actions", "evidence", "warnings", "contacts")
        )
        early = entry.get("early", False)
        if not isinstance(early, bool):
            raise f.fail(f"{key}.early", P_TYPE, expected="true/false")
        outcomes[oid] = OutcomeDef(
            id=oid,
            title=f.text(entry, "title", key),
            text=f.text(entry, "text", key),
            effects=f.effects(entry, key),
            early=early,
        )
    return outcomes


def _load_start_checks(meta: TomlFile) -> tuple[StartCheck, ...]:
    raw = meta.data.get("start_checks", [])
    if not isinstance(raw, list):
        raise meta.fail("start_checks", P_TYPE, expected="列表 / a list")
    checks = []
    for i, item in enumerate(raw):
        key = f"start_checks[{i}]"
        entry = dict(meta.table(item, key))
        outcome = meta.ident(entry.pop("outcome", None), f"{key}.outcome")
        checks.append(StartCheck(meta.condition(entry, key), outcome))
    return tuple(checks)


_Q_KEYS = ("id", "text", "help", "answers", "follow_up", "next", "ask_when", "implied")
_A_KEYS = (
    "id",
    "text",
    "next",
    "outcome",
    "weights",
    "actions",
    "evidence",
    "warnings",
    "contacts",
    "set_facts",
    "unsure",
    "rules_out",
)


def _load_questions(
    folder: Path, areas: list[Area], shared: dict[str, Text]
) -> tuple[dict[str, Question], dict[str, TomlFile]]:
    """Questions in walk order, and the file each question came from (by question id)."""
    by_area: dict[str, list[Question]] = {a.id: [] for a in areas}
    seen_area: dict[str, str] = {}
    files: dict[str, TomlFile] = {}
    for path in sorted(folder.glob("area_*.toml")):
        f = TomlFile(path)
        f.keys(f.data, "", ("area", "questions"))
        area = f.ident(f.data.get("area"), "area")
        if area not in by_area:
            raise f.fail("area", P_REF, kind="方面 / area", name=area)
        if area in seen_area:
            raise f.fail("area", P_DUP, name=area, other=seen_area[area])
        seen_area[area] = f.name
        raw = f.data.get("questions", [])
        if not isinstance(raw, list):
            raise f.fail("questions", P_TYPE, expected="[[questions]] 列表 / a [[questions]] list")
        for i, item in enumerate(raw):
            q = _question(f, item, i, area, shared)
            if q.id in files:
                raise f.fail(f"questions.{q.id}", P_DUP, name=q.id, other=files[q.id].name)
            files[q.id] = f
            by_area[area].append(q)
    for a in areas:
        if not by_area[a.id]:
            where = seen_area.get(a.id, f"area_{a.id}.toml")
            raise ChecklistError(folder / where, f"areas.{a.id}", P_NO_QUESTIONS)
    questions = {q.id: q for a in areas for q in by_area[a.id]}
    return questions, files


def _question(f: TomlFile, item: Any, i: int, area: str, shared: dict[str, Text]) -> Question:
    entry = f.table(item, f"questions[{i}]")
    qid = f.ident(entry.get("id"), f"questions[{i}].id")
    key = f"questions.{qid}"
    f.keys(entry, key, _Q_KEYS)
    raw_answers = entry.get("answers")
    if not isinstance(raw_answers, list) or len(raw_answers) < 2:
        raise f.fail(f"{key}.answers", P_FEW_ANSWERS)
    answers: list[Answer] = []
    for j, raw in enumerate(raw_answers):
        a = _answer(f, raw, f"{key}.answers[{j}]", shared)
        if any(b.id == a.id for b in answers):
            raise f.fail(f"{key}.answers.{a.id}", P_DUP, name=a.id, other=key)
        answers.append(a)
    follow_up = entry.get("follow_up", False)
    if not isinstance(follow_up, bool):
        raise f.fail(f"{key}.follow_up", P_TYPE, expected="true/false")
    nxt = entry.get("next")
    implied_raw = entry.get("implied", [])
    if not isinstance(implied_raw, list):
        raise f.fail(f"{key}.implied", P_TYPE, expected="列表 / a list")
    implied = []
    for j, raw in enumerate(implied_raw):
        ikey = f"{key}.implied[{j}]"
        item = dict(f.table(raw, ikey))
        aid = f.ident(item.pop("answer", None), f"{ikey}.answer")
        if all(a.id != aid for a in answers):
            raise f.fail(f"{ikey}.answer", P_REF, kind="答案 / answer", name=aid)
        implied.append((f.condition(item, ikey), aid))
    return Question(
        id=qid,
        area=area,
        text_t=f.text(entry, "text", key),
        help_t=f.text(entry, "help", key),
        answers=tuple(answers),
        file=f.name,
        follow_up=follow_up,
        next=f.ident(nxt, f"{key}.next") if nxt is not None else None,
        ask_when=f.condition(entry["ask_when"], f"{key}.ask_when") if "ask_when" in entry else None,
        implied=tuple(implied),
    )


def _answer(f: TomlFile, raw: Any, pos: str, shared: dict[str, Text]) -> Answer:
    entry = f.table(raw, pos)
    aid = f.ident(entry.get("id"), f"{pos}.id")
    key = pos.rsplit("[", 1)[0] + "." + aid
    f.keys(entry, key, _A_KEYS)
    if "text" in entry:
        text = f.text(entry, "text", key)
    elif aid in shared:
        text = shared[aid]
    else:
        raise f.fail(f"{key}.text", P_MISSING)
    if "next" in entry and "outcome" in entry:
        raise f.fail(key, P_BOTH)
    weights = f.table(entry.get("weights", {}), f"{key}.weights")
    for cid, w in weights.items():
        if not isinstance(w, int) or isinstance(w, bool):
            raise f.fail(f"{key}.weights.{cid}", P_TYPE, expected="整数 / an integer")
    set_facts = f.table(entry.get("set_facts", {}), f"{key}.set_facts")
    for fact, value in set_facts.items():
        allowed = FACT_VALUES.get(fact)
        if allowed is None or value not in allowed or value == "unknown":
            raise f.fail(
                f"{key}.set_facts.{fact}",
                P_FACT_VALUE,
                fact=fact,
                value=value,
                allowed=", ".join(allowed or ()),
            )
    unsure = entry.get("unsure", aid == "unsure")
    if not isinstance(unsure, bool):
        raise f.fail(f"{key}.unsure", P_TYPE, expected="true/false")
    if unsure and (any(w > 0 for w in weights.values()) or "outcome" in entry):
        # "Not sure" is no evidence: it may not point to a cause, nor settle anything.
        raise f.fail(f"{key}.weights", P_UNSURE_WEIGHT)
    return Answer(
        id=aid,
        text_t=text,
        effects=f.effects(entry, key),
        weights=tuple((f.ident(c, f"{key}.weights.{c}"), w) for c, w in weights.items()),
        next=f.ident(entry["next"], f"{key}.next") if "next" in entry else None,
        outcome=f.ident(entry["outcome"], f"{key}.outcome") if "outcome" in entry else None,
        set_facts=tuple(set_facts.items()),
        unsure=unsure,
        rules_out=f.ids(entry, "rules_out", key),
    )
