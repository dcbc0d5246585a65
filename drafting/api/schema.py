"""The OpenAPI schema, built once per process for each language, version and URL configuration."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator


class KeptSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, keeping each schema it builds.

    The schema comes from the code alone: it is served public (SERVE_PUBLIC: every operation,
    whoever asks), so it is the same for every reader until the process restarts with other code.
    Building it costs a few hundred milliseconds of CPU, which anyone could otherwise ask for again
    and again (GET /api/schema/ needs no sign-in). What can change it within a process is part of
    the key: the language of its descriptions, the API version and the URL configuration.
    """

    kept: dict[tuple, dict] = {}

    def get_schema(self, request=None, public=False):
        if not public:  # then the operations shown depend on who asks
            return super().get_schema(request=request, public=public)
        key = (
            translation.get_language(),
            self.api_version,
            str(self.urlconf or settings.ROOT_URLCONF),
        )
        schema = self.kept.get(key)
        if schema is None:
            schema = self.kept.setdefault(key, super().get_schema(request=request, public=public))
        return schema
