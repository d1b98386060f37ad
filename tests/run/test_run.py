#!/usr/bin/python3
"""test_run.py PLANSIFT SOURCE_DIR SCENARIO: 'plansift run' end to end.

Each scenario copies small inputs (tests/run/inputs, a few HTML plans of the
corpus and PDF fixtures) into a temporary folder and runs plansift there
with relative paths, so outputs are comparable byte for byte.  Nothing here
depends on how many items extraction finds: only on the run machinery
(exit codes, manifest, incremental runs, -j, shards, stdin, failures,
timeouts, atomic writes, schemas)."""
import csv
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

PLANSIFT, SOURCE = sys.argv[1], sys.argv[2]
SCENARIO = sys.argv[3]
sys.path.insert(0, os.path.join(SOURCE, "tests", "output"))
from schema_check import Schemas  # noqa: E402

SCHEMAS = Schemas(os.path.join(SOURCE, "schemas"))
FIXTURES = os.path.join(SOURCE, "tests", "fixtures", "pdf")
checks = 0
failures = []


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def run(args, cwd, stdin=None, timeout=120):
    """Runs plansift run ARGS in cwd; returns the CompletedProcess (text)."""
    return subprocess.run([PLANSIFT, "run"] + args, cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=timeout)


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def manifest(outdir):
    return json.loads(read(os.path.join(outdir, "manifest.json")))


def statuses(outdir):
    return {e["path"]: e["status"] for e in manifest(outdir)["inputs"]}


def tree_bytes(outdir, with_manifest=True):
    """The deterministic files of an OUTDIR, name -> bytes."""
    names = ["items.jsonl", "items.csv"] + (["manifest.json"] if with_manifest else [])
    files = {n: read(os.path.join(outdir, n), "rb") for n in names
             if os.path.exists(os.path.join(outdir, n))}
    docs = os.path.join(outdir, "docs")
    for n in sorted(os.listdir(docs)) if os.path.isdir(docs) else []:
        files["docs/" + n] = read(os.path.join(docs, n), "rb")
    return files


def temp_files(top):
    found = []
    for dirpath, _, names in os.walk(top):
        found += [os.path.join(dirpath, n) for n in names if n.endswith(".tmp")]
    return found


def setup_inputs(tmp, pdfs=True):
    """tmp/inputs: the tests' own HTML plans, two corpus HTML plans and a
    two-page PDF fixture.  Returns the folder's name."""
    shutil.copytree(os.path.join(SOURCE, "tests", "run", "inputs"), os.path.join(tmp, "inputs"))
    corpus = os.path.join(SOURCE, "corpus", "docs")
    for name in ("bedford-cpc-2024.html", "bromsgrove-redditch-cpc-2018.html"):
        if os.path.exists(os.path.join(corpus, name)):
            shutil.copy(os.path.join(corpus, name), os.path.join(tmp, "inputs", name))
    if pdfs:
        for name in ("ruled_table.pdf", "columns.pdf"):
            if os.path.exists(os.path.join(FIXTURES, name)):
                shutil.copy(os.path.join(FIXTURES, name), os.path.join(tmp, "inputs", "sub", name))
    return "inputs"


def check_outdir(outdir, what):
    """Everything a finished OUTDIR promises: schemas, counts, no temps."""
    m = manifest(outdir)
    problems = SCHEMAS.check_file("manifest", os.path.join(outdir, "manifest.json"))
    problems += SCHEMAS.check_file("timings", os.path.join(outdir, "timings.json"))
    if os.path.exists(os.path.join(outdir, "items.jsonl")):
        problems += SCHEMAS.check_file("item", os.path.join(outdir, "items.jsonl"))
    for e in m["inputs"]:
        if e["output"]:
            doc = os.path.join(outdir, e["output"])
            check(os.path.exists(doc), f"{what}: {e['output']} exists")
            if os.path.exists(doc):
                problems += SCHEMAS.check_file("document", doc)
                items = json.loads(read(doc))
                check(len(items["items"]) == e["items"], f"{what}: items of {e['path']}")
                check(items["document"]["sha256"] == e["sha256"], f"{what}: sha256 of {e['path']}")
    check(not problems, f"{what}: schemas: {problems[:5]}")
    check(not temp_files(outdir), f"{what}: no temporary files left: {temp_files(outdir)}")
    ok = [e for e in m["inputs"] if e["status"] != "failed"]
    total = sum(e["items"] for e in ok)
    check(m["summary"]["items"] == total, f"{what}: summary items")
    check(m["summary"]["inputs"] == len(m["inputs"]), f"{what}: summary inputs")
    if os.path.exists(os.path.join(outdir, "items.jsonl")):
        lines = read(os.path.join(outdir, "items.jsonl")).split("\n")
        check(lines[-1] == "" and len(lines) - 1 == total, f"{what}: one JSONL line per item")
        records = [json.loads(line) for line in lines[:-1]]
        # In input order: documents appear in manifest order.
        order = [r["document"]["source"] for r in records]
        want = [e["path"] for e in ok for _ in range(e["items"])]
        check(order == want, f"{what}: JSONL in input order")
    if os.path.exists(os.path.join(outdir, "items.csv")):
        text = read(os.path.join(outdir, "items.csv"), "rb").decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        check(len(rows) == total + 1, f"{what}: one CSV row per item, and a header")
        check(all(len(r) == len(rows[0]) for r in rows), f"{what}: CSV rows are complete")
        if os.path.exists(os.path.join(outdir, "items.jsonl")):
            src = rows[0].index("document_source")
            ref = rows[0].index("ref")
            for r, rec in zip(rows[1:], records):
                check(r[src] == rec["document"]["source"] and r[ref] == (rec["ref"] or ""),
                      f"{what}: CSV row agrees with its JSONL line")
    return m


# ---- scenarios -------------------------------------------------------------


def scenario_basic(tmp):
    inputs = setup_inputs(tmp)
    r = run([inputs, "-o", "out", "-j", "2"], tmp)
    check(r.returncode == 0, f"basic: exit 0: {r.returncode} {r.stderr}")
    check(r.stdout == "", "basic: nothing on stdout")
    m = check_outdir(os.path.join(tmp, "out"), "basic")
    paths = [e["path"] for e in m["inputs"]]
    check(paths == sorted(paths, key=lambda p: p.split("/")), f"basic: walk is sorted: {paths}")
    check("inputs/alpha.html" in paths and "inputs/sub/gamma.HTML" in paths,
          "basic: .html and .HTML found")
    check("inputs/beta.htm" in paths, "basic: .htm found")
    check(not any(".hidden" in p or p.endswith(".txt") for p in paths),
          "basic: hidden and .txt files are not inputs")
    notes = [line for line in r.stderr.splitlines() if "notes.txt" in line]
    check(notes == ["plansift: inputs/notes.txt: skipped: not a .pdf, .html or .htm file"],
          f"basic: one note for the skipped file: {notes}")
    check(all(e["status"] == "ok" for e in m["inputs"]), "basic: every input ok")
    names = [e["output"] for e in m["inputs"]]
    check(len(set(names)) == len(names), "basic: docs names are unique")
    alpha = {e["path"]: e["output"] for e in m["inputs"] if e["path"].endswith("alpha.html")}
    for path, out in alpha.items():
        h = hashlib.sha1(path.encode()).hexdigest()[:8]
        check(out == f"docs/alpha.html.{h}.json", f"basic: colliding name {out} for {path}")
    check(m["inputs"][paths.index("inputs/beta.htm")]["output"] == "docs/beta.htm.json",
          "basic: a unique basename keeps its name")
    pdf = [e for e in m["inputs"] if e["path"] == "inputs/sub/ruled_table.pdf"]
    if pdf:
        check(pdf[0]["pages"] == 2, "basic: PDF pages counted")
    timings = json.loads(read(os.path.join(tmp, "out", "timings.json")))
    check([t["path"] for t in timings["inputs"]] == paths, "basic: timings per input")
    check(timings["jobs"] == 2, "basic: timings record -j")
    check(re.search(r"^plansift: \d+ inputs: \d+ ok, 0 unchanged, 0 failed", r.stderr, re.M),
          f"basic: summary line: {r.stderr}")
    q = run([inputs, "-o", "out-q", "-q"], tmp)
    check(q.returncode == 0 and q.stderr == "", f"basic: --quiet prints nothing: {q.stderr!r}")


def scenario_rerun(tmp):
    inputs = setup_inputs(tmp)
    out = os.path.join(tmp, "out")
    first = run([inputs, "-o", "out", "-q"], tmp)
    check(first.returncode == 0, f"rerun: first run: {first.stderr}")
    before = tree_bytes(out, with_manifest=False)
    docs = os.path.join(out, "docs")
    mtimes = {n: os.stat(os.path.join(docs, n)).st_mtime_ns for n in os.listdir(docs)}
    time.sleep(0.05)

    second = run([inputs, "-o", "out"], tmp)
    check(second.returncode == 0, f"rerun: second run exits 0: {second.stderr}")
    st = statuses(out)
    check(set(st.values()) == {"unchanged"}, f"rerun: second run skips every input: {st}")
    check(tree_bytes(out, with_manifest=False) == before, "rerun: same dataset bytes")
    check({n: os.stat(os.path.join(docs, n)).st_mtime_ns for n in os.listdir(docs)} == mtimes,
          "rerun: docs not rewritten")
    check(re.search(r": 0 ok, \d+ unchanged, 0 failed", second.stderr), "rerun: summary says so")
    check_outdir(out, "rerun")

    # One input changes, one docs file disappears, one is damaged.
    with open(os.path.join(tmp, "inputs", "beta.htm"), "a") as f:
        f.write("<!-- edited -->\n")
    os.unlink(os.path.join(docs, "gamma.HTML.json"))
    with open(os.path.join(docs, "bedford-cpc-2024.html.json"), "w") as f:
        f.write("{ not json")
    third = run([inputs, "-o", "out", "-q"], tmp)
    st = statuses(out)
    redone = {p for p, s in st.items() if s == "ok"}
    check(third.returncode == 0, f"rerun: third run: {third.stderr}")
    check(redone == {"inputs/beta.htm", "inputs/sub/gamma.HTML", "inputs/bedford-cpc-2024.html"},
          f"rerun: only changed or missing documents redone: {sorted(redone)}")
    check_outdir(out, "rerun after edits")

    forced = run([inputs, "-o", "out", "-q", "--force"], tmp)
    check(set(statuses(out).values()) == {"ok"}, "rerun: --force redoes everything")
    fresh = run([inputs, "-o", "fresh", "-q"], tmp)
    check(forced.returncode == 0 and fresh.returncode == 0, "rerun: forced and fresh runs")
    check(tree_bytes(out) == tree_bytes(os.path.join(tmp, "fresh")),
          "rerun: --force equals a fresh run, byte for byte")

    other = run([inputs, "-o", "out", "-q", "--max-pages", "50"], tmp)
    check(other.returncode == 0 and set(statuses(out).values()) == {"ok"},
          "rerun: other settings reuse nothing")

    # A damaged manifest is not trusted, never fatal.
    for text in ("{ not json", '{"schema": "plansift/manifest/1", "settings": '
                 '{"max_pages": 50, "no_graphics": false}, "inputs": [{"path": 5}, 7, null, '
                 '{"path": "inputs/beta.htm", "sha256": "zz", "status": "unchanged", '
                 '"output": "docs/beta.htm.json", "version": 1}]}'):
        with open(os.path.join(out, "manifest.json"), "w") as f:
            f.write(text)
        r = run([inputs, "-o", "out", "-q", "--max-pages", "50"], tmp)
        check(r.returncode == 0 and set(statuses(out).values()) == {"ok"},
              f"rerun: damaged manifest ignored: {r.stderr}")


def scenario_jobs(tmp):
    inputs = setup_inputs(tmp)
    corpus = os.path.join(SOURCE, "corpus", "docs")
    for name in sorted(os.listdir(corpus)) if os.path.isdir(corpus) else []:
        if name.endswith(".html"):
            shutil.copy(os.path.join(corpus, name), os.path.join(tmp, inputs, name))
    a = run([inputs, "-o", "j1", "-j", "1", "-q"], tmp)
    b = run([inputs, "-o", "j2", "-j", "2", "-q"], tmp)
    c = run([inputs, "-o", "j8", "-j", "8", "-q"], tmp)
    check(a.returncode == b.returncode == c.returncode == 0, "jobs: runs exit 0")
    t1 = tree_bytes(os.path.join(tmp, "j1"))
    check(len(t1) > 5, "jobs: outputs written")
    check(t1 == tree_bytes(os.path.join(tmp, "j2")), "jobs: -j 1 and -j 2 give the same bytes")
    check(t1 == tree_bytes(os.path.join(tmp, "j8")), "jobs: -j 1 and -j 8 give the same bytes")


def shard_of(path, n):
    return int.from_bytes(hashlib.sha1(path.encode()).digest()[:8], "big") % n


def scenario_shard(tmp):
    inputs = setup_inputs(tmp)
    full = run([inputs, "-o", "all", "-q"], tmp)
    s1 = run([inputs, "-o", "s1", "-q", "--shard", "1/2"], tmp)
    s2 = run([inputs, "-o", "s2", "-q", "--shard", "2/2"], tmp)
    check(full.returncode == s1.returncode == s2.returncode == 0, "shard: runs exit 0")
    all_paths = [e["path"] for e in manifest(os.path.join(tmp, "all"))["inputs"]]
    p1 = [e["path"] for e in manifest(os.path.join(tmp, "s1"))["inputs"]]
    p2 = [e["path"] for e in manifest(os.path.join(tmp, "s2"))["inputs"]]
    check(sorted(p1 + p2) == sorted(all_paths), "shard: 1/2 + 2/2 = every input")
    check(not set(p1) & set(p2), "shard: no input in both")
    check(p1 and p2, f"shard: both shards have work: {p1} {p2}")
    check(all(shard_of(p, 2) == 0 for p in p1) and all(shard_of(p, 2) == 1 for p in p2),
          "shard: documented hash (SHA-1 of the path, first 8 bytes, mod N)")
    check(manifest(os.path.join(tmp, "s1"))["shard"] == "1/2", "shard: recorded in manifest")
    # Shards concatenate: same docs files, same lines.
    whole = tree_bytes(os.path.join(tmp, "all"))
    for s in ("s1", "s2"):
        for name, data in tree_bytes(os.path.join(tmp, s)).items():
            if name.startswith("docs/"):
                check(whole.get(name) == data, f"shard: {s}/{name} as in the full run")
    lines = lambda d: read(os.path.join(tmp, d, "items.jsonl")).splitlines()  # noqa: E731
    check(sorted(lines("s1") + lines("s2")) == sorted(lines("all")),
          "shard: JSONL of the shards = JSONL of the full run")
    rows = lambda d: read(os.path.join(tmp, d, "items.csv"), "rb").split(b"\r\n")  # noqa: E731
    check(rows("s1")[0] == rows("all")[0], "shard: same CSV header")
    for s in ("s1", "s2"):
        check_outdir(os.path.join(tmp, s), f"shard {s}")
    one = run([inputs, "-o", "s11", "-q", "--shard", "1/1"], tmp)
    check(one.returncode == 0 and tree_bytes(os.path.join(tmp, "s11"), False)
          == tree_bytes(os.path.join(tmp, "all"), False), "shard: 1/1 is everything")


def scenario_stdin(tmp):
    inputs = setup_inputs(tmp, pdfs=False)
    listed = "inputs/beta.htm\r\n\ninputs/sub\ninputs/beta.htm\n"
    a = run(["--stdin", "-o", "a", "-q"], tmp, stdin=listed)
    b = run(["inputs/beta.htm", "inputs/sub", "-o", "b", "-q"], tmp)
    check(a.returncode == 0 and b.returncode == 0, f"stdin: runs exit 0: {a.stderr}")
    paths = [e["path"] for e in manifest(os.path.join(tmp, "a"))["inputs"]]
    check(paths == ["inputs/beta.htm", "inputs/sub/alpha.html", "inputs/sub/gamma.HTML"],
          f"stdin: CRLF, blank lines and repeats handled: {paths}")
    check(tree_bytes(os.path.join(tmp, "a")) == tree_bytes(os.path.join(tmp, "b")),
          "stdin: same as the paths given as arguments")
    c = run(["inputs/alpha.html", "--stdin", "-o", "c", "-q"], tmp, stdin="inputs/beta.htm\n")
    paths = [e["path"] for e in manifest(os.path.join(tmp, "c"))["inputs"]]
    check(paths == ["inputs/alpha.html", "inputs/beta.htm"], "stdin: arguments, then stdin")
    d = run(["--stdin", "-o", "d", "-q"], tmp, stdin="")
    check(d.returncode == 0 and manifest(os.path.join(tmp, "d"))["inputs"] == [],
          "stdin: an empty list is an empty run")
    check(read(os.path.join(tmp, "d", "items.jsonl")) == "", "stdin: empty JSONL")


def scenario_broken(tmp):
    inputs = setup_inputs(tmp)
    bad = os.path.join(tmp, "inputs", "broken")
    os.mkdir(bad)
    expect = {}

    def put(name, data, why):
        with open(os.path.join(bad, name), "wb") as f:
            f.write(data)
        expect[name] = why

    put("empty.pdf", b"", "empty")
    put("empty.html", b"", "empty")
    put("junk.pdf", bytes((i * 7919 + 13) % 256 for i in range(4096)), "not a PDF")
    put("text.pdf", b"Just some words, not a PDF.\n", "not a PDF")
    put("garbage.pdf", b"%PDF-1.7\n" + bytes((i * 31 + 7) % 256 for i in range(2000)), "")
    put("header-only.pdf", b"%PDF-1.4\n", "")
    for name in ("truncated.pdf", "encrypted.pdf", "zero_pages.pdf"):
        if os.path.exists(os.path.join(FIXTURES, name)):
            shutil.copy(os.path.join(FIXTURES, name), os.path.join(bad, name))
            expect[name] = "encrypted" if name == "encrypted.pdf" else ""
    # A truncated copy of a good PDF, made here so it exists without fixtures.
    good_pdf = os.path.join(FIXTURES, "ruled_table.pdf")
    if os.path.exists(good_pdf):
        data = read(good_pdf, "rb")
        put("cut.pdf", data[: len(data) // 3], "")
    os.symlink("nowhere.pdf", os.path.join(bad, "dangling.pdf"))
    expect["dangling.pdf"] = "cannot open"
    os.mkfifo(os.path.join(bad, "fifo.pdf"))
    expect["fifo.pdf"] = "not a regular file"
    if os.geteuid() != 0:  # root reads anything
        put("unreadable.pdf", b"%PDF-1.4\n", "cannot open")
        os.chmod(os.path.join(bad, "unreadable.pdf"), 0)
        os.mkdir(os.path.join(bad, "locked"))
        os.chmod(os.path.join(bad, "locked"), 0)
        expect["locked"] = "cannot read folder"
    # A folder named like a PDF is a folder: walked, and what it holds used.
    os.mkdir(os.path.join(bad, "x.pdf"))
    shutil.copy(os.path.join(tmp, "inputs", "beta.htm"), os.path.join(bad, "x.pdf", "inner.html"))
    # Binary junk named .html: the HTML reader may take it as an (empty)
    # document or refuse it, but it must fail alone if it fails.
    with open(os.path.join(bad, "junk.html"), "wb") as f:
        f.write(bytes((i * 131 + 3) % 256 for i in range(8192)))
    # A huge input stands in as "more pages than --max-pages".
    r = run([inputs, "-o", "out", "-j", "2", "--max-pages", "1", "--timeout", "60"], tmp,
            timeout=300)
    for p in (os.path.join(bad, "unreadable.pdf"), os.path.join(bad, "locked")):
        if os.path.exists(p):
            os.chmod(p, stat.S_IRWXU)
    check(r.returncode == 1, f"broken: exit 1: {r.returncode}")
    m = check_outdir(os.path.join(tmp, "out"), "broken")
    by_path = {e["path"]: e for e in m["inputs"]}
    lines = r.stderr.splitlines()
    for name, why in expect.items():
        path = "inputs/broken/" + name
        e = by_path.get(path)
        check(e is not None and e["status"] == "failed", f"broken: {name} failed: {e}")
        if e:
            check(why.lower() in (e["error"] or "").lower(), f"broken: {name}: error {e['error']!r}")
            mine = [line for line in lines if line.startswith(f"plansift: {path}: ")]
            check(len(mine) == 1 and mine[0] == f"plansift: {path}: {e['error']}",
                  f"broken: one stderr line for {name}: {mine}")
    check(by_path.get("inputs/broken/x.pdf/inner.html", {}).get("status") == "ok",
          "broken: a folder named x.pdf is walked")
    junk = by_path.get("inputs/broken/junk.html")
    check(junk and (junk["status"] == "failed" or junk["items"] == 0),
          f"broken: junk.html fails alone or yields nothing: {junk}")
    pdf = by_path.get("inputs/sub/ruled_table.pdf")
    if pdf:
        check(pdf["status"] == "failed" and "page" in pdf["error"],
              f"broken: --max-pages 1 fails a 2-page PDF: {pdf}")
    good = [p for p in by_path if not p.startswith("inputs/broken/") and p != "inputs/sub/ruled_table.pdf"]
    check(all(by_path[p]["status"] == "ok" for p in good), "broken: the good documents are done")
    failed = [e for e in m["inputs"] if e["status"] == "failed"]
    check(m["summary"]["failed"] == len(failed), "broken: summary counts failures")
    check(all(re.match(r"^plansift: \S.*: \S", line) for line in lines),
          f"broken: every stderr line names a file: {lines}")
    # Failed documents leave no docs file behind, even from an earlier run.
    check(all(e["output"] is None for e in failed), "broken: failed inputs have no output")


def scenario_missing(tmp):
    setup_inputs(tmp, pdfs=False)
    r = run(["inputs/alpha.html", "no/such/file.pdf", "-o", "out"], tmp)
    check(r.returncode == 1, f"missing: exit 1: {r.returncode}")
    e = {e["path"]: e for e in manifest(os.path.join(tmp, "out"))["inputs"]}
    check(e["no/such/file.pdf"]["status"] == "failed"
          and e["no/such/file.pdf"]["error"] == "cannot open: No such file or directory",
          f"missing: failed entry: {e.get('no/such/file.pdf')}")
    check("plansift: no/such/file.pdf: cannot open: No such file or directory" in r.stderr,
          "missing: stderr names it")
    check(e["inputs/alpha.html"]["status"] == "ok", "missing: the other input is done")
    # A file given by name is sniffed, whatever its name.
    shutil.copy(os.path.join(tmp, "inputs", "alpha.html"), os.path.join(tmp, "plan.data"))
    r = run(["plan.data", "-o", "out2", "-q"], tmp)
    check(r.returncode == 0 and statuses(os.path.join(tmp, "out2")) == {"plan.data": "ok"},
          f"missing: a file given by name is sniffed: {r.stderr}")
    # A previous docs file of an input that now fails is removed.
    os.rename(os.path.join(tmp, "plan.data"), os.path.join(tmp, "plan.keep"))
    with open(os.path.join(tmp, "plan.data"), "wb") as f:
        f.write(b"")
    r = run(["plan.data", "-o", "out2", "-q"], tmp)
    check(r.returncode == 1 and not os.path.exists(os.path.join(tmp, "out2", "docs", "plan.data.json")),
          "missing: stale docs file of a failed input removed")
    # A file name that is not UTF-8 is named with U+FFFD in the JSON.
    os.mkdir(os.path.join(tmp, "odd"))
    shutil.copy(os.path.join(tmp, "inputs", "beta.htm"),
                os.path.join(os.fsencode(tmp), b"odd", b"caf\xe9.html"))
    for attempt in ("ok", "unchanged"):
        r = run(["odd", "-o", "out3", "-q"], tmp)
        check(r.returncode == 0, f"missing: odd name: {r.stderr}")
        m = check_outdir(os.path.join(tmp, "out3"), "odd name")
        check([(e["path"], e["output"], e["status"]) for e in m["inputs"]]
              == [("odd/caf\ufffd.html", "docs/caf\ufffd.html.json", attempt)],
              f"missing: odd name in the manifest: {m['inputs']}")


def scenario_timeout(tmp):
    setup_inputs(tmp, pdfs=False)
    os.mkfifo(os.path.join(tmp, "hang.pdf"))  # opening it blocks: a stand-in for a hung parser
    start = time.monotonic()
    r = run(["hang.pdf", "inputs/alpha.html", "inputs/beta.htm", "-o", "out", "-j", "1",
             "--timeout", "1"], tmp, timeout=60)
    took = time.monotonic() - start
    check(r.returncode == 1, f"timeout: exit 1: {r.returncode} {r.stderr}")
    check(took < 30, f"timeout: the batch ends ({took:.1f} s)")
    st = {e["path"]: e for e in manifest(os.path.join(tmp, "out"))["inputs"]}
    check(st["hang.pdf"]["status"] == "failed" and st["hang.pdf"]["error"] == "timed out after 1 s",
          f"timeout: the hung input fails: {st['hang.pdf']}")
    check(st["inputs/alpha.html"]["status"] == "ok" and st["inputs/beta.htm"]["status"] == "ok",
          "timeout: -j 1 goes on with the next inputs")
    check("plansift: hang.pdf: timed out after 1 s" in r.stderr, "timeout: reported on stderr")
    check_outdir(os.path.join(tmp, "out"), "timeout")
    quick = run(["inputs", "-o", "out2", "--timeout", "60", "-q"], tmp)
    check(quick.returncode == 0, f"timeout: a generous limit changes nothing: {quick.stderr}")


def scenario_usage(tmp):
    setup_inputs(tmp, pdfs=False)
    cases = [
        [],
        ["-o", "out"],
        ["inputs", "-o", "out", "-j", "-1"],
        ["inputs", "-o", "out", "-j", "1000"],
        ["inputs", "-o", "out", "--shard", "0/2"],
        ["inputs", "-o", "out", "--shard", "3/2"],
        ["inputs", "-o", "out", "--shard", "1/0"],
        ["inputs", "-o", "out", "--shard", "half"],
        ["inputs", "-o", "out", "--shard", "1/2/3"],
        ["inputs", "-o", "out", "--format", "xml"],
        ["inputs", "-o", "out", "--format", ""],
        ["inputs", "--format", "json"],
        ["inputs", "--format", "jsonl,csv"],
        ["-", "-o", "out"],
        ["inputs", "-o", "out", "--timeout", "-1"],
        ["inputs", "-o", "out", "--max-pages", "-3"],
        ["inputs", "-o", "out", "--bogus"],
        ["inputs", "-o", ""],
    ]
    for args in cases:
        r = run(args, tmp)
        check(r.returncode == 2 and r.stdout == "" and "Try 'plansift run --help'" in r.stderr,
              f"usage: {args}: {r.returncode} {r.stderr!r}")
    check(not os.path.exists(os.path.join(tmp, "out")), "usage: nothing written")
    h = run(["--help"], tmp)
    check(h.returncode == 0 and "PATH..." in h.stdout and "--shard" in h.stdout
          and h.stderr == "", "usage: --help on stdout")


def scenario_stdout(tmp):
    inputs = setup_inputs(tmp, pdfs=False)
    full = run([inputs, "-o", "out", "-q"], tmp)
    jsonl = run([inputs, "-q"], tmp)
    csvout = subprocess.run([PLANSIFT, "run", inputs, "--format", "csv", "-q"], cwd=tmp,
                            capture_output=True)
    check(full.returncode == jsonl.returncode == csvout.returncode == 0, "stdout: runs exit 0")
    check(jsonl.stdout == read(os.path.join(tmp, "out", "items.jsonl")),
          "stdout: JSONL on stdout = items.jsonl")
    check(csvout.stdout == read(os.path.join(tmp, "out", "items.csv"), "rb"),
          "stdout: CSV on stdout = items.csv")


def scenario_atomic(tmp):
    inputs = setup_inputs(tmp, pdfs=False)
    out = os.path.join(tmp, "out")
    os.makedirs(os.path.join(out, "docs"))
    stale = [os.path.join(out, ".items.jsonl.AbC123.tmp"),
             os.path.join(out, "docs", ".alpha.html.json.XyZ789.tmp")]
    for p in stale:
        with open(p, "w") as f:
            f.write("half a file")
    r = run([inputs, "-o", "out", "-q"], tmp)
    check(r.returncode == 0, f"atomic: run: {r.stderr}")
    check(not temp_files(tmp), f"atomic: stale temporary files cleared: {temp_files(tmp)}")
    # A second run into the same folder at the same time is refused.
    with open(os.path.join(out, ".plansift.lock"), "a") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        busy = run([inputs, "-o", "out", "-q"], tmp)
        fcntl.lockf(lock, fcntl.LOCK_UN)
    check(busy.returncode == 1 and "another 'plansift run' is writing to this folder" in busy.stderr,
          f"atomic: concurrent run refused: {busy.returncode} {busy.stderr!r}")
    again = run([inputs, "-o", "out", "-q"], tmp)
    check(again.returncode == 0, "atomic: runs again once the lock is free")
    # The output folder inside an input folder is never read as input.
    r = run([".", "-o", "out", "-q"], tmp)
    paths = [e["path"] for e in manifest(out)["inputs"]]
    check(r.returncode == 0 and not any(p.startswith("./out/") for p in paths),
          f"atomic: OUTDIR is not walked: {paths}")
    # OUTDIR that is a file.
    with open(os.path.join(tmp, "afile"), "w") as f:
        f.write("x")
    r = run([inputs, "-o", "afile"], tmp)
    check(r.returncode == 1 and r.stderr.startswith("plansift: afile: "),
          f"atomic: OUTDIR is a file: {r.returncode} {r.stderr!r}")


def wait_for_file(path, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path):
            return True
        time.sleep(0.05)
    return False


def scenario_interrupt(tmp):
    """A run stopped half way leaves whole files and a manifest of what is
    done; the next run reuses that and finishes."""
    setup_inputs(tmp, pdfs=False)
    os.mkfifo(os.path.join(tmp, "hang.pdf"))  # holds the only worker
    args = [PLANSIFT, "run", "inputs/alpha.html", "inputs/beta.htm", "hang.pdf", "inputs/sub",
            "-o", "out", "-j", "1"]
    out = os.path.join(tmp, "out")

    # Ctrl-C: the manifest is written on the way out.
    p = subprocess.Popen(args, cwd=tmp, stderr=subprocess.PIPE, text=True)
    check(wait_for_file(os.path.join(out, "docs", "beta.htm.json"), 60), "interrupt: started")
    time.sleep(0.3)
    p.send_signal(2)
    err = p.communicate(timeout=60)[1]
    check(p.returncode == -2, f"interrupt: ends by SIGINT: {p.returncode}")
    check("plansift: interrupted after 2 of 5 documents; run again to finish" in err,
          f"interrupt: says so: {err!r}")
    check(statuses(out) == {"inputs/alpha.html": "ok", "inputs/beta.htm": "ok"},
          f"interrupt: manifest of what is done: {statuses(out)}")
    check(not os.path.exists(os.path.join(out, "items.jsonl")), "interrupt: no half dataset")
    check(not temp_files(out), f"interrupt: its own temporary files removed: {temp_files(out)}")

    # Killed outright: the manifest checkpointed every few seconds says the same.
    shutil.rmtree(out)
    p = subprocess.Popen(args, cwd=tmp, stderr=subprocess.DEVNULL)
    check(wait_for_file(os.path.join(out, "manifest.json"), 60), "interrupt: checkpoint written")
    time.sleep(0.2)
    p.kill()
    p.wait(timeout=60)
    check(statuses(out) == {"inputs/alpha.html": "ok", "inputs/beta.htm": "ok"},
          f"interrupt: checkpointed manifest: {statuses(out)}")

    r = run(["inputs/alpha.html", "inputs/beta.htm", "inputs/sub", "-o", "out", "-q"], tmp)
    check(r.returncode == 0, f"interrupt: the re-run finishes: {r.stderr}")
    check(statuses(out) == {"inputs/alpha.html": "unchanged", "inputs/beta.htm": "unchanged",
                            "inputs/sub/alpha.html": "ok", "inputs/sub/gamma.HTML": "ok"},
          f"interrupt: the re-run reuses what was done: {statuses(out)}")
    check_outdir(out, "interrupt")


def scenario_pipe(tmp):
    """ingest | extract | normalise | output gives the bytes of run."""
    inputs = setup_inputs(tmp)
    for path in ("inputs/beta.htm", "inputs/sub/ruled_table.pdf"):
        if not os.path.exists(os.path.join(tmp, path)):
            continue
        out = "out-" + os.path.basename(path)
        r = run([path, "-o", out, "-q"], tmp)
        check(r.returncode == 0, f"pipe: run {path}: {r.stderr}")
        for fmt, want in (("json", "docs/" + os.path.basename(path) + ".json"),
                          ("jsonl", "items.jsonl"), ("csv", "items.csv")):
            pipe = subprocess.run(
                f"'{PLANSIFT}' ingest '{path}' | '{PLANSIFT}' extract | '{PLANSIFT}' normalise"
                f" | '{PLANSIFT}' output --format {fmt}",
                shell=True, cwd=tmp, capture_output=True)
            check(pipe.returncode == 0, f"pipe: {path} {fmt}: {pipe.stderr!r}")
            check(pipe.stdout == read(os.path.join(tmp, out, want), "rb"),
                  f"pipe: {path} as {fmt} equals run's {want}")


SCENARIOS = {name[len("scenario_"):]: fn for name, fn in globals().items()
             if name.startswith("scenario_")}

if SCENARIO not in SCENARIOS:
    print(f"unknown scenario {SCENARIO}: {sorted(SCENARIOS)}")
    sys.exit(2)
with tempfile.TemporaryDirectory() as tmp:
    SCENARIOS[SCENARIO](tmp)
print(f"run {SCENARIO}: {checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
