#!/usr/bin/env python3
"""A local SMTP sink for the mail tests: a real SMTP server (aiosmtpd) that
accepts every mail and writes it, as received, to DIR/<n>.eml (written to a
temporary name first, then renamed, so a reader never sees half a mail).

    smtp_sink.py --port PORT --dir DIR

Prints "ready" once it accepts connections; stops on SIGTERM or SIGINT.
"""
import argparse
import itertools
import os
import signal
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.numbers)
        tmp = os.path.join(self.directory, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.directory, f"{n}.eml"))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    # SMTPUTF8 on: addresses and subjects in Cyrillic arrive as sent.
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, enable_SMTPUTF8=True)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
