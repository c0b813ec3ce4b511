"""Modules stay small (issue 22): no module under desktop/posaid is over 400 lines.

A long module is several things that want their own names; split it by what it holds.
"""

from __future__ import annotations

from pathlib import Path

import posaid

PKG = Path(posaid.__file__).parent
LIMIT = 400

# Modules allowed over the limit: none. An entry that is no longer over the limit fails the test,
# so this list can only shrink. Do not add to it: split the module instead.
STILL_LONG: set[str] = set()


def module_sizes(root: Path) -> dict[str, int]:
    """Lines per ``.py`` file below ``root``, keyed by its path relative to ``root``."""
    return {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(root.rglob("*.py"))
    }


def too_long(sizes: dict[str, int], allowed: set[str]) -> list[str]:
    return [f"{m}: {n} lines" for m, n in sorted(sizes.items()) if n > LIMIT and m not in allowed]


def no_longer_long(sizes: dict[str, int], allowed: set[str]) -> list[str]:
    return [
        f"{m}: {sizes[m]} lines" if m in sizes else f"{m}: gone"
        for m in sorted(allowed)
        if sizes.get(m, 0) <= LIMIT
    ]


def test_no_module_is_over_the_limit() -> None:
    sizes = module_sizes(PKG)
    assert len(sizes) > 100 and "core/money.py" in sizes  # the whole package was read
    offenders = too_long(sizes, STILL_LONG)
    assert not offenders, f"modules over {LIMIT} lines (split them):\n" + "\n".join(offenders)


def test_the_allow_list_holds_only_modules_still_over_the_limit() -> None:
    stale = no_longer_long(module_sizes(PKG), STILL_LONG)
    assert not stale, f"no longer over {LIMIT} lines, remove from STILL_LONG:\n" + "\n".join(stale)


def test_the_checks_see_a_long_module_and_a_stale_entry(tmp_path: Path) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    (tmp_path / "core" / "fits.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "page.py").write_text("x = 1\n" * (LIMIT + 50), encoding="utf-8")
    sizes = module_sizes(tmp_path)
    assert sizes == {"core/fits.py": LIMIT, "core/long.py": LIMIT + 1, "ui/page.py": LIMIT + 50}
    assert too_long(sizes, {"ui/page.py"}) == [f"core/long.py: {LIMIT + 1} lines"]
    assert too_long(sizes, {"ui/page.py", "core/long.py"}) == []
    assert no_longer_long(sizes, {"ui/page.py", "core/fits.py", "store/gone.py"}) == [
        f"core/fits.py: {LIMIT} lines",
        "store/gone.py: gone",
    ]
