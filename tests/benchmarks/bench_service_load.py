"""Load on a local ``sdgmap serve``: N concurrent clients for a fixed time.

    python tests/benchmarks/bench_service_load.py [--clients 8] [--seconds 20] [--workers 1] [--batch 1]

Starts the service on 127.0.0.1 (a free port, never another host), waits for /health,
warms it up, then runs ``--clients`` clients that each send one request after another
until ``--seconds`` have passed (every loop is bounded by that deadline and by
``--max-requests``); then stops the server. Reports requests/s, texts/s, p50/p95/p99
latency, failed requests (not 200) and lost answers (wrong or missing results), and the
memory of each worker process (from /proc, Linux).
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE)]
from _processes import group_members, mib, rss_bytes  # noqa: E402
from _texts import benchmark_texts  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, max_batch: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = "from sdgmap.cli import serve; serve()"
    arguments = ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--max-batch", str(max_batch),
                 "--log-level", "warning"]
    return subprocess.Popen([sys.executable, "-c", code, *arguments], env=env, start_new_session=True)


def wait_until_up(url: str, process: subprocess.Popen, workers: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped while starting")
        try:
            # Every worker must answer: ask a few times more than there are workers.
            if all(httpx.get(f"{url}/health", timeout=2).status_code == 200 for _ in range(4 * workers)):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not start in time")


async def client(url: str, texts: list[str], batch: int, deadline: float, max_requests: int, figures: dict, offset: int):
    async with httpx.AsyncClient(base_url=url, timeout=60) as session:
        i = offset
        while time.monotonic() < deadline and figures["requests"] < max_requests:
            chunk = [texts[(i + k) % len(texts)] for k in range(batch)]
            i += batch
            body = {"text": chunk[0]} if batch == 1 else {"texts": chunk}
            start = time.perf_counter()
            try:
                response = await session.post("/v1/classify", json=body)
            except httpx.HTTPError:
                figures["failed"] += 1
                continue
            figures["latencies"].append(time.perf_counter() - start)
            figures["requests"] += 1
            if response.status_code != 200:
                figures["failed"] += 1
                continue
            answer = response.json()
            results = [answer] if batch == 1 else answer.get("results", [])
            if len(results) != batch or any(len(r.get("goals", ())) != 17 for r in results):
                figures["lost"] += 1


async def load(url: str, texts: list[str], clients: int, seconds: float, batch: int, max_requests: int) -> dict:
    figures = {"requests": 0, "failed": 0, "lost": 0, "latencies": []}
    deadline = time.monotonic() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(client(url, texts, batch, deadline, max_requests, figures, 97 * n) for n in range(clients)))
    figures["seconds"] = time.perf_counter() - start
    return figures


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1, help="texts per request")
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    texts = benchmark_texts(2000, words=60, language="en")[:1000] + benchmark_texts(1000, words=60, language="fr")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, max(args.batch, 256))
    try:
        wait_until_up(url, server, args.workers)
        asyncio.run(load(url, texts, args.clients, min(args.seconds, 5), args.batch, args.max_requests))  # warm-up
        figures = asyncio.run(load(url, texts, args.clients, args.seconds, args.batch, args.max_requests))
        members = [pid for pid in group_members(server.pid) if pid != server.pid or args.workers == 1]
        memory = [rss_bytes(pid) for pid in members]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    latencies = sorted(figures["latencies"])
    n = figures["requests"]
    print(f"{args.clients} clients, {args.seconds:.0f}s, {args.workers} worker(s), {args.batch} text(s) per request, "
          f"~60-word texts, {os.cpu_count()} CPUs (shared with the clients)")
    print(f"  {n:,} requests: {n / figures['seconds']:,.1f} requests/s, {n * args.batch / figures['seconds']:,.0f} texts/s")
    if latencies:
        print(f"  latency p50 {1000 * percentile(latencies, 50):.1f} ms, p95 {1000 * percentile(latencies, 95):.1f} ms, "
              f"p99 {1000 * percentile(latencies, 99):.1f} ms")
    print(f"  failed requests: {figures['failed']}, lost or incomplete answers: {figures['lost']}")
    print(f"  memory (RSS) per process: {', '.join(mib(size) for size in memory)}")
    if figures["failed"] or figures["lost"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
