"""A small, valid one-page PDF written byte by byte for the demo pamphlet (no PDF library)."""

import textwrap


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _ascii(text: str) -> str:
    # Helvetica with the standard encoding: keep to plain ASCII.
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .encode("ascii", "replace")
        .decode("ascii")
    )


def one_page_pdf(title: str, paragraphs: list[str]) -> bytes:
    """An A4 page: the title in 18 pt, then the paragraphs wrapped in 11 pt Helvetica."""
    lines = [
        "BT",
        "/F1 18 Tf",
        "72 770 Td",
        f"({_escape(_ascii(title))}) Tj",
        "/F1 11 Tf",
        "0 -14 Td",
    ]
    for paragraph in paragraphs:
        lines.append("0 -10 Td")
        for line in textwrap.wrap(_ascii(paragraph), width=85):
            lines.append("0 -15 Td")
            lines.append(f"({_escape(line)}) Tj")
    lines.append("ET")
    content = "\n".join(lines).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (%s) /Producer (CCIN network hub demo) >>"
        % _escape(_ascii(title)).encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
