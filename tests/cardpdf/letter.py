"""Checks a decision letter PDF (crates/cardpdf, letter layout) with a reader that shares no code with it.

Usage:
    letter.py LETTER.pdf EXPECTED.json

EXPECTED.json holds {"lang", "title", "parts": [...], "absent": [...]}: the checks are
  (a) pypdf reads the file strictly; the catalog's /Lang and the document info title are the letter's;
  (b) every page is numbered "n / N" at its foot, the numbers running 1 to N;
  (c) the text of all pages, page numbers taken out, with whitespace collapsed and case folded,
      holds every expected part (each part collapsed and folded the same way), and none of "absent";
  (d) every font is embedded, subset-tagged, with a ToUnicode map (check.py's rule).
Exits non-zero, saying why, on the first failure; a missing tool is a failure, never a skip.
"""

import json
import re
import sys
from pathlib import Path

try:
    import pypdf
except ImportError as e:  # a missing tool must fail loudly, not skip
    sys.exit(f"letter.py: ERROR: {e}; install tests/requirements.txt (scripts/install-test-deps.sh)")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import check_fonts, fail  # noqa: E402  (the card's font rule, shared)

PAGE_NUMBER = re.compile(r"^\s*(\d+) / (\d+)\s*$")


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        sys.exit(__doc__)
    pdf, sidecar = Path(argv[1]), Path(argv[2])
    expected = json.loads(sidecar.read_text(encoding="utf-8"))
    reader = pypdf.PdfReader(pdf, strict=True)
    lang = reader.trailer["/Root"].get("/Lang")
    if lang != expected["lang"]:
        fail(f"/Lang {lang!r}, expected {expected['lang']!r}")
    title = (reader.metadata or {}).get("/Title")
    if title != expected["title"]:
        fail(f"document title {title!r}, expected {expected['title']!r}")
    total = len(reader.pages)
    lines = []
    for i, page in enumerate(reader.pages, start=1):
        numbers = []
        for line in page.extract_text().splitlines():
            m = PAGE_NUMBER.match(line)
            if m:
                numbers.append((int(m.group(1)), int(m.group(2))))
            else:
                lines.append(line)
        if numbers != [(i, total)]:
            fail(f"page {i} of {total} is numbered {numbers}")
    text = fold("\n".join(lines))
    for part in expected["parts"]:
        if fold(part) not in text:
            fail(f"{part!r} is not in the letter's text:\n{text}")
    for part in expected.get("absent", []):
        if fold(part) in text:
            fail(f"{part!r} should not be in the letter's text")
    check_fonts(reader)
    print(f"letter.py: ok: {pdf} ({total} pages, {len(expected['parts'])} parts found)")


if __name__ == "__main__":
    main(sys.argv)
