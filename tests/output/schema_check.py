#!/usr/bin/python3
"""schema_check.py SCHEMAS KIND FILE...: validates plansift output against
the JSON Schemas in SCHEMAS.  KIND is document (items JSON), item (every
line of a JSONL file), manifest or timings.  Also imported by the other
test scripts."""
import json
import os
import sys
import warnings

import jsonschema

SCHEMA_FILES = {
    "document": "document.schema.json",
    "item": "item.schema.json",
    "manifest": "manifest.schema.json",
    "timings": "timings.schema.json",
}


class Schemas:
    """Every schema of the folder, with cross-file $refs resolved locally."""

    def __init__(self, folder):
        self.schemas = {}
        for kind, name in SCHEMA_FILES.items():
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                self.schemas[kind] = json.load(f)
        cls = jsonschema.Draft202012Validator
        for schema in self.schemas.values():
            cls.check_schema(schema)
        store = {s["$id"]: s for s in self.schemas.values()}
        self.validators = {}
        for kind, schema in self.schemas.items():
            with warnings.catch_warnings():
                # RefResolver is deprecated in newer jsonschema, which still
                # accepts it; Debian 12 ships one without the replacement.
                warnings.simplefilter("ignore", DeprecationWarning)
                resolver = jsonschema.RefResolver.from_schema(schema, store=store)
                self.validators[kind] = cls(schema, resolver=resolver)

    def errors(self, kind, instance):
        return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
                for e in self.validators[kind].iter_errors(instance)]

    def check_file(self, kind, path):
        """Returns the problems of one file, as strings naming it."""
        with open(path, encoding="utf-8") as f:
            text = f.read()
        problems = []
        if kind == "item":
            for n, line in enumerate(text.split("\n")[:-1], 1):
                problems += [f"{path}:{n}: {e}" for e in self.errors(kind, json.loads(line))]
            if text and not text.endswith("\n"):
                problems.append(f"{path}: no newline at the end")
        else:
            problems += [f"{path}: {e}" for e in self.errors(kind, json.loads(text))]
        return problems


def main():
    schemas = Schemas(sys.argv[1])
    kind = sys.argv[2]
    problems = []
    for path in sys.argv[3:]:
        problems += schemas.check_file(kind, path)
    for p in problems:
        print(p)
    print(f"{len(sys.argv) - 3} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
