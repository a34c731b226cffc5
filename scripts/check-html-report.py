#!/usr/bin/env python3
"""Checks a Dragnet HTML report in headless Chromium (driven by selenium) at a given window width.

    scripts/check-html-report.py [--width 1400] [--search TEXT] REPORT.html...

For each report: the page never scrolls sideways (the document, and every table box, fit the window);
the script ran under the report's content security policy; the search box filters the match rows;
the columns sort; the pager pages; nothing is logged to the console (a CSP violation, a script
error); and with scripts off every match row is shown and nothing overflows either.

Exit status: 0 every check held; 1 a check failed (each failure printed); 77 Chromium, chromedriver
or selenium is missing (the caller skips).
"""
import argparse
import os
import shutil
import sys

SKIP = 77


def fail(errors, report, message):
    errors.append("%s: %s" % (report, message))


def make_driver(width, scripts):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=%d,1000" % width, "--force-device-scale-factor=1"):
        options.add_argument(argument)
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary:
        options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(width, 1000)
    return driver


def overflow(driver):
    """Sideways overflow of the document and of each table box, in CSS pixels (0 when it fits)."""
    return driver.execute_script("""
        const root = document.documentElement;
        const result = {document: root.scrollWidth - root.clientWidth, innerWidth: window.innerWidth, boxes: []};
        document.querySelectorAll('.table-wrap').forEach((box, i) => {
          const extra = box.scrollWidth - box.clientWidth;
          if (extra > 1) result.boxes.push([box.closest('section') ? box.closest('section').id : String(i), extra]);
        });
        return result;""")


def visible_rows(driver):
    return driver.execute_script("""
        const t = document.getElementById('match-table');
        return t ? Array.from(t.tBodies).filter(b => b.offsetParent !== null).map(b => b.rows[0].cells[0].textContent.trim()) : [];""")


def check_layout(driver, report, width, errors, label):
    measured = overflow(driver)
    if measured["innerWidth"] > width:
        fail(errors, report, "%s: window is %d px wide, not %d" % (label, measured["innerWidth"], width))
    if measured["document"] > 0:
        fail(errors, report, "%s: the page scrolls sideways by %d px at %d px" % (label, measured["document"], width))
    for section, extra in measured["boxes"]:
        fail(errors, report, "%s: the table in #%s scrolls sideways by %d px at %d px" % (label, section, extra, width))


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry.get("level") in ("SEVERE", "WARNING")]


def check_with_scripts(report, width, search_text, errors):
    from selenium.webdriver.common.by import By

    driver = make_driver(width, scripts=True)
    try:
        driver.get("file://" + os.path.abspath(report))
        check_layout(driver, report, width, errors, "scripts on")
        total = driver.execute_script("const t = document.getElementById('match-table'); return t ? t.tBodies.length : 0;")
        if total == 0:
            for entry in console_errors(driver):
                fail(errors, report, "console: %s" % entry.get("message"))
            return
        if driver.execute_script("return document.getElementById('match-table').getAttribute('data-enhanced');") != "true":
            fail(errors, report, "the report's script did not run (blocked by its content security policy?)")
            for entry in console_errors(driver):
                fail(errors, report, "console: %s" % entry.get("message"))
            return
        page_size = driver.execute_script("return document.querySelectorAll('#match-table tbody').length;")
        shown = visible_rows(driver)
        if len(shown) != min(total, 100):
            fail(errors, report, "%d rows shown of %d, expected the first page of %d" % (len(shown), page_size, min(total, 100)))

        # Search: the rows shown are exactly those whose text holds every word (first page of them).
        texts = driver.execute_script("return Array.from(document.getElementById('match-table').tBodies).map(b => [b.rows[0].cells[0].textContent.trim(), b.textContent.toLowerCase()]);")
        if not search_text:
            # The last row's subject: present in few rows.
            search_text = driver.execute_script("const t = document.getElementById('match-table'); return t.tBodies[t.tBodies.length - 1].rows[0].cells[5].textContent.trim();")
        box = driver.find_element(By.ID, "match-search")
        box.send_keys(search_text)
        words = search_text.lower().split()
        expected = [number for number, text in texts if all(word in text for word in words)]
        got = visible_rows(driver)
        if not expected:
            fail(errors, report, "search text %r is in no row; choose another" % search_text)
        elif got != expected[:100]:
            fail(errors, report, "search %r shows rows %s, expected %s" % (search_text, got[:10], expected[:10]))
        status = driver.find_element(By.ID, "match-status").text
        if ("%s of %s" % (format(len(expected), ","), format(total, ","))) not in status:
            fail(errors, report, "search status %r does not say %d of %d" % (status, len(expected), total))
        box.clear()
        driver.execute_script("document.getElementById('match-search').dispatchEvent(new Event('input'));")
        if len(visible_rows(driver)) != min(total, 100):
            fail(errors, report, "clearing the search does not bring the rows back")

        # Sorting: by date (ascending, then descending), then back by number.
        headers = driver.find_elements(By.CSS_SELECTOR, "#match-table thead th button.sort")
        if len(headers) != 11:
            fail(errors, report, "%d sortable headers, expected 11" % len(headers))
            return
        date_keys = "return Array.from(document.getElementById('match-table').tBodies).filter(b => b.offsetParent !== null).map(b => b.rows[0].cells[8].getAttribute('data-sort'));"
        headers[8].click()
        keys = driver.execute_script(date_keys)
        if keys != sorted(keys):
            fail(errors, report, "sorting by date ascending gives %s" % keys[:5])
        headers[8].click()
        keys = driver.execute_script(date_keys)
        if keys != sorted(keys, reverse=True):
            fail(errors, report, "sorting by date descending gives %s" % keys[:5])
        if driver.execute_script("return document.querySelectorAll('#match-table thead th')[8].getAttribute('aria-sort');") != "descending":
            fail(errors, report, "the date header does not say it sorts descending")
        headers[0].click()
        numbers = [int(n) for n in visible_rows(driver)]
        if numbers != list(range(1, len(numbers) + 1)):
            fail(errors, report, "sorting by number gives %s" % numbers[:5])

        # Pages: the next page shows the next rows.
        if total > 100:
            driver.find_element(By.ID, "page-next").click()
            numbers = [int(n) for n in visible_rows(driver)]
            if numbers != list(range(101, min(total, 200) + 1)):
                fail(errors, report, "page 2 shows %s..., expected 101..." % numbers[:3])
            check_layout(driver, report, width, errors, "page 2")
        for entry in console_errors(driver):
            fail(errors, report, "console: %s" % entry.get("message"))
    finally:
        driver.quit()


def check_without_scripts(report, width, errors):
    driver = make_driver(width, scripts=False)
    try:
        driver.get("file://" + os.path.abspath(report))
        check_layout(driver, report, width, errors, "scripts off")
        state = driver.execute_script("""
            const t = document.getElementById('match-table');
            return {search: document.getElementById('match-search') !== null,
                    rows: t ? t.tBodies.length : 0,
                    shown: t ? Array.from(t.tBodies).filter(b => b.offsetParent !== null).length : 0};""")
        if state["search"]:
            fail(errors, report, "scripts off: a search box that cannot work is shown")
        if state["shown"] != state["rows"]:
            fail(errors, report, "scripts off: %d of %d match rows shown" % (state["shown"], state["rows"]))
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--search", default=None, help="text to search for (default: the last row's subject)")
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("skipped: selenium is not installed (pip install selenium)")
        return SKIP
    if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
        print("skipped: chromium is not installed (apt-get install chromium)")
        return SKIP
    if not shutil.which("chromedriver"):
        print("skipped: chromedriver is not installed (apt-get install chromium-driver)")
        return SKIP
    errors = []
    for report in args.reports:
        check_with_scripts(report, args.width, args.search, errors)
        check_without_scripts(report, args.width, errors)
        print("checked %s" % report)
    for error in errors:
        print("FAIL " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
