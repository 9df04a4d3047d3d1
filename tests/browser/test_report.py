"""The demo report in headless Chromium: everything of the scores document is on the page, the
charts are drawn with the counts the scores give (computed here from the JSON, not from the
page), sorting, filtering and explanations work, nothing is requested from anywhere, and the
page reads with scripts disabled. Screenshots go to the build folder as test artefacts."""

import json
import os
from collections import Counter

import pytest

from conftest import anchor, run_credence


def by_css(driver, selector):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, selector)


def one(driver, selector):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, selector)


def proposition_key(item):
    return (item["subject"], item["predicate"])


@pytest.fixture(scope="module")
def page(browser, demo):
    browser.get_log("performance")  # start the network log afresh
    browser.get(demo["url"])
    return browser


def test_every_outlet_and_proposition_is_on_the_page(page, demo):
    scores = demo["scores"]
    for outlet in scores["outlets"]:
        row = one(page, "#" + anchor("outlet", outlet["id"]))
        assert outlet["name"] in row.text
        assert outlet["id"] in row.text
    plotted = [row.get_attribute("data-outlet") for row in by_css(page, "g.forest-row")]
    assert sorted(plotted) == sorted(outlet["id"] for outlet in scores["outlets"])
    headings = [heading.text for heading in by_css(page, "section.proposition h3")]
    assert len(headings) == len(scores["propositions"])
    for proposition in scores["propositions"]:
        assert any(proposition["subject"] in text and proposition["predicate"] in text
                   for text in headings), proposition
    for claim in scores["claims"]:
        assert one(page, "#" + anchor("claim", claim["id"])).is_displayed()


def test_forest_plot_and_timelines_are_drawn_with_the_documents_counts(page, demo, artifacts):
    scores = demo["scores"]
    assert len(by_css(page, "svg.forest-plot g.forest-row")) == len(scores["outlets"])
    assert len(by_css(page, "svg.forest-plot line.interval")) == len(scores["outlets"])
    charts = by_css(page, "svg.timeline")
    assert len(charts) == len(scores["propositions"])
    claims_of = {}
    for claim in scores["claims"]:
        claims_of.setdefault(proposition_key(claim), []).append(claim)
    changes_of = Counter(proposition_key(event) for event in scores["supersessions"])
    for index, proposition in enumerate(scores["propositions"]):
        chart = one(page, 'svg.timeline[data-proposition="%d"]' % index)
        claims = claims_of.get(proposition_key(proposition), [])
        marks = chart.find_elements("css selector", ".claim-marker")
        assert len(marks) == len(claims), proposition
        assert Counter(mark.get_attribute("data-status") for mark in marks) == \
            Counter(claim["status"] for claim in claims)
        assert len(chart.find_elements("css selector", ".segment")) == \
            len(proposition["timeline"])
        assert len(chart.find_elements("css selector", ".change-point")) == \
            changes_of[proposition_key(proposition)]
        # Drawn, not only present: every mark has a size on screen.
        for mark in marks:
            box = mark.rect
            assert box["width"] > 0 and box["height"] > 0
    page.save_screenshot(os.path.join(artifacts, "report-top.png"))
    syria = next(i for i, p in enumerate(scores["propositions"])
                 if p["subject"] == "Syria" and p["predicate"].startswith("member_of"))
    one(page, "#prop-%d" % syria).screenshot(os.path.join(artifacts, "report-timeline.png"))
    one(page, "#sources").screenshot(os.path.join(artifacts, "report-sources.png"))


def reliabilities_in_table(page):
    rows = by_css(page, "#outlet-table tbody tr")
    return [float(row.find_elements("css selector", "td")[3].get_attribute("data-sort"))
            for row in rows]


def test_sorting_the_sources_table(page, demo):
    scores = demo["scores"]
    expected = sorted(outlet["reliability"] for outlet in scores["outlets"])
    header = next(th for th in by_css(page, "#outlet-table thead th")
                  if th.text.strip() == "Reliability")
    button = header.find_element("css selector", "button.sort")
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert reliabilities_in_table(page) == pytest.approx(expected, abs=1e-6)
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert reliabilities_in_table(page) == pytest.approx(expected[::-1], abs=1e-6)
    # By name, as text.
    source = next(th for th in by_css(page, "#outlet-table thead th")
                  if th.text.strip() == "Source")
    source.find_element("css selector", "button.sort").click()
    names = [row.find_elements("css selector", "td")[1].get_attribute("data-sort")
             for row in by_css(page, "#outlet-table tbody tr")]
    assert names == sorted(names, key=str.lower)


def test_filtering_the_sources_table(page):
    box = one(page, '.filter[data-target="outlet-table"] input')
    box.send_keys("press")
    visible = [row for row in by_css(page, "#outlet-table tbody tr") if row.is_displayed()]
    assert visible and all("press" in row.text.lower() for row in visible)
    box.clear()
    box.send_keys(" ")  # an input event with an empty query shows every row again
    box.clear()
    page.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    assert all(row.is_displayed() for row in by_css(page, "#outlet-table tbody tr"))


def test_a_claims_mark_opens_its_explanation(page, demo, artifacts):
    scores = demo["scores"]
    claim = next(c for c in scores["claims"] if c["status"] == "superseded")
    target = anchor("claim", claim["id"])
    row = one(page, "#" + target)
    details = row.find_element("css selector", "details")
    assert details.get_attribute("open") is None
    mark = one(page, 'svg.timeline a.claim-marker[href="#%s"]' % target)
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    assert page.current_url.endswith("#" + target)
    assert details.get_attribute("open") is not None
    explanation = row.find_element("css selector", ".explanation")
    assert explanation.is_displayed()
    assert claim["explanation"]["reason"] in explanation.text
    for other in claim["superseded_by"]:
        assert other in explanation.text
    row.screenshot(os.path.join(artifacts, "report-explanation.png"))
    # And the summary itself, one click.
    other = next(c for c in scores["claims"] if c["status"] == "unresolved")
    other_row = one(page, "#" + anchor("claim", other["id"]))
    summary = other_row.find_element("css selector", "summary")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert other_row.find_element("css selector", "details").get_attribute("open") is not None


def test_no_request_leaves_the_page(page, demo):
    csp = one(page, 'meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'none'" in csp
    # Every request the browser logged: those the page made (its document URL is the page) may
    # only be the page itself; and nothing at all went to the network (the browser's own start
    # page loads chrome:// resources, which never leave the machine).
    page_url = demo["url"]
    from_page, everything = [], []
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            everything.append(url)
            if message["params"].get("documentURL", "").split("#")[0] == page_url:
                from_page.append(url)
    assert from_page, "the network log recorded no load of the page: it is not being read"
    assert all(url.split("#")[0] == page_url for url in from_page), from_page
    assert not [url for url in everything if url.split(":")[0] in ("http", "https", "ws", "wss",
                                                                   "ftp")], everything
    # The policy is enforced: an image the page did not ship is refused.
    refused = page.execute_async_script("""
        const done = arguments[arguments.length - 1];
        document.addEventListener('securitypolicyviolation',
                                  e => done(e.violatedDirective), {once: true});
        const image = new Image();
        image.src = 'http://127.0.0.1:9/probe.png';
        document.body.appendChild(image);
        setTimeout(() => done('no violation'), 3000);
    """)
    assert refused.startswith("img-src")


def test_page_reads_without_scripts(browser_without_scripts, demo, artifacts):
    page = browser_without_scripts
    page.get(demo["url"])
    scores = demo["scores"]
    assert len(by_css(page, "svg.timeline")) == len(scores["propositions"])
    assert len(by_css(page, "#outlet-table tbody tr")) == len(scores["outlets"])
    assert not by_css(page, "button.sort")  # sorting needs the script; nothing pretends
    claim = scores["claims"][0]
    row = one(page, "#" + anchor("claim", claim["id"]))
    summary = row.find_element("css selector", "summary")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert claim["explanation"]["reason"] in row.find_element("css selector", ".explanation").text
    page.save_screenshot(os.path.join(artifacts, "report-without-scripts.png"))


def test_hostile_strings_stay_text(browser, demo, artifacts):
    scores = json.loads(json.dumps(demo["scores"]))
    scores["outlets"][0]["name"] = "<script>window.pwned = 1</script>"
    scores["articles"][0]["title"] = "<img src=x onerror=\"window.pwned = 2\">"
    scores["articles"][0]["url"] = "javascript:window.pwned = 3"
    scores["claims"][0]["explanation"]["reason"] = "\"><svg onload=\"window.pwned = 4\">"
    hostile = os.path.join(artifacts, "hostile.scores.json")
    with open(hostile, "w", encoding="utf-8") as handle:
        json.dump(scores, handle)
    report = os.path.join(artifacts, "hostile.report.html")
    run_credence("report", "--scores", hostile, "-o", report)
    browser.get("file://" + report)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.scripts.length") == 1
    assert "<script>window.pwned = 1</script>" in one(browser, "#outlet-table").text
    assert not by_css(browser, 'a[href^="javascript:"]')
