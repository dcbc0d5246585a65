"""Gunicorn settings for `make serve` (read from the environment; see README, Deploying).

Threaded workers (gthread): the app waits mostly on the database, so a few processes with several
threads each hold many slow clients on few cores. Defaults: one worker per core, four threads
each (measured with bench/load.py on 2 cores with PostgreSQL beside: 2 workers held 200 reviewers
at p99 360 ms where 3 workers gave p99 610 ms; the processes only contended for the cores).
Beside them, TASK_WORKERS task workers (`manage.py db_worker`, default one) do the long work
(large PDFs, long imports); they start and stop with gunicorn's master process.
"""

import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("WEB_THREADS", 4))
timeout = int(os.environ.get("WEB_TIMEOUT", 60))  # a worker silent this long is restarted
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The app's JSON request log goes to stdout; gunicorn's access log goes to a file (or "-").
accesslog = os.environ.get("ACCESS_LOG", "var/log/access.log")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from a proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "drafting.wsgi:application"

# --- task workers --------------------------------------------------------------------------------

task_workers = int(os.environ.get("TASK_WORKERS", 1))
_task_processes: list[subprocess.Popen] = []


def _die_with_parent() -> None:
    """In the child: the kernel sends it SIGTERM if gunicorn's master dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def on_starting(server) -> None:
    """Start the task workers before the web workers (same Python, same environment)."""
    manage = Path(__file__).resolve().parent / "manage.py"
    for _ in range(task_workers):
        command = [sys.executable, str(manage), "db_worker", "--no-reload"]
        _task_processes.append(subprocess.Popen(command, preexec_fn=_die_with_parent))
    if task_workers:
        server.log.info("Started %d task worker(s) (manage.py db_worker)", task_workers)


def on_exit(server) -> None:
    """Stop the task workers: each finishes the task it is running, then exits."""
    for process in _task_processes:
        process.terminate()
    for process in _task_processes:
        try:
            process.wait(timeout=graceful_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
