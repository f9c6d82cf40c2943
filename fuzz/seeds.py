#!/usr/bin/env python3
"""Writes the policy seed corpora of the fuzz targets from the repository's
own test inputs: the policy files under examples/, cli/sample/ and benches/, and the raw
string literals (r#"..."#) of the tests (tests/ and cli/tests/), each to the JSON or the TOML
corpus by how it reads. Every TOML policy that parses is also written as
JSON. Also writes a few inputs near the 64 KiB input limit (long lists of tags,
platforms, settings and rules, a long export and people file) to the
generated corpora in fuzz/corpus/, which are not committed: they are too
big to keep, and they start the fuzzer with inputs as large as it may try.
Run from the repository root: python3 fuzz/seeds.py
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


files = (
    sorted((root / "examples").rglob("*.toml"))
    + sorted((root / "cli" / "sample").glob("*.toml"))
    + sorted((root / "benches").rglob("*.toml"))
)
for path in files:
    if path.name == "people.toml":
        continue
    text = path.read_text()
    name = path.parent.name + "-" + path.stem
    write("policy_toml", text, name + ".toml")
    as_json(text, name)

raw = re.compile(r'r(#+)"(.*?)"\1', re.S)
for path in sorted((root / "tests").rglob("*.rs")) + sorted((root / "cli" / "tests").rglob("*.rs")):
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


# Large seeds, just under 64 KiB each, to the generated corpora.
LIMIT = 60_000
corpus = root / "fuzz" / "corpus"
for name in ("policy_json", "policy_toml", "triage_invitations", "triage_people"):
    (corpus / name).mkdir(parents=True, exist_ok=True)


def fill(item, budget=LIMIT):
    """As many items as fit in the budget, as a list of strings."""
    out, size, i = [], 0, 0
    while size < budget:
        text = item(i)
        out.append(text)
        size += len(text) + 2
        i += 1
    return out


tags = fill(lambda i: '{ tag = "t%d" }' % i)
large = {
    "large-block-list": '[[rules]]\nid = "block-list"\nplatforms = ["linkedin"]\n'
    'when = { not = { any = [%s] } }\ndecision = "decline"\nreason = "not on my list"\n'
    % ", ".join(tags),
    "large-platforms": "platforms = [%s]\n" % ", ".join(fill(lambda i: '"p%d"' % i)),
    "large-settings": "interesting-professions = [%s]\npassions = [%s]\n"
    % (
        ", ".join(fill(lambda i: '"job %d"' % i, LIMIT // 2)),
        ", ".join(fill(lambda i: '"passion %d"' % i, LIMIT // 2)),
    ),
    "large-rules": "".join(
        fill(
            lambda i: '[[rules]]\nid = "r%d"\nwhen = { tag = "t%d" }\n'
            'decision = "accept"\nreason = ""\n' % (i, i)
        )
    ),
    # The compile path: many platform classes, each with rules of its own,
    # one rule on many platforms, one condition over many platforms.
    "large-own-platforms": "platforms = [%s]\n%s"
    % (
        ", ".join('"p%d"' % i for i in range(1500)),
        "".join(
            '[[rules]]\nid = "r%d"\nplatforms = [%s]\nwhen = { star = true }\n'
            'decision = "accept"\nreason = ""\n'
            % (r, ", ".join('"p%d"' % (r * 10 + i) for i in range(10)))
            for r in range(150)
        ),
    ),
    "large-one-rule-platforms": 'platforms = [%s]\n[[rules]]\nid = "wide"\nplatforms = [%s]\n'
    'when = { friend = true }\ndecision = "accept"\nreason = ""\n'
    % (", ".join('"p%d"' % i for i in range(2500)), ", ".join('"p%d"' % i for i in range(2500))),
    "large-any-platform": 'platforms = [%s]\n[[rules]]\nid = "any-platform"\n'
    'when = { any = [%s] }\ndecision = "accept"\nreason = ""\n'
    % (
        ", ".join('"p%d"' % i for i in range(1800)),
        ", ".join('{ platform = "p%d" }' % i for i in range(1800)),
    ),
}
for name, text in large.items():
    (corpus / "policy_toml" / (name + ".toml")).write_text(text)
    compact = json.dumps(tomllib.loads(text), separators=(",", ":"))
    (corpus / "policy_json" / (name + ".json")).write_text(compact)

triage = corpus
rows = fill(
    lambda i: 'Person %d,Me,"1/%d/26, %d:%02d PM",Hello,INCOMING,'
    "https://www.linkedin.com/in/p%d,https://www.linkedin.com/in/me"
    % (i, i % 28 + 1, i % 12 + 1, i % 60, i)
)
(triage / "triage_invitations" / "large.csv").write_text(
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    + "\n".join(rows)
    + "\n"
)
people = fill(
    lambda i: '[people."https://www.linkedin.com/in/p%d"]\nacquaintance = "met-in-person"\n'
    'tags = ["t%d"]\n' % (i, i)
)
(triage / "triage_people" / "large.toml").write_text("".join(people))
