#!/usr/bin/env python3
"""Writes the policy seed corpora of the fuzz targets from the repository's
own test inputs: the policy files under examples/ and benches/, and the raw
string literals (r#"..."#) of tests/*.rs, each to the JSON or the TOML
corpus by how it reads. Every TOML policy that parses is also written as
JSON. Run from the repository root: python3 fuzz/seeds.py
"""
import hashlib
import json
import pathlib
import re
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
out = {name: root / "fuzz" / "seeds" / name for name in ("policy_json", "policy_toml")}
for d in out.values():
    d.mkdir(parents=True, exist_ok=True)


def write(target, text, name=None):
    data = text.encode()
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (out[target] / name).write_bytes(data)


def as_json(text, name=None):
    """Writes a TOML document's JSON twin, if the TOML parses."""
    try:
        write("policy_json", json.dumps(tomllib.loads(text), indent=1),
              name and name + ".json")
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        pass


files = sorted((root / "examples").rglob("*.toml")) + sorted((root / "benches").rglob("*.toml"))
for path in files:
    if path.name == "people.toml":
        continue
    text = path.read_text()
    name = path.parent.name + "-" + path.stem
    write("policy_toml", text, name + ".toml")
    as_json(text, name)

raw = re.compile(r'r(#+)"(.*?)"\1', re.S)
for path in sorted((root / "tests").glob("*.rs")):
    for m in raw.finditer(path.read_text()):
        text = m.group(2)
        if "{{" in text or not re.search(r"[=:]", text):
            continue  # a format string, or not a document
        stripped = text.strip()
        if stripped.startswith("{"):
            write("policy_json", text)
        else:
            write("policy_toml", text)
            as_json(text)
