"""Evidence packet with 20 transactions and 10 phone photos (4000x3000 JPEG) vs plain reportlab.

Usage: ``uv run python bench/packet.py [RUNS]`` (default 3 runs each, medians).

The photos are generated once per run: 4000x3000 Gaussian noise, softened and mixed with a
gradient so they compress like camera photos (about 2-4 MB each at quality 92). The product
child opens a store holding one incident (20 transactions, the 10 photos as attachments) and
calls ``build_packet``; the baseline child writes a plain reportlab document: a 20-row table,
then each original photo with ``canvas.drawImage`` on its own A4 page. Both run in fresh child
processes, which report the build time and their peak RSS (VmHWM). Budgets (issue 10): time <= 1.3x
the baseline, peak memory <= 400 MB, file <= 8 MB.
"""

from __future__ import annotations

import json
import sys
import time

N_PHOTOS, N_TXNS = 10, 20


def make_photos(folder: object) -> list[str]:
    from pathlib import Path

    from PIL import Image, ImageFilter

    paths = []
    for i in range(N_PHOTOS):
        channels = [Image.effect_noise((4000, 3000), 48 + 4 * c) for c in range(3)]
        noise = Image.merge("RGB", channels).filter(ImageFilter.GaussianBlur(1.2))
        grad = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
        photo = Image.blend(noise, grad, 0.35 + 0.03 * i)
        path = Path(str(folder)) / f"IMG_{20260301 + i}.jpg"
        photo.save(path, "JPEG", quality=92)
        paths.append(str(path))
    return paths


def child_product(data_dir: str, photos: list[str], out: str) -> dict[str, float]:
    import datetime as dt
    from pathlib import Path

    from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction
    from posaid.report.packet import PacketInput, build_packet
    from posaid.store.db import Store

    store = Store.open(Path(data_dir), auto_backup=False)
    start_day = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
    inc = Incident(
        title="面馆刷卡未到账（20 笔）",
        opened_at=start_day + dt.timedelta(days=3),
        notes="三月初二十笔刷卡交易一直没有到账，已经打过收单机构客服。",
        transactions=[
            Transaction(
                time=start_day + dt.timedelta(hours=i * 3),
                amount_fen=12_800 + 731 * i,
                merchant_no="102440153990012",
                terminal_no="10234567",
                reference_no=f"3265{i:08d}",
                voucher_no=f"{100 + i:06d}",
                batch_no="000042",
                card=f"622848******{1000 + i}",
            )
            for i in range(N_TXNS)
        ],
    )
    incident_id, _ = store.add_incident(inc)
    for p in photos:
        store.add_attachment(incident_id, Path(p), caption="小票照片")
    merchant = Merchant(shop_name="老王面馆", merchant_no="102440153990012", acquirer="拉卡拉")
    full = store.get_incident(incident_id)
    t0 = time.perf_counter()
    build_packet(
        PacketInput(
            merchant=merchant,
            incident=full,
            attachment_path=store.attachment_path,
            lang="zh_CN",
            made_at=start_day + dt.timedelta(days=10),
        ),
        Path(out),
    )
    elapsed = time.perf_counter() - t0
    store.close()
    return {"s": elapsed}


def child_baseline(photos: list[str], out: str) -> dict[str, float]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    t0 = time.perf_counter()
    c = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    rows = [["#", "time", "amount", "reference", "terminal"]] + [
        [str(i + 1), f"2026-03-02 {i % 24:02d}:00", f"{128 + i * 7.31:.2f}", f"3265{i:08d}", "1023"]
        for i in range(N_TXNS)
    ]
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    _, th = table.wrapOn(c, width - 80, height - 80)
    table.drawOn(c, 40, height - 40 - th)
    c.showPage()
    for p in photos:
        c.drawImage(p, 40, 40, width=width - 80, height=height - 80, preserveAspectRatio=True)
        c.showPage()
    c.save()
    return {"s": time.perf_counter() - t0}


def child(mode: str, args: list[str]) -> None:
    from benchutil import peak_rss_kb

    if mode == "product":
        data_dir, out, *photos = args
        result = child_product(data_dir, photos, out)
    else:
        out, *photos = args
        result = child_baseline(photos, out)
    result["rss_kb"] = peak_rss_kb()
    print(json.dumps(result))


def main() -> None:
    import tempfile
    from pathlib import Path

    from benchutil import machine, median, ratio_line, run_child

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for line in machine():
        print(line)
    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        photos = make_photos(tmp)
        mb = sum(Path(p).stat().st_size for p in photos) / 1e6
        print(f"{N_PHOTOS} photos 4000x3000, {mb:.1f} MB in all; {N_TXNS} transactions")
        prod, base = [], []
        for r in range(runs):
            out_b = str(Path(tmp) / f"plain-{r}.pdf")
            b = run_child([me, "--child", "baseline", out_b, *photos])
            b["mb"] = Path(out_b).stat().st_size / 1e6
            base.append(b)
            out_p = str(Path(tmp) / f"packet-{r}.pdf")
            p = run_child([me, "--child", "product", str(Path(tmp) / f"d{r}"), out_p, *photos])
            p["mb"] = Path(out_p).stat().st_size / 1e6
            prod.append(p)
    print("product times (s):", " ".join(f"{x['s']:.2f}" for x in prod))
    print("baseline times (s):", " ".join(f"{x['s']:.2f}" for x in base))
    print("product peak RSS (MB):", " ".join(f"{x['rss_kb'] / 1024:.0f}" for x in prod))
    print("baseline peak RSS (MB):", " ".join(f"{x['rss_kb'] / 1024:.0f}" for x in base))
    med = {k: median([x[k] for x in prod]) for k in ("s", "rss_kb", "mb")}
    bmed = {k: median([x[k] for x in base]) for k in ("s", "rss_kb", "mb")}
    print(ratio_line("packet time", med["s"] * 1000, bmed["s"] * 1000, "ms", 1.3))
    print(
        f"peak memory: {med['rss_kb'] / 1024:.0f} MB (baseline {bmed['rss_kb'] / 1024:.0f} MB; "
        f"budget <= 400 MB: {'MET' if med['rss_kb'] / 1024 <= 400 else 'MISSED'})"
    )
    print(
        f"file: {med['mb']:.1f} MB (baseline {bmed['mb']:.1f} MB; "
        f"budget <= 8 MB: {'MET' if med['mb'] <= 8 else 'MISSED'})"
    )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
    else:
        main()
