"""Issue 19, runtime side, at full size: workers, determinism, locks, the web app (run by bench/faults.py).

Every case runs the real command line (``dateline run``, ``stats``, ``ingest``, ``serve``) as a subprocess
with the caller's ``PYTHONPATH`` on the demo corpus (``examples/``, 15 articles), and looks at processes
(``/proc``), exit statuses, stderr, the files written and HTTP answers. Runs use ``--jobs 2 --batch-size 1``
so that two workers share the documents and finish them in an order of their own. Linux only (``/proc``).

A store (``dateline.duckdb``) is compared by its tables' rows, not its bytes: DuckDB's file layout depends
on the order and size of its transactions (a resumed run writes in more of them), not only on the data.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
from fault_case import Case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RUN_ARGS = ["--jobs", "2", "--batch-size", "1"]
TOKEN = "faults-runtime-token"
SURVIVAL_WAIT = 5.0  # seconds a worker may take to notice that its parent is gone
READ_LIMIT = 0.100  # seconds: the longest a read may take while a POST is processed
_TMP = Path(tempfile.mkdtemp(prefix="faults-runtime-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


def _cli() -> list[str]:
    """The `dateline` console script run by this interpreter (so that /proc names it), else the module."""
    script = Path(sys.executable).with_name("dateline")
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-c", "from dateline.cli.main import main; main()"]


CLI = _cli()


def _fresh(name: str) -> Path:
    path = _TMP / name
    shutil.rmtree(path, ignore_errors=True)
    return path


def _run_args(out: Path) -> list[str]:
    return [*CLI, "run", str(EXAMPLES), "--out", str(out), *RUN_ARGS]


def _run(out: Path, *, timeout: float = 900) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run(_run_args(out), capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    return done.returncode, done.stderr, time.perf_counter() - started


@dataclass(frozen=True)
class Reference:
    """One uninterrupted run of the demo corpus: the outputs every other run must match, and its phases (seconds
    from the start): the first worker seen, and the end of the first pool (the stages; the corpus steps follow),
    when the store's write-ahead log had ``wal_bytes`` (the documents written by then)."""

    out: Path
    seconds: float
    first_worker: float
    pool_end: float
    wal_bytes: int


@cache
def _reference() -> Reference:
    out = _fresh("reference")
    err = _TMP / "reference.err"
    with err.open("w") as stderr:
        proc = subprocess.Popen(_run_args(out), stdout=subprocess.DEVNULL, stderr=stderr, env=os.environ.copy())
        started = time.perf_counter()
        first: set[int] = set()
        first_worker = pool_end = None
        wal = 0
        while proc.poll() is None:
            workers = {pid for pid in _descendants(proc.pid) if _is_worker(pid)}
            now = time.perf_counter() - started
            if workers and first_worker is None:
                first_worker = now
            if len(first) < 2:  # the first pool: its two workers (a later pool has other pids)
                first |= workers
            elif pool_end is None and not any(_alive(pid) for pid in first):
                pool_end = now
            if pool_end is None:
                wal = max(wal, _wal_bytes(out))
            time.sleep(0.1)
        seconds = time.perf_counter() - started
    if proc.returncode != 0 or first_worker is None:
        raise RuntimeError(f"the reference run failed ({proc.returncode}): {_last_line(err.read_text())}")
    return Reference(out, seconds, first_worker, pool_end if pool_end is not None else seconds, wal)


def _wal_bytes(out: Path) -> int:
    """Size of the store's write-ahead log: it grows with every batch of documents a run commits."""
    with contextlib.suppress(OSError):
        return (out / "dateline.duckdb.wal").stat().st_size
    return 0


# -- comparing outputs --------------------------------------------------------------------------------------------
def _table_rows(db: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}
    finally:
        con.close()


def _differences(a: Path, b: Path) -> list[str]:
    """Files (and store tables) that differ between two output folders."""
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*") if p.is_file()})
    out = []
    for name in names:
        left, right = a / name, b / name
        if not (left.exists() and right.exists()):
            out.append(f"{name} (missing in one)")
        elif name.suffix == ".duckdb":
            rows_a, rows_b = _table_rows(left), _table_rows(right)
            out.extend(f"{name}:{t}" for t in sorted(set(rows_a) | set(rows_b)) if rows_a.get(t) != rows_b.get(t))
        elif left.read_bytes() != right.read_bytes():
            out.append(str(name))
    return out


def _file_count(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


# -- processes ----------------------------------------------------------------------------------------------------
def _ppid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _descendants(root: int) -> set[int]:
    parents = {int(p.name): _ppid(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _is_worker(pid: int) -> bool:
    try:
        return b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes() and b"resource_tracker" not in \
            Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def _rss_mb(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return total / 2**20


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


# -- item 6: kill -9 of `dateline run` ---------------------------------------------------------------------------
def _kill_and_resume(point: str) -> Callable[[], tuple[bool, str]]:
    """kill -9 `dateline run` at ``point``: "model load" (2 s after its workers start), "mid-run" (about half the
    documents written, by the size of the store's log), "late" (its workers done: the corpus steps). No worker may survive;
    the same command run again must finish the job with outputs identical to an uninterrupted run's."""

    def run() -> tuple[bool, str]:
        ref = _reference()
        out = _fresh(f"killed-{point}")
        proc = subprocess.Popen(_run_args(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
        workers: set[int] = set()
        first: set[int] = set()
        started = time.perf_counter()
        first_worker = None
        while proc.poll() is None:
            workers |= {pid for pid in _descendants(proc.pid) if _is_worker(pid)}
            elapsed = time.perf_counter() - started
            if workers and first_worker is None:
                first_worker = elapsed
            if len(first) < 2:
                first |= workers
            since = elapsed - first_worker if first_worker is not None else -1.0
            due = {"model load": len(workers) >= 2 and since >= 2,
                   "mid-run": len(workers) >= 2 and _wal_bytes(out) >= 0.5 * ref.wal_bytes,
                   "late": len(first) >= 2 and not any(_alive(pid) for pid in first)}[point]
            if due:
                break
            time.sleep(0.05)
        if proc.poll() is not None:
            return False, f"the run ended ({proc.returncode}) before the kill point ({time.perf_counter() - started:.0f}s)"
        live = {pid for pid in workers if _alive(pid)}
        rss = _rss_mb(live)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at = time.perf_counter() - started
        deadline = time.monotonic() + SURVIVAL_WAIT
        while any(_alive(pid) for pid in live) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = sorted(pid for pid in live if _alive(pid))
        for pid in survivors:  # leave the machine clean for the next case
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        stored = _stored(out / "dateline.duckdb")
        rc, err, _ = _run(out)
        diffs = _differences(ref.out, out) if rc == 0 else ["(resume failed)"]
        ok = not survivors and rc == 0 and not diffs
        return ok, (f"killed at {killed_at:.0f}s ({stored}/15 documents stored, {len(live)} live workers, "
                    f"{rss:.0f} MB): {len(survivors)} alive "
                    f"after {SURVIVAL_WAIT:.0f}s; re-run rc {rc}" + (f" {_last_line(err)}" if rc else "")
                    + (f", outputs identical to an uninterrupted run ({_file_count(out)} files)" if not diffs
                       else f", differs: {', '.join(diffs[:4])}"))

    return run


def _stored(db: Path) -> int:
    """Documents in a store (0 when there is none yet)."""
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


# -- item 7: determinism ------------------------------------------------------------------------------------------
def two_runs_identical() -> tuple[bool, str]:
    ref = _reference()
    again = _fresh("again")
    rc, err, seconds = _run(again)
    if rc != 0:
        return False, f"second run failed ({rc}): {_last_line(err)}"
    diffs = _differences(ref.out, again)
    return not diffs, (f"{_file_count(again)} files compared (store by table rows), runs of {ref.seconds:.0f}s and {seconds:.0f}s: "
                       + ("all identical" if not diffs else f"differ: {', '.join(diffs[:6])}"))


# -- item 8: lock conflicts ---------------------------------------------------------------------------------------
@contextlib.contextmanager
def _running(out: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A `dateline run` writing ``out`` (killed on exit), once its store is open."""
    proc = subprocess.Popen(_run_args(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while not (out / "dateline.duckdb").exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        time.sleep(1.0)
        yield proc
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process and its workers (SIGTERM, then SIGKILL)."""
    children = _descendants(proc.pid)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for pid in children:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _one_line_lock(done: subprocess.CompletedProcess[str], holder: int, command: str) -> tuple[bool, str]:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    named = f"process {holder} ({command})"
    ok = done.returncode == 3 and len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr
    return ok, f"exit {done.returncode}, {len(lines)} line(s) on stderr: {(lines[0] if len(lines) == 1 else _last_line(done.stderr))[:150]}"


def second_run_same_out() -> tuple[bool, str]:
    out = _fresh("locked-run")
    with _running(out) as first:
        started = time.perf_counter()
        done = subprocess.run(_run_args(out), capture_output=True, text=True, timeout=120, env=os.environ.copy())
        seconds = time.perf_counter() - started
    ok, outcome = _one_line_lock(done, first.pid, "dateline run")
    return ok, f"{outcome} ({seconds:.1f}s)"


def stats_during_run() -> tuple[bool, str]:
    out = _fresh("locked-stats")
    with _running(out) as first:
        done = subprocess.run([*CLI, "stats", "--db", str(out / "dateline.duckdb")], capture_output=True, text=True,
                              timeout=120, env=os.environ.copy())
    return _one_line_lock(done, first.pid, "dateline run")


def ingest_while_served() -> tuple[bool, str]:
    db = _served_store("locked-serve")
    article = _TMP / "one-article.txt"
    article.write_text("Protesters gathered in Basra on Monday to demand electricity, police said.", encoding="utf-8")
    with _serving(db) as (base, server):
        _get(base, "/api/health")  # a server that opens its store lazily has it open now
        done = subprocess.run([*CLI, "ingest", str(article), "--db", str(db), "--out", str(_TMP / "ingest-out"), "-j", "1"],
                              capture_output=True, text=True, timeout=120, env=os.environ.copy())
    return _one_line_lock(done, server.pid, "dateline serve")


# -- the web app --------------------------------------------------------------------------------------------------
def _served_store(name: str) -> Path:
    """A copy of the reference run's store."""
    folder = _fresh(name)
    folder.mkdir(parents=True)
    shutil.copy(_reference().out / "dateline.duckdb", folder / "dateline.duckdb")
    return folder / "dateline.duckdb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serving(db: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`dateline serve` on a free port with the token in its environment, until the block ends."""
    port = _free_port()
    env = {**os.environ, "DATELINE_TOKEN": TOKEN}
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    base = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(base, "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve did not start: {_last_line(proc.stderr.read().decode() if proc.stderr else '')}")
            time.sleep(0.2)
        yield base, proc
    finally:
        _stop(proc)


def _get(base: str, path: str, *, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(base, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _post(base: str, path: str, body: dict) -> tuple[int, dict]:
    conn = http.client.HTTPConnection(base, timeout=60)
    try:
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json",
                                                                  "Authorization": f"Bearer {TOKEN}"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def host_header_attack() -> tuple[bool, str]:
    db = _served_store("hosts")
    with _serving(db) as (base, _):
        port = base.rsplit(":", 1)[1]
        hostile = {host: _get(base, "/api/documents?limit=1", host=host)
                   for host in ("rebind.attacker.example", f"rebind.attacker.example:{port}", "127.0.0.1.nip.io",
                                "localhost.attacker.example")}
        local = {host: _get(base, "/api/documents?limit=1", host=host)[0]
                 for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost")}
    refused = all(status in (400, 421) and b'"items"' not in body for status, body in hostile.values())
    ok = refused and all(s == 200 for s in local.values())
    return ok, (f"foreign Host → {sorted({s for s, _ in hostile.values()})} (no data), "
                f"127.0.0.1/localhost → {sorted(set(local.values()))}")


def chunked_50mb_post() -> tuple[bool, str]:
    db = _served_store("chunked")
    with _serving(db) as (base, _):
        host, port = base.split(":")
        chunk = b"x" * 65536
        sent, status = 0, None
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(f"POST /api/documents HTTP/1.1\r\nHost: {base}\r\nAuthorization: Bearer {TOKEN}\r\n"
                         "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
            payload = b'{"documents": [{"text": "'
            try:
                sock.sendall(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
                while sent < 50 * 2**20:
                    if select.select([sock], [], [], 0)[0]:
                        break  # the server answered early: stop sending
                    sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    sent += len(chunk)
                else:
                    sock.sendall(b'4\r\n"}]}\r\n0\r\n\r\n')
            except OSError:
                pass  # the server closed the connection after answering
            with contextlib.suppress(OSError):
                head = sock.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                status = int(head.split()[1]) if head.startswith("HTTP/") else None
        healthy = _get(base, "/api/health")[0] == 200
    ok = status == 413 and healthy
    return ok, f"HTTP {status} after {sent / 2**20:.1f} MiB of 50 sent; server then healthy: {healthy}"


def _articles(n: int) -> list[dict]:
    """``n`` demo articles made new (a sentence added), so that the pipeline runs on each."""
    docs = [json.loads(line) for line in (_reference().out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if d.get("status") == "ok"][:n]
    return [{"title": f"{d['title']} (update)", "published": d.get("published"), "outlet": d.get("outlet"),
             "text": d["text"] + "\n\nThis report was updated with a correction."} for d in docs]


def reads_during_post() -> tuple[bool, str]:
    db = _served_store("post-and-read")
    paths = ["/api/health", "/api/events?limit=100", "/api/places?limit=100", "/api/search?q=raqqa", "/api/documents?limit=50"]
    with _serving(db) as (base, _):
        timings: list[tuple[float, float, int]] = []
        stop = threading.Event()

        def reader() -> None:
            conn = http.client.HTTPConnection(base, timeout=60)
            k = 0
            while not stop.is_set():
                started = time.perf_counter()
                conn.request("GET", paths[k % len(paths)])
                response = conn.getresponse()
                response.read()
                timings.append((started, time.perf_counter() - started, response.status))
                k += 1
                time.sleep(0.02)
            conn.close()

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        time.sleep(2.0)
        idle = [t for _, t, _ in timings]
        posted = time.perf_counter()
        status, queued = _post(base, "/api/documents", {"documents": _articles(5)})
        answered = time.perf_counter() - posted
        job: dict = {}
        while status == 202 and time.perf_counter() - posted < 600:
            job = json.loads(_get(base, queued["url"])[1])
            if job["state"] in ("done", "failed"):
                break
            time.sleep(0.2)
        finished = time.perf_counter()
        time.sleep(1.0)
        stop.set()
        thread.join(30)
    during = [t for s, t, _ in timings if posted <= s <= finished]
    errors = sum(1 for _, _, code in timings if code != 200)
    result = job.get("result") or {}
    worst = max(during, default=float("nan"))
    ok = status == 202 and job.get("state") == "done" and result.get("ok") == 5 and not errors and worst < READ_LIMIT
    return ok, (f"POST → {status} in {answered * 1000:.0f} ms; job {job.get('state')} in {finished - posted:.0f}s "
                f"(ok {result.get('ok')}); {len(during)} reads meanwhile: median {statistics.median(during) * 1000:.0f} ms, "
                f"max {worst * 1000:.0f} ms (idle max {max(idle, default=0) * 1000:.0f} ms); non-200: {errors}")


CASES: list[Case] = [
    Case("7", "two --jobs 2 runs byte-identical", two_runs_identical),
    Case("6", "kill -9 of run during model load", _kill_and_resume("model load")),
    Case("6", "kill -9 of run mid-run", _kill_and_resume("mid-run")),
    Case("6", "kill -9 of run late", _kill_and_resume("late")),
    Case("8", "second run on the same --out", second_run_same_out),
    Case("8", "stats during a run", stats_during_run),
    Case("8", "ingest --db while serve holds it", ingest_while_served),
    Case("9", "Host header of a rebound domain", host_header_attack),
    Case("10", "chunked 50 MB POST", chunked_50mb_post),
    Case("10", "reads while a POST of 5 articles runs", reads_during_post),
]
