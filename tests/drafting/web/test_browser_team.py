"""Issue 10's whole path in Debian's Chromium, as a new team would walk it: start a bill, staff it,
add a provision with text on two lines, link two obligations, review the links and the words, take
a suggestion, and two drafters editing the same provision without losing either change.
"""

import re

import pytest
from django.urls import reverse

from drafting.models import Bill, Comment, LinkStatus, ProvisionObligation
from proposals.models import Instrument
from tests.drafting.browsing import (
    BROWSER,
    expect,
    provision_path,
    select_words,
    signed_in,
)
from tests.factories import (
    ArticleFactory,
    InstrumentFactory,
    LawFactory,
    ObligationFactory,
    UserFactory,
)

pytestmark = BROWSER

LINE_1 = (
    "第三百六十四条第一款：制作、复制、出版、贩卖、传播未成年人性剥削物品的，处五年以下有期徒刑。"
)
LINE_2 = "第二款：单位犯前款罪的，对单位判处罚金。"


@pytest.fixture
def world(transactional_db):
    """Users with no bill yet, the law with article 364, and two obligations of a treaty."""
    law = LawFactory()
    article = ArticleFactory(instrument=law, number=364)
    treaty = InstrumentFactory(
        code="OPSC", short_title_en="Optional Protocol", kind=Instrument.Kind.PROTOCOL
    )
    ObligationFactory(
        code="OPSC-3-1-c",
        instrument=treaty,
        statement_en="Criminalize producing and distributing such material.",
        statement_zh="将制作、分发此类物品的行为规定为犯罪。",
    )
    ObligationFactory(
        code="OPSC-3-4",
        instrument=treaty,
        statement_en="Establish the liability of legal persons.",
        statement_zh="确立法人的责任。",
    )
    return {
        "article": article,
        "drafter": UserFactory(username="lin-drafter"),
        "second": UserFactory(username="wu-drafter"),
        "reviewer": UserFactory(username="zhao-reviewer"),
    }


def start_bill_and_staff_it(page, world) -> Bill:
    page.select_option("#id_target_instrument", "PRC-CL")
    page.get_by_role("button", name="Start the bill").click()
    expect(page.locator("#add-provision")).to_be_visible()
    bill = Bill.objects.get()
    for user, role in ((world["reviewer"], "reviewer"), (world["second"], "drafter")):
        form = page.locator("#member-add-form")
        form.locator("input[name=username]").fill(user.username)
        form.locator("select[name=role]").select_option(role)
        form.get_by_role("button", name="Add member").click()
        expect(page.locator(f"#member-{user.pk}")).to_be_visible()
    return bill


def add_provision(page, world) -> None:
    form = page.locator("form.provision-form")
    form.locator("input[name=target_article]").fill("364")
    form.locator("select[name=operation]").select_option("replace_paragraphs")
    expect(form.locator("input[name=paragraphs]")).to_be_visible()
    expect(form.locator("input[name=insert_count]")).to_be_hidden()
    form.locator("select[name=operation]").select_option("replace_article")
    expect(form.locator("input[name=paragraphs]")).to_be_hidden()
    # A replacing provision starts from the article as it stands.
    current = "\n".join(world["article"].paragraphs.values_list("text_zh", flat=True))
    expect(form.locator("textarea[name=text_zh]")).to_have_value(current)
    form.locator("textarea[name=text_zh]").fill(f"{LINE_1}\n{LINE_2}")
    form.locator("textarea[name=text_en]").fill(
        "Paragraph 1: production and dissemination.\nParagraph 2: units are fined."
    )
    form.locator("input[name=title_en]").fill("Production and units")
    form.get_by_role("button", name="Add provision").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Added item 1")


def link(page, code: str, extent: str, rationale: str) -> None:
    panel = page.locator("#obligations")
    panel.locator("#link-q").fill(code)
    panel.get_by_role("button", name="Search").click()
    result = panel.locator(f'#link-results li[data-obligation="{code}"]')
    expect(result).to_be_visible()
    result.locator(f"input[name=extent][value={extent}]").check()
    result.locator("textarea[name=rationale]").fill(rationale)
    result.get_by_role("button", name=f"Link {code}").click()
    expect(page.locator(f'#obligations tr[data-obligation="{code}"]')).to_have_attribute(
        "data-link-status", "proposed"
    )


def review(page, code: str, verdict: str, note: str = "") -> None:
    row = page.locator(f'#obligations tr[data-obligation="{code}"]')
    row.locator("textarea[name=note]").fill(note)
    row.get_by_role("button", name=verdict).click()
    status = {"Agree": "agreed", "Dispute": "disputed"}[verdict]
    expect(page.locator(f'#obligations tr[data-obligation="{code}"]')).to_have_attribute(
        "data-link-status", status
    )


def test_a_new_team_drafts_links_reviews_and_merges(browser, server, world):
    drafter = signed_in(browser, server, world["drafter"], reverse("drafting:bill_new"))
    bill = start_bill_and_staff_it(drafter, world)
    add_provision(drafter, world)
    provision = bill.provisions.get()
    assert provision.current_revision.text_zh == f"{LINE_1}\n{LINE_2}"  # LF, no CR

    drafter.goto(server + provision_path(provision))
    link(drafter, "OPSC-3-1-c", "full", "Paragraph 1 punishes producing and distributing.")
    link(drafter, "OPSC-3-4", "partial", "Paragraph 2 fines units.")
    drafter.context.close()

    reviewer = signed_in(browser, server, world["reviewer"], provision_path(provision))
    review(reviewer, "OPSC-3-1-c", "Agree")
    review(reviewer, "OPSC-3-4", "Dispute", "Fines alone do not establish liability.")
    select_words(reviewer, "zh", "对单位判处罚金")  # words on the second line
    form = reviewer.locator("#comment-form")
    form.locator("textarea[name=body]").fill("Name the persons in charge too.")
    form.locator("textarea[name=suggestion]").fill(
        "对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员依照前款的规定处罚"
    )
    form.locator("button[type=submit]").click()
    expect(reviewer.locator(".thread", has_text="Name the persons in charge too.")).to_be_visible()
    reviewer.context.close()
    links = {
        link.obligation.code: link
        for link in ProvisionObligation.objects.active().select_related("obligation")
    }
    assert links["OPSC-3-1-c"].status == LinkStatus.AGREED
    assert links["OPSC-3-4"].status == LinkStatus.DISPUTED
    comment = Comment.objects.get(provision=provision)
    assert comment.anchor_start == len(LINE_1) + 1 + LINE_2.index("对单位判处罚金")

    drafter = signed_in(browser, server, world["drafter"], provision_path(provision))
    thread = drafter.locator(".thread", has_text="Name the persons in charge too.")
    thread.get_by_role("button", name="Accept suggestion").click()
    expect(drafter.locator(".provision-text[data-language=zh]")).to_contain_text(
        "直接负责的主管人员"
    )

    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    drafter.goto(server + edit)
    second = signed_in(browser, server, world["second"], edit)
    text = drafter.locator("textarea[name=text_zh]").input_value()
    drafter.fill("textarea[name=text_zh]", text.replace("五年以下", "七年以下"))
    drafter.get_by_role("button", name="Save as a new revision").click()
    expect(drafter).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))
    second.fill("textarea[name=text_zh]", text.replace("复制、", ""))
    second.get_by_role("button", name="Save as a new revision").click()
    expect(second.locator("#merged")).to_be_visible()
    second.get_by_role("button", name="Save the merged text").click()
    expect(second).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))
    provision.refresh_from_db()
    final = provision.current_revision.text_zh
    assert "七年以下" in final and "复制、" not in final and "直接负责的主管人员" in final
    drafter.context.close()
    second.context.close()
