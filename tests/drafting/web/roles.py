"""The permission matrix of a drafters' page and a client per role (anonymous is None)."""

from django.test import Client

# What each role hears from a page only a bill's drafters may use (302: signed out, or done).
DRAFTERS_ONLY = [
    ("anonymous", 302),
    ("outsider", 404),
    ("staff", 404),
    ("viewer", 403),
    ("reviewer", 403),
    ("drafter", 302),
]


def client_for(user, language="en") -> Client:
    client = Client(headers={"accept-language": language})
    if user is not None:
        client.force_login(user)
    return client
