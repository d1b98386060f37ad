#!/usr/bin/env python3
"""check_json.py PLANSIFT FIXTURES: `plansift eval --json` writes one JSON
object with the documented keys, in order, and the expected figures."""
import json
import subprocess
import sys

plansift, fixtures = sys.argv[1], sys.argv[2]
run = subprocess.run([plansift, "eval", "--gold", f"{fixtures}/gold", "--json",
                      f"{fixtures}/run-ok"], capture_output=True, text=True)
assert run.returncode == 0, run.stderr
report = json.loads(run.stdout)

FIELDS = ["text", "ref", "section", "owners", "due_start", "due_end",
          "due_kind", "status", "rag", "links"]
SCORE = ["gold", "pred", "matched", "precision", "recall", "f1", "fields", "owners"]
assert list(report) == ["schema", "documents", "overall", "missing"], list(report)
assert report["schema"] == "plansift/eval/1"
names = [d["name"] for d in report["documents"]]
assert names == ["plan.chromium.pdf", "plan.html", "small.libreoffice.pdf"], names
for doc in report["documents"]:
    assert list(doc) == ["name", "gold_name"] + SCORE, list(doc)
    assert list(doc["fields"]) == FIELDS, list(doc["fields"])
    for field in doc["fields"].values():
        assert list(field) == ["correct", "total", "accuracy"], list(field)
    assert list(doc["owners"]) == ["matched", "pred", "gold", "precision", "recall", "f1"]
overall = report["overall"]
assert list(overall) == ["documents"] + SCORE, list(overall)
assert (overall["documents"], overall["gold"], overall["pred"], overall["matched"]) == (3, 14, 13, 13)
assert overall["precision"] == 1 and overall["recall"] == 0.9286 and overall["f1"] == 0.963, overall
assert overall["fields"]["due_start"] == {"correct": 12, "total": 13, "accuracy": 0.9231}
assert report["missing"] == []
chromium = report["documents"][0]
assert chromium["gold_name"] == "plan" and chromium["recall"] == 0.8333
print("eval --json: ok")
