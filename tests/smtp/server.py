"""A real SMTP server for the integration tests (aiosmtpd): listens on 127.0.0.1:PORT and appends each
message it receives to OUT as one JSON line: envelope sender and recipients, decoded headers and text,
the TLS version the message came over (null in clear) and the user it authenticated as (null).

Usage: python server.py PORT OUT [MODE CERTDIR [USER:PASSWORD]]
  MODE plain (the default): in clear, no STARTTLS offered.
  MODE starttls: STARTTLS offered and required before MAIL; MODE tls: TLS from the first byte (smtps).
  CERTDIR holds cert.pem and key.pem (tests/tls/cert.py); with USER:PASSWORD, AUTH is required (only
  offered over TLS) and any other login refused.
"""
import asyncio
import json
import ssl
import sys
from email import message_from_bytes
from email.policy import default

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Recorder:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=default)
        body = msg.get_body(preferencelist=("plain",))
        tls = server.transport.get_extra_info("ssl_object") if server.transport else None
        login = session.auth_data.login.decode() if session.authenticated else None
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "content_type": msg.get_content_type(),
            "body": body.get_content() if body is not None else "",
            "tls": tls.version() if tls is not None else None,
            "auth": login,
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 OK"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return check


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else "plain"
    kwargs = {}
    if mode != "plain":
        certdir = sys.argv[4]
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(f"{certdir}/cert.pem", f"{certdir}/key.pem")
        if mode == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        elif mode == "tls":
            kwargs.update(ssl_context=context)
        else:
            sys.exit(f"unknown mode {mode}")
        if len(sys.argv) > 5:
            user, password = sys.argv[5].split(":", 1)
            kwargs.update(authenticator=authenticator(user, password), auth_required=True)
    controller = Controller(Recorder(out), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
