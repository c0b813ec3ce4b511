"""The OCR models as the installer ships them: the ``rapidocr`` wheel's, with weights stored in half
the bytes.

    uv run python installer/models.py OUT_DIR      # write the shipped models into OUT_DIR

The PP-OCR models in the wheel keep their weights as 32-bit floats: 31 MB that compress badly
(LZMA saves about 18 %) and were a third of the installer. Here every large 32-bit weight
tensor is stored as a 16-bit float followed by a ``Cast`` back to 32 bits. The graph that runs is
the same: onnxruntime folds each ``Cast`` of a constant into a 32-bit constant when it loads the
model, so every operation still computes in 32-bit floats; only the weights are rounded to 16 bits
(about 3 significant digits, far below what changes a character's score). The models come from
the wheel installed in this environment, converted at build time; nothing is downloaded, ever.

Run by ``installer/posaid.spec``; ``bench/slip_models.py`` reads the benchmark slips with the
converted models and with the originals, alternately, to show they read the same.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

MIN_ELEMENTS = 1024  # small tensors (biases, scales) stay 32-bit: they are not worth a Cast node
CONVERTER_VERSION = "1"  # part of the cache key: bump when the conversion changes


def _source_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise SystemExit("installer/models.py: rapidocr is not installed")
    return Path(spec.origin).resolve().parent / "models"


def half_weights(src: Path, dest: Path) -> None:
    """Write ``src`` to ``dest`` with every large float32 initializer stored as float16 + Cast."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    casts = []
    kept = []
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT or int(np.prod(init.dims)) < MIN_ELEMENTS:
            kept.append(init)
            continue
        weights = numpy_helper.to_array(init)
        if not np.all(np.isfinite(weights.astype(np.float16))):
            kept.append(init)  # out of float16's range: keep it exact
            continue
        half_name = init.name + "__f16"
        kept.append(numpy_helper.from_array(weights.astype(np.float16), half_name))
        casts.append(helper.make_node("Cast", [half_name], [init.name], to=TensorProto.FLOAT))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    onnx.save(model, str(tmp))
    tmp.replace(dest)


def shipped_models(out_dir: Path, names: list[str]) -> list[Path]:
    """The converted models in ``out_dir`` (made once per source model and converter version)."""
    src_dir = _source_dir()
    made = []
    for name in names:
        src = src_dir / name
        if not src.is_file():
            raise SystemExit(f"installer/models.py: {src} is missing from the rapidocr wheel")
        key = hashlib.sha256(src.read_bytes() + CONVERTER_VERSION.encode()).hexdigest()[:16]
        dest = out_dir / name
        stamp = out_dir / f"{name}.source"
        if not (dest.is_file() and stamp.is_file() and stamp.read_text() == key):
            half_weights(src, dest)
            stamp.write_text(key)
        made.append(dest)
    return made


def model_names() -> list[str]:
    """The file names the reader loads, from posaid.slip.engine (the one list)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "desktop"))
    from posaid.slip.engine import MODEL_FILES

    return list(MODEL_FILES.values())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in shipped_models(Path(sys.argv[1]), model_names()):
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
