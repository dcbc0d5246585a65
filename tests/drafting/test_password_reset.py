"""Password reset by email is switched off: a clear page on every reset address, in both languages,
no email for a known address or an unknown one (the same answer, the same work), and no way round
to Django's own reset views. Changing one's own password, signed in, still works."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

RESET_URLS = [
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/done/",
]


@pytest.mark.parametrize("url", RESET_URLS)
@pytest.mark.parametrize(
    ("lang", "words"), [("en", "does not reset passwords"), ("zh-hans", "不通过电子邮件重置密码")]
)
def test_every_reset_page_says_it_is_switched_off(url, lang, words, db):
    response = Client().get(url, headers={"accept-language": lang})
    assert response.status_code == 200
    assert words in response.content.decode()


def test_a_reset_request_sends_nothing_and_answers_alike(drafter):
    """The test run's mail goes to mail.outbox (Django's test set-up): it stays empty."""
    drafter.email = "drafter@example.org"
    drafter.save()
    client = Client()
    known = client.post(reverse("password_reset"), {"email": "drafter@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert mail.outbox == []
    assert known.status_code == unknown.status_code == 200
    assert (
        known.templates[0].name
        == unknown.templates[0].name
        == "registration/password_reset_off.html"
    )


def test_a_valid_reset_link_does_not_reset(drafter):
    from django.contrib.auth.tokens import default_token_generator

    uid = urlsafe_base64_encode(force_bytes(drafter.pk))
    token = default_token_generator.make_token(drafter)
    url = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    response = Client().post(
        url, {"new_password1": "x-New-passphrase-9", "new_password2": "x-New-passphrase-9"}
    )
    assert response.status_code == 200
    drafter.refresh_from_db()
    assert drafter.check_password("correct horse battery staple")


def test_the_admin_login_offers_no_reset_link(db):
    response = Client().get(reverse("admin:login"))
    assert b"password_reset" not in response.content


def test_signed_in_users_change_their_own_password(drafter):
    client = Client()
    client.force_login(drafter)
    page = client.get(reverse("drafting:dashboard"))
    assert reverse("password_change").encode() in page.content
    new = "An0ther-long-passphrase!"
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": new,
            "new_password2": new,
        },
    )
    assert response.status_code == 302
    drafter.refresh_from_db()
    assert drafter.check_password(new)
