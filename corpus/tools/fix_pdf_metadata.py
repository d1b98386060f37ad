#!/usr/bin/python3
"""Pin the volatile metadata of a PDF so that reprinting it gives the same bytes.

usage: fix_pdf_metadata.py FILE.pdf [FILE.pdf ...]

Rewrites, in place and without changing any length (so the cross-reference
table stays valid and the producer's own file layout is kept):
  - /CreationDate and /ModDate in the document information dictionary, to
    SOURCE_DATE_EPOCH (default 2024-01-01T00:00:00Z), in UTC;
  - xmp:CreateDate / ModifyDate / MetadataDate in an uncompressed XMP packet;
  - the trailer /ID pair (and LibreOffice's /DocChecksum), to a hash of the
    file's content with them blanked, like `qpdf --deterministic-id`.

Only text that sits uncompressed in the file can be rewritten; a date inside
a compressed object stream is reported and left alone.
"""

import datetime
import hashlib
import os
import re
import sys

DEFAULT_EPOCH = 1704067200  # 2024-01-01T00:00:00Z

PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\()D:(\d{4,14})([^)]*)\)")
XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]+)(</xmp:)")
TRAILER_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])")
DOC_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")  # LibreOffice's, time-dependent


def epoch():
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return int(raw) if raw else DEFAULT_EPOCH
    except ValueError:
        sys.stderr.write("fix_pdf_metadata: SOURCE_DATE_EPOCH is not a number; using the default\n")
        return DEFAULT_EPOCH


def pdf_date(m, when):
    digits = when.strftime("%Y%m%d%H%M%S").encode()[:len(m.group(2))]
    # keep the producer's time-zone notation, but as UTC: Z stays, +hh'mm' -> +00'00'
    suffix = re.sub(rb"\d", b"0", m.group(3).replace(b"-", b"+"))
    return m.group(1) + b"D:" + digits + suffix + b")"


def xmp_date(m, when):
    old = m.group(2)
    new = when.strftime("%Y-%m-%dT%H:%M:%S").encode()
    if old.endswith(b"Z"):
        new = (new + b"Z")
    elif re.search(rb"[+-]\d\d:\d\d$", old):
        new = new + b"+00:00"
    new = new[:len(old)].ljust(len(old), b" ")
    return m.group(1) + new + m.group(3)


def fix(path, when):
    with open(path, "rb") as f:
        data = f.read()
    size = len(data)
    data, n_dates = PDF_DATE.subn(lambda m: pdf_date(m, when), data)
    data, _ = XMP_DATE.subn(lambda m: xmp_date(m, when), data)
    if TRAILER_ID.search(data) or DOC_CHECKSUM.search(data):
        blank = TRAILER_ID.sub(lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3)
                               + b"0" * len(m.group(4)) + m.group(5), data)
        blank = DOC_CHECKSUM.sub(lambda m: m.group(1) + b"0" * len(m.group(2)), blank)
        digest = hashlib.md5(blank).hexdigest().upper().encode() * 4

        def new_id(m):
            return (m.group(1) + digest[:len(m.group(2))] + m.group(3)
                    + digest[:len(m.group(4))] + m.group(5))
        data = TRAILER_ID.sub(new_id, data)
        data = DOC_CHECKSUM.sub(lambda m: m.group(1) + digest[:len(m.group(2))], data)
    assert len(data) == size, "length changed"
    if n_dates == 0 and (b"/CreationDate" in data or b"/ModDate" in data):
        sys.stderr.write("fix_pdf_metadata: %s: dates are not in a form this script can pin\n" % path)
    tmp = path + ".fixing"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2 if not argv else 0
    when = datetime.datetime.fromtimestamp(epoch(), tz=datetime.timezone.utc)
    for path in argv:
        fix(path, when)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
