#!/usr/bin/env python3
"""Times pages for scripts/bench-pages: BASE LABEL [EXTRA_PATH...] (signs in as the demo administrator)."""
import http.cookiejar, urllib.request, urllib.parse, re, time, statistics, sys
base = sys.argv[1]; label = sys.argv[2]
jar = http.cookiejar.CookieJar()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
def get(path):
    return opener.open(base + path, timeout=600).read().decode()
html = get("/login")
token = re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
data = urllib.parse.urlencode({"email": "admin@anphat.vn", "password": "calldesk123", "_csrf": token}).encode()
try:
    opener.open(base + "/login", data=data, timeout=60)
except urllib.error.HTTPError as e:
    assert e.code in (302, 303), e.code
pages = [("customer list, page 1", "/customers"),
         ("customer list, page 200", "/customers?page=200"),
         ("customer search by phone", "/customers?q=0912345678"),
         ("customer search by name", "/customers?q=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Lan"),
         ("report page, today (defaults)", "/reports/telesales?now=2026-11-30T17:00:00%2B07:00"),
         ("report page, month", "/reports/telesales?created_from=2026-11-01&created_to=2026-11-30&calls_from=2026-11-01&calls_to=2026-11-30&now=2026-11-30T17:00:00%2B07:00")]
extra = sys.argv[3:] 
for name, path in pages + [(p, p) for p in extra]:
    get(path)  # warm
    times = []
    for _ in range(10):
        t = time.perf_counter(); body = get(path); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"| {name} | {label} | 10 | {statistics.median(times):.1f} | {times[int(0.95*(len(times)-1)+0.5)]:.1f} |")
