"""The provision page in Debian's Chromium: select words and comment, reply, resolve, suggest and
accept, two drafters saving at once, and the language switch.
"""

import re

from django.urls import reverse

from drafting import services
from drafting.models import Comment
from tests.drafting.browsing import (
    BROWSER,
    TEXT_EN,
    TEXT_ZH,
    expect,
    provision_path,
    select_words,
    signed_in,
)

pytestmark = BROWSER


def test_select_words_comment_reply_and_resolve(browser, server, team):
    provision, reviewer = team["provision"], team["reviewer"]
    page = signed_in(browser, server, reviewer, provision_path(provision))
    select_words(page, "zh", "处五年以下有期徒刑")
    form = page.locator("#comment-form")
    expect(form).to_be_visible()
    expect(page.locator("#new-comment")).to_have_class(re.compile("floating"))
    form.locator("textarea[name=body]").fill("Is five years **enough**?")
    form.locator("button[type=submit]").click()

    thread = page.locator(".thread", has_text="Is five years enough?")
    expect(thread).to_be_visible()
    comment = Comment.objects.get(provision=provision)
    # Offsets are code points: 𠀀 before the words counts once, as in Python.
    assert comment.anchor_start == TEXT_ZH.index("处五年以下有期徒刑")
    assert comment.anchor_exact == "处五年以下有期徒刑"
    assert comment.anchor_prefix.endswith("的，") and comment.anchor_suffix.startswith("，并处")
    expect(page.locator(f'mark[data-thread="{comment.pk}"]')).to_have_text("处五年以下有期徒刑")
    expect(thread.locator("strong", has_text="enough")).to_be_visible()

    thread.locator("summary", has_text="Reply").click()
    thread.locator("textarea[name=body]").fill("Compare OPSC art. 3(3).")
    thread.locator("button", has_text="Send reply").click()
    thread = page.locator(f"#thread-{comment.pk}")
    expect(thread).to_contain_text("Compare OPSC art. 3(3).")

    thread.locator("button", has_text="Resolve").click()
    thread = page.locator(f"#thread-{comment.pk}")
    expect(thread.locator(".comment-status-resolved")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.RESOLVED
    page.context.close()


def test_english_selection_and_comment_without_javascript_fallback_fields(browser, server, team):
    provision, reviewer = team["provision"], team["reviewer"]
    page = signed_in(browser, server, reviewer, provision_path(provision))
    select_words(page, "en", "child sexual abuse material ")  # trailing space is dropped
    form = page.locator("#comment-form")
    expect(form.locator("select[name=language]")).to_have_value("en")
    expect(form.locator("textarea[name=exact]")).to_have_value("child sexual abuse material")
    form.locator("textarea[name=body]").fill("Use the treaty term.")
    form.locator("button[type=submit]").click()
    expect(page.locator(".thread", has_text="Use the treaty term.")).to_be_visible()
    comment = Comment.objects.get(provision=provision)
    assert (comment.anchor_language, comment.anchor_start) == ("en", TEXT_EN.index("child"))
    page.context.close()


def test_reviewer_suggests_and_drafter_accepts(browser, server, team):
    provision = team["provision"]
    path = provision_path(provision)
    reviewer_page = signed_in(browser, server, team["reviewer"], path)
    select_words(reviewer_page, "zh", "五年以下")
    form = reviewer_page.locator("#comment-form")
    form.locator("textarea[name=body]").fill("Raise the range.")
    form.locator("textarea[name=suggestion]").fill("三年以上十年以下")
    expect(form.locator("input[name=has_suggestion]")).to_be_checked()
    form.locator("button[type=submit]").click()
    expect(reviewer_page.locator(".thread", has_text="Raise the range.")).to_be_visible()
    expect(reviewer_page.get_by_role("button", name="Accept suggestion")).to_have_count(0)
    reviewer_page.context.close()

    drafter_page = signed_in(browser, server, team["drafter"], path)
    thread = drafter_page.locator(".thread", has_text="Raise the range.")
    expect(thread.locator("ins")).to_have_text("三年以上十年以下")
    thread.get_by_role("button", name="Accept suggestion").click()
    expect(drafter_page.locator(".provision-text[data-language=zh]")).to_contain_text(
        "处三年以上十年以下有期徒刑"
    )
    expect(drafter_page.locator("#revision-3")).to_be_visible()
    provision.refresh_from_db()
    assert provision.current_revision.number == 3
    assert "处三年以上十年以下有期徒刑" in provision.current_revision.text_zh
    drafter_page.context.close()


def test_two_drafters_save_at_once_and_nothing_is_lost(browser, server, team):
    provision = team["provision"]
    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    first = signed_in(browser, server, team["drafter"], edit)
    second = signed_in(browser, server, team["second"], edit)

    first.fill("textarea[name=text_zh]", "甲稿：制作、传播儿童性侵害材料的，处七年以下有期徒刑。")
    first.fill("input[name=note]", "Seven years")
    first.get_by_role("button", name="Save as a new revision").click()
    expect(first).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))

    mine = "乙稿：持有儿童性侵害材料的，处三年以下有期徒刑。"
    second.fill("textarea[name=text_zh]", mine)
    second.get_by_role("button", name="Save as a new revision").click()
    expect(second.locator("#conflict-title")).to_be_visible()
    expect(second.locator(".mine-zh")).to_have_text(mine)
    expect(second.locator(".theirs-zh")).to_contain_text("甲稿")
    expect(second.locator("textarea[name=text_zh]")).to_have_value(mine)
    provision.refresh_from_db()
    assert provision.current_revision.text_zh.startswith("甲稿")  # nothing overwritten

    merged = "合并稿：制作、传播儿童性侵害材料的，处七年以下有期徒刑；持有的，处三年以下有期徒刑。"
    second.fill("textarea[name=text_zh]", merged)
    second.get_by_role("button", name="Save the merged text").click()
    # The merged text rewrites words the first drafter saved: that needs a confirmation.
    expect(second.locator("#dropped-warning")).to_be_visible()
    second.get_by_label("Yes, my text drops or changes").check()
    second.get_by_role("button", name="Save the merged text").click()
    expect(second).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))
    expect(second.locator(".provision-text[data-language=zh]")).to_have_text(merged)
    provision.refresh_from_db()
    current = provision.current_revision
    assert (current.number, current.text_zh, current.base.text_zh[:2]) == (4, merged, "甲稿")
    first.context.close()
    second.context.close()


def test_language_switch_shows_chinese_interface(browser, server, team):
    provision = team["provision"]
    page = signed_in(browser, server, team["reviewer"], provision_path(provision))
    expect(page.locator("#workflow-title")).to_have_text("Workflow")
    page.select_option("#language-select", "zh-hans")
    page.locator(".lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#workflow-title")).to_have_text("审阅流程")
    expect(page.get_by_role("heading", name="修订历史")).to_be_visible()
    expect(page.locator(".provision-text[data-language=zh]")).to_have_text(TEXT_ZH)
    page.context.close()


def test_compare_steps_through_changes_in_both_views(browser, server, team):
    provision = team["provision"]
    services.revision_create(
        actor=team["drafter"],
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=TEXT_ZH.replace("制作、", "").replace("五年", "七年"),
        text_en=TEXT_EN.replace("produces or ", "").replace("abuse", "exploitation"),
    )
    compare = reverse("drafting:compare", kwargs={"pk": provision.pk})
    page = signed_in(browser, server, team["reviewer"], compare)
    expect(page.locator(".change-nav strong")).to_have_text("2 changes")
    # Side by side: the steps go to the right pane's chg-N-new and light up both sides of it.
    page.get_by_role("button", name="Next change").click()
    expect(page).to_have_url(re.compile("#chg-1-new$"))
    expect(page.locator("#chg-1-old")).to_have_class(re.compile("current-change"))
    expect(page.locator("#chg-1-old")).to_have_text("制作、")
    page.get_by_role("button", name="Next change").click()
    expect(page).to_have_url(re.compile("#chg-2-new$"))
    expect(page.locator("#chg-2-new")).to_have_text("七")
    expect(page.locator("#chg-2-old")).to_have_class(re.compile("current-change"))
    expect(page.locator("#chg-1-old")).not_to_have_class(re.compile("current-change"))
    page.get_by_role("button", name="Next change").click()  # stays on the last change
    expect(page).to_have_url(re.compile("#chg-2-new$"))
    page.get_by_role("button", name="Previous change").click()
    expect(page).to_have_url(re.compile("#chg-1-new$"))

    # Inline, English words: the numbered link and the keyboard reach chg-N and sync the steps.
    page.get_by_role("link", name="English working translation").click()
    expect(page).to_have_url(re.compile("lang=en"))  # else Inline may be clicked on the old page
    page.get_by_role("link", name="Inline").click()
    expect(page).to_have_url(re.compile(r"lang=en.*view=inline|view=inline.*lang=en"))
    expect(page.locator('.redline [data-change="2"]')).to_have_count(2)  # deleted and inserted
    page.locator("[data-change-link]", has_text="2").click()
    expect(page).to_have_url(re.compile("#chg-2$"))
    for mark in page.locator('.redline [data-change="2"]').all():
        expect(mark).to_have_class(re.compile("current-change"))
    expect(page.locator("#chg-2")).to_have_text("abuse")
    page.keyboard.press("p")
    expect(page).to_have_url(re.compile("#chg-1$"))
    expect(page.locator("#chg-1")).to_have_text("produces or ")
    page.context.close()


def test_provision_page_shows_chinese_english_or_both(browser, server, team):
    page = signed_in(browser, server, team["reviewer"], provision_path(team["provision"]))
    zh, en = page.locator(".text-col-zh"), page.locator(".text-col-en")
    expect(zh).to_be_visible()
    expect(en).to_be_visible()
    page.get_by_role("button", name="English", exact=True).click()
    expect(zh).to_be_hidden()
    expect(en).to_be_visible()
    page.reload()  # the choice lasts for the session
    expect(page.locator(".text-col-zh")).to_be_hidden()
    page.get_by_role("button", name="中文").click()
    expect(page.locator(".text-col-en")).to_be_hidden()
    expect(page.locator(".text-col-zh")).to_be_visible()
    page.get_by_role("button", name="Both").click()
    expect(page.locator(".text-col-en")).to_be_visible()
    page.context.close()


# --- issue 10: text saved from a textarea (CRLF) takes comments on any line ------------------

LINES_ZH = "第一款：制作儿童性侵害材料的，处五年以下有期徒刑。\n第二款：传播的，处三年以下有期徒刑，并处罚金。"
LINES_EN = "Paragraph one: production is punished.\nParagraph two: dissemination shall be fined."


def test_text_saved_from_a_textarea_can_be_commented_on_any_line(browser, server, team):
    provision = team["provision"]
    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    drafter = signed_in(browser, server, team["drafter"], edit)
    drafter.fill("textarea[name=text_zh]", LINES_ZH)
    drafter.fill("textarea[name=text_en]", LINES_EN)
    drafter.get_by_role("button", name="Save as a new revision").click()
    expect(drafter).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))
    drafter.context.close()
    provision.refresh_from_db()
    assert provision.current_revision.text_zh == LINES_ZH  # stored with LF, no CR
    assert provision.current_revision.text_en == LINES_EN

    reviewer = signed_in(browser, server, team["reviewer"], provision_path(provision))
    for language, words, body in (
        ("zh", "并处罚金", "第二行的意见"),
        ("en", "dissemination shall be fined", "Second line, English"),
    ):
        select_words(reviewer, language, words)
        form = reviewer.locator("#comment-form")
        expect(form).to_be_visible()
        form.locator("textarea[name=body]").fill(body)
        form.locator("button[type=submit]").click()
        expect(reviewer.locator(".thread", has_text=body)).to_be_visible()
        comment = Comment.objects.get(provision=provision, body=body)
        text = LINES_ZH if language == "zh" else LINES_EN
        assert (comment.anchor_start, comment.anchor_exact) == (text.index(words), words)
    expect(reviewer.locator(".form-errors, .errorlist")).to_have_count(0)
    reviewer.context.close()


def test_two_drafters_non_overlapping_edits_both_survive(browser, server, team):
    provision = team["provision"]
    edit = reverse("drafting:provision_edit", kwargs={"pk": provision.pk})
    first = signed_in(browser, server, team["drafter"], edit)
    second = signed_in(browser, server, team["second"], edit)
    first.fill("textarea[name=text_zh]", TEXT_ZH.replace("五年以下", "七年以下"))
    first.get_by_role("button", name="Save as a new revision").click()
    expect(first).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))

    second.fill("textarea[name=text_zh]", TEXT_ZH.replace("，并处罚金", ""))
    second.get_by_role("button", name="Save as a new revision").click()
    expect(second.locator("#merged")).to_be_visible()
    expect(second.locator("#merged ins.merge-theirs").first).to_be_visible()
    expect(second.locator("#merged del.merge-mine")).to_have_text("，并处罚金")
    second.get_by_role("button", name="Save the merged text").click()
    expect(second).to_have_url(re.compile(re.escape(provision_path(provision)) + "$"))
    provision.refresh_from_db()
    text = provision.current_revision.text_zh
    assert "七年以下" in text and "并处罚金" not in text
    first.context.close()
    second.context.close()
