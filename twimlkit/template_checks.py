"""The checks that only a Jinja2 template of TwiML has, reported by ``twimlkit lint`` on
``*.xml.j2`` and ``*.twiml.j2`` files (:func:`twimlkit.template_lint.validate_template`) and
documented like every other check.

TK4xx: a template that cannot be rendered, or a part of it that linting could not check.
"""

from __future__ import annotations

from .diagnostic import Check, Severity

TEMPLATE_SYNTAX_ERROR = Check(
    "TK401",
    "template-syntax-error",
    Severity.ERROR,
    "The template is not valid Jinja2.",
    doc="Jinja2 cannot read the template: a tag left open, an {% endif %} without its "
    "{% if %}, an expression that does not parse, or loops and ifs nested more than 20 deep "
    "(Python cannot compile what Jinja2 makes of them). Rendering it fails whatever the "
    "values, so nothing in it is checked. The finding is on the line Jinja2 names (line 1 "
    "for nesting too deep).",
    bad="<Response>\n  {% if greeting %}<Say>{{ greeting }}</Say>\n</Response>",
    good="<Response>\n  {% if greeting %}<Say>{{ greeting }}</Say>{% endif %}\n</Response>",
    twilio_error="none: the application fails before Twilio gets a response (11200, "
    "HTTP retrieval failure, when the webhook answers with an error).",
    always_reported=True,
)
TEMPLATE_RENDER_ERROR = Check(
    "TK402",
    "template-render-error",
    Severity.WARNING,
    "Rendering the template with stand-in values failed.",
    doc="twimlkit lint renders a template with a stand-in for every variable, and this "
    "render raised an error: a template it includes is missing, a division by zero, text "
    "added to a number. The finding is on the template's line where the error was raised; "
    "what that render would have written after it is not checked. A warning, not an error: "
    "with real values the template may render (a stand-in is no number, no list of yours), "
    "so look at the line and decide. Filters and tests that twimlkit does not know (ones "
    "your application registers) are not an error: they give a stand-in too.",
    bad='<Response>\n  {% include "missing-part.xml.j2" %}\n</Response>',
    good='<Response>\n  {% include "greeting.xml.j2" %}\n</Response>',
    twilio_error="none: if it fails with real values too, the application fails before "
    "Twilio gets a response.",
)
TEMPLATE_BRANCH_NOT_RENDERED = Check(
    "TK403",
    "template-branch-not-rendered",
    Severity.INFO,
    "A branch of an {% if %} that no render reached, so it was not checked.",
    doc="twimlkit lint renders a template several times, choosing each branch of every "
    "{% if %} whose test depends on a variable, so that what each branch writes is checked. "
    "A branch whose test the template decides by itself ({% if false %}, a {% set %} value "
    "tested later, an {% elif %} after a test that is always true) is never rendered, and "
    "its TwiML is never checked; this finding says where. It also says when twimlkit "
    "stopped rendering one template before reaching every branch (it renders a template at "
    "most 64 times).",
    bad="{% set greet = false %}\n<Response>\n  {% if greet %}<Sya>Hello</Sya>{% endif %}\n"
    "</Response>",
    good="<Response>\n  {% if greet %}<Say>Hello</Say>{% endif %}\n</Response>",
    twilio_error="none: this is about what twimlkit could check.",
)

#: Every template check, in code order.
ALL: tuple[Check, ...] = (
    TEMPLATE_SYNTAX_ERROR,
    TEMPLATE_RENDER_ERROR,
    TEMPLATE_BRANCH_NOT_RENDERED,
)
