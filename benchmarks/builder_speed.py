"""Build and serialize the same TwiML with twimlkit, twilio-python and a hand-written string
join, in one process, and print the times side by side.

    python benchmarks/builder_speed.py [--quick]

Targets: twimlkit at least 5x faster than twilio-python on the ten-element IVR (the medium
document, the size of a typical webhook's answer) and at least 3x on every document, and within
2.5x of the hand-written join (the floor: no objects and no checks, only each value escaped
with the standard library's escape/quoteattr and the pieces concatenated).
Needs the dev extra (twilio-python). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from twilio.twiml.voice_response import Gather as TwilioGather
from twilio.twiml.voice_response import VoiceResponse

from twimlkit.voice import Dial, Gather, Number, Pause, Play, Redirect, Response, Say

CALLBACK = "https://example.com/recordings?call=42&leg=a"
NUMBERS = ("+15551230001", "+15551230002", "+15551230003")
LINES = [f"Line {i} says: press <{i % 10}> & wait" for i in range(333)]  # 3 verbs a line


# -- one <Dial> ---------------------------------------------------------------------------


def dial_twimlkit() -> str:
    return Response(
        Dial(
            Number("+15551239876"),
            record="record-from-answer",
            recording_track="inbound",
            recording_status_callback=CALLBACK,
        )
    ).to_xml()


def dial_twilio() -> str:
    response = VoiceResponse()
    dial = response.dial(
        record="record-from-answer", recording_track="inbound", recording_status_callback=CALLBACK
    )
    dial.number("+15551239876")
    return str(response.to_xml(xml_declaration=False))


def dial_by_hand() -> str:
    return (
        f"<Response><Dial record={quoteattr('record-from-answer')}"
        f" recordingTrack={quoteattr('inbound')} recordingStatusCallback={quoteattr(CALLBACK)}>"
        f"<Number>{escape('+15551239876')}</Number></Dial></Response>"
    )


# -- a ten-element IVR --------------------------------------------------------------------


def ivr_twimlkit() -> str:
    return Response(
        Say("Welcome to Example & Co."),
        Gather(
            Say("For sales press 1, for support press 2."),
            Play("https://example.com/hold.mp3"),
            input=["dtmf", "speech"],
            num_digits=1,
            action="/menu",
        ),
        Dial(*(Number(n) for n in NUMBERS), timeout=20),
        Redirect("/menu"),
    ).to_xml()


def ivr_twilio() -> str:
    response = VoiceResponse()
    response.say("Welcome to Example & Co.")
    gather = TwilioGather(input="dtmf speech", num_digits=1, action="/menu")
    gather.say("For sales press 1, for support press 2.")
    gather.play("https://example.com/hold.mp3")
    response.append(gather)
    dial = response.dial(timeout=20)
    for number in NUMBERS:
        dial.number(number)
    response.redirect("/menu")
    return str(response.to_xml(xml_declaration=False))


def ivr_by_hand() -> str:
    numbers = "".join(f"<Number>{escape(n)}</Number>" for n in NUMBERS)
    return (
        f"<Response><Say>{escape('Welcome to Example & Co.')}</Say>"
        f"<Gather input={quoteattr(' '.join(['dtmf', 'speech']))} numDigits={quoteattr(str(1))}"
        f" action={quoteattr('/menu')}>"
        f"<Say>{escape('For sales press 1, for support press 2.')}</Say>"
        f"<Play>{escape('https://example.com/hold.mp3')}</Play></Gather>"
        f"<Dial timeout={quoteattr(str(20))}>{numbers}</Dial>"
        f"<Redirect>{escape('/menu')}</Redirect></Response>"
    )


# -- 1,000 elements -----------------------------------------------------------------------


def big_twimlkit() -> str:
    verbs: list[Say | Play | Pause] = []
    for line in LINES:
        verbs += [Say(line, voice="alice"), Play("https://example.com/beep.mp3"), Pause(length=1)]
    return Response(*verbs).to_xml()


def big_twilio() -> str:
    response = VoiceResponse()
    for line in LINES:
        response.say(line, voice="alice")
        response.play("https://example.com/beep.mp3")
        response.pause(length=1)
    return str(response.to_xml(xml_declaration=False))


def big_by_hand() -> str:
    parts = ["<Response>"]
    for line in LINES:
        parts.append(f"<Say voice={quoteattr('alice')}>{escape(line)}</Say>")
        parts.append(f"<Play>{escape('https://example.com/beep.mp3')}</Play>")
        parts.append(f"<Pause length={quoteattr(str(1))}/>")
    parts.append("</Response>")
    return "".join(parts)


CASES: list[tuple[str, Callable[[], str], Callable[[], str], Callable[[], str]]] = [
    ("one <Dial>", dial_twimlkit, dial_twilio, dial_by_hand),
    ("ten-element IVR", ivr_twimlkit, ivr_twilio, ivr_by_hand),
    ("1,000 elements", big_twimlkit, big_twilio, big_by_hand),
]
# How many times faster than twilio-python twimlkit must be, by document.
FASTER = {"ten-element IVR": 5.0}


def best_time(function: Callable[[], str], seconds: float) -> float:
    """The best time of one call, in microseconds, over repeated timed batches."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    batches = max(3, int(seconds / max(timer.timeit(number), 1e-9)))
    return min(timer.repeat(repeat=min(batches, 15), number=number)) / number * 1e6


def memory_per_element() -> float:
    """Bytes allocated per element while building the 1,000-element document (text included)."""
    verbs: list[Say | Play | Pause] = []
    tracemalloc.start()
    for line in LINES:
        verbs += [Say(line, voice="alice"), Play("https://example.com/beep.mp3"), Pause(length=1)]
    response = Response(*verbs)
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response is not None
    return size / (len(verbs) + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    args = parser.parse_args(argv)
    seconds = 0.2 if args.quick else 2.0
    print(
        f"{'document':<18}{'twimlkit':>12}{'twilio':>12}{'by hand':>12}"
        f"{'twilio/tk':>12}{'tk/by hand':>12}"
    )
    ok = True
    for name, ours, theirs, by_hand in CASES:
        t_ours, t_theirs, t_hand = (best_time(f, seconds) for f in (ours, theirs, by_hand))
        faster, floor = t_theirs / t_ours, t_ours / t_hand
        ok &= faster >= FASTER.get(name, 3.0) and floor <= 2.5
        print(
            f"{name:<18}{t_ours:>10.1f}us{t_theirs:>10.1f}us{t_hand:>10.1f}us"
            f"{faster:>11.1f}x{floor:>11.2f}x"
        )
    print(
        "targets: twilio/tk >= 5x on the IVR and >= 3x on the others, tk/by hand <= 2.5x:",
        "met" if ok else "MISSED",
    )
    print(f"memory: {memory_per_element():.0f} bytes per element of the 1,000-element document")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
