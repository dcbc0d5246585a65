"""Gunicorn settings for `make serve` (read from the environment; see README, Deploying).

Threaded workers (gthread): the app waits mostly on the database, so a few processes with several
threads each hold many slow clients on few cores. Defaults: one worker per core plus one, four
threads each.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() + 1))
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
