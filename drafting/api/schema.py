"""The OpenAPI schema, built once per process for each of the site's languages."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator


class KeptSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, keeping each schema it builds for the site's languages.

    The schema comes from the code alone: it is served public (SERVE_PUBLIC: every operation,
    whoever asks), so it is the same for every reader until the process restarts with other code.
    Building it costs a few hundred milliseconds of CPU, which anyone could otherwise ask for again
    and again (GET /api/schema/ needs no sign-in). What can change it within a process is part of
    the key: the language of its descriptions and the URL configuration.

    Only the schema of each language in settings.LANGUAGES, at the API's own version, is kept:
    the view also takes any `?lang=` and `?version=` a caller writes, and keeping those would let
    callers fill the memory. Such a schema is built for its request, as drf-spectacular does.
    """

    kept: dict[tuple, dict] = {}

    def get_schema(self, request=None, public=False):
        language = translation.get_language()
        served = {code for code, _name in settings.LANGUAGES}
        if not public or self.api_version is not None or language not in served:
            # Shown by permission (then the operations depend on who asks), or a language or
            # version a caller chose.
            return super().get_schema(request=request, public=public)
        key = (language, str(self.urlconf or settings.ROOT_URLCONF))
        schema = self.kept.get(key)
        if schema is None:
            schema = self.kept.setdefault(key, super().get_schema(request=request, public=public))
        return schema
