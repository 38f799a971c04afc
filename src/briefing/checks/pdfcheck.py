"""Checks on the PDF edition (briefing.site.pdf) with Debian's poppler-utils: pdfinfo, pdftotext, pdftoppm.

Each check returns what it found wrong (empty = fine), so the tests can show all of it and can
prove each check fails on a PDF made to break it.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from ..site.plotly_mime import figures_in

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?([ T][\d:.]+)?$")


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields; CalledProcessError when the file does not open as a PDF."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()) if v}


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[: int(info(pdf)["Pages"])]


def flat(text: str) -> str:
    return " ".join(text.split())


def _label_lines(label: str) -> list[str]:
    """A plotly label as the lines it prints: <br> breaks the line, other tags only style it."""
    return [flat(html.unescape(re.sub(r"<[^>]+>", "", part))) for part in re.split(r"<br\s*/?>", label)]


def chart_texts(page_html: str) -> list[str]:
    """The axis text of every chart on a built page: axis and subplot titles, category labels."""
    found = []
    for figure in figures_in(page_html):
        layout = figure.get("layout", {})
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                title = axis.get("title")
                text = title.get("text") if isinstance(title, dict) else title
                if text:
                    found += _label_lines(text)
                found += [line for tick in axis.get("ticktext") or [] for line in _label_lines(str(tick))]
        found += [line for note in layout.get("annotations", []) if note.get("text") for line in _label_lines(note["text"])]
        for trace in figure.get("data", []):
            for values in (trace.get("x"), trace.get("y")):
                if isinstance(values, list):
                    found += [line for v in values if isinstance(v, str) and not _DATE.match(v) for line in _label_lines(v)]
    return sorted({t for t in found if t})


def missing_texts(texts: list[str], expected: list[str]) -> list[str]:
    """Expected strings not in the text (white space collapsed)."""
    whole = flat(" ".join(texts))
    return [e for e in expected if flat(e) not in whole]


def blank_pages(pdf: Path, furniture: tuple[str, ...] = ()) -> list[int]:
    """Pages (1-based) with no text besides the running header and footer and nothing drawn either."""
    blank = []
    for number, text in enumerate(page_texts(pdf), start=1):
        body = flat(text)
        for line in furniture:
            body = body.replace(flat(line), " ")
        body = re.sub(r"Page \d+", " ", body).strip()
        if not body and _ink(pdf, number) < 0.002:
            blank.append(number)
    return blank


def _ink(pdf: Path, number: int) -> float:
    """The share of dark pixels between the header and the footer of a page, rendered at 20 dpi."""
    out = subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", str(number), "-l", str(number), str(pdf)],
                         capture_output=True, check=True).stdout
    header, _, pixels = _pgm(out)
    width, height = header
    top, bottom = int(height * 0.08), int(height * 0.92)
    body = pixels[top * width: bottom * width]
    return sum(1 for p in body if p < 200) / max(1, len(body))


def _pgm(data: bytes) -> tuple[tuple[int, int], int, bytes]:
    fields, pos = [], 0
    while len(fields) < 4:  # P5, width, height, maxval
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, pos)
        fields.append(match.group(2))
        pos = match.end()
    return (int(fields[1]), int(fields[2])), int(fields[3]), data[pos + 1:]


def external_links(pdf: Path, local: str = "127.0.0.1") -> list[str]:
    """Link targets in the PDF that point at the local server that printed it (dead anywhere else)."""
    from pypdf import PdfReader

    dead = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if local in uri or "localhost" in uri:
                dead.append(f"page {number}: {uri}")
    return dead
