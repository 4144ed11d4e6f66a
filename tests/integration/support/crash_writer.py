#!/usr/bin/env python3
"""Writes versions to beraad-server as fast as it answers, one thread per
document, and records every write the server acknowledged (201) before the
answer is used: one line "<document> <version> <content hash>" per write,
flushed and fsynced. Ends when the server goes away (it is killed) or after
a bounded number of writes or seconds.

Usage: crash_writer.py BASE_URL TOKEN CONTENT_FILE OUT_FILE MAX_SECONDS DOCUMENT...
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

MAX_WRITES_PER_DOCUMENT = 5000


def main():
    base, token, content_file, out_file, max_seconds = sys.argv[1:6]
    documents = sys.argv[6:]
    url = urllib.parse.urlsplit(base)
    template = open(content_file, encoding="utf-8").read()
    deadline = time.monotonic() + float(max_seconds)
    lock = threading.Lock()
    out = open(out_file, "a", encoding="utf-8")

    def write(document):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        headers = {"Authorization": "Bearer " + token}
        for n in range(MAX_WRITES_PER_DOCUMENT):
            if time.monotonic() > deadline:
                return
            try:
                connection.request("GET", "/api/v1/documenten/" + document, headers=headers)
                answer = connection.getresponse()
                answer.read()
                etag = answer.getheader("ETag")
                body = template.replace("binnen vijf werkdagen",
                                        "binnen %d werkdagen" % (n + 6), 1)
                # The content names the document's region ("AM14-convenant-1").
                body = body.replace('regio="AM05"', 'regio="%s"' % document.split("-")[0], 1)
                connection.request(
                    "POST", "/api/v1/documenten/%s/versies?bericht=crash-%d" % (document, n),
                    body=body.encode("utf-8"),
                    headers=dict(headers, **{"Content-Type": "application/xml", "If-Match": etag}))
                answer = connection.getresponse()
                text = answer.read()
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            if answer.status != 201:
                continue  # a conflict with ourselves cannot happen; anything else is not acknowledged
            version = json.loads(text)
            with lock:
                out.write("%s %d %s\n" % (document, version["nummer"], version["inhoudHash"]))
                out.flush()
                os.fsync(out.fileno())

    threads = [threading.Thread(target=write, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
