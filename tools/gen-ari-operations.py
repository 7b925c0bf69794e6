#!/usr/bin/env python3
"""Writes tests/data/ari-operations.tsv: the ARI REST operations ARI Supervisor sends, as the
Asterisk Swagger description (api-docs/*.json) defines them.

Usage: tools/gen-ari-operations.py [API_DOCS_DIR] [-o OUTPUT]

API_DOCS_DIR defaults to ../shared/ari-api-docs next to the repository; OUTPUT defaults to
tests/data/ari-operations.tsv in the repository. Only the operations listed in USED below are
written; everything in a row (nickname, parameter names, which are required, which accept several
values, types, allowed values) is read from the Swagger files, never typed here.

Columns (tab separated; lists are comma separated, empty when there is nothing):
  resource        the Swagger file the operation comes from (channels, bridges, ...)
  nickname        the Swagger nickname (what AriRequest::operation holds)
  method          GET, POST, PUT or DELETE
  path            the path template, e.g. /channels/{channelId}/play/{playbackId}
  query_required  query parameters the operation requires
  query_optional  query parameters it also accepts
  query_multiple  query parameters that take several values (allowMultiple)
  body            parameters sent in the JSON body (e.g. originate's variables)
  query_types     non-string query parameters as name:type (int, long, boolean)
  query_values    query parameters with a fixed list of values, as name=v1|v2|...; name2=...
"""

import argparse
import json
import os
import sys

# (resource file, HTTP method, path template) of every operation the client's builders produce.
USED = [
    ("asterisk", "GET", "/asterisk/info"),
    ("asterisk", "GET", "/asterisk/variable"),
    ("applications", "GET", "/applications"),
    ("applications", "GET", "/applications/{applicationName}"),
    ("sounds", "GET", "/sounds"),
    ("sounds", "GET", "/sounds/{soundId}"),
    ("channels", "GET", "/channels"),
    ("channels", "POST", "/channels"),
    ("channels", "GET", "/channels/{channelId}"),
    ("channels", "DELETE", "/channels/{channelId}"),
    ("channels", "POST", "/channels/{channelId}/answer"),
    ("channels", "POST", "/channels/{channelId}/ring"),
    ("channels", "DELETE", "/channels/{channelId}/ring"),
    ("channels", "POST", "/channels/{channelId}/play"),
    ("channels", "POST", "/channels/{channelId}/play/{playbackId}"),
    ("channels", "POST", "/channels/{channelId}/record"),
    ("channels", "POST", "/channels/{channelId}/dtmf"),
    ("channels", "POST", "/channels/{channelId}/moh"),
    ("channels", "DELETE", "/channels/{channelId}/moh"),
    ("channels", "GET", "/channels/{channelId}/variable"),
    ("channels", "POST", "/channels/{channelId}/variable"),
    ("channels", "POST", "/channels/{channelId}/snoop"),
    ("bridges", "GET", "/bridges"),
    ("bridges", "POST", "/bridges"),
    ("bridges", "GET", "/bridges/{bridgeId}"),
    ("bridges", "DELETE", "/bridges/{bridgeId}"),
    ("bridges", "POST", "/bridges/{bridgeId}/addChannel"),
    ("bridges", "POST", "/bridges/{bridgeId}/removeChannel"),
    ("bridges", "POST", "/bridges/{bridgeId}/play"),
    ("bridges", "POST", "/bridges/{bridgeId}/play/{playbackId}"),
    ("bridges", "POST", "/bridges/{bridgeId}/record"),
    ("bridges", "POST", "/bridges/{bridgeId}/moh"),
    ("bridges", "DELETE", "/bridges/{bridgeId}/moh"),
    ("playbacks", "GET", "/playbacks/{playbackId}"),
    ("playbacks", "DELETE", "/playbacks/{playbackId}"),
    ("playbacks", "POST", "/playbacks/{playbackId}/control"),
    ("recordings", "GET", "/recordings/stored"),
    ("recordings", "GET", "/recordings/stored/{recordingName}"),
    ("recordings", "DELETE", "/recordings/stored/{recordingName}"),
    ("recordings", "POST", "/recordings/stored/{recordingName}/copy"),
    ("recordings", "GET", "/recordings/stored/{recordingName}/file"),
    ("recordings", "GET", "/recordings/live/{recordingName}"),
    ("mailboxes", "PUT", "/mailboxes/{mailboxName}"),
    ("recordings", "DELETE", "/recordings/live/{recordingName}"),
    ("recordings", "POST", "/recordings/live/{recordingName}/stop"),
    ("recordings", "POST", "/recordings/live/{recordingName}/pause"),
    ("recordings", "DELETE", "/recordings/live/{recordingName}/pause"),
    ("recordings", "POST", "/recordings/live/{recordingName}/mute"),
    ("recordings", "DELETE", "/recordings/live/{recordingName}/mute"),
]

COLUMNS = ["resource", "nickname", "method", "path", "query_required", "query_optional",
           "query_multiple", "body", "query_types", "query_values"]


def load_operations(docs_dir, resource):
    """Maps (method, path) to the Swagger operation object for one resource file."""
    file_name = os.path.join(docs_dir, resource + ".json")
    with open(file_name, encoding="utf-8") as handle:
        listing = json.load(handle)
    operations = {}
    for api in listing.get("apis", []):
        for operation in api.get("operations", []):
            operations[(operation["httpMethod"].upper(), api["path"])] = operation
    return operations


def describe(resource, method, path, operation):
    query_required, query_optional, query_multiple, body, types, values = [], [], [], [], [], []
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        kind = parameter.get("paramType")
        if kind == "body":
            body.append(name)
            continue
        if kind != "query":
            continue
        (query_required if parameter.get("required") else query_optional).append(name)
        if parameter.get("allowMultiple"):
            query_multiple.append(name)
        data_type = parameter.get("dataType", "string")
        if data_type != "string":
            types.append(f"{name}:{data_type}")
        allowable = parameter.get("allowableValues") or {}
        if allowable.get("valueType") == "LIST":
            values.append(f"{name}=" + "|".join(allowable.get("values", [])))
    row = [resource, operation["nickname"], method, path, ",".join(query_required), ",".join(query_optional),
           ",".join(query_multiple), ",".join(body), ",".join(types), ";".join(values)]
    for cell in row:
        if "\t" in cell or "\n" in cell:
            raise ValueError(f"unexpected tab or newline in {resource} {method} {path}: {cell!r}")
    return row


def main():
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", nargs="?", default=os.path.join(repo_root, "..", "shared", "ari-api-docs"),
                        help="directory holding the ARI Swagger files (channels.json, ...)")
    parser.add_argument("-o", "--output", default=os.path.join(repo_root, "tests", "data", "ari-operations.tsv"),
                        help="TSV file to write ('-' for standard output)")
    arguments = parser.parse_args()

    cache = {}
    rows = []
    for resource, method, path in USED:
        if resource not in cache:
            cache[resource] = load_operations(arguments.docs_dir, resource)
        operation = cache[resource].get((method, path))
        if operation is None:
            sys.exit(f"error: {method} {path} is not in {resource}.json")
        rows.append(describe(resource, method, path, operation))

    lines = ["# ARI operations used by ARI Supervisor, generated from the Asterisk ARI Swagger files by "
             "tools/gen-ari-operations.py. Do not edit by hand.",
             "\t".join(COLUMNS)]
    lines += ["\t".join(row) for row in rows]
    text = "\n".join(lines) + "\n"
    if arguments.output == "-":
        sys.stdout.write(text)
    else:
        with open(arguments.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        print(f"wrote {len(rows)} operations to {arguments.output}")


if __name__ == "__main__":
    main()
