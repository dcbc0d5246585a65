"""/healthz for load balancers: 200 when the database answers and every migration is applied."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_migrated = False  # once every migration is applied it stays so for this process


def _pending_migrations() -> int:
    global _migrated
    if _migrated:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrated = not pending
    return pending


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """{"status": "ok"} or 503 with the reason; needs no account."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = _pending_migrations()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    if pending:
        return JsonResponse({"status": "error", "pending_migrations": pending}, status=503)
    return JsonResponse({"status": "ok"})
