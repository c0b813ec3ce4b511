"""Build the Windows installer (or the Linux bundle) in one command; stop at the first failure.

    uv run python installer/build.py                 # Windows: bundle + self-test + installer
    uv run python installer/build.py                 # Linux: bundle + self-test (the CI check)
    uv run python installer/build.py --installer     # Linux: also compile the .nsi with makensis
    uv run python installer/build.py --windows-estimate  # Linux: also estimate the Windows
                                                     # installer (installer/size_estimate.py)

Steps: compile translations -> write _version.py -> PyInstaller (installer/posaid.spec) -> run the
frozen ``--self-test`` offscreen -> makensis (installer/posaid.nsi) -> print sizes.
The version comes from pyproject.toml only. Output: dist/posaid/ (the one-folder bundle),
dist/posaid-<version>-setup.exe (the installer) and build/sizes.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildinfo  # noqa: E402

ROOT = buildinfo.ROOT
SPEC = ROOT / "installer" / "posaid.spec"
NSI = ROOT / "installer" / "posaid.nsi"
IS_WIN = sys.platform == "win32"
# The slip reader (issue 21) adds OpenCV, onnxruntime, numpy and the PP-OCR models: about
# 245 MB unpacked on Windows. The installer budget is the issue's: at most 100 MB; a Windows
# build over it fails (a Linux one packs Linux libraries and only warns).
TARGET_BUNDLE_MB = 350
TARGET_INSTALLER_MB = 100
SELF_TEST_TIMEOUT = 300


class BuildError(Exception):
    """A step failed; the message says what to do."""


def run(
    cmd: list[str],
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    quiet: bool = False,
) -> subprocess.CompletedProcess[str]:
    print("  $ " + " ".join(cmd), flush=True)
    try:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            capture_output=quiet,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        raise BuildError(f"cannot run {cmd[0]}: {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"{cmd[0]} did not finish within {timeout} s") from exc
    if proc.returncode != 0:
        tail = ""
        if quiet:
            tail = "\n" + "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        raise BuildError(f"{Path(cmd[0]).name} exited with code {proc.returncode}{tail}")
    return proc


def tree_size(folder: Path) -> int:
    """Bytes of every file under ``folder`` (what the bundle takes unpacked)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def frozen_exe(bundle: Path) -> Path:
    """The executable that prints: the console twin on Windows, the single binary elsewhere."""
    if IS_WIN:
        return bundle / f"{buildinfo.CLI_NAME}.exe"
    return bundle / buildinfo.APP_NAME


def self_test_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("POSAID_DATA_DIR", None)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_frozen_self_test(bundle: Path, timeout: float = SELF_TEST_TIMEOUT) -> str:
    """Run ``<bundle>/posaid --self-test`` offscreen; returns its output, raises if it failed."""
    exe = frozen_exe(bundle)
    if not exe.exists():
        raise BuildError(f"{exe} is missing: the PyInstaller step did not produce it")
    try:
        proc = subprocess.run(
            [str(exe), "--self-test"],
            env=self_test_env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"the frozen self-test did not finish within {timeout} s") from exc
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise BuildError(f"the frozen self-test failed (exit {proc.returncode}):\n{out}")
    return out


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if IS_WIN:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            if base and (Path(base) / "NSIS" / "makensis.exe").exists():
                return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def makensis_command(makensis: str, dist_dir: Path, out_file: Path, version: str) -> list[str]:
    """The makensis call: every value the script needs is passed as a /D define."""
    # makensis on Windows takes /D; the Linux build takes -D (and /D too, but a path starting with
    # / would be read as an option there).
    flag = "/" if IS_WIN else "-"
    cmd = [
        makensis,
        f"{flag}V2",
        f"{flag}WX",
        f"{flag}DVERSION={version}",
        f"{flag}DVERSION_NUMERIC={buildinfo.numeric_version(version)}",
        f"{flag}DDIST_DIR={dist_dir}",
        f"{flag}DOUT_FILE={out_file}",
    ]
    icon = ROOT / "resources" / "icons" / "posaid.ico"
    if icon.exists():
        cmd.append(f"{flag}DAPP_ICON={icon}")
    cmd.append(str(NSI))
    return cmd


class Build:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.dist = Path(args.dist).resolve()
        self.work = Path(args.work).resolve()
        self.version = ""
        self.qm_dir = self.work / "qm"
        self.bundle = self.dist / buildinfo.APP_NAME
        self.installer: Path | None = None

    def step_version(self) -> str:
        self.version = buildinfo.read_version()
        # The spec writes the same file into its workpath; writing it here fails early and loudly.
        path = buildinfo.write_version_module(
            self.work / "pyinstaller" / "generated" / "_version.py", self.version
        )
        return f"version {self.version} from pyproject.toml -> {path}"

    def step_translations(self) -> str:
        if self.qm_dir.exists():
            shutil.rmtree(self.qm_dir)
        run(
            [sys.executable, str(ROOT / "i18n" / "tool.py"), "compile", str(self.qm_dir)],
            quiet=True,
        )
        made = sorted(p.name for p in self.qm_dir.glob("*.qm"))
        if "posaid_zh_CN.qm" not in made:
            raise BuildError(f"no posaid_zh_CN.qm in {self.qm_dir} (got {made})")
        return ", ".join(made)

    def step_icons(self) -> str:
        """Draw the icon set (tools/make_icons.py) so the .exe, the installer and the
        shortcuts carry it; a missing .ico stops the build rather than shipping Qt's icon."""
        run([sys.executable, str(ROOT / "tools" / "make_icons.py")], quiet=True)
        ico = ROOT / "resources" / "icons" / "posaid.ico"
        if not ico.exists():
            raise BuildError(f"{ico} was not drawn")
        return f"{ico} ({ico.stat().st_size} bytes)"

    def step_pyinstaller(self) -> str:
        env = dict(os.environ)
        env["POSAID_QM_DIR"] = str(self.qm_dir)
        run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                str(SPEC),
                "--noconfirm",
                "--clean",
                "--log-level",
                "WARN",
                "--distpath",
                str(self.dist),
                "--workpath",
                str(self.work / "pyinstaller"),
            ],
            env=env,
        )
        if not frozen_exe(self.bundle).exists():
            raise BuildError(f"PyInstaller finished but {frozen_exe(self.bundle)} is missing")
        return f"{self.bundle} ({mb(tree_size(self.bundle))})"

    def step_self_test(self) -> str:
        out = run_frozen_self_test(self.bundle)
        print(out.rstrip())
        return "passed"

    def step_installer(self) -> str:
        want = IS_WIN or self.args.installer
        if self.args.no_installer or not want:
            return "skipped (Windows builds it; on Linux pass --installer to compile the .nsi)"
        makensis = find_makensis()
        if makensis is None:
            raise BuildError(
                "makensis not found. Windows: choco install nsis (or the NSIS installer); "
                "Debian/Ubuntu: apt-get install nsis"
            )
        self.installer = self.dist / f"{buildinfo.APP_NAME}-{self.version}-setup.exe"
        if self.installer.exists():
            self.installer.unlink()
        run(makensis_command(makensis, self.bundle, self.installer, self.version))
        if not self.installer.exists():
            raise BuildError(f"makensis finished but {self.installer} is missing")
        return f"{self.installer} ({mb(self.installer.stat().st_size)})"

    def step_sizes(self) -> str:
        bundle = tree_size(self.bundle)
        sizes: dict[str, object] = {
            "version": self.version,
            "platform": sys.platform,
            "bundle_bytes": bundle,
            "installer_bytes": self.installer.stat().st_size if self.installer else None,
            "target_bundle_mb": TARGET_BUNDLE_MB,
            "target_installer_mb": TARGET_INSTALLER_MB,
        }
        (self.work / "sizes.json").write_text(json.dumps(sizes, indent=2), encoding="utf-8")
        lines = [f"bundle (unpacked): {mb(bundle)} (target <= {TARGET_BUNDLE_MB} MB)"]
        if bundle > TARGET_BUNDLE_MB * 1_000_000:
            lines.append("  WARNING: over the target")
        if self.installer:
            size = self.installer.stat().st_size
            lines.append(f"installer: {mb(size)} (budget <= {TARGET_INSTALLER_MB} MB)")
            if size > TARGET_INSTALLER_MB * 1_000_000:
                if IS_WIN:
                    raise BuildError(
                        f"the installer is {mb(size)}, over the {TARGET_INSTALLER_MB} MB budget "
                        "(see installer/README.md, Sizes, for what goes in)"
                    )
                lines.append("  WARNING: over the budget")
            if not IS_WIN:
                lines.append(
                    "  (packs a Linux bundle with Linux-only libraries: for the Windows figure "
                    "run with --windows-estimate)"
                )
        return "\n".join(lines)

    def step_windows_estimate(self) -> str:
        if IS_WIN or not self.args.windows_estimate:
            return "skipped (on Linux pass --windows-estimate)"
        out = self.work / "win-estimate"
        run(
            [
                sys.executable,
                str(ROOT / "installer" / "size_estimate.py"),
                "--bundle",
                str(self.bundle),
                "--out",
                str(out),
            ]
        )
        data = json.loads((out / "estimate.json").read_text(encoding="utf-8"))
        size = int(data["installer_bytes"])
        verdict = "under" if size <= TARGET_INSTALLER_MB * 1_000_000 else "WARNING: over"
        return (
            f"Windows installer estimate {mb(size)} ({verdict} the {TARGET_INSTALLER_MB} MB budget)"
        )

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("translations", self.step_translations),
            ("version", self.step_version),
            ("icons", self.step_icons),
            ("pyinstaller", self.step_pyinstaller),
            ("self-test", self.step_self_test),
            ("installer", self.step_installer),
            ("sizes", self.step_sizes),
            ("windows-estimate", self.step_windows_estimate),
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument("--work", default=str(ROOT / "build"), help="work folder (build/)")
    parser.add_argument(
        "--installer",
        action="store_true",
        help="also build the installer on Linux (needs makensis)",
    )
    parser.add_argument("--no-installer", action="store_true", help="stop after the self-test")
    parser.add_argument(
        "--windows-estimate",
        action="store_true",
        help="Linux: estimate the Windows installer from the win_amd64 wheels (downloads them)",
    )
    args = parser.parse_args(argv)
    build = Build(args)
    steps = build.steps()
    for i, (name, step) in enumerate(steps, 1):
        print(f"[{i}/{len(steps)}] {name}", flush=True)
        started = time.monotonic()
        try:
            detail = step()
        except BuildError as exc:
            print(f"\nBUILD FAILED at step {i} ({name}): {exc}", file=sys.stderr, flush=True)
            return 1
        print(f"  ok ({time.monotonic() - started:.0f} s): {detail}", flush=True)
    print("\nBuild finished.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
