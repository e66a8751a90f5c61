"""Make the Chinese in a Qt-written PDF copy and search as the characters it shows.

Qt's PDF writer tells readers which character each glyph stands for (the
ToUnicode map) by looking the glyph up in the font, lowest code point first.
CJK fonts draw a Kangxi radical and the everyday character with one glyph
(⼾ U+2F3E and 户 U+6237, ⽣ and 生, ⻚ and 页), so "开户" copies as "开⼾" and a
search for it finds nothing. `fix_radicals` points those glyphs back at the
unified ideograph the same font draws with them. The maps are plain text and
each code keeps its four hex digits, so the file's length and offsets stay
exactly as Qt wrote them.
"""
from __future__ import annotations

import re
import struct
from collections.abc import Iterable

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
UNIFIED = range(0x4E00, 0xA000)  # CJK Unified Ideographs

# A Type0 font dictionary as Qt writes it: its name, then its ToUnicode map.
_FONT = re.compile(rb"/Subtype /Type0\s*/BaseFont /([^\s/]+)[^>]*?/ToUnicode (\d+) 0 R")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
_ARRAY = re.compile(rb"(<[0-9A-Fa-f]{4}>\s*<[0-9A-Fa-f]{4}>\s*)\[([^\]]*)\]")
_SINGLE_RANGE = re.compile(rb"(?m)^(<([0-9A-Fa-f]{4})>\s*<\2>\s*)<([0-9A-Fa-f]{4})>")
_BFCHAR = re.compile(rb"(?s)beginbfchar(.*?)endbfchar")
_CHAR_PAIR = re.compile(rb"(<[0-9A-Fa-f]{2,4}>\s*)<([0-9A-Fa-f]{4})>")


def radical_table(raw) -> dict[int, int]:
    """Radical code point → the unified ideograph `raw` (a QRawFont) draws with the
    same glyph."""
    if not raw.isValid():
        return {}
    unified = "".join(map(chr, UNIFIED))
    by_glyph: dict[int, int] = {}
    for code, glyph in zip(UNIFIED, raw.glyphIndexesForString(unified)):
        if glyph:
            by_glyph.setdefault(glyph, code)
    radicals = "".join(map(chr, RADICALS))
    return {code: by_glyph[glyph] for code, glyph
            in zip(RADICALS, raw.glyphIndexesForString(radicals)) if glyph in by_glyph}


def postscript_name(raw) -> str | None:
    """The font's PostScript name (name table, id 6): what a PDF calls it."""
    data = bytes(raw.fontTable("name"))
    if len(data) < 6:
        return None
    count, strings = struct.unpack_from(">HH", data, 2)
    for index in range(count):
        if 6 + 12 * (index + 1) > len(data):
            break
        platform, _, _, name_id, length, offset = struct.unpack_from(">6H", data, 6 + 12 * index)
        if name_id != 6:
            continue
        text = data[strings + offset:strings + offset + length]
        try:
            return text.decode("utf-16-be" if platform in (0, 3) else "latin-1")
        except UnicodeDecodeError:
            continue
    return None


def tables_for(fonts: Iterable) -> dict[bytes, dict[int, int]]:
    """PostScript name → radical table, for the fonts that draw Chinese set in
    each of `fonts` (QFont), fallbacks included."""
    tables: dict[bytes, dict[int, int]] = {}
    for raw in raw_fonts_of(fonts):
        name = postscript_name(raw)
        if name and name.encode("ascii", "replace") not in tables:
            tables[name.encode("ascii", "replace")] = radical_table(raw)
    return tables


def raw_fonts_of(fonts: Iterable, sample: str = "开户生成目标页面说明") -> list:
    """The fonts (QRawFont) that draw Chinese text set in each of `fonts` (QFont),
    fallbacks included, each once."""
    from PySide6.QtGui import QTextLayout

    found, seen = [], set()
    for font in fonts:
        layout = QTextLayout(sample, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        for run in layout.glyphRuns():
            raw = run.rawFont()
            key = (raw.familyName(), raw.styleName(), raw.weight())
            if key not in seen:
                seen.add(key)
                found.append(raw)
    return found


def _swap(token_text: bytes, table: dict[int, int]) -> bytes:
    def one(match: re.Match) -> bytes:
        code = int(match.group(1), 16)
        return b"<%04X>" % table[code] if code in table else match.group(0)

    return _HEX.sub(one, token_text)


def _fix_map(cmap: bytes, table: dict[int, int]) -> bytes:
    cmap = _ARRAY.sub(lambda m: m.group(1) + b"[" + _swap(m.group(2), table) + b"]", cmap)
    cmap = _SINGLE_RANGE.sub(lambda m: m.group(1) + _swap(b"<" + m.group(3) + b">", table),
                             cmap)
    return _BFCHAR.sub(
        lambda block: b"beginbfchar" + _CHAR_PAIR.sub(
            lambda m: m.group(1) + _swap(b"<" + m.group(2) + b">", table), block.group(1))
        + b"endbfchar", cmap)


def fix_radicals(pdf: bytes, tables: dict[bytes, dict[int, int]]) -> bytes:
    """`pdf` with the radicals of each font's ToUnicode map replaced through that
    font's table (`tables_for`); a font without a table, or a map that is not the
    plain kind Qt writes, is left as written."""
    out = bytearray(pdf)
    for font in _FONT.finditer(pdf):
        base = font.group(1).split(b"+")[-1]  # a subset tag "ABCDEF+" is not part of the name
        table = tables.get(base)
        if not table:
            continue
        number = int(font.group(2))
        start = re.search(rb"(?m)^%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number, pdf)
        if start is None:
            continue
        begin, length = start.end(), int(start.group(1))
        cmap = pdf[begin:begin + length]
        if b"begincmap" not in cmap:
            continue
        fixed = _fix_map(cmap, table)
        if len(fixed) == len(cmap):
            out[begin:begin + length] = fixed
    return bytes(out)
