"""The OCR engine: RapidOCR on onnxruntime, loaded on first use, never from the network.

The PP-OCR models (detection, direction, recognition) ship inside the ``rapidocr`` wheel; the
engine is pointed at those files by path, so it has no reason to download anything, and
:func:`load_engine` refuses to start when one is missing rather than fetching it. Importing
this module imports neither rapidocr nor onnxruntime: that happens in :func:`load_engine`,
which the GUI calls on a background thread the first time the owner reads a photo.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posaid.core.text import Text, UserError

Progress = Callable[[int, int], None]

# The bundled model files, by the names the rapidocr 3.x wheel ships them under.
MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
}

E_ENGINE_MISSING = Text(
    "读取照片所需的文字识别组件不完整（缺少 {name}）。请重新安装本软件；其他功能不受影响。",
    "The text reader is incomplete ({name} is missing). Please reinstall the application; "
    "everything else still works.",
)


@dataclass(frozen=True)
class OcrBox:
    """One piece of printed text the OCR found: its text, how sure it is (0..1) and its corners
    (four (x, y) points, clockwise from top-left, in the coordinates of the image read)."""

    text: str
    score: float
    quad: tuple[tuple[float, float], ...]


def models_dir() -> Path:
    """Folder of the bundled models (inside the installed ``rapidocr`` package)."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise UserError(E_ENGINE_MISSING, name="rapidocr")
    return Path(spec.origin).resolve().parent / "models"


class OcrEngine:
    """A loaded RapidOCR; :meth:`read` is safe to call from one thread at a time."""

    def __init__(self, ocr: Any) -> None:
        self._ocr = ocr
        self._lock = threading.Lock()

    def read(self, image: Any) -> list[OcrBox]:
        """OCR an RGB ``numpy`` array; boxes in reading order as the engine returns them."""
        with self._lock:
            result = self._ocr(image)
        boxes = getattr(result, "boxes", None)
        if boxes is None:
            return []
        out = []
        for quad, text, score in zip(boxes, result.txts, result.scores, strict=False):
            pts = tuple((float(x), float(y)) for x, y in quad)
            out.append(OcrBox(str(text), float(score), pts))
        return out


_engine: OcrEngine | None = None
_engine_lock = threading.Lock()


def engine_loaded() -> bool:
    return _engine is not None


def _threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def load_engine(progress: Progress | None = None) -> OcrEngine:
    """The engine, loaded once per process (about a second or two the first time)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = open_engine(models_dir(), progress)
        return _engine


def open_engine(folder: Path, progress: Progress | None = None) -> OcrEngine:
    """A new engine on the models in ``folder`` (the benchmark compares the wheel's models with
    the installer's, see ``installer/models.py``); the app uses :func:`load_engine`."""
    if progress:
        progress(0, 4)
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Global.model_root_dir": str(folder),
        "EngineConfig.onnxruntime.intra_op_num_threads": _threads(),
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    for key, name in MODEL_FILES.items():
        path = folder / name
        if not path.is_file():
            raise UserError(E_ENGINE_MISSING, name=name)
        params[key] = str(path)
    from rapidocr import RapidOCR

    if progress:
        progress(1, 4)
    ocr = RapidOCR(params=params)
    # The models load lazily inside rapidocr; one tiny read loads all three now, so the
    # first real photo is not slower than the rest.
    if progress:
        progress(2, 4)
    ocr(_warm_up_image())
    if progress:
        progress(4, 4)
    return OcrEngine(ocr)


def _warm_up_image() -> Any:
    import numpy as np
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (200, 60), "white")
    ImageDraw.Draw(img).text((10, 20), "POS 123456", fill="black")
    return np.asarray(img)
