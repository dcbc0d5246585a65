"""What the browser test modules share besides the fixtures of tests/drafting/conftest.py (the
browser, the live server speaking plain HTTP, a small team): their marks and the steps a reader
takes (sign in, select words)."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from drafting.models import Provision

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password

# Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are
# plain synchronous code between browser steps, so Django's async-safety guard is lifted here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Every browser test module: `pytestmark = BROWSER`.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium (/usr/bin/chromium) is not installed"
    ),
]

TEXT_ZH = "对𠀀等罕用字的条文：制作、传播儿童性侵害材料的，处五年以下有期徒刑，并处罚金。"
TEXT_EN = "Whoever produces or disseminates child sexual abuse material shall be sentenced."


def signed_in(browser, server: str, user, path: str):
    """A fresh browser context signed in through the login form, showing path."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server + path)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click(".login-box button[type=submit]")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    page.wait_for_load_state("load")  # review.js is deferred: wait until it has run
    return page


def select_words(page, language: str, words: str) -> None:
    """Select words in one language's text as a reader would, ending with a mouse-up."""
    found = page.evaluate(
        """([language, words]) => {
            const box = document.querySelector(`.provision-text[data-language="${language}"]`);
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return true;
            }
            return false;
        }""",
        [language, words],
    )
    assert found, f"{words!r} is not in the {language} text"


def provision_path(provision: Provision) -> str:
    return reverse("drafting:provision", kwargs={"pk": provision.pk})
