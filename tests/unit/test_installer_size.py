"""What keeps the installer under its 100 MB budget: the half-size OCR models the installer ships
(installer/models.py) and the Windows size estimate (installer/size_estimate.py)."""

from __future__ import annotations

import importlib.util
import struct
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name: str) -> ModuleType:
    if str(INSTALLER) not in sys.path:
        sys.path.insert(0, str(INSTALLER))
    spec = importlib.util.spec_from_file_location(
        f"posaid_installer_{name}", INSTALLER / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


models = _load("models")
estimate = _load("size_estimate")
import winwheels  # noqa: E402 - installer/winwheels.py, the module size_estimate uses

# --- the shipped models -------------------------------------------------------------------------


def _tiny_model(path: Path, seed: int = 7) -> None:
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    weights = numpy_helper.from_array(rng.normal(size=(64, 48)).astype(np.float32), "W")
    bias = numpy_helper.from_array(rng.normal(size=(48,)).astype(np.float32), "B")
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["X", "W"], ["XW"]),
            helper.make_node("Add", ["XW", "B"], ["Y"]),
        ],
        "tiny",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 48])],
        initializer=[weights, bias],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_half_weights_halves_the_file_and_computes_the_same(tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    src, dest = tmp_path / "full.onnx", tmp_path / "half.onnx"
    _tiny_model(src)
    models.half_weights(src, dest)

    converted = onnx.load(str(dest))
    kinds = {i.name: i.data_type for i in converted.graph.initializer}
    assert kinds == {"W__f16": onnx.TensorProto.FLOAT16, "B": onnx.TensorProto.FLOAT}  # bias small
    assert dest.stat().st_size < 0.6 * src.stat().st_size

    x = np.random.default_rng(8).normal(size=(1, 64)).astype(np.float32)
    want = ort.InferenceSession(str(src)).run(None, {"X": x})[0]
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # folds constants
    opts.optimized_model_filepath = str(tmp_path / "optimized.onnx")
    got = ort.InferenceSession(str(dest), opts).run(None, {"X": x})[0]
    assert got.dtype == np.float32
    # weights rounded to 16 bits (11 significant bits): the outputs move by a thousandth of their
    # scale at most
    assert np.abs(got - want).max() <= 1e-3 * np.abs(want).max()
    # onnxruntime folds the Cast into a 32-bit constant on load: nothing runs in 16 bits.
    optimized = onnx.load(str(tmp_path / "optimized.onnx"))
    assert "Cast" not in {n.op_type for n in optimized.graph.node}


def test_shipped_models_are_made_once_and_remade_when_the_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src_dir = tmp_path / "wheel"
    src_dir.mkdir()
    _tiny_model(src_dir / "m.onnx")
    monkeypatch.setattr(models, "_source_dir", lambda: src_dir)
    out = tmp_path / "out"
    (made,) = models.shipped_models(out, ["m.onnx"])
    first = made.read_bytes()
    made.touch()
    stamp = made.stat().st_mtime_ns
    models.shipped_models(out, ["m.onnx"])
    assert made.stat().st_mtime_ns == stamp  # same source: not converted again
    _tiny_model(src_dir / "m.onnx", seed=9)  # another model in the wheel: converted again
    models.shipped_models(out, ["m.onnx"])
    assert made.read_bytes() != first
    with pytest.raises(SystemExit, match="missing"):
        models.shipped_models(out, ["absent.onnx"])


def test_model_names_are_the_readers() -> None:
    from posaid.slip.engine import MODEL_FILES

    assert models.model_names() == list(MODEL_FILES.values())


# --- the Windows estimate -----------------------------------------------------------------------


def make_pe(imports: list[str]) -> bytes:
    """A minimal 64-bit PE file whose import table names ``imports``."""
    opt_size = 240
    pe_at = 0x40
    opt = pe_at + 24
    raw_at, rva = 0x200, 0x1000
    descriptors = b""
    names = b""
    names_rva = rva + 20 * (len(imports) + 1)
    for dll in imports:
        descriptors += struct.pack("<IIIII", 0, 0, 0, names_rva + len(names), 0)
        names += dll.encode() + b"\0"
    descriptors += b"\0" * 20
    section = descriptors + names
    data = bytearray(raw_at + len(section))
    data[0:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, pe_at)
    data[pe_at : pe_at + 4] = b"PE\0\0"
    struct.pack_into("<HHIIIHH", data, pe_at + 4, 0x8664, 1, 0, 0, 0, opt_size, 0x2022)
    struct.pack_into("<H", data, opt, 0x20B)
    struct.pack_into("<II", data, opt + 112 + 8, rva, len(descriptors))
    sec = opt + opt_size
    data[sec : sec + 8] = b".idata\0\0"
    struct.pack_into("<IIII", data, sec + 8, len(section), rva, len(section), raw_at)
    data[raw_at:] = section
    return bytes(data)


def test_pe_imports_reads_the_import_table() -> None:
    assert winwheels.pe_imports(make_pe(["Qt6Core.dll", "KERNEL32.dll"])) == [
        "Qt6Core.dll",
        "KERNEL32.dll",
    ]
    assert winwheels.pe_imports(make_pe([])) == []
    assert winwheels.pe_imports(b"not a PE file at all, just text" * 4) == []
    assert winwheels.pe_imports(make_pe(["a.dll"])[:100]) == []  # cut short: no crash


def test_windows_tree_maps_modules_follows_imports_and_drops_linux_libraries(
    tmp_path: Path,
) -> None:
    tag = winwheels.PY_TAG
    bundle = tmp_path / "posaid"
    internal = bundle / "_internal"
    linux = {
        f"pkg/mod.cpython-{tag}-x86_64-linux-gnu.so": b"ELF module",
        "pkg/data.txt": b"linux copy",
        "pkg/model.onnx": b"model",
        "pkg.libs/libfoo-1234.so.1": b"ELF auditwheel",
        "rawlib/libpdfium.so": b"ELF ctypes",
        "libX11.so.6": b"ELF system",
        f"libpython3.{tag[1:]}.so.1.0": b"ELF runtime",
        "base_library.zip": b"zip",
    }
    for rel, data in linux.items():
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        (internal / rel).write_bytes(data)
    wheel = tmp_path / "pkg-1.0-cp311-cp311-win_amd64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(f"pkg/mod.cp{tag}-win_amd64.pyd", make_pe(["foo.dll", "python3.dll"]))
        zf.writestr("pkg/data.txt", b"windows copy")
        zf.writestr("pkg.libs/foo.dll", make_pe(["KERNEL32.dll", "bar.dll"]))
        zf.writestr("pkg.libs/bar.dll", make_pe([]))
        zf.writestr("pkg/unused.dll", make_pe([]))
        zf.writestr("pkg/opengl32sw.dll", make_pe([]))
        zf.writestr("rawlib/pdfium.dll", make_pe([]))
        zf.writestr("pkg-1.0.dist-info/RECORD", b"")
    wheels = winwheels.Wheels()
    wheels.add(wheel)

    tree = estimate.build_tree(bundle, wheels)
    assert set(tree.files) == {
        f"pkg/mod.cp{tag}-win_amd64.pyd",
        "pkg/data.txt",
        "pkg/model.onnx",
        "pkg.libs/foo.dll",
        "pkg.libs/bar.dll",
        "rawlib/pdfium.dll",
        f"libpython3.{tag[1:]}.so.1.0",
        "base_library.zip",
    }
    assert tree.files["pkg/data.txt"] == b"windows copy"
    assert tree.notes == []


def test_parts_name_the_big_pieces() -> None:
    assert estimate.part_of("PySide6/Qt6Core.dll").startswith("Qt")
    assert estimate.part_of("rapidocr/models/x.onnx").startswith("OCR models")
    assert estimate.part_of("python3.11/lib-dynload/_json.so").startswith("Python runtime")


# --- the budget in the build --------------------------------------------------------------------


build = _load("build")


@pytest.mark.parametrize("windows", [True, False])
def test_an_installer_over_the_budget_fails_the_windows_build_and_warns_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows: bool
) -> None:
    monkeypatch.setattr(build, "IS_WIN", windows)
    args = build.argparse.Namespace(
        dist=str(tmp_path / "dist"),
        work=str(tmp_path / "work"),
        installer=True,
        no_installer=False,
        windows_estimate=False,
    )
    job = build.Build(args)
    job.bundle.mkdir(parents=True)
    (job.bundle / "posaid").write_bytes(b"x")
    job.work.mkdir()
    job.installer = tmp_path / "dist" / "setup.exe"
    with job.installer.open("wb") as fh:  # sparse: no 100 MB written
        fh.truncate(build.TARGET_INSTALLER_MB * 1_000_000 + 1)
    if windows:
        with pytest.raises(build.BuildError, match="over the 100 MB budget"):
            job.step_sizes()
    else:
        report = job.step_sizes()
        assert "WARNING: over the budget" in report and "--windows-estimate" in report
    (job.installer).unlink()
    with job.installer.open("wb") as fh:
        fh.truncate(build.TARGET_INSTALLER_MB * 1_000_000)
    assert "WARNING: over the budget" not in job.step_sizes()
