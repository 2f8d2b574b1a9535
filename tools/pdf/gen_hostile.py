#!/usr/bin/env python3
"""Write the hostile fixtures that are too slow to build in a test.

  hostile-flate-bomb.pdf   a page whose content stream is zlib(zlib(1 GiB of
                           zeros)) with /Filter [/FlateDecode /FlateDecode]:
                           under 2 KB on disk.
  hostile-objstm-bomb.pdf  the same bomb as an object stream (/ObjStm), which
                           the object parser decodes while loading.

Usage: python3 tools/pdf/gen_hostile.py   (takes ~15 s and ~1 GiB of memory once)
"""

import os
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "fixtures", "pdf")


def pdf(objects):
    """objects: list of bytes bodies for objects 1..n; returns a PDF."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dict_entries, data):
    return b"<< " + dict_entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def main():
    bomb = zlib.compress(zlib.compress(b"\0" * (1 << 30), 9), 9)
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    content = stream(b"/Filter [/FlateDecode /FlateDecode]", bomb)
    with open(os.path.join(OUT, "hostile-flate-bomb.pdf"), "wb") as f:
        f.write(pdf([catalog, pages, page, content]))
    objstm = stream(b"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]", bomb)
    page2 = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    with open(os.path.join(OUT, "hostile-objstm-bomb.pdf"), "wb") as f:
        f.write(pdf([catalog, pages, page2, objstm]))
    print("wrote hostile fixtures")


if __name__ == "__main__":
    main()
