#!/usr/bin/env python3
"""Telesales report benchmark: p50/p95 of warm HTTP requests against a running `calldesk serve`,
and the same report SQL in DuckDB on the same data. Used by scripts/bench-report."""
import json, os, sqlite3, statistics, subprocess, sys, time, urllib.request

NOW = "2026-11-30T17:00:00+07:00"
MONTH = "created_from=2026-11-01&created_to=2026-11-30&calls_from=2026-11-01&calls_to=2026-11-30"


def timed_get(base, path, key, runs, warmups=2):
    times = []
    for i in range(runs + warmups):  # warm-up requests are not counted
        request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + key})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response:
            body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if i >= warmups:
            times.append(elapsed)
    return times, body


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def bench_http(label, base, admin_key, head_key, head_id, runs):
    rows = []
    queries = [
        ("month, all staff", f"/api/v1/reports/telesales?{MONTH}&now={NOW}", admin_key),
        ("today (defaults)", f"/api/v1/reports/telesales?now={NOW}", admin_key),
        ("month, as a department head", f"/api/v1/reports/telesales?{MONTH}&now={NOW}", head_key),
        ("drill-down: total · members, page 1", f"/api/v1/reports/telesales/members?{MONTH}&now={NOW}&row=total&metric=members&per_page=50", admin_key),
    ]
    # A query slower than 5 s per run gets SLOW_RUNS runs (default: all of them), so a slow database
    # still finishes: the table says how many runs each figure is from.
    slow_runs = int(os.environ.get("SLOW_RUNS", runs))
    for name, path, key in queries:
        probe, _ = timed_get(base, path.replace("+", "%2B"), key, 1, warmups=0)  # also warms the cache
        n = runs if probe[0] < 5000 else slow_runs
        times, body = timed_get(base, path.replace("+", "%2B"), key, n, warmups=1)
        info = json.loads(body)
        size = info["total"]["members"] if "total" in info and isinstance(info["total"], dict) else info.get("total")
        rows.append((name, label, len(times), pct(times, 50), pct(times, 95), size))
    return rows


def duckdb_ratio(sqlite_path, sql_month, sql_today, runs, workdir):
    """Copies the report's tables from SQLite into DuckDB (through CSV files) and times the same SQL."""
    import csv
    import duckdb
    # Kept in the work folder: a later run with the same WORKDIR reuses the copy.
    con = duckdb.connect(os.path.join(workdir, "report.duckdb"))
    src = sqlite3.connect(sqlite_path)
    tables = ["customers", "customer_phones", "calls", "tasks", "orders", "payments", "opportunities",
              "customer_sources", "customer_group_members", "campaigns", "users"]
    load = time.perf_counter()
    present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in tables:
        if table in present:
            continue
        info = list(src.execute(f"PRAGMA table_info({table})"))
        columns = {r[1]: ("BIGINT" if r[2].upper() in ("INTEGER", "BIGINT") else
                          "BOOLEAN" if r[2].upper() == "BOOLEAN" else "VARCHAR") for r in info}
        path = os.path.join(workdir, table + ".csv")
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns.keys())
            cursor = src.execute(f"SELECT * FROM {table}")
            while True:
                batch = cursor.fetchmany(100_000)
                if not batch:
                    break
                writer.writerows(batch)
        spec = ", ".join(f"'{c}': '{t}'" for c, t in columns.items())
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header=true, columns={{{spec}}})")
        os.remove(path)
    load = time.perf_counter() - load
    out = {}
    for name, sql in (("month", sql_month), ("today", sql_today)):
        times = []
        for i in range(runs + 2):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            if i >= 2:
                times.append((time.perf_counter() - start) * 1000)
        out[name] = (pct(times, 50), pct(times, 95))
    return out, load


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "http":
        base, label, admin_key, head_key, head_id, runs = sys.argv[2:8]
        for row in bench_http(label, base, admin_key, head_key, head_id, int(runs)):
            print("| %s | %s | %d | %.1f | %.1f | %s |" % row)
    elif mode == "duckdb":
        sqlite_path, month_file, today_file, runs, workdir = sys.argv[2:7]
        result, load = duckdb_ratio(sqlite_path, open(month_file).read(), open(today_file).read(), int(runs), workdir)
        print(json.dumps({"month": result["month"], "today": result["today"], "load_seconds": load}))
