"""Drafts in Debian's Chromium: issue a draft, change a provision, issue a second draft, and read
the change in the three-column table under the second draft's name."""

import re

from django.urls import reverse

from drafting.models import BillDraft
from tests.drafting.browsing import (
    BROWSER,
    expect,
    signed_in,
)

pytestmark = BROWSER


def issue(page, kind: str) -> None:
    page.click("details.issue-draft summary")
    page.select_option("#id_kind", kind)
    page.click("details.issue-draft button[type=submit]")
    expect(page).to_have_url(re.compile(r"/drafts/\d+/$"))


def test_issue_change_issue_again_and_see_the_change_under_draft_two(browser, server, team):
    provision, drafter = team["provision"], team["drafter"]
    bill = provision.bill
    page = signed_in(browser, server, drafter, bill.get_absolute_url())
    issue(page, "consultation")
    expect(page.locator("h1")).to_contain_text("征求意见稿")

    page.goto(server + reverse("drafting:provision_edit", kwargs={"pk": provision.pk}))
    text = page.input_value("#id_text_zh")
    page.fill("#id_text_zh", text.replace("五年以下", "七年以下"))
    page.click("form.revision-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/provisions/{provision.pk}/"))

    page.goto(server + bill.get_absolute_url())
    issue(page, "first_reading")
    assert BillDraft.objects.filter(bill=bill).count() == 2
    expect(page.locator("ol.change-summary")).to_contain_text("修改了条文表述")

    page.click("text=Three-column table")
    expect(page).to_have_url(re.compile(r"three-column\.html\?a=1&b=2"))
    row = page.locator("tbody tr").first
    expect(row.locator("td.col-label")).to_contain_text("草案一审稿")
    expect(row.locator("td.second ins")).to_contain_text("七")
    expect(row.locator("td.second del")).to_contain_text("五")
    expect(page.locator("thead")).to_contain_text("草案征求意见稿")
    page.context.close()
