"""The admin in Debian's Chromium: every changelist fits a 1,366 px window, and the oversight page
in Chinese shows the latest comment first."""

import re

import pytest
from django.urls import reverse

from drafting import services
from drafting.admin._common import item_number
from drafting.models import Role
from tests.conftest import grant_oversight
from tests.drafting.admin.pages import make_comment, make_event, make_link
from tests.drafting.browsing import (
    BROWSER,
    PASSWORD,
    expect,
)
from tests.factories import MembershipFactory, ProvisionFactory, UserFactory

pytestmark = BROWSER

LISTS = [
    "revision",
    "comment",
    "hiddencomment",
    "reviewevent",
    "provisionobligation",
    "provision",
    "bill",
    "membership",
    "oversightrecord",
]
LONG_NOTE = "根据审议意见，将“以牟利为目的”删去，并增加持有儿童性侵害材料的犯罪，" * 3
LONG_COMMENT = "建议明确“儿童性侵害材料”的定义，区分艺术、医学和科学作品，避免打击面过宽。" * 3


@pytest.fixture
def busy_bill(transactional_db):
    """A bill with long titles, notes and comments: the widest rows the lists must still fit."""
    drafter = UserFactory(username="drafter-with-a-long-name")
    reviewer = UserFactory(username="reviewer-with-a-long-name")
    overseer = grant_oversight(UserFactory(username="overseer-x", is_superuser=True, is_staff=True))
    provisions = [
        ProvisionFactory(
            bill__created_by=drafter,
            bill__title_zh="中华人民共和国刑法修正案（十三）（草案）（征求意见稿）",
            title_zh="删除传播淫秽物品罪中的牟利要件并增设持有儿童性侵害材料罪",
        )
    ]
    bill = provisions[0].bill
    MembershipFactory(bill=bill, user=reviewer, role=Role.REVIEWER)
    provisions.append(ProvisionFactory(bill=bill, title_en="Possession " * 12))
    for provision in provisions:
        services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=provision.current_revision,
            text_zh=provision.current_revision.text_zh + "情节严重的，处五年以上有期徒刑。",
            text_en=provision.current_revision.text_en,
            note=LONG_NOTE,
        )
        provision.refresh_from_db()
        thread = make_comment(provision, reviewer, body=LONG_COMMENT)
        services.comment_reply(actor=drafter, parent=thread, body=LONG_COMMENT)
        make_event(provision, drafter)
        link = make_link(provision, drafter)
        services.obligation_review(actor=reviewer, link=link, verdict="disputed", note=LONG_NOTE)
    hidden = make_comment(provisions[1], reviewer, body=LONG_COMMENT)
    services.comment_set_hidden(actor=overseer, comment=hidden, hidden=True, reason=LONG_NOTE)
    latest = make_comment(provisions[0], reviewer, body="最新意见：第二款的“情节严重”应当列举。")
    return {"overseer": overseer, "latest": latest}


def admin_page(browser, server: str, user, locale: str):
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(server + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    expect(page).to_have_url(re.compile(re.escape(reverse("admin:index")) + "$"))
    return page


def overflow(page) -> dict:
    return page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const box = table.closest('.results') || table.parentElement;
            const root = document.documentElement;
            return {table: table.scrollWidth, box: box.clientWidth,
                    page: root.scrollWidth, window: root.clientWidth};
        }"""
    )


@pytest.mark.parametrize("locale", ["en-GB", "zh-CN"])
def test_every_list_fits_a_1366_px_window(browser, server, busy_bill, locale):
    page = admin_page(browser, server, busy_bill["overseer"], locale)
    for model in LISTS:
        page.goto(server + reverse(f"admin:drafting_{model}_changelist"))
        widths = overflow(page)
        assert page.locator("#result_list tbody tr").count() >= 1, model
        assert widths["table"] <= widths["box"], (model, widths)
        assert widths["page"] <= widths["window"], (model, widths)


def test_the_oversight_page_in_chinese_shows_the_latest_comment_first(
    browser,
    server,
    busy_bill,
):
    page = admin_page(browser, server, busy_bill["overseer"], "zh-CN")
    page.click("text=各草案的最新动态")
    expect(page.locator("h1")).to_have_text("监督：各草案的最新动态")
    first = page.locator("#activity tbody tr").first
    expect(first).to_contain_text("意见")
    expect(first).to_contain_text("最新意见：第二款的“情节严重”应当列举。")
    expect(first).to_contain_text(item_number(busy_bill["latest"].provision))
    first.locator("text=后台").click()
    expect(page).to_have_url(
        re.compile(reverse("admin:drafting_comment_change", args=[busy_bill["latest"].pk]))
    )
