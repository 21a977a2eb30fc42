"""Table of a compare run: one row per server, summed over its rounds, then the ratio
Fogbank/peer of ops (and, for sns-fanout, deliveries) per server CPU-second.

Input lines: SERVER ROUND LOAD1 LOAD5 LOAD15 {driver json}."""
import json
import sys

path, ours, peer = sys.argv[1:4]
runs = {}
for raw in open(path):
    server, rnd, l1, l5, l15, js = raw.split(" ", 5)
    r = json.loads(js)
    r["load1"] = float(l1)
    runs.setdefault(server, []).append(r)

fanout = any("deliveries" in r for rs in runs.values() for r in rs)
head = f"{'server':<9} {'runs':>4} {'load1':>5} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'cpu s':>7} {'ops/cpu-s':>10}"
if fanout:
    head += f" {'deliv/s':>9} {'deliv/cpu-s':>11} {'d-p50 ms':>8} {'d-p99 ms':>8} {'d-max ms':>8} {'undeliv':>7}"
print(head)
per_cpu, deliv_per_cpu = {}, {}
for server, rs in runs.items():
    n = len(rs)
    mean = lambda k: sum(r[k] for r in rs) / n
    ops = sum(r["ops"] for r in rs)
    secs = sum(r["seconds"] for r in rs)
    cpu = sum(r["server_cpu_s"] for r in rs)
    per_cpu[server] = ops / cpu if cpu else 0
    row = (f"{server:<9} {n:>4} {mean('load1'):>5.1f} {ops / secs:>9.1f} {mean('p50_ms'):>8.3f} {mean('p99_ms'):>8.3f}"
           f" {sum(r['errors'] for r in rs):>6} {cpu:>7.2f} {per_cpu[server]:>10.1f}")
    if fanout:
        deliveries = sum(r["deliveries"] for r in rs)
        deliv_per_cpu[server] = deliveries / cpu if cpu else 0
        row += (f" {deliveries / secs:>9.1f} {deliv_per_cpu[server]:>11.1f} {mean('delivery_p50_ms'):>8.3f}"
                f" {mean('delivery_p99_ms'):>8.3f} {max(r['delivery_max_ms'] for r in rs):>8.3f}"
                f" {sum(r['undelivered'] for r in rs):>7}")
    print(row)
if per_cpu.get(peer):
    print(f"ratio {ours}/{peer} (ops per server CPU-second): {per_cpu[ours] / per_cpu[peer]:.2f}")
if deliv_per_cpu.get(peer):
    print(f"ratio {ours}/{peer} (deliveries per server CPU-second): {deliv_per_cpu[ours] / deliv_per_cpu[peer]:.2f}")
