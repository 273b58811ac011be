"""The body of scripts/deploy-check (README, "Running it for real"): runs deploy/ as it is on
this machine, against the throwaway PostgreSQL that scripts/with-postgres gives in
DATABASE_URL, and drives it over HTTPS as a resident and a complaints officer would.

The systemd units are not started by systemd (these machines have none): each unit's
ExecStart line is read from the file and run directly, with the settings file its
EnvironmentFile names and its Environment lines, so a wrong line in a unit fails here. The
nginx site is run by nginx itself. Only the paths, the listening addresses and the secrets
are swapped for throwaway ones (PATHS below). What the units' User=, hardening and timers
do is systemd's business and is not exercised.

    .venv/bin/python scripts/deploy_check.py      # through scripts/deploy-check
"""

from __future__ import annotations

import configparser
import contextlib
import datetime as dt
import email
import email.policy
import hmac
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
HOST = "complaints.example.org"  # the site's server_name and the settings' ALLOWED_HOSTS
#: nginx listens on this loopback address; the check's requests come from CLIENT, which
#: the app must count sign-in failures against: it only knows it through nginx's
#: X-Forwarded-For and TRUSTED_PROXIES (gunicorn's unix socket has no client address).
CLIENT_FACING = "127.0.0.2"
CLIENT = "127.0.0.3"
LANDLORD = "Deploy Check Homes"
OFFICER = "deploy.officer"
RESIDENT_EMAIL = "resident@deploy-check.example"
OFFICER_EMAIL = "officer@deploy-check.example"
TIMEOUT = 30.0
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"deploy-check: [{time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


class CheckFailed(Exception):
    pass


def expect(condition: object, what: str) -> None:
    if not condition:
        raise CheckFailed(what)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The units and the site, with the throwaway paths ---------------------------------------


@dataclass
class Layout:
    tmp: Path
    venv: Path
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)

    @property
    def paths(self) -> dict[str, str]:
        """What deploy/ names on a real server, and where it is here."""
        return {
            "/opt/putright/venv": str(self.venv),
            "/etc/putright/putright.env": str(self.tmp / "putright.env"),
            "/var/lib/putright": str(self.tmp / "data"),
            "/run/putright": str(self.tmp / "run"),
            "/etc/ssl/putright": str(self.tmp / "tls"),
            "/srv/backups": str(self.tmp / "backups"),
        }

    def localise(self, text: str) -> str:
        for real, here in self.paths.items():
            text = text.replace(real, here)
        return text


@dataclass
class Unit:
    name: str
    exec_start: list[str]
    environment: dict[str, str]
    environment_file: Path | None
    working_directory: Path | None


def read_unit(layout: Layout, filename: str, instance: str = "") -> Unit:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    text = (UNITS / filename).read_text()
    # systemd allows a key more than once (Environment=); configparser does not: number them.
    counts: dict[str, int] = {}
    lines = []
    for line in text.splitlines():
        if match := re.match(r"^(Environment)=(.*)$", line):
            counts[match[1]] = counts.get(match[1], 0) + 1
            line = f"{match[1]}.{counts[match[1]]}={match[2]}"
        lines.append(line)
    parser.read_string("\n".join(lines))
    service = parser["Service"]
    expect("ExecStart" in service, f"{filename}: no ExecStart line")

    def expand(value: str) -> str:
        value = value.replace("%I", instance.replace("%", "\0")).replace("%i", instance)
        return layout.localise(value.replace("%%", "%").replace("\0", "%"))

    # As systemd does: split into words first, then expand the specifiers in each, so an
    # instance name with spaces (a landlord's) stays one argument.
    command = [expand(word) for word in shlex.split(service["ExecStart"])]
    command[0] = command[0].lstrip("+-@:!")  # systemd's prefixes
    expect(Path(command[0]).exists(), f"{filename}: ExecStart runs {command[0]}, not found")
    environment = {}
    for key, value in service.items():
        if key.startswith("Environment."):
            for assignment in shlex.split(expand(value)):
                name, _, setting = assignment.partition("=")
                environment[name] = setting
    env_file = Path(expand(service["EnvironmentFile"])) if "EnvironmentFile" in service else None
    workdir = Path(expand(service["WorkingDirectory"])) if "WorkingDirectory" in service else None
    return Unit(filename, command, environment, env_file, workdir)


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def unit_environment(unit: Unit) -> dict[str, str]:
    # systemd's own PATH, not the caller's: a unit must not depend on someone's shell.
    env = {"PATH": SYSTEMD_PATH, "LANG": "C.UTF-8"}
    # Only so a check of a working copy runs its code with a shared virtualenv.
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if unit.environment_file is not None:
        env.update(read_env_file(unit.environment_file))
    env.update(unit.environment)
    return env


# The local mail server -------------------------------------------------------------------


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend to hand over messages, which it keeps."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.arrived = threading.Condition()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def wait_for(self, to: str, subject_start: str, timeout: float = TIMEOUT) -> EmailMessage:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for recipients, message in self.messages:
                    if to in recipients and str(message["Subject"]).startswith(subject_start):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(r, str(m["Subject"])) for r, m in self.messages]
                    raise CheckFailed(
                        f"no email to {to} starting {subject_start!r} within {timeout:.0f}s "
                        f"(the sink has: {seen or 'nothing'})"
                    )
                self.arrived.wait(left)


class SmtpSession(socketserver.StreamRequestHandler):
    server: MailSink

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 deploy-check sink")
        recipients: list[str] = []
        while raw := self.rfile.readline():
            command = raw.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 deploy-check")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>").split(">")[0])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End with <CRLF>.<CRLF>")
                body = bytearray()
                while (line := self.rfile.readline()) not in {b".\r\n", b".\n", b""}:
                    body += line[1:] if line.startswith(b"..") else line
                message = email.message_from_bytes(bytes(body), policy=email.policy.default)
                with self.server.arrived:
                    self.server.messages.append((recipients, message))  # type: ignore[arg-type]
                    self.server.arrived.notify_all()
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


# The processes ---------------------------------------------------------------------------


@dataclass
class Running:
    name: str
    process: subprocess.Popen[bytes]
    log: Path


class Processes:
    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: list[Running] = []

    def start(self, name: str, command: list[str], env: dict[str, str], cwd: Path | None) -> None:
        log = self.logs / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                env=env,
                cwd=cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running.append(Running(name, process, log))

    def check_alive(self) -> None:
        for r in self.running:
            if r.process.poll() is not None:
                raise CheckFailed(f"{r.name} stopped (exit {r.process.returncode}):\n{tail(r.log)}")

    def stop_all(self) -> None:
        for r in reversed(self.running):
            if r.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(r.process.pid, signal.SIGTERM)
        for r in reversed(self.running):
            try:
                r.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(r.process.pid, signal.SIGKILL)
                r.process.wait()


def tail(log: Path, lines: int = 40) -> str:
    if not log.exists():
        return "(no log)"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def run_unit_once(layout: Layout, filename: str, *extra: str, instance: str = "") -> str:
    """A oneshot unit (a timer's job), as its ExecStart says, with ``extra`` arguments."""
    unit = read_unit(layout, filename, instance)
    result = subprocess.run(
        [*unit.exec_start, *extra],
        env=unit_environment(unit),
        cwd=unit.working_directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    expect(
        result.returncode == 0,
        f"{filename} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}",
    )
    return result.stdout


# Talking to the site over HTTPS ----------------------------------------------------------


class FromClientAddress(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (CLIENT, 0)
        super().init_poolmanager(*args, **kwargs)


class Browser:
    """A requests session to nginx's HTTPS address that sends the site's own host name,
    trusts only the throwaway certificate, and follows redirects itself."""

    def __init__(self, layout: Layout) -> None:
        self.base = f"https://{CLIENT_FACING}:{layout.https_port}"
        self.host = f"{HOST}:{layout.https_port}"
        self.path = "/"
        self.session = requests.Session()
        # No proxy and no CA bundle from the environment: only the throwaway certificate.
        self.session.trust_env = False
        self.session.mount("https://", FromClientAddress())
        self.session.mount("http://", FromClientAddress())
        self.session.verify = str(layout.tmp / "tls" / "fullchain.pem")
        self.session.headers["Host"] = self.host
        # A client's own header must not become its address (nginx replaces it).
        self.session.headers["X-Forwarded-For"] = "198.51.100.66"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        response = self.session.request(
            method, self.base + path, allow_redirects=False, timeout=TIMEOUT, **kwargs
        )
        hops = 0
        while response.is_redirect and hops < 10:
            target = urlsplit(response.headers["Location"])
            expect(
                not target.netloc or target.netloc == self.host,
                f"{path} redirected off the site, to {response.headers['Location']}",
            )
            expect(target.scheme in {"", "https"}, f"{path} redirected to plain HTTP")
            path = target.path + (f"?{target.query}" if target.query else "")
            response = self.session.get(self.base + path, allow_redirects=False, timeout=TIMEOUT)
            hops += 1
        self.path = path  # where the redirects ended
        return response

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def submit(self, path: str, data: dict[str, Any]) -> requests.Response:
        """GET the page, then POST its form with the CSRF token, as a browser would."""
        page = self.get(path)
        expect(page.status_code == 200, f"GET {path}: {page.status_code}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        expect(token, f"{path}: no CSRF token in the form")
        assert token is not None
        headers = {"Referer": f"https://{self.host}{path}", "Origin": f"https://{self.host}"}
        return self.request(
            "POST", path, data={**data, "csrfmiddlewaretoken": token[1]}, headers=headers
        )


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238, as django-otp's TOTPDevice checks it (30 s steps, 6 digits, SHA-1)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


RESIDENT_ANSWERS: list[tuple[str, dict[str, Any]]] = [
    ("/complain/", {"person": "resident"}),
    ("/complain/name/", {"resident_name": "Robin Deploy"}),
    ("/complain/contact/", {"contact_method": "email"}),
    ("/complain/contact-details/", {"email": RESIDENT_EMAIL, "phone": ""}),
    (
        "/complain/address/",
        {
            "address_line_1": "1 Check Street",
            "address_line_2": "",
            "town": "Leeds",
            "postcode": "LS1 1AA",
        },
    ),
    ("/complain/what-happened/", {"what_happened": "The boiler has not worked for a week."}),
    ("/complain/put-right/", {"put_right": "Repair the boiler."}),
    ("/complain/support/", {"support": ["none"]}),
    ("/complain/files/", {"action": "continue"}),
]


# The check -------------------------------------------------------------------------------


def prepare(layout: Layout, mail_port: int) -> None:
    tmp = layout.tmp
    for folder in ("data", "run", "tls", "logs", "backups", "nginx"):
        (tmp / folder).mkdir()
    # The metrics folder systemd makes (RuntimeDirectory=) for the web unit.
    (tmp / "run" / "metrics").mkdir()
    settings = read_env_file(DEPLOY / "putright.env")
    settings.update(
        DATABASE_URL=os.environ["DATABASE_URL"],
        SECRET_KEY=secrets.token_urlsafe(50),
        EMAIL_URL=f"smtp://127.0.0.1:{mail_port}",
        PUTRIGHT_DATA_DIR=str(tmp / "data"),
        LOG_LEVEL="WARNING",
    )
    (tmp / "putright.env").write_text("".join(f"{k}={v}\n" for k, v in settings.items()))
    tls = tmp / "tls"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST},IP:{CLIENT_FACING}",
            "-keyout",
            str(tls / "privkey.pem"),
            "-out",
            str(tls / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )


def nginx_config(layout: Layout) -> Path:
    """deploy/nginx/putright.conf inside a minimal nginx.conf of its own (Debian's includes
    the site the same way), listening on loopback high ports instead of 443 and 80."""
    site = layout.localise((DEPLOY / "nginx" / "putright.conf").read_text())
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.M)
    site = site.replace("listen 443 ssl", f"listen {CLIENT_FACING}:{layout.https_port} ssl")
    site = site.replace("listen 80;", f"listen {CLIENT_FACING}:{layout.http_port};")
    expect(str(layout.https_port) in site, "the nginx site has no `listen 443 ssl` line")
    work = layout.tmp / "nginx"
    (work / "putright.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(f"""{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {work}/access.log;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/putright.conf;
}}
""")
    test = subprocess.run(
        ["nginx", "-t", "-q", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    expect(test.returncode == 0, f"nginx -t refuses the site:\n{test.stderr}")
    return conf


def wait_until_up(browser: Browser, processes: Processes) -> None:
    deadline = time.monotonic() + 60
    last: object = None
    while True:
        processes.check_alive()
        try:
            last = browser.get("/healthz")
            if last.status_code in {200, 503}:  # type: ignore[attr-defined]
                return
        except requests.RequestException as error:
            last = error
        if time.monotonic() > deadline:
            raise CheckFailed(f"the site did not answer /healthz within 60 s: {last}")
        time.sleep(0.3)


def django_setup(layout: Layout) -> None:
    """This process talks to the same database for the set-up and the assertions."""
    os.environ.update(read_env_file(layout.tmp / "putright.env"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "putright.settings"
    import django

    django.setup()


def make_officer() -> str:
    """A complaints officer of the check's landlord, with an authenticator app; its key."""
    from django.contrib.auth import get_user_model

    from putright.landlords.models import Landlord, Role, StaffMembership
    from putright.staff.two_factor.services import authenticator_install

    landlord = Landlord.objects.get(name=LANDLORD)
    user = get_user_model().objects.create_user(
        OFFICER, OFFICER_EMAIL, "deploy-check-password", first_name="Dee", last_name="Ploy"
    )
    StaffMembership.objects.create(user=user, landlord=landlord, role=Role.OFFICER)
    key = secrets.token_hex(20)
    authenticator_install(user=user, key=key)
    return key


def max_portal_bytes() -> int:
    from putright.portal.middleware import max_request_bytes

    return max_request_bytes()


def check(layout: Layout, processes: Processes, sink: MailSink) -> None:
    started = time.monotonic()
    venv_bin = layout.venv / "bin"
    web = read_unit(layout, "putright-web.service")
    worker = read_unit(layout, "putright-worker.service")
    env = unit_environment(web)

    say("migrate and collectstatic (side by side), as an installation or upgrade does")
    putright = str(venv_bin / "putright")
    collect = subprocess.Popen(
        [putright, "collectstatic", "--no-input"], env=env, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [putright, "migrate", "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    expect(collect.wait() == 0, "putright collectstatic failed")
    django_setup(layout)
    from django.core.management import call_command

    call_command("landlord", "add", LANDLORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    key = make_officer()

    say("starting gunicorn, the worker and nginx from their units and site")
    processes.start("web", web.exec_start, unit_environment(web), web.working_directory)
    processes.start("worker", worker.exec_start, unit_environment(worker), worker.working_directory)
    conf = nginx_config(layout)
    work = layout.tmp / "nginx"
    processes.start(
        "nginx",
        ["nginx", "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf)],
        dict(os.environ),
        work,
    )
    browser = Browser(layout)
    wait_until_up(browser, processes)

    say(f"https://{CLIENT_FACING}:{layout.https_port}: health, static files, /metrics, HTTP")
    health = browser.request("GET", "/healthz", headers={"Accept": "application/json"})
    expect(health.status_code == 200, f"/healthz answered {health.status_code}: {health.text}")
    expect("Strict-Transport-Security" in health.headers, "/healthz over HTTPS without HSTS")
    css = next((layout.tmp / "data" / "static").rglob("*.css"))
    relative = css.relative_to(layout.tmp / "data" / "static").as_posix()
    static = browser.get(f"/static/{relative}")
    expect(static.status_code == 200, f"/static/{relative}: {static.status_code}")
    expect(static.content == css.read_bytes(), "a static file differs from STATIC_ROOT's")
    expect("X-Frame-Options" not in static.headers, "/static/ reached Django, not nginx")
    metrics = browser.get("/metrics")
    expect(metrics.status_code == 404, f"/metrics is public: {metrics.status_code}")
    plain = browser.session.get(
        f"http://{CLIENT_FACING}:{layout.http_port}/staff/",
        timeout=TIMEOUT,
        headers={"Host": HOST},
        allow_redirects=False,
    )
    expect(
        plain.status_code == 301 and plain.headers["Location"] == f"https://{HOST}/staff/",
        f"plain HTTP answered {plain.status_code} {plain.headers.get('Location')}",
    )

    say("a resident logs a complaint through the portal")
    resident = Browser(layout)
    for path, answers in RESIDENT_ANSWERS:
        step = resident.submit(path, answers)
        expect(step.status_code == 200, f"{path}: {step.status_code}")
        expect("govuk-error-summary" not in step.text, f"{path} was refused:\n{step.text[:3000]}")
    sent = resident.submit("/complain/check-answers/", {})
    expect(resident.path == "/complain/sent/", f"sending ended at {resident.path}")
    found = re.search(r"<strong>([A-Z0-9-]+)</strong>", sent.text)
    expect(found, "the confirmation page shows no reference")
    assert found is not None
    reference = found[1]
    too_big = resident.request(
        "POST", "/complain/files/", data=b"x" * (max_portal_bytes() + 64 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )  # fmt: skip
    expect(
        too_big.status_code == 413 and "The files are too big to send together" in too_big.text,
        f"a body just over the portal's limit got {too_big.status_code}, not the app's page",
    )
    cookie = next(c for c in resident.session.cookies if c.name == "sessionid")
    expect(cookie.secure, "the session cookie is not Secure behind HTTPS")
    confirmation = sink.wait_for(RESIDENT_EMAIL, "We have your complaint")
    body = confirmation.get_body(("plain",))
    expect(body is not None and reference in body.get_content(), "confirmation lacks reference")
    say(f"complaint {reference} sent; its confirmation email reached the mail sink")

    say("a complaints officer signs in (password, then authenticator code)")
    officer = Browser(layout)
    signed = officer.submit(
        "/staff/sign-in/", {"username": OFFICER, "password": "deploy-check-password"}
    )
    code_page = officer.path
    expect(code_page.startswith("/staff/sign-in/code/"), f"after the password: {code_page}")
    expect(signed.status_code == 200, f"the code page: {signed.status_code}")
    queue = officer.submit(code_page, {"code": totp(key)})
    expect(
        queue.status_code == 200 and officer.path == "/staff/" and reference in queue.text,
        f"after the code: {queue.status_code} at {officer.path}, the complaint not in the queue",
    )
    case = officer.get(f"/staff/cases/{reference}/")
    expect(
        case.status_code == 200 and "Robin Deploy" in case.text, f"case page: {case.status_code}"
    )

    from axes.models import AccessAttempt

    wrong = Browser(layout).submit("/staff/sign-in/", {"username": OFFICER, "password": "no"})
    expect(wrong.status_code == 200, f"a wrong password answered {wrong.status_code}")
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    expect(
        addresses == {CLIENT},
        f"the app counted sign-in failures from {addresses}, not the client's {CLIENT}",
    )

    say("the remind timer's job queues the officer's digest; the worker sends it")
    ahead = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    queued = run_unit_once(layout, "putright-remind.service", "--date", ahead)
    expect("1 reminder email(s) queued" in queued, f"putright remind said: {queued}")
    digest = sink.wait_for(OFFICER_EMAIL, "")
    text = digest.get_body(("plain",))
    expect(
        text is not None and reference in text.get_content(),
        f"the worker's reminder digest lacks {reference}:\n{digest}",
    )
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + TIMEOUT  # the worker records the result after sending
    while True:
        results = [(str(r.status), r.return_value) for r in DBTaskResult.objects.all()]
        if results == [("SUCCESSFUL", "sent")]:
            break
        expect(time.monotonic() < deadline, f"the worker's task results: {results}")
        time.sleep(0.2)

    say("the officer issues a letter by email; the worker makes its PDF and sends it")
    from putright.complaints.models import Complaint
    from putright.letters.models import Letter
    from putright.letters.services import letter_draft

    complaint = Complaint.objects.get(reference=reference)
    draft = letter_draft(complaint=complaint, kind="update")
    issued = officer.submit(
        f"/staff/cases/{reference}/letters/update/",
        {
            "version": complaint.version,
            "subject": draft.subject,
            "body_text": draft.body_text,
            "delivery": "email",
            "action": "issue",
        },
    )
    expect(
        issued.status_code == 200 and f"will be emailed to {RESIDENT_EMAIL}" in issued.text,
        f"issuing the update letter: {issued.status_code} at {officer.path}: "
        + " ".join(re.sub(r"<[^>]+>", " ", issued.text).split())[:3000],
    )
    letter_email = sink.wait_for(RESIDENT_EMAIL, "An update on your complaint")
    attached = [part.get_content_type() for part in letter_email.iter_attachments()]
    expect(attached == ["application/pdf"], f"the letter's email carries {attached}")
    deadline = time.monotonic() + TIMEOUT  # the worker records the result after sending
    while True:
        results = sorted((str(r.status), r.return_value) for r in DBTaskResult.objects.all())
        letter = Letter.objects.get(complaint=complaint)
        if letter.emailed_at and results == [
            ("SUCCESSFUL", "sent"),
            ("SUCCESSFUL", f"sent to {RESIDENT_EMAIL}"),
        ]:
            break
        expect(time.monotonic() < deadline, f"the worker's task results: {results}")
        time.sleep(0.2)
    expect(letter.sha256, "the worker did not keep the letter's PDF")

    say("the other timers' jobs, once each")
    # The backup job then removes backups older than the days it keeps, and leaves the rest.
    backups = layout.tmp / "backups"
    old = backups / "putright-2000-01-01"
    old.mkdir()
    (old / "manifest.json").write_text(
        '{"format": 1, "created_at": "2000-01-01T02:00:00+00:00", "files": []}'
    )
    (backups / "lost+found").mkdir()
    for unit in (
        "putright-ombudsman-remind.service",
        "putright-emit-due-webhooks.service",
        "putright-deliver-webhooks.service",
        "putright-send-letter-emails.service",
        "putright-backup.service",
    ):
        said = run_unit_once(layout, unit)
    left = sorted(p.name for p in backups.iterdir())
    expect(
        len(left) == 2 and left[0] == "lost+found" and left[1].startswith("putright-"),
        f"the backup job left {left} in the backups' folder:\n{said}",
    )
    expect((backups / left[1] / "manifest.json").exists(), "the backup job wrote no backup")
    run_unit_once(layout, "putright-retention@.service", instance=LANDLORD)

    processes.check_alive()
    say(f"passed in {time.monotonic() - started:.0f} s")


def main() -> int:
    expect("DATABASE_URL" in os.environ, "run me through scripts/deploy-check")
    venv = Path(os.environ.get("VENV") or ROOT / ".venv").resolve()
    keep = os.environ.get("DEPLOY_CHECK_KEEP") == "1"
    tmp = Path(tempfile.mkdtemp(prefix="putright-deploy-check."))
    os.chmod(tmp, 0o755)
    layout = Layout(tmp, venv)
    processes = Processes(tmp / "logs")
    sink = MailSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    status = 1
    try:
        prepare(layout, sink.port)
        check(layout, processes, sink)
        status = 0
    except CheckFailed as failure:
        say(f"FAILED: {failure}")
        for r in processes.running:
            print(f"--- {r.name} ({r.log}):\n{tail(r.log)}", file=sys.stderr)
        nginx_errors = tmp / "nginx" / "error.log"
        if nginx_errors.exists():
            print(f"--- nginx error.log:\n{tail(nginx_errors)}", file=sys.stderr)
    finally:
        # A second TERM (timeout's, say) must not cut the clean-up short.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        processes.stop_all()
        sink.shutdown()
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if keep:
            say(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
