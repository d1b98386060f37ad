#!/usr/bin/env python3
"""Run plansift over the ICDAR 2013 Table Competition documents and write
its tables as competition structure files (NAME-str.xml), both given the
gold table regions and end to end.

usage: icdar2013.py PLANSIFT ICDAR_DIR OUT_DIR

Writes OUT_DIR/regions/NAME-str.xml (a table for each gold region, keeping
the gold's table and region ids) and OUT_DIR/e2e/NAME-str.xml (every table
plansift finds), and prints the page count and the seconds the end-to-end
runs took as JSON on the last line.  Standard library only.

Coordinates: plansift works in points from the top-left of the page as
displayed; the competition files count from the bottom-left.  The region
files measure from the bottom of the page as displayed, but the structure
files of rotated pages measure from the bottom of the unrotated page (its
height is the displayed width): the converter follows each file's own
convention so that boxes line up with the gold.
"""
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape


def run(cmd):
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write('icdar2013: %s failed: %s\n' % (' '.join(cmd[:3]), res.stderr.strip()))
        return None
    return res.stdout


def page_sizes(plansift, pdf):
    """[(width, height, rotation)] of each page as displayed."""
    out = run([plansift, 'ingest', '--no-graphics', pdf])
    if out is None:
        return []
    doc = json.loads(out)
    return [(p['width'], p['height'], p.get('rotation', 0)) for p in doc.get('pages', [])]


def gold_regions(path):
    """[(table id, region id, page, (x1, y1, x2, y2))] in file order."""
    regions = []
    root = ET.parse(path).getroot()
    for t in root.iter('table'):
        for r in t.iter('region'):
            b = r.find('bounding-box')
            if b is None:
                continue
            box = tuple(float(b.get(k)) for k in ('x1', 'y1', 'x2', 'y2'))
            regions.append((t.get('id'), r.get('id'), int(r.get('page')), box))
    return regions


def structure_height(size):
    """Height the structure files count y from: the unrotated page's."""
    w, h, rot = size
    return w if rot in (90, 270) else h


def tables_of(layout):
    return [b for b in layout.get('blocks', []) if b.get('type') == 'table' and b.get('table')]


def cells_xml(cells, height):
    out = []
    for i, c in enumerate(cells):
        text = c.get('text') or ''
        if not text.strip():
            continue
        x0, y0, x1, y1 = c.get('bbox', [0, 0, 0, 0])
        r, k = c['row'], c['col']
        er, ek = r + c.get('rowspan', 1) - 1, k + c.get('colspan', 1) - 1
        span = ''
        if er != r or ek != k:
            span = ' end-row="%d" end-col="%d"' % (er, ek)
        out.append('      <cell id="%d" start-row="%d" start-col="%d"%s>\n'
                   '        <bounding-box x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f"/>\n'
                   '        <content>%s</content>\n      </cell>\n'
                   % (i + 1, r, k, span, x0, height - y1, x1, height - y0, escape(text)))
    return ''.join(out)


def write_doc(path, name, regions):
    """regions: [(table id, region id, page, cells, height)]"""
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<document filename="%s">\n' % name)
        by_table = {}
        order = []
        for tid, rid, page, cells, height in regions:
            if tid not in by_table:
                by_table[tid] = []
                order.append(tid)
            by_table[tid].append((rid, page, cells, height))
        for tid in order:
            f.write('  <table id="%s">\n' % tid)
            for rid, page, cells, height in by_table[tid]:
                f.write('    <region id="%s" page="%d">\n' % (rid, page))
                f.write(cells_xml(cells, height))
                f.write('    </region>\n')
            f.write('  </table>\n')
        f.write('</document>\n')


def overlap(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def with_regions(plansift, icdar, name, pdf, sizes, out_dir):
    reg = os.path.join(icdar, name + '-reg.xml')
    if not os.path.exists(reg):
        return
    regions = gold_regions(reg)
    args, boxes = [], []
    for tid, rid, page, (x1, y1, x2, y2) in regions:
        if page < 1 or page > len(sizes):
            boxes.append(None)
            continue
        h = sizes[page - 1][1]  # regions count from the displayed bottom
        box = (x1, h - y2, x2, h - y1)
        boxes.append(box)
        args += ['--region', '%d:%.2f,%.2f,%.2f,%.2f' % ((page,) + box)]
    out = run([plansift, 'extract', '--layout'] + args + [pdf]) if args else None
    tables = tables_of(json.loads(out)) if out else []
    used, result = set(), []
    for (tid, rid, page, _), box in zip(regions, boxes):
        best, best_ov = None, 0.0
        for i, t in enumerate(tables):
            if i in used or t.get('page') != page:
                continue
            ov = overlap(box, t.get('bbox', [0, 0, 0, 0]))
            if ov > best_ov:
                best, best_ov = i, ov
        cells = []
        if best is not None:
            used.add(best)
            cells = tables[best]['table']['cells']
        height = structure_height(sizes[page - 1]) if 0 < page <= len(sizes) else 0
        result.append((tid, rid, page, cells, height))
    write_doc(os.path.join(out_dir, 'regions', name + '-str.xml'), name, result)


def end_to_end(plansift, name, pdf, sizes, out_dir):
    start = time.monotonic()
    out = run([plansift, 'extract', '--layout', pdf])
    elapsed = time.monotonic() - start
    result = []
    # Table ids of our own, apart from the gold's, so that the scorer pairs
    # tables by where they lie, not by an id that happens to agree.
    for n, t in enumerate(tables_of(json.loads(out)) if out else []):
        # A table continued over pages is one table of several regions.
        pages = {}
        for c in t['table']['cells']:
            pages.setdefault(c.get('page') or t.get('page'), []).append(c)
        for rid, page in enumerate(sorted(pages)):
            if 0 < page <= len(sizes):
                result.append(('t%d' % (n + 1), str(rid + 1), page, pages[page],
                               structure_height(sizes[page - 1])))
    write_doc(os.path.join(out_dir, 'e2e', name + '-str.xml'), name, result)
    return elapsed


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    plansift, icdar, out_dir = argv
    for sub in ('regions', 'e2e'):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    pages, seconds = 0, 0.0
    for pdf_name in sorted(f for f in os.listdir(icdar) if f.endswith('.pdf')):
        name = pdf_name[:-4]
        pdf = os.path.join(icdar, pdf_name)
        sizes = page_sizes(plansift, pdf)
        pages += len(sizes)
        with_regions(plansift, icdar, name, pdf, sizes, out_dir)
        seconds += end_to_end(plansift, name, pdf, sizes, out_dir)
    print(json.dumps({'pages': pages, 'seconds': round(seconds, 3)}))


if __name__ == '__main__':
    main(sys.argv[1:])
