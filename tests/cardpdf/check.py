"""Checks the printable card PDF (crates/cardpdf) with tools that share no code with it.

Usage:
    check.py CARD.pdf EXPECTED.json     check the PDF against what the sample says it shows
    check.py --tamper IN.json OUT.json  write a sidecar whose QR text differs in one character

EXPECTED.json is written by `cargo run -p cardpdf --example sample`. The checks:
  (a) pypdf extracts the page text: every Kazakh letter, both names and the card number appear
      exactly; the document info title and the catalog's /Lang are the card's;
  (b) every font in the file is embedded (FontFile2) and subset-tagged (ABCDEF+Name), with a
      ToUnicode map;
  (c) pdftoppm renders the page at 300 dpi and zxing-cpp decodes exactly one QR code from it,
      whose text is the expected one;
  and the file stays under 60 KB.
Exits non-zero, saying why, on the first failure; a missing tool is a failure, never a skip.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import pypdf
    import zxingcpp
    from PIL import Image
except ImportError as e:  # a missing tool must fail loudly, not skip
    sys.exit(f"check.py: ERROR: {e}; install tests/requirements.txt (scripts/install-test-deps.sh)")

MAX_BYTES = 60_000
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def fail(message: str) -> None:
    sys.exit(f"check.py: FAIL: {message}")


def check_text(reader: pypdf.PdfReader, expected: dict) -> None:
    text = reader.pages[0].extract_text()
    for letter in expected["letters"]:
        if letter not in text:
            fail(f"the letter {letter} (U+{ord(letter):04X}) is not in the extracted text")
    for wanted in [*expected["names"], expected["number"]]:
        if wanted not in text:
            fail(f"{wanted!r} is not in the extracted text:\n{text}")
    title = (reader.metadata or {}).get("/Title")
    if title != expected["title"]:
        fail(f"document title {title!r}, expected {expected['title']!r}")
    lang = reader.trailer["/Root"].get("/Lang")
    if lang != expected["lang"]:
        fail(f"/Lang {lang!r}, expected {expected['lang']!r}")
    print(f"check.py: text ok: {len(expected['letters'])} Kazakh letters, names and number extracted exactly")


def all_objects(reader: pypdf.PdfReader):
    """Every indirect object in the file (one revision, as the renderer writes)."""
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry
            continue
        if obj is not None:
            yield number, obj


def check_fonts(reader: pypdf.PdfReader) -> None:
    fonts = [(n, o) for n, o in all_objects(reader) if isinstance(o, dict) and o.get("/Type") == "/Font"]
    if not fonts:
        fail("the PDF has no fonts")
    embedded = 0
    for number, font in fonts:
        name = str(font.get("/BaseFont", ""))
        if not SUBSET_TAG.match(name.lstrip("/")):
            fail(f"font object {number} ({name}) is not subset-tagged")
        subtype = font.get("/Subtype")
        if subtype == "/Type0":
            if "/ToUnicode" not in font:
                fail(f"font {name} has no ToUnicode map")
            continue
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            fail(f"font {name} ({subtype}) has no font descriptor: not embedded")
        descriptor = descriptor.get_object()
        if "/FontFile2" not in descriptor:
            fail(f"font {name} ({subtype}) has no FontFile2: not embedded as TrueType")
        if not SUBSET_TAG.match(str(descriptor.get("/FontName", "")).lstrip("/")):
            fail(f"the descriptor of {name} is not subset-tagged")
        embedded += 1
    if embedded == 0:
        fail("no font program is embedded")
    print(f"check.py: fonts ok: {len(fonts)} font objects, {embedded} embedded TrueType subsets, all tagged")


def check_qr(pdf: Path, expected: dict) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        fail("pdftoppm is missing (Debian's poppler-utils; scripts/install-test-deps.sh installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run([pdftoppm, "-r", "300", "-png", "-singlefile", str(pdf), str(stem)], check=True)
        image = Image.open(f"{stem}.png")
        image.load()
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if len(results) != 1:
        fail(f"zxing-cpp found {len(results)} QR codes in the 300 dpi rendering, expected 1")
    decoded = results[0].text
    if decoded != expected["qr_text"]:
        fail(f"the QR code decodes to {decoded!r}, expected {expected['qr_text']!r}")
    print(f"check.py: QR ok: decoded {len(decoded)} characters from the 300 dpi rendering ({image.size[0]}x{image.size[1]} px)")


def tamper(source: Path, out: Path) -> None:
    expected = json.loads(source.read_text(encoding="utf-8"))
    text = expected["qr_text"]
    expected["qr_text"] = text[:-1] + ("0" if text[-1] != "0" else "1")
    out.write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")


def main(argv: list[str]) -> None:
    if len(argv) == 4 and argv[1] == "--tamper":
        tamper(Path(argv[2]), Path(argv[3]))
        return
    if len(argv) != 3:
        sys.exit(__doc__)
    pdf, sidecar = Path(argv[1]), Path(argv[2])
    expected = json.loads(sidecar.read_text(encoding="utf-8"))
    size = pdf.stat().st_size
    reader = pypdf.PdfReader(pdf, strict=True)
    if len(reader.pages) != 1:
        fail(f"{len(reader.pages)} pages, expected 1")
    check_text(reader, expected)
    check_fonts(reader)
    check_qr(pdf, expected)
    if size >= MAX_BYTES:
        fail(f"the PDF is {size} bytes, the budget is {MAX_BYTES}")
    print(f"check.py: ok: {pdf} ({size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
