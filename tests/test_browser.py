"""The form in Debian's Chromium (Playwright), against a real server on loopback."""

from __future__ import annotations

import io

import pikepdf
import pytest

from .conftest import pdf_text

pytestmark = pytest.mark.browser

def fill_person(page, country="GB", platform="linkedin"):
    page.select_option("#platform", platform)
    page.select_option("#country", country)
    page.fill("#name", "Jane O'Brien")
    page.fill("#address", "1 High Street\nLondon SW1A 1AA")
    page.fill("#email", "jane@example.org")
    page.check("input[name=grounds][value=not_expected]")


def draw_signature(page):
    canvas = page.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2)
    page.mouse.down()
    for i in range(1, 25):
        page.mouse.move(box["x"] + 40 + i * 12,
                        box["y"] + box["height"] / 2 + (18 if i % 2 else -18), steps=3)
    page.mouse.up()


def download(page, button):
    with page.expect_download() as info:
        page.click(button)
    path = info.value.path()
    with open(path, "rb") as handle:
        return info.value.suggested_filename, handle.read()


def objection_text(page) -> str:
    """Submit the form and return the text of the downloaded objection."""
    page.click("button:has-text('Check your answers')")
    _, pdf = download(page, "button[name=letter][value=objection]")
    return pdf_text(pdf)


def test_fill_the_form_draw_a_signature_and_download_the_objection(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    fill_person(page)
    draw_signature(page)
    assert page.is_checked("input[name=signature_mode][value=drawn]")
    page.click("button:has-text('Check your answers')")
    assert "Check your answers and your letters" in page.inner_text("h1")
    assert "LinkedIn Corporation" in page.inner_text(".preview")
    name, pdf = download(page, "button[name=letter][value=objection]")
    assert name == f"objection-linkedin-{page.evaluate('new Date().toISOString().slice(0,10)')}.pdf"
    text = pdf_text(pdf)
    assert "Jane O'Brien" in text
    assert "LinkedIn Corporation" in text
    assert "Article 21(1) UK GDPR" in text
    with pikepdf.open(io.BytesIO(pdf)) as document:
        images = {i.objgen for p in document.pages for i in p.get_images().values()}
        assert len(images) == 1  # the drawn signature
    page.close()


def test_a_failed_submit_keeps_every_answer_and_the_drawing(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    fill_person(page)
    page.fill("#email", "")
    draw_signature(page)
    page.click("button:has-text('Check your answers')")
    summary = page.locator("#error-summary")
    assert "Enter the e-mail address of your account." in summary.inner_text()
    assert page.input_value("#name") == "Jane O'Brien"
    assert page.is_checked("input[name=grounds][value=not_expected]")
    assert page.input_value("#signature_image").startswith("data:image/png;base64,")
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "email"
    page.close()


def test_without_javascript_the_typed_signature_works(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/")
    assert not page.is_visible("#signature-canvas")
    assert not page.is_visible("input[name=signature_mode][value=drawn]")
    fill_person(page, country="IE", platform="meta")
    page.click("button:has-text('Check your answers')")
    name, pdf = download(page, "button[name=letter][value=all]")
    assert name.endswith(".zip")
    assert pdf[:2] == b"PK"
    context.close()


def test_a_screenshot_attached_in_the_form_is_embedded_in_the_complaint(server, browser,
                                                                        tmp_path):
    from PIL import Image

    screenshot = tmp_path / "ai-notice.png"
    Image.new("RGB", (900, 600), "white").save(screenshot)
    page = browser.new_page()
    page.goto(server + "/")
    fill_person(page)
    page.check("input[name=stage][value=no_reply]")
    page.fill("#objection_sent", "2026-09-01")
    page.select_option("#channel", "email")
    page.set_input_files("#evidence_1", str(screenshot))
    page.fill("#evidence_1_shows", "LinkedIn's notice about AI training")
    page.click("#check-answers")
    assert "Check your answers and your letters" in page.inner_text("h1")
    _, pdf = download(page, "button[name=letter][value=complaint-gb-ico]")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert list(document.attachments) == ["ai-notice.png"]
    assert "LinkedIn's notice about AI training" in pdf_text(pdf)
    page.close()


def test_a_workspace_tool_asks_for_the_owner_and_writes_to_it(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    assert not page.is_visible("#org_name")  # hidden until a choice needs it
    fill_person(page, country="IE", platform="slack")
    assert page.is_visible("#org_name")
    page.click("button:has-text('Check your answers')")
    assert "Name of the organisation" in page.locator("#error-summary").inner_text()
    page.fill("#org_name", "Acme Widgets Ltd")
    page.fill("#org_address", "1 Example Road\nDublin 2")
    text = objection_text(page)
    assert "Acme Widgets Ltd" in text
    assert "on your behalf" in text
    page.close()


def test_a_californian_picks_the_state_and_gets_a_ccpa_letter(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    fill_person(page, country="US", platform="linkedin")
    page.select_option("#subdivision", "US-CA")
    text = objection_text(page)
    assert "Cal. Civ. Code § 1798.105" in text
    assert "GDPR" not in text
    page.close()
