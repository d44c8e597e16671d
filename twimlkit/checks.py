"""The checks that the parse and schema steps report, each with a stable code, a slug and the
same documentation as every rule: what it finds and why, an example, what to write instead,
and the Twilio error it predicts.

Codes are never reused or renumbered: users put them in configuration and in comments.
TK0xx: the bytes could not be read as a TwiML document at all.
TK1xx: the document is XML, but not TwiML as the schema in ``schemas/`` describes it.
"""

from __future__ import annotations

from .diagnostic import Check, Fixable, Severity

E = Severity.ERROR
_PARSE_ERROR = (
    "12100 (Document parse failure): Twilio cannot read the document and the caller hears "
    "that an application error has occurred."
)
_SCHEMA_ERROR = (
    "12200 (Schema validation warning): Twilio ignores or rejects what the schema does not "
    "allow, and the call may not do what the document says."
)

UNREADABLE_FILE = Check(
    "TK001",
    "unreadable-file",
    E,
    "The file could not be read.",
    doc="The file named on the command line or found in a folder could not be opened or read "
    "(no permission, a broken link, a loop of links, a read error), or a folder could not be "
    "searched. Nothing in it was checked, so a problem it holds would go unnoticed.",
    bad="(a file that the user running twimlkit may not read)",
    good="(a readable file; check its permissions)",
    twilio_error="none: this is about the file on disk, before Twilio sees anything.",
    always_reported=True,
)
EMPTY_DOCUMENT = Check(
    "TK002",
    "empty-document",
    E,
    "The document is empty or only white space.",
    doc="An empty response is not TwiML: Twilio needs at least <Response></Response>. An "
    "empty file is usually a template that rendered nothing or a write that failed.",
    bad="(an empty file, or one that holds only white space)",
    good="<Response/>",
    twilio_error=_PARSE_ERROR,
    always_reported=True,
)
DOCUMENT_TOO_LARGE = Check(
    "TK003",
    "document-too-large",
    E,
    "The document is larger than twimlkit will parse.",
    doc="twimlkit reads at most 1 MiB of a document (see MAX_DOCUMENT_BYTES) and reports a "
    "larger one instead of reading it, so a huge or endless input costs nothing. Twilio "
    "itself refuses responses over 64 kB (see response-too-large).",
    bad="(a document of more than 1 MiB)",
    good="(a document under 64 kB; move the rest behind a <Redirect>)",
    twilio_error="11750 (TwiML response body too large).",
    always_reported=True,
)
NOT_UTF8 = Check(
    "TK004",
    "not-utf8",
    E,
    "The document is not encoded as UTF-8.",
    doc="TwiML is read as UTF-8. A document in another encoding (Latin-1, UTF-16), or one "
    "whose XML declaration names another encoding, is misread: accented letters in <Say> come "
    "out garbled or the document does not parse.",
    bad='<?xml version="1.0" encoding="ISO-8859-1"?>\n<Response><Say>Hello</Say></Response>',
    good='<?xml version="1.0" encoding="UTF-8"?>\n<Response><Say>Hello</Say></Response>',
    twilio_error=_PARSE_ERROR,
    always_reported=True,
)
INVALID_CHARACTER = Check(
    "TK005",
    "invalid-character",
    E,
    "The document contains a character that XML 1.0 forbids.",
    doc="XML 1.0 allows no control characters other than tab, line feed and carriage return, "
    "not even escaped. They usually come from pasted text or unfiltered user input.",
    bad="<Response><Say>Hello\x07</Say></Response>",
    good="<Response><Say>Hello</Say></Response>",
    twilio_error=_PARSE_ERROR,
    always_reported=True,
)
NOT_WELL_FORMED = Check(
    "TK006",
    "not-well-formed",
    E,
    "The document is not well-formed XML.",
    doc="The document breaks the rules of XML itself: a tag left open or closed by the wrong "
    "name, a '<' in text, an attribute without quotes or given twice, an entity XML does not "
    "know (&nbsp;), text after the root element. The message says what is wrong in plain "
    "words, at the character at fault, and what to write instead: for a tag left open, "
    "where it was opened. Nothing after the first such mistake can be read, so only it is "
    "reported, after every unescaped-ampersand before it. When the file holds template "
    "syntax ({{ ... }}, {% ... %}), the message says to name it *.xml.j2 if it is a Jinja2 "
    "template, so that twimlkit lint checks what it renders.",
    bad="<Response>\n  <Say>Hello\n</Response>",
    good="<Response>\n  <Say>Hello</Say>\n</Response>",
    twilio_error=_PARSE_ERROR,
    always_reported=True,
)
FORBIDDEN_DTD = Check(
    "TK007",
    "forbidden-dtd",
    E,
    "The document has a DOCTYPE or entity declarations.",
    doc="TwiML never needs a DOCTYPE. A DTD can read local files or URLs (external "
    "entities) or expand without bound (entity bombs), so twimlkit refuses any document "
    "that has one, before parsing it.",
    bad='<!DOCTYPE Response [<!ENTITY name "Alice">]>\n<Response><Say>&name;</Say></Response>',
    good="<Response><Say>Alice</Say></Response>",
    twilio_error=_PARSE_ERROR,
    always_reported=True,
)
UNKNOWN_SUPPRESSION = Check(
    "TK008",
    "unknown-suppression",
    Severity.WARNING,
    "A twimlkit comment names a check, or a kind, that does not exist.",
    doc="A suppression comment silences nothing when the name in it is misspelt, so the "
    "finding it was meant for is still reported, or a later one is hidden by a name that "
    "happens to match. `twimlkit rules` lists every name. A `twimlkit: kind=` comment must "
    "name voice or messaging; otherwise the document's kind is found as if it were not there.",
    bad="<Response>\n  <!-- twimlkit: disable=empty-sya -->\n  <Say/>\n</Response>",
    good="<Response>\n  <!-- twimlkit: disable=empty-say -->\n  <Say/>\n</Response>",
    twilio_error="none: comments are not TwiML.",
)
UNESCAPED_AMPERSAND = Check(
    "TK009",
    "unescaped-ampersand",
    E,
    "A bare & that XML needs written as an entity.",
    doc="In XML, & starts an entity reference (&amp;, &lt;), so an & meant as itself must be "
    "written &amp;, in text and in attribute values alike. The most common case is a URL "
    "with a query string (/next?a=1&b=2), which is written /next?a=1&amp;b=2 in TwiML; "
    "Twilio reads it back as /next?a=1&b=2. A bare & stops the document from parsing. Each "
    "one is reported, with its fix (& written &amp;), up to the first mistake of another "
    "kind. An & that starts an entity XML does not know (&nbsp;) is not-well-formed: "
    "what it should be is for you to say.",
    bad="<Response>\n  <Say>Tom & Jerry</Say>\n  <Redirect>/next?a=1&b=2</Redirect>\n</Response>",
    good="<Response>\n  <Say>Tom &amp; Jerry</Say>\n  <Redirect>/next?a=1&amp;b=2</Redirect>\n"
    "</Response>",
    twilio_error=_PARSE_ERROR,
    fixable=Fixable(
        safe="writes the & as &amp;, which Twilio reads as the & it stands for",
        unsafe="the same inside {{ ... }} or {% ... %}, where the & may be part of a Jinja2 "
        "expression of a template that is not named *.xml.j2: escaping it there changes the "
        "expression",
        always=False,
    ),
    always_reported=True,
)
UNRENDERED_TEMPLATE = Check(
    "TK010",
    "unrendered-template",
    Severity.WARNING,
    "A plain TwiML file holds Jinja2 tags ({% ... %}): a template checked as it stands.",
    doc="A file named *.xml or *.twiml is checked as the TwiML it holds. When it holds "
    "Jinja2 statement tags ({% if %}, {% for %}, {% include %}), it is a template, and what "
    "it renders is not checked: the findings are about the tags as text, and a mistake in a "
    "branch is not found. Name it *.xml.j2 (or *.twiml.j2) and twimlkit lint renders it "
    "with stand-in values and checks every branch. One finding a file, at its first tag, "
    "saying how many there are. Placeholders alone ({{ From }}) are not reported: TwiML "
    "Bins fill such placeholders themselves, so a file holding them can be the TwiML "
    "Twilio runs. In a file that does not parse, the not-well-formed finding says the same.",
    bad="<Response>\n  <Say>{% if name %}Hello, {{ name }}{% else %}Hello{% endif %}</Say>\n"
    "</Response>",
    good="<!-- greeting.xml.j2: twimlkit lint renders it and checks each branch -->\n"
    "<Response>\n  <Say>{% if name %}Hello, {{ name }}{% else %}Hello{% endif %}</Say>\n"
    "</Response>",
    twilio_error="none: Twilio never sees the template, only what it renders.",
)

INVALID_ROOT = Check(
    "TK100",
    "invalid-root",
    E,
    "The root element is not <Response>.",
    doc="Every TwiML document is one <Response> element holding the verbs. A document whose "
    "root is a verb, or a misspelt <Response>, is not TwiML. A root that is a near miss of "
    "<Response> or of a verb or noun (another case, a letter missing, added, changed or two "
    "swapped, or the first half of a long name: <Resp>, <Gathr>, <Sya>) is told what it was "
    "likely meant to be; a folder's search checks such a file, and passes over XML whose root "
    "is no near miss (<coverage>, <project>).",
    bad="<Say>Hello</Say>",
    good="<Response><Say>Hello</Say></Response>",
    twilio_error=_SCHEMA_ERROR,
    fixable=Fixable(
        unsafe="renames a root element close to <Response> (<Respone>, <response>) to "
        "<Response>, in its start and end tags: Twilio then runs the document",
        always=False,
    ),
)
UNKNOWN_ELEMENT = Check(
    "TK101",
    "unknown-element",
    E,
    "An element that TwiML does not have.",
    doc="TwiML element names are case-sensitive and fixed. A misspelt or lower-case verb is "
    "not run; the message suggests the closest name, and says when an element belongs to the "
    "other kind of TwiML (voice or messaging).",
    bad="<Response><Sya>Hello</Sya></Response>",
    good="<Response><Say>Hello</Say></Response>",
    twilio_error=_SCHEMA_ERROR,
    fixable=Fixable(
        unsafe="renames the element, in its start and end tags, to the name the message "
        "suggests, when that element is allowed where it stands: Twilio then runs it",
        always=False,
    ),
)
UNKNOWN_ATTRIBUTE = Check(
    "TK102",
    "unknown-attribute",
    E,
    "An attribute that this TwiML element does not have.",
    doc="Twilio ignores an attribute it does not know, so what it was meant to do does not "
    "happen: a misspelt recordingStatusCallback never calls back. Attribute names are "
    "case-sensitive camelCase.",
    bad='<Response><Dial timout="10">+15551239876</Dial></Response>',
    good='<Response><Dial timeout="10">+15551239876</Dial></Response>',
    twilio_error=_SCHEMA_ERROR,
    fixable=Fixable(
        unsafe="renames the attribute to the name the message suggests (unless the element "
        "has that attribute already): it then takes effect",
        always=False,
    ),
)
INVALID_VALUE = Check(
    "TK103",
    "invalid-value",
    E,
    "An attribute or text value outside the allowed values.",
    doc="The value is not one the attribute (or the element's text) takes: a word outside "
    "its set, a number out of range, text where a number belongs. Twilio falls back to the "
    "default or rejects the verb. The message says what is allowed and suggests the closest "
    "value.",
    bad='<Response><Dial recordingTrack="inbund">+15551239876</Dial></Response>',
    good='<Response><Dial recordingTrack="inbound">+15551239876</Dial></Response>',
    twilio_error=_SCHEMA_ERROR,
    value_check=True,
    fixable=Fixable(
        safe="when an attribute's list is written with commas: writes the same items with "
        "spaces between them (semicolons too, and each item in Twilio's case; never a list "
        "that loses an item)",
        unsafe="when an attribute's value is close to an allowed one: writes that one, "
        "which then takes effect",
        always=False,
    ),
)
INVALID_NESTING = Check(
    "TK104",
    "invalid-nesting",
    E,
    "A TwiML element placed where it is not allowed.",
    doc="Each verb and noun may appear only inside certain elements: <Number> inside <Dial>, "
    "<Say> inside <Gather>. Elsewhere Twilio does not run it. The message lists what the "
    "parent may contain.",
    bad="<Response><Gather><Dial>+15551239876</Dial></Gather></Response>",
    good="<Response><Gather><Say>Press 1</Say></Gather><Dial>+15551239876</Dial></Response>",
    twilio_error=_SCHEMA_ERROR,
)
MISSING_ATTRIBUTE = Check(
    "TK105",
    "missing-attribute",
    E,
    "An attribute that this element requires is missing.",
    doc="Some elements cannot work without an attribute: a <ConversationRelay> needs its "
    "url, a <Parameter> its name and value.",
    bad="<Response><Connect><ConversationRelay/></Connect></Response>",
    good='<Response><Connect><ConversationRelay url="wss://example.com/agent"/></Connect>'
    "</Response>",
    twilio_error=_SCHEMA_ERROR,
)
UNEXPECTED_TEXT = Check(
    "TK106",
    "unexpected-text",
    E,
    "Text inside an element that takes no text.",
    doc="Text where TwiML takes only elements (directly inside <Response> or <Gather>, or in "
    "<Hangup>) is never spoken. It is usually a <Say> that was left out.",
    bad="<Response>Hello<Hangup/></Response>",
    good="<Response><Say>Hello</Say><Hangup/></Response>",
    twilio_error=_SCHEMA_ERROR,
    value_check=True,
)
MISSING_TEXT = Check(
    "TK107",
    "missing-text",
    E,
    "An element that needs text content is empty.",
    doc="Some nouns are their text: a <Number> is the number to dial, a <Media> the URL to "
    "send. Empty, they do nothing or fail.",
    bad="<Response><Dial><Number></Number></Dial></Response>",
    good="<Response><Dial><Number>+15551239876</Number></Dial></Response>",
    twilio_error=_SCHEMA_ERROR,
)
RETIRED_ELEMENT = Check(
    "TK108",
    "retired-element",
    Severity.WARNING,
    "An element that Twilio has retired and no longer runs.",
    doc="Twilio has switched off some TwiML along with the products behind it. A document "
    "that still uses such an element no longer does what it did. (A warning, not an error: "
    "Twilio's own published examples still show some of them.) The message names what "
    "replaces it; the schema in schemas/ lists every retired element.",
    bad="<Response><Connect><Autopilot>UA123</Autopilot></Connect></Response>",
    good='<Response><Connect><ConversationRelay url="wss://example.com/agent"/></Connect>'
    "</Response>",
    twilio_error=_SCHEMA_ERROR,
)
VALUE_WRONG_CASE = Check(
    "TK109",
    "value-wrong-case",
    Severity.WARNING,
    'A value that is allowed only in another case: method="post", hangupOnStar="True".',
    doc="TwiML's values are case-sensitive words as Twilio documents them: GET and POST in "
    "capitals, true and false, record-from-answer and the other keywords in lower case. "
    "Twilio's documentation does not say whether it also reads them in another case, and its "
    'own error texts disagree (13213 asks for "true", 13614 for TRUE), so a value that '
    "matches an allowed one except for case is a warning rather than an error: Twilio may "
    "read it, or may ignore it and use the default. The message gives the exact value to "
    "write. A value that matches nothing in any case is invalid-value.",
    bad='<Response><Dial method="post" action="/after">+15551239876</Dial></Response>',
    good='<Response><Dial method="POST" action="/after">+15551239876</Dial></Response>',
    twilio_error="possibly the attribute's invalid value code (13210 for <Dial method>, 13213 "
    "for hangupOnStar, ...), logged as a warning; Twilio then uses the default.",
    value_check=True,
    fixable=Fixable(safe="writes the value in Twilio's case, as the message says"),
)
VALUE_WHITESPACE = Check(
    "TK110",
    "value-whitespace",
    Severity.WARNING,
    "An attribute value with white space at its start or end.",
    doc="XML keeps the spaces, tabs and line breaks at either end of an attribute value, and "
    'Twilio\'s documentation does not say that it trims them: timeout=" 5" or '
    'method="POST " may be read as written and rejected. Every attribute is treated the '
    "same way, whatever it takes (a word, a number, a URL, a list), and its value is then "
    "checked without the white space, so one slip gives this one finding. White space "
    "between the items of a list is fine.",
    bad='<Response><Dial timeout=" 20">+15551239876</Dial></Response>',
    good='<Response><Dial timeout="20">+15551239876</Dial></Response>',
    twilio_error="none documented; where Twilio does not trim the value, the attribute's "
    "invalid value code (13212 for <Dial timeout>, ...).",
    fixable=Fixable(
        safe="removes the white space around a value it cannot belong to (a number, a word "
        "from a closed set, a list, a URL)",
        unsafe="removes it around free text (a <Parameter> value, a <Stream> name), where it "
        "may be meant and Twilio may pass it on as written",
        always=False,
    ),
)
NUMBER_NOT_WHOLE = Check(
    "TK111",
    "number-not-whole",
    Severity.WARNING,
    'A whole number written as a decimal, such as timeout="5.0".',
    doc="Attributes that count seconds, digits or repetitions take whole numbers: Twilio's "
    'error texts ask for "a positive integer" (13212, 13313, 13611), and every Twilio SDK '
    "types them as integers, so none of them writes 5.0. Whether Twilio reads 5.0 as 5 is "
    "not documented; it may reject the value and use the default. A warning, with the whole "
    "number to write; a number with a fraction (5.5) is invalid-value.",
    bad='<Response><Gather timeout="5.0" action="/menu"/></Response>',
    good='<Response><Gather timeout="5" action="/menu"/></Response>',
    twilio_error="possibly the attribute's invalid value code (13212 Dial: Invalid timeout "
    "value, 13313 for <Gather>, 13611 for <Record>), logged as a warning.",
    value_check=True,
    fixable=Fixable(safe="writes the whole number (5 for 5.0)"),
)
SCHEMA_VIOLATION = Check(
    "TK199",
    "schema-violation",
    E,
    "Any other way the document breaks the TwiML schema.",
    doc="A problem that the schema's validator reports and that none of the specific checks "
    "above describes; the message is the validator's own. It should not happen: please "
    "report the document.",
    twilio_error=_SCHEMA_ERROR,
)

ALL: tuple[Check, ...] = (
    UNREADABLE_FILE,
    EMPTY_DOCUMENT,
    DOCUMENT_TOO_LARGE,
    NOT_UTF8,
    INVALID_CHARACTER,
    NOT_WELL_FORMED,
    FORBIDDEN_DTD,
    UNKNOWN_SUPPRESSION,
    UNESCAPED_AMPERSAND,
    UNRENDERED_TEMPLATE,
    INVALID_ROOT,
    UNKNOWN_ELEMENT,
    UNKNOWN_ATTRIBUTE,
    INVALID_VALUE,
    INVALID_NESTING,
    MISSING_ATTRIBUTE,
    UNEXPECTED_TEXT,
    MISSING_TEXT,
    RETIRED_ELEMENT,
    VALUE_WRONG_CASE,
    VALUE_WHITESPACE,
    NUMBER_NOT_WHOLE,
    SCHEMA_VIOLATION,
)
