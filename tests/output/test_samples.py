#!/usr/bin/python3
"""test_samples.py TEST_OUTPUT PLANSIFT SCHEMAS: the sample outputs of
test_output validate against schemas/, and 'plansift output' turns the
sample items JSON into the same JSON, JSONL and CSV bytes as the library."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schema_check import Schemas  # noqa: E402

test_output, plansift, schema_dir = sys.argv[1:4]
schemas = Schemas(schema_dir)
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what)


with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([test_output, "--write", tmp], check=True)
    paths = {ext: os.path.join(tmp, "sample." + ext) for ext in ("json", "jsonl", "csv")}
    for kind, ext in (("document", "json"), ("item", "jsonl")):
        problems = schemas.check_file(kind, paths[ext])
        check(not problems, f"{ext} validates: {problems}")

    # A schema that accepts everything proves nothing: break one value.
    import json
    with open(paths["jsonl"], encoding="utf-8") as f:
        line = json.loads(f.readline())
    line["status"]["canonical"] = "nearly_done"
    check(schemas.errors("item", line), "an unknown status is rejected")
    del line["document"]
    check(schemas.errors("item", line), "a line without its document is rejected")

    for fmt in ("json", "jsonl", "csv"):
        with open(paths[fmt], "rb") as f:
            want = f.read()
        got = subprocess.run([plansift, "output", "--format", fmt, paths["json"]],
                             capture_output=True)
        check(got.returncode == 0, f"output --format {fmt} exits 0: {got.stderr!r}")
        check(got.stdout == want, f"output --format {fmt} gives the library's bytes")
        with open(paths["json"], "rb") as f:
            piped = subprocess.run([plansift, "output", "-f", fmt, "-"], stdin=f,
                                   capture_output=True)
        check(piped.stdout == want, f"output --format {fmt} - reads stdin")

    bad = subprocess.run([plansift, "output", "--format", "xml", paths["json"]],
                         capture_output=True, text=True)
    check(bad.returncode == 2 and bad.stdout == "" and "xml" in bad.stderr,
          f"unknown format is a usage error: {bad.returncode} {bad.stderr!r}")
    notitems = os.path.join(tmp, "other.json")
    with open(notitems, "w") as f:
        f.write('{"schema": "plansift/doc/1", "document": {}, "pages": [], "blocks": []}')
    other = subprocess.run([plansift, "output", notitems], capture_output=True, text=True)
    check(other.returncode == 1 and other.stderr.startswith(f"plansift: {notitems}: "),
          f"not items JSON fails naming the file: {other.returncode} {other.stderr!r}")

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
