"""
Makes the TrueType copies of the DSFR's Marianne font that the reports embed
(templates/reports/fonts/Marianne-*.woff), from the fonts @gouvfr/dsfr ships.

Why: Marianne ships with PostScript (CFF) outlines, which Chromium's PDF writer
turns into nameless Type 3 glyph drawings. With TrueType outlines it embeds the
font itself, named (pdffonts lists "Marianne-Regular"), searchable and sharp.
The outlines are the same curves, converted from cubic to quadratic (cu2qu, at
most 1/1000 em away); names, metrics, kerning and licence fields are kept.

Run after an upgrade of @gouvfr/dsfr (needs fontTools: pip install fonttools):
    python3 templates/reports/fonts/marianne-truetype.py
"""
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parents[3]  # templates/reports/fonts -> the project
SOURCE = ROOT / "node_modules/@gouvfr/dsfr/dist/fonts"
TARGET = ROOT / "templates/reports/fonts"


def to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


for weight in ("Regular", "Medium", "Bold"):
    font = TTFont(SOURCE / f"Marianne-{weight}.woff")
    to_truetype(font)
    font.flavor = "woff"
    font.save(TARGET / f"Marianne-{weight}.woff")
    print(weight, (TARGET / f"Marianne-{weight}.woff").stat().st_size, "bytes")
