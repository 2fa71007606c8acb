#!/usr/bin/env python3
"""Resident memory of a release server before, during and after bursts that
used to balloon it (issue 11): parallel wrong sign-ins from many addresses
(each its own X-Forwarded-For, so the per-address throttle lets each one
through), then large bad requests.

Usage: bench/memory-burst.py BINARY [--sign-ins N] [--bad-requests N]
The server runs on SQLite in a temporary directory, API only (an empty
--site-root), with --client-ip-header X-Forwarded-For. Prints RSS in MiB
(from /proc/PID/status) and the answers' status counts.
"""
import argparse, collections, concurrent.futures as cf, http.client, json, os
import socket, subprocess, sys, tempfile, time

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def threads(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return 0

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def post(port, path, body, headers):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
        res = conn.getresponse(); res.read(); return res.status
    except (ConnectionError, http.client.HTTPException, OSError) as e:
        return type(e).__name__
    finally:
        conn.close()

def burst(port, n, make, workers):
    counts = collections.Counter()
    with cf.ThreadPoolExecutor(workers) as pool:
        for status in pool.map(lambda i: post(port, *make(i)), range(n)):
            counts[status] += 1
    return dict(counts)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--sign-ins", type=int, default=200)
    ap.add_argument("--bad-requests", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=200)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="slaboard-bench-")
    os.makedirs(f"{tmp}/site")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLABOARD_", "DATABASE_URL"))}
    server = subprocess.Popen(
        [a.binary, "--data-dir", f"{tmp}/data", "--site-root", f"{tmp}/site", "--listen", f"127.0.0.1:{port}",
         "--demo", "--client-ip-header", "X-Forwarded-For"],
        env={**env, "RUST_LOG": "error"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
            except OSError:
                time.sleep(0.2)
        time.sleep(1)
        print(f"start: {rss_mib(server.pid):.0f} MiB")
        login = lambda i: ("/api/auth/login",
                           json.dumps({"email": f"nobody{i}@example.com", "password": "wrong password"}),
                           {"X-Forwarded-For": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"})
        t = time.time(); answers = burst(port, a.sign_ins, login, a.workers)
        print(f"after {a.sign_ins} parallel wrong sign-ins ({time.time() - t:.1f} s, {answers}): "
              f"{rss_mib(server.pid):.0f} MiB, {threads(server.pid)} threads")
        mib = "x" * (1024 * 1024)
        bad = lambda i: ("/api/auth/login", json.dumps({"email": mib, "password": "p"}),
                         {"X-Forwarded-For": f"10.200.{i // 256 % 256}.{i % 256}"})
        t = time.time(); answers = burst(port, a.bad_requests, bad, 50)
        print(f"after {a.bad_requests} bad 1 MiB requests ({time.time() - t:.1f} s, {answers}): "
              f"{rss_mib(server.pid):.0f} MiB, {threads(server.pid)} threads")
        time.sleep(5)
        print(f"5 s later: {rss_mib(server.pid):.0f} MiB")
    finally:
        server.terminate(); server.wait()
        subprocess.run(["rm", "-rf", tmp])

if __name__ == "__main__":
    sys.exit(main())
