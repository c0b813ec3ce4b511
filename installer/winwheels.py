"""The win_amd64 wheels as installer/size_estimate.py reads them: fetched with ``pip download`` at
build time, indexed by the path each file takes in the installed package tree, and the DLL names a
PE file imports (what PyInstaller's dependency analysis follows on Windows)."""

from __future__ import annotations

import importlib.metadata as md
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

PY_TAG = f"{sys.version_info.major}{sys.version_info.minor}"
SHARED_LIB = re.compile(r"\.so(\.\d+)*$")


class EstimateError(Exception):
    pass


def pe_imports(data: bytes) -> list[str]:
    """Names of the DLLs a PE file (DLL, .pyd, .exe) imports, read from its import table."""
    try:
        (pe_at,) = struct.unpack_from("<I", data, 0x3C)
        if data[pe_at : pe_at + 4] != b"PE\0\0":
            return []
        _, n_sections, _, _, _, opt_size = struct.unpack_from("<HHIIIH", data, pe_at + 4)
        opt = pe_at + 24
        magic = struct.unpack_from("<H", data, opt)[0]
        dirs = opt + (112 if magic == 0x20B else 96)  # PE32+ or PE32
        import_rva, _ = struct.unpack_from("<II", data, dirs + 8)  # data directory 1
        sections = []
        sec = opt + opt_size
        for i in range(n_sections):
            vsize, vaddr, rsize, raw = struct.unpack_from("<IIII", data, sec + 40 * i + 8)
            sections.append((vaddr, max(vsize, rsize), raw))

        def offset(rva: int) -> int:
            for vaddr, size, raw in sections:
                if vaddr <= rva < vaddr + size:
                    return rva - vaddr + raw
            raise ValueError(rva)

        names = []
        at = offset(import_rva) if import_rva else -1
        while at >= 0:
            name_rva = struct.unpack_from("<IIIII", data, at)[3]
            if name_rva == 0:
                break
            start = offset(name_rva)
            names.append(data[start : data.index(b"\0", start)].decode("ascii", "replace"))
            at += 20
        return names
    except (struct.error, ValueError):
        return []


@dataclass
class Wheels:
    """The win_amd64 wheels, indexed by path inside the installed package tree."""

    files: dict[str, tuple[zipfile.ZipFile, zipfile.ZipInfo]] = field(default_factory=dict)
    dlls: dict[str, str] = field(default_factory=dict)  # lower-case basename -> path
    tops: set[str] = field(default_factory=set)

    def add(self, wheel: Path) -> None:
        zf = zipfile.ZipFile(wheel)
        for info in zf.infolist():
            if info.is_dir() or ".dist-info/" in info.filename:
                continue
            path = info.filename
            if ".data/" in path.split("/")[0] + "/":  # name-x.y.data/purelib/... -> ...
                path = "/".join(path.split("/")[2:])
            self.files[path] = (zf, info)
            self.tops.add(path.split("/")[0])
            if path.lower().endswith(".dll"):
                self.dlls.setdefault(PurePosixPath(path).name.lower(), path)

    def read(self, path: str) -> bytes:
        zf, info = self.files[path]
        return zf.read(info)


def native_distributions(bundle_internal: Path) -> list[tuple[str, str]]:
    """(name, version) of installed distributions with compiled code that is in the bundle."""
    present = {p.name for p in bundle_internal.iterdir()}
    found = []
    for dist in md.distributions():
        files = dist.files or []
        native = {
            str(f).split("/")[0]
            for f in files
            if SHARED_LIB.search(str(f)) and str(f).split("/")[0] in present
        }
        if native:
            found.append((dist.metadata["Name"], dist.version))
    return sorted(set(found))


def download_wheels(dists: Iterable[tuple[str, str]], dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    wheels = []
    for name, version in dists:
        norm = re.sub(r"[-_.]+", "_", name).lower()
        have = [
            w
            for w in dest.glob("*.whl")
            if w.name.lower().startswith(f"{norm}-{version}-") and "win_amd64" in w.name
        ]
        if not have:
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--platform",
                "win_amd64",
                "--python-version",
                PY_TAG,
                "--implementation",
                "cp",
                "-d",
                str(dest),
                f"{name}=={version}",
            ]
            print("  $ " + " ".join(cmd), flush=True)
            if subprocess.run(cmd, check=False).returncode != 0:
                raise EstimateError(f"no win_amd64 wheel of {name}=={version} could be fetched")
            have = [
                w
                for w in dest.glob("*.whl")
                if w.name.lower().startswith(f"{norm}-{version}-") and "win_amd64" in w.name
            ]
        if not have:
            raise EstimateError(f"{name}=={version} has no win_amd64 wheel in {dest}")
        wheels.append(have[0])
    return wheels


def windows_pyd(wheels: Wheels, folder: str, module: str) -> str | None:
    for name in (f"{module}.cp{PY_TAG}-win_amd64.pyd", f"{module}.pyd"):
        path = f"{folder}/{name}" if folder else name
        if path in wheels.files:
            return path
    return None


def windows_dll(wheels: Wheels, rel: str) -> str | None:
    """``pypdfium2_raw/libpdfium.so`` -> ``pypdfium2_raw/pdfium.dll`` when the wheel has it."""
    folder, _, name = rel.rpartition("/")
    stem = SHARED_LIB.sub("", name)
    stem = stem[3:] if stem.startswith("lib") else stem
    path = f"{folder}/{stem}.dll" if folder else f"{stem}.dll"
    return path if path in wheels.files else None


# DLLs every Windows 10 has (not collected by PyInstaller either).
WINDOWS_DLLS = {
    n.upper()
    for n in (
        "KERNEL32.dll ADVAPI32.dll USER32.dll GDI32.dll SHELL32.dll OLE32.dll OLEAUT32.dll "
        "WS2_32.dll COMDLG32.dll WINSPOOL.DRV IMM32.dll WINMM.dll DWMAPI.dll UxTheme.dll "
        "SHLWAPI.dll VERSION.dll NETAPI32.dll USERENV.dll MPR.dll AUTHZ.dll CRYPT32.dll "
        "SETUPAPI.dll dxgi.dll d3d11.dll d3d9.dll d3d12.dll dwrite.dll d2d1.dll COMCTL32.dll "
        "bcrypt.dll ntdll.dll WTSAPI32.dll OPENGL32.dll dbghelp.dll CFGMGR32.dll "
        "SHCORE.dll ncrypt.dll Secur32.dll IPHLPAPI.DLL RPCRT4.dll POWRPROF.dll "
        "api-ms-win-core-synch-l1-2-0.dll dxcore.dll DXGI.dll MFPlat.DLL MF.dll "
        "MFReadWrite.dll d3dcompiler_47.dll UIAutomationCore.dll WSOCK32.dll icuuc.dll"
    ).split()
}
RUNTIME_DLLS = {"PYTHON3.DLL", f"PYTHON{PY_TAG}.DLL"}
