"""GET /api/schema/ builds the schema once per process and language and serves everyone the same."""

import pytest
from django.urls import reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from drafting.api.schema import KeptSchemaGenerator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The language of every schema drf-spectacular builds, with nothing kept at the start."""
    monkeypatch.setattr(KeptSchemaGenerator, "kept", {})
    built = []
    build = SchemaGenerator.get_schema

    def counted(self, request=None, public=False):
        built.append(translation.get_language())
        return build(self, request=request, public=public)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    return built


def reader(user=None) -> APIClient:
    """An API client for user (anonymous for None); the schema view reads no token itself."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def schema_of(client, **query) -> dict:
    response = client.get(reverse("api:schema"), {"format": "json", **query})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_built_once_and_served_again(builds):
    first = schema_of(reader(None))
    again = schema_of(reader(None))
    signed_in = schema_of(reader(UserFactory(username="schema-reader")))

    assert builds == ["en"]
    assert first == again == signed_in
    assert "/api/provisions/{id}/" in first["paths"]


def test_what_is_kept_is_what_any_reader_would_get_built_afresh(builds, monkeypatch):
    """Nothing in the schema depends on who asks, so keeping one for everyone leaks nothing."""
    users = [None, UserFactory(username="schema-staff", is_staff=True, is_superuser=True)]
    fresh = []
    for user in users:
        monkeypatch.setattr(KeptSchemaGenerator, "kept", {})
        fresh.append(schema_of(reader(user)))

    assert len(builds) == 2
    assert fresh[0] == fresh[1]


def test_each_language_is_built_apart(builds):
    english = schema_of(reader(None))
    chinese = schema_of(reader(None), lang="zh-hans")
    schema_of(reader(None), lang="zh-hans")
    schema_of(reader(None))

    assert builds == ["en", "zh-hans"]
    assert english["paths"].keys() == chinese["paths"].keys()


def test_a_schema_shown_by_permission_is_never_kept(builds):
    """With public=False the operations depend on the reader: built every time."""
    KeptSchemaGenerator().get_schema(request=None, public=False)
    KeptSchemaGenerator().get_schema(request=None, public=False)

    assert len(builds) == 2
    assert KeptSchemaGenerator.kept == {}


def test_a_language_or_version_a_caller_writes_is_built_but_not_kept(builds):
    """?lang= and ?version= take any value: keeping each would let callers fill the memory."""
    for query in ({"lang": "xx-made-up"}, {"lang": "de"}, {"version": "9.9"}, {"version": "9.9"}):
        schema_of(reader(), **query)
    english = schema_of(reader())

    assert builds == ["xx-made-up", "de", "en", "en", "en"]
    assert list(KeptSchemaGenerator.kept) == [("en", "drafting.urls")]
    assert "9.9" in schema_of(reader(), version="9.9")["info"]["version"]
    assert "9.9" not in english["info"]["version"]
