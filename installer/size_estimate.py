"""Estimate the Windows installer's size on a machine that cannot build it (Linux CI, a dev box).

    uv run python installer/build.py                   # the Linux bundle first (dist/posaid)
    uv run python installer/size_estimate.py           # fetch the win_amd64 wheels, build the
                                                       # Windows-equivalent tree, pack it with NSIS
    uv run python installer/size_estimate.py --parts   # also: what each part adds, compressed

The Linux bundle says what the spec keeps (its exclusions, Qt filter, hooks); the Windows wheels
of the same pinned versions say what those parts weigh on Windows. The tree written to
``build/win-estimate/posaid`` holds, for every file of the Linux bundle:

- a compiled module of a package with native code (``numpy/_core/_multiarray_umath....so``,
  ``PySide6/QtCore.abi3.so``): its ``.pyd`` from the win_amd64 wheel;
- the Qt plugins and Qt translations of the Windows wheel that ``installer/qtfilter.py`` keeps;
- every DLL those need, followed through the PE import tables (as PyInstaller's dependency
  analysis does on Windows), from the wheels, minus what the spec drops (``opengl32sw.dll``,
  OpenCV's FFmpeg DLL), plus onnxruntime's DLLs (the spec collects them all);
- data files (models, fonts, translations, YAML): the wheel's copy, or the bundle's;
- the Python runtime (libpython and the libraries it links: SQLite, libffi, zlib, lzma, bz2,
  expat; the standard library's extension modules; base_library.zip) and the executable with
  its module archive, twice for the two executables (``posaid.exe``, ``posaid-cli.exe``): the
  Linux files, as stand-ins for python311.dll and the stdlib .pyd files, which no wheel carries.

Linux-only libraries (auditwheel's ``*.libs``, X11, ICU, GnuTLS...) are left out: on Windows
their work is done by the OS or by DLLs the wheels carry. The tree is then compiled with the real
``installer/posaid.nsi`` (same compressor settings), so the figure is NSIS's own, not a ratio.

Downloads (``pip download``) happen here, at build time, never in the product. Results go to
``build/win-estimate/estimate.json``.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build as build_script  # noqa: E402
import buildinfo  # noqa: E402
import qtfilter  # noqa: E402
from winwheels import (  # noqa: E402
    RUNTIME_DLLS,
    SHARED_LIB,
    WINDOWS_DLLS,
    EstimateError,
    Wheels,
    download_wheels,
    native_distributions,
    pe_imports,
    windows_dll,
    windows_pyd,
)

ROOT = buildinfo.ROOT
TARGET_MB = build_script.TARGET_INSTALLER_MB
# Qt modules excluded on Windows: the Linux list plus QtDBus (only xcb needs it).
WIN_EXCLUDED_QT = set(qtfilter.EXCLUDED_QT) | {"QtDBus"}
# Binaries the spec drops by name (besides qtfilter.DROP_LIBS).
SPEC_DROPS = ("videoio_ffmpeg",)
# Packages whose every DLL the spec collects (collect_dynamic_libs in posaid.spec).
COLLECT_ALL_DLLS = ("onnxruntime",)

# Libraries of the Python runtime itself, kept as stand-ins for their Windows counterparts
# (python311.dll, sqlite3.dll, libffi-8.dll; zlib, lzma, bz2 and expat are built into CPython's
# DLL and .pyd files on Windows).
RUNTIME_STANDINS = ("libpython", "libsqlite3", "libffi", "libz.", "liblzma", "libbz2", "libexpat")

_EXT_MODULE = re.compile(r"^(?P<name>[^.]+)\.(?:cpython-\d+-[^.]+|abi3)\.so$")

# Parts for the breakdown, by the first folder of a path inside _internal.
PARTS = {
    "Qt (PySide6, shiboken6)": ("PySide6", "shiboken6"),
    "OpenCV": ("cv2",),
    "onnxruntime": ("onnxruntime",),
    "numpy": ("numpy", "numpy.libs"),
    "OCR models and code (rapidocr)": ("rapidocr",),
    "Pillow": ("PIL", "pillow.libs"),
    "pdfium": ("pypdfium2_raw", "pypdfium2"),
    "shapely, pyclipper": ("shapely", "shapely.libs", "pyclipper"),
    "app data (resources, translations)": ("resources", "posaid"),
}


def dropped_by_spec(path: str) -> bool:
    return not qtfilter.keep(path) or any(d in path for d in SPEC_DROPS)


@dataclass
class Tree:
    """The Windows-equivalent bundle: path inside _internal -> contents."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build_tree(bundle: Path, wheels: Wheels) -> Tree:
    internal = bundle / "_internal"
    tree = Tree()
    seeds: list[str] = []
    for src in sorted(p for p in internal.rglob("*") if p.is_file()):
        rel = src.relative_to(internal).as_posix()
        top = rel.split("/")[0]
        name = src.name
        if top.endswith(".libs"):
            continue  # auditwheel's Linux copies of a wheel's libraries
        if top in wheels.tops:
            if top == "PySide6" and ("/plugins/" in rel or "/translations/" in rel):
                continue  # taken from the Windows wheel below
            m = _EXT_MODULE.match(name)
            if m:
                module = m.group("name")
                if top == "PySide6" and module in WIN_EXCLUDED_QT:
                    continue
                folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
                pyd = windows_pyd(wheels, folder, module)
                if pyd is None:
                    tree.notes.append(f"no Windows module for {rel}")
                    continue
                tree.files[pyd] = wheels.read(pyd)
                seeds.append(pyd)
                continue
            if SHARED_LIB.search(name):
                # A library loaded by name (pdfium through ctypes): its DLL in the same folder.
                # Libraries that modules link come through the import tables below.
                dll = windows_dll(wheels, rel)
                if dll is not None and not dropped_by_spec(dll):
                    tree.files[dll] = wheels.read(dll)
                    seeds.append(dll)
                continue
            tree.files[rel] = wheels.read(rel) if rel in wheels.files else src.read_bytes()
            continue
        if "/" not in rel and SHARED_LIB.search(name) and not name.startswith(RUNTIME_STANDINS):
            continue  # Linux system libraries (X11, ICU, GnuTLS...): part of Windows itself
        # Python runtime stand-ins (libpython, lib-dynload, base_library.zip) and app data.
        tree.files[rel] = src.read_bytes()

    # Qt plugins and translations of the Windows wheel, filtered as the hooks filter them.
    for path in wheels.files:
        if path.startswith(("PySide6/plugins/", "PySide6/translations/")) and qtfilter.keep(path):
            if path.endswith((".dll", ".qm")):
                tree.files[path] = wheels.read(path)
                if path.endswith(".dll"):
                    seeds.append(path)
    for path in wheels.files:
        if path.split("/")[0] in COLLECT_ALL_DLLS and path.lower().endswith(".dll"):
            if not dropped_by_spec(path):
                tree.files[path] = wheels.read(path)
                seeds.append(path)

    # Follow the import tables, as PyInstaller's binary dependency analysis does on Windows.
    seen: set[str] = set()
    unresolved: set[str] = set()
    while seeds:
        path = seeds.pop()
        if path in seen:
            continue
        seen.add(path)
        for dll in pe_imports(tree.files[path]):
            found = wheels.dlls.get(dll.lower())
            if found is None:
                unresolved.add(dll)
                continue
            if dropped_by_spec(found) or found in tree.files:
                continue
            tree.files[found] = wheels.read(found)
            seeds.append(found)
    system = sorted(
        d
        for d in unresolved
        if not d.lower().startswith(("api-ms-win", "ext-ms-win"))
        and d.upper() not in WINDOWS_DLLS
        and d.upper() not in RUNTIME_DLLS
    )
    if system:
        tree.notes.append(
            "imports found in no wheel (Windows or the Python runtime): " + ", ".join(system)
        )
    return tree


def write_tree(tree: Tree, bundle: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    internal = out / "_internal"
    for rel, data in tree.files.items():
        dest = internal / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    exe = bundle / buildinfo.APP_NAME
    # Windows has two executables, each carrying the module archive.
    shutil.copy2(exe, out / f"{buildinfo.APP_NAME}.exe")
    shutil.copy2(exe, out / f"{buildinfo.CLI_NAME}.exe")


def part_of(rel: str) -> str:
    top = rel.split("/")[0]
    for part, tops in PARTS.items():
        if top in tops:
            return part
    return "Python runtime, executables, other packages"


def compressed_size(blobs: Iterable[bytes]) -> int:
    """LZMA size with NSIS's settings (solid, 32 MB dictionary): close to what NSIS adds."""
    comp = lzma.LZMACompressor(
        format=lzma.FORMAT_RAW,
        filters=[{"id": lzma.FILTER_LZMA1, "preset": 9, "dict_size": 32 << 20}],
    )
    n = 0
    for blob in blobs:
        n += len(comp.compress(blob))
    return n + len(comp.flush())


@dataclass
class Part:
    part: str
    files: int
    unpacked_bytes: int
    compressed_bytes: int | None = None

    def line(self) -> str:
        text = f"  {self.part:<45} {build_script.mb(self.unpacked_bytes):>9}"
        if self.compressed_bytes is not None:
            text += f"  {build_script.mb(self.compressed_bytes):>9} compressed"
        return text


def breakdown(out: Path, with_compressed: bool) -> list[Part]:
    groups: dict[str, list[Path]] = {}
    for p in sorted(out.rglob("*")):
        if p.is_file():
            rel = p.relative_to(out).as_posix()
            rel = rel.split("/", 1)[1] if rel.startswith("_internal/") else rel
            groups.setdefault(part_of(rel), []).append(p)
    rows = []
    for part, paths in groups.items():
        row = Part(part, len(paths), sum(p.stat().st_size for p in paths))
        if with_compressed:
            row.compressed_bytes = compressed_size(p.read_bytes() for p in paths)
        rows.append(row)
    return sorted(rows, key=lambda r: -r.unpacked_bytes)


def pack(out: Path, dest: Path) -> int:
    makensis = build_script.find_makensis()
    if makensis is None:
        raise EstimateError("makensis not found (Debian/Ubuntu: apt-get install nsis)")
    version = buildinfo.read_version()
    if dest.exists():
        dest.unlink()
    build_script.run(build_script.makensis_command(makensis, out, dest, version), quiet=True)
    return dest.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=str(ROOT / "dist" / buildinfo.APP_NAME))
    parser.add_argument("--wheels", default=str(ROOT / "build" / "winwheels"))
    parser.add_argument("--out", default=str(ROOT / "build" / "win-estimate"))
    parser.add_argument("--parts", action="store_true", help="compress each part on its own too")
    parser.add_argument("--no-nsis", action="store_true", help="build the tree, do not pack it")
    args = parser.parse_args(argv)
    bundle = Path(args.bundle).resolve()
    out_root = Path(args.out).resolve()
    if not (bundle / "_internal").is_dir():
        print(f"No bundle in {bundle}: run installer/build.py first.", file=sys.stderr)
        return 2
    try:
        dists = native_distributions(bundle / "_internal")
        print("win_amd64 wheels of: " + ", ".join(f"{n} {v}" for n, v in dists), flush=True)
        wheels = Wheels()
        for whl in download_wheels(dists, Path(args.wheels).resolve()):
            wheels.add(whl)
        tree = build_tree(bundle, wheels)
        out = out_root / buildinfo.APP_NAME
        write_tree(tree, bundle, out)
        for note in tree.notes:
            print("note: " + note)
        rows = breakdown(out, args.parts)
        unpacked = build_script.tree_size(out)
        result: dict[str, object] = {
            "version": buildinfo.read_version(),
            "wheels": [f"{n}=={v}" for n, v in dists],
            "unpacked_bytes": unpacked,
            "parts": [asdict(r) for r in rows],
            "target_installer_mb": TARGET_MB,
        }
        print(f"\nWindows-equivalent bundle: {build_script.mb(unpacked)} unpacked")
        for row in rows:
            print(row.line())
        if not args.no_nsis:
            size = pack(
                out, out_root / f"{buildinfo.APP_NAME}-{result['version']}-setup-estimate.exe"
            )
            result["installer_bytes"] = size
            verdict = "under" if size <= TARGET_MB * 1_000_000 else "OVER"
            print(
                f"\nEstimated Windows installer (NSIS, installer/posaid.nsi): "
                f"{build_script.mb(size)} ({verdict} the {TARGET_MB} MB budget)"
            )
        (out_root / "estimate.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    except (EstimateError, build_script.BuildError) as exc:
        print(f"size estimate failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
