"""Render the app icon's PNG sizes, .ico and .icns from resources/icons/iclei-desktop.svg.

The outputs are committed, so neither a build nor the app runs this; run it again after
changing the SVG:

    python -m venv --system-site-packages /tmp/icons && /tmp/icons/bin/pip install Pillow
    QT_QPA_PLATFORM=offscreen /tmp/icons/bin/python packaging/render-icons.py

Qt renders the SVG at each size (so small sizes are drawn, not scaled down); Pillow, needed
only here, packs several sizes into one .ico and .icns, which Qt's writers cannot.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from iclei_desktop import APP_ID  # noqa: E402

ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "iclei-desktop.svg"
# The sizes desktops look for in the hicolor theme.
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows shows 16–48 in lists and 256 in large views; macOS wants 16–512 (and 1024 for Retina).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    pngs = {}
    for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES}):
        image = render(renderer, size)
        if size in HICOLOR_SIZES:
            target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(target)):
                raise SystemExit(f"cannot write {target}")
        scratch = Path("/tmp") / f"iclei-icon-{size}.png"
        image.save(str(scratch))
        pngs[size] = Image.open(scratch).convert("RGBA")
    largest = pngs[max(ICO_SIZES)]
    # Pillow fills each listed size from the image given and the ones appended.
    largest.save(
        ICONS / "iclei-desktop.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[pngs[s] for s in ICO_SIZES],
    )
    pngs[max(ICNS_SIZES)].save(
        ICONS / "iclei-desktop.icns", append_images=[pngs[s] for s in ICNS_SIZES]
    )


if __name__ == "__main__":
    main()
