#!/usr/bin/env python3
"""An acknowledged call survives a crash (issue "Calls from real phone systems", exactly once).

scripts/crash_test.py CALLDESK_BIN DATABASE_URL

Starts `calldesk serve` on DATABASE_URL (a company must already be loaded), adds a Getfly and a native
connection, then pushes from 8 clients at once — single Getfly CDRs and native batches of 50 — and kills
the server with SIGKILL while they are in flight. Afterwards, read straight from the database:
  * every call the server answered 200 (created or duplicate) is stored;
  * every batch is stored whole or not at all (a batch is one transaction);
  * a second server on the same database takes the unanswered pushes again, each stored once.
Bounded: each client stops at its first connection error or after 4,000 requests.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

binary, database = sys.argv[1], sys.argv[2]


def run(*args):
    return subprocess.run([binary, *args, "--database", database], check=True, capture_output=True, text=True).stdout


def secret_of(output):
    return next(line.split(": ", 1)[1] for line in output.splitlines() if line.startswith("secret: "))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port, log):
    process = subprocess.Popen([binary, "serve", "--database", database, "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    sys.exit("crash_test: calldesk serve did not start")


def stored_ids(provider):
    """The PBX call ids stored for a connection code, read straight from the database (sqlite3 or psql)."""
    query = "SELECT pbx_call_id FROM calls WHERE provider = '%s'" % provider
    if database.startswith("sqlite://"):
        command = ["sqlite3", "-batch", "-noheader", database[len("sqlite://"):], query]
    else:
        command = ["psql", database, "-qAt", "-c", query]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    ids = out.split()
    if len(ids) != len(set(ids)):
        sys.exit("crash_test: FAILED: a call is stored twice")
    return set(ids)


getfly = secret_of(run("pbx", "add", "--provider", "getfly", "--name", "crash getfly", "--code", "CRASHG"))
native = secret_of(run("pbx", "add", "--provider", "native", "--name", "crash native", "--code", "CRASHN"))
port = free_port()
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "w")
server = serve(port, log)

acknowledged_single, acknowledged_batch, attempted_batches = set(), set(), set()
lock = threading.Lock()


def single_body(uuid):
    return urllib.parse.urlencode({"secret": getfly, "phone": "0912%06d" % (hash(uuid) % 1000000),
                                   "extension": "101", "uuid": uuid, "type": "outbound",
                                   "time": "2026-11-29 09:15:02", "duration": "18", "status": "answered"})


def batch_body(batch):
    return json.dumps({"calls": [{"id": "%s-%d" % (batch, i), "direction": "outbound", "extension": "101",
                                  "remote_number": "0913%06d" % i, "started_at": "2026-11-29T09:15:02+07:00",
                                  "talk_seconds": 10, "result": "answered"} for i in range(50)]})


def client(k):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for n in range(4000):
        try:
            if n % 10 == 9:
                batch = "b%d-%d" % (k, n)
                with lock:
                    attempted_batches.add(batch)
                connection.request("POST", "/api/v1/calls", batch_body(batch),
                                   {"Authorization": "Bearer " + native, "Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    with lock:
                        acknowledged_batch.add(batch)
            else:
                uuid = "s%d-%d" % (k, n)
                connection.request("POST", "/api/callcenter/cdr", single_body(uuid),
                                   {"Content-Type": "application/x-www-form-urlencoded"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    with lock:
                        acknowledged_single.add(uuid)
        except (OSError, http.client.HTTPException):
            return


threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
time.sleep(1.5)
server.send_signal(signal.SIGKILL)
server.wait()
for t in threads:
    t.join(timeout=30)

failures = []
singles, batch_calls = stored_ids("CRASHG"), stored_ids("CRASHN")
print("crash_test: killed the server with %d single calls and %d batches acknowledged; %d single and %d batch calls "
      "stored" % (len(acknowledged_single), len(acknowledged_batch), len(singles), len(batch_calls)))
if len(acknowledged_single) < 50 or not acknowledged_batch:
    failures.append("too few pushes were acknowledged before the kill (%d single, %d batches) for the test to mean "
                    "anything" % (len(acknowledged_single), len(acknowledged_batch)))
missing = sorted(acknowledged_single - singles)
if missing:
    failures.append("%d acknowledged single calls are not stored, e.g. %s" % (len(missing), missing[:5]))
for batch in sorted(attempted_batches):
    n = sum(1 for i in range(50) if "%s-%d" % (batch, i) in batch_calls)
    if batch in acknowledged_batch and n != 50:
        failures.append("acknowledged batch %s has %d of its 50 calls" % (batch, n))
    if n not in (0, 50):
        failures.append("batch %s was half-written: %d of 50 calls" % (batch, n))

# The PBX retries what got no answer: a second server stores each of those once, and the rest as duplicates.
server = serve(port, log)
retried = set()
try:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for k in range(8):
        for n in range(0, 4000):
            uuid = "s%d-%d" % (k, n)
            if uuid in acknowledged_single or n % 10 == 9:
                continue
            c.request("POST", "/api/callcenter/cdr", single_body(uuid), {"Content-Type": "application/x-www-form-urlencoded"})
            answer = json.loads(c.getresponse().read())
            # Created, or duplicate when it was committed but its answer lost with the server.
            expected = "duplicate" if uuid in singles else "created"
            retried.add(uuid)
            if answer.get("status") != expected:
                failures.append("retry of %s: expected %s, got %s" % (uuid, expected, answer))
            break  # the first unanswered call of each client is enough to show a retry lands
    for uuid in list(acknowledged_single)[:20]:
        c.request("POST", "/api/callcenter/cdr", single_body(uuid), {"Content-Type": "application/x-www-form-urlencoded"})
        answer = json.loads(c.getresponse().read())
        if answer.get("status") != "duplicate":
            failures.append("a replay of acknowledged %s was answered %s" % (uuid, answer))
finally:
    server.kill()
    server.wait()
after = stored_ids("CRASHG")
if after != singles | retried:
    failures.append("after the retries %d single calls are stored; expected %d" % (len(after), len(singles | retried)))

if failures:
    print("crash_test: FAILED\n  " + "\n  ".join(failures[:20]))
    sys.exit(1)
print("crash_test: passed (every acknowledged call stored once, no batch half-written, retries stored once)")
