#!/usr/bin/env python3
"""Where a Python cold start's time goes before the first Runtime API poll: the interpreter as
PATH finds it (a version manager's shim, if any) or resolved, with or without site, and the
Python bootstrap's imports before and after the lean list. Prints wall and CPU (user + sys of the
child; barely moved by other load) medians over RUNS (15) starts.

    python3 bench/scripts/python-start.py
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

RUNS = int(os.environ.get("RUNS", "15"))
ON_PATH = shutil.which("python3")
REAL = subprocess.run([ON_PATH, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True).stdout.strip()
OLD = "import http.client, importlib, json, os, sys, time, traceback"
NEW = "import importlib, json, os, socket, sys, time"
CASES = [
    ("python3 on PATH, site, old imports", [ON_PATH, "-u", "-c", OLD]),
    ("resolved, site, old imports", [REAL, "-u", "-c", OLD]),
    ("resolved, -S, old imports", [REAL, "-u", "-S", "-c", OLD]),
    ("resolved, -S, new imports", [REAL, "-u", "-S", "-c", NEW]),
    ("resolved, -S, nothing imported", [REAL, "-u", "-S", "-c", "pass"]),
]

print("# %s -> %s; load %s" % (ON_PATH, REAL, open("/proc/loadavg").read().split()[0]))
for name, cmd in CASES:
    wall, cpu = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    print("%-36s wall p50 %6.1f ms   cpu p50 %6.1f ms" % (name, statistics.median(wall), statistics.median(cpu)))
