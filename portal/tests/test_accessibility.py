"""The main pages have no WCAG 2.1 A/AA violation that axe-core can find, in Thai and in English.

axe-core comes from npm (package.json pins it; ``make install-dev`` runs ``npm ci``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from portal.tests.browser import log_in_context, set_language

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# (test id, path built from the test world, language, who is looking)
PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("home", lambda world: "/", "th", "anonymous"),
    ("home-en", lambda world: "/", "en", "anonymous"),
    ("home-logged-in", lambda world: "/", "th", "cso_coordinator"),
    ("directory", lambda world: "/organisations/", "th", "anonymous"),
    ("directory-search", lambda world: "/organisations/?" + urlencode({"q": "ลำพูน"}), "th",
     "anonymous"),
    ("organisation", lambda world: f"/organisations/{world.org.pk}/", "th", "anonymous"),
    ("coverage", lambda world: "/organisations/coverage/51/", "th", "anonymous"),
    ("area", lambda world: "/areas/51/", "th", "anonymous"),
    ("login", lambda world: "/accounts/login/", "th", "anonymous"),
    ("register", lambda world: "/accounts/register/", "th", "anonymous"),
]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        reason = (f"{AXE} is missing: run `make install-dev` (npm ci) to install axe-core"
                  if shutil.which("npm") else
                  "npm is not installed, so axe-core (package.json) cannot be installed")
        if os.environ.get("KLANG_REQUIRE_BROWSER", "") == "1":
            pytest.fail(f"{reason} (KLANG_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(reason)
    return AXE


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
                     f"<{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Any, axe_script: Path, where: str) -> None:
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: "tag", values: tags}})""",
        WCAG_TAGS,
    )
    assert results["passes"], f"axe-core checked nothing on {where}: is the page empty?"
    violations = results["violations"]
    assert not violations, f"axe-core found violations on {where}:\n" + describe(violations)


@pytest.mark.parametrize(("path", "language", "role"),
                         [page[1:] for page in PAGES], ids=[page[0] for page in PAGES])
def test_page_has_no_axe_violations(
    axe_script: Path, context: Any, live_server: Any, world: Any,
    path: Callable[[Any], str], language: str, role: str,
) -> None:
    set_language(context, live_server, language)
    if role != "anonymous":
        log_in_context(context, live_server, world.people[role])
    page = context.new_page()
    url = path(world)
    response = page.goto(url)
    assert response is not None and response.status == 200, (
        f"{url} answered {response.status if response else 'nothing'}"
    )
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page, axe_script, f"{url} ({language})")


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/register/"])
def test_a_form_with_errors_has_no_axe_violations(
    axe_script: Path, page: Any, areas: Any, path: str
) -> None:
    """Error messages must stay tied to their fields and readable.

    The form goes to the server with only its first field filled (the browser's own checks
    switched off), so that the page comes back with Django's error messages.
    """
    page.goto(path)
    form = page.locator("main form:has(input[type=password])").first
    form.evaluate("form => { form.noValidate = true; }")
    form.locator("input:not([type=hidden]):not([type=checkbox]):not([type=radio])").first.fill(
        "nobody@example.org"
    )
    form.locator("button:not([type=button]):not([type=reset]), input[type=submit]").first.click()
    page.wait_for_load_state()
    errors = page.locator("main .errorlist, main [aria-invalid=true], main [role=alert]")
    assert errors.count() > 0, f"{path}: the failed submission shows no error message"
    assert_no_axe_violations(page, axe_script, f"{path} after a failed submission")


FOCUS_PROBE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let node = el.parentElement, background = "rgb(255, 255, 255)";
  for (; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "transparent" && !bg.startsWith("rgba(0, 0, 0, 0")) { background = bg; break; }
  }
  return {
    element: el.outerHTML.slice(0, 120), outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor, background,
  };
}"""


def luminance(css_colour: str) -> float:
    red, green, blue = (int(float(part)) / 255 for part in
                        css_colour[css_colour.index("(") + 1:-1].split(",")[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
              for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("language", ["th", "en"])
def test_keyboard_focus_is_visible_on_every_control_of_the_home_page(
    context: Any, live_server: Any, world: Any, language: str
) -> None:
    """WCAG 2.4.7 and 1.4.11, which axe-core cannot see: a focus ring of 3:1 against its
    surroundings on every control the Tab key reaches (the header's green included)."""
    set_language(context, live_server, language)
    log_in_context(context, live_server, world.people["cso_coordinator"])
    page = context.new_page()
    response = page.goto("/")
    assert response is not None and response.status == 200
    problems, seen = [], set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_PROBE)
        if focus["element"] in seen:
            break
        seen.add(focus["element"])
        if focus["element"].startswith("<body"):
            continue
        ratio = contrast(focus["outlineColor"], focus["background"])
        if focus["outlineStyle"] == "none" or focus["outlineWidth"] < 2 or ratio < 3:
            problems.append(f"{focus['element']}: outline {focus['outlineStyle']} "
                            f"{focus['outlineWidth']}px {focus['outlineColor']} on "
                            f"{focus['background']} ({ratio:.1f}:1)")
    assert len(seen) > 5, f"Tab reached only {len(seen)} elements"
    assert not problems, "focus rings that are missing or too faint:\n" + "\n".join(problems)
