#!/usr/bin/env python3
"""Seeds the fuzzers' corpora from the ARI reference transcripts (JSON lines captured from a real
Asterisk 22).

    fuzz/extract-corpus.py [TRANSCRIPT_DIR]      (default: ../shared/ari-reference next to the project)

Writes fuzz/corpus/ari_event/ (the `event` of every ws-event line) and fuzz/corpus/ari_response/
(the `body` of every JSON rest-response line), one file per input, named by the SHA-1 of its bytes.
To keep the committed corpus small, only the first input of each shape is kept: events by type and
set of keys, bodies by request path pattern and set of keys. The settings corpus
(fuzz/corpus/settings/) is written by hand and left alone.
"""
import hashlib
import json
import pathlib
import re
import sys

project = pathlib.Path(__file__).resolve().parent.parent
source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else project.parent / "shared" / "ari-reference"
corpus = project / "fuzz" / "corpus"


def keys_of(value):
    """The shape of a JSON value: its nested keys (objects) or the shape of its first element (arrays)."""
    if isinstance(value, dict):
        return tuple(sorted((key, keys_of(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("[]", keys_of(value[0]) if value else None)
    return type(value).__name__


def path_pattern(path):
    """/ari/channels/ari-acceptance-1795676484.32/answer -> /ari/channels/*/answer"""
    return re.sub(r"/[^/]*[0-9][^/]*", "/*", path)


def write(folder, text, written):
    data = text.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    written.add(name)


def main():
    transcripts = sorted(source.glob("*.jsonl"))
    if not transcripts:
        sys.exit(f"no *.jsonl transcripts in {source}")
    events, responses = {}, {}
    for transcript in transcripts:
        for line in transcript.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("kind") == "ws-event":
                event = record["event"]
                events.setdefault((event.get("type"), keys_of(event)), event)
            elif record.get("kind") == "rest-response" and record.get("bodyKind") == "json":
                shape = (record.get("method"), path_pattern(record.get("path", "")), keys_of(record["body"]))
                responses.setdefault(shape, record["body"])
    for name, inputs in (("ari_event", events), ("ari_response", responses)):
        folder = corpus / name
        for old in folder.glob("*"):
            old.unlink()
        written = set()
        for value in inputs.values():
            write(folder, json.dumps(value, separators=(",", ":"), ensure_ascii=False), written)
        print(f"{folder.relative_to(project)}: {len(written)} inputs")


if __name__ == "__main__":
    main()
