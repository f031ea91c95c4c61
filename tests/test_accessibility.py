"""WCAG 2.2 AA: axe-core finds nothing on any page or state in any locale; keyboard only works."""

from __future__ import annotations

import pytest

from webapp.resources import letter_languages

from .conftest import pdf_text

pytestmark = pytest.mark.browser

LOCALES = letter_languages()  # every shipped locale
WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 900}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, axe_source) -> list[str]:
    page.add_script_tag(path=str(axe_source))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    # "incomplete" means axe could not decide: treat it as a failure too, so that a human
    # looks (colour contrast over a background image is the usual one; we have none).
    return [f"{v['id']} ({v['impact']}): {v['help']} – "
            + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in result["violations"] + result["incomplete"]]


def fill(page):
    page.select_option("#platform", "linkedin")
    page.select_option("#country", "FR")
    page.fill("#name", "Jeanne Martin")
    page.fill("#address", "1 rue de la Paix\n75002 Paris")
    page.fill("#email", "jeanne@example.org")
    page.check("input[name=grounds][value=own_work]")


def submit(page, selector: str = "button.primary") -> None:
    """Click and wait for the next page to have loaded (axe must not see a page half-way)."""
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


def states(page, base):
    """Visit every page and state; yield a name for each."""
    page.goto(base + "/")
    yield "form, empty"
    submit(page)
    yield "form, every error shown"
    fill(page)
    submit(page)
    yield "check your answers, objection preview"
    page.goto(base + "/")
    fill(page)
    page.check("input[name=stage][value=refused]")
    page.fill("#objection_sent", "2026-09-01")
    page.select_option("#channel", "email")
    page.fill("#reply_date", "2026-10-01")
    submit(page)
    yield "check your answers, complaint preview"
    page.goto(base + "/")
    fill(page)
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    submit(page)
    yield "form expired, answers kept"
    page.goto(base + "/no-such-page")
    yield "page not found"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_nothing_on_any_page(server, browser, axe_source, locale, width):
    context = browser.new_context(viewport=WIDTHS[width], bypass_csp=True,
                                  extra_http_headers={"Accept-Language": locale})
    page = context.new_page()
    found = {}
    for state in states(page, server):
        assert page.evaluate("document.documentElement.lang") == locale, state
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
        violations = axe_violations(page, axe_source)
        if violations:
            found[state] = violations
    context.close()
    assert not found, found


def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, name: e.name || '', value: e.value || '', tag: e.tagName,
                text: (e.innerText || '').trim(), outline: s.outlineStyle};
    }""")


def tab_to(page, predicate, limit=80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"] != "none", f"no visible focus on {element}"
        if predicate(element):
            return element
    raise AssertionError("never reached the element with the keyboard")


def test_keyboard_only_from_the_form_to_the_pdf(server, browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server + "/")
    keys = page.keyboard
    tab_to(page, lambda e: e["id"] == "platform")
    keys.type("LinkedIn")
    tab_to(page, lambda e: e["id"] == "country")
    keys.type("United Kingdom")
    tab_to(page, lambda e: e["id"] == "name")
    keys.type("Kim Keyboard")
    tab_to(page, lambda e: e["id"] == "address")
    keys.type("2 Low Road")
    keys.press("Enter")
    keys.type("Leeds LS1 1AA")
    tab_to(page, lambda e: e["id"] == "email")
    keys.type("kim@example.org")
    tab_to(page, lambda e: e["name"] == "grounds" and e["value"] == "irreversible")
    keys.press("Space")
    tab_to(page, lambda e: e["id"] == "check-answers")
    keys.press("Enter")
    page.wait_for_selector("text=Check your answers and your letters")
    tab_to(page, lambda e: e["name"] == "letter" and e["value"] == "objection")
    with page.expect_download() as info:
        keys.press("Enter")
    with open(info.value.path(), "rb") as handle:
        text = pdf_text(handle.read())
    assert "Kim Keyboard" in text
    assert "LinkedIn Corporation" in text
    context.close()


def test_every_field_is_reached_in_order_with_tab(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    expected = page.evaluate("""() => [...document.querySelectorAll(
        'form select, form input:not([type=hidden]), form textarea, form button')]
        .filter(e => e.offsetParent !== null).map(e => e.id || e.name + '=' + e.value)""")
    reached = []
    for _ in range(len(expected) * 3):
        page.keyboard.press("Tab")
        element = focused(page)
        key = element["id"] or f"{element['name']}={element['value']}"
        if key in expected and key not in reached:
            reached.append(key)
        if element["id"] == "check-answers":
            break
    # a radio group is one tab stop: the checked radio stands for its group
    radios = {k for k in expected if k.startswith(("stage-", "signature_mode-"))}
    assert {"stage-0", "signature_mode-0"} <= set(reached)
    assert [k for k in reached if k not in radios] == [k for k in expected if k not in radios]
    page.close()


def test_axe_does_find_a_violation_when_there_is_one(browser, axe_source):
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page, axe_source))
    page.close()
