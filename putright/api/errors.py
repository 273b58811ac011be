"""Every error the API gives has the same shape: a machine-readable ``code``, a plain
``message`` and, where fields are at fault, ``problems`` ({field: message}).

- 400 ``invalid_request``: the body is not JSON.
- 401 ``unauthenticated``: no key, or a wrong or revoked one.
- 403 ``read_only_key`` / ``forbidden``: the key may not do this.
- 404 ``not_found``: no such record at the key's landlord (another landlord's records do
  not exist as far as a key can tell).
- 409 ``not_allowed_now``: the lifecycle does not allow the command in this state.
- 412 ``version_mismatch``: ``If-Match`` named an older version of the complaint.
- 413 ``request_too_large``: the body (or a multipart request's fields, its files aside) is
  over ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
- 422 ``invalid_request`` (the request does not fit the schema), ``rule_broken`` (the
  rules say no to the values given), ``unknown_record`` (a related record the landlord does
  not have), ``idempotency_key_reused``, ``invalid_cursor``, ``date_out_of_range``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from putright.rules.calendar import CalendarRangeError
from putright.rules.lifecycle import RuleError

if TYPE_CHECKING:
    from ninja import NinjaAPI

NOT_ALLOWED_NOW = "not_allowed_now"


class ErrorOut(Schema):
    """An error: what went wrong, for programs (code) and for people (message)."""

    code: str
    message: str
    problems: dict[str, str] = {}


class ApiError(Exception):
    """An error the API answers with directly."""

    def __init__(
        self, status: int, code: str, message: str, problems: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems or {}


def not_found(what: str = "record") -> ApiError:
    return ApiError(404, "not_found", f"There is no such {what}.")


def error_body(code: str, message: str, problems: dict[str, str] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "problems": problems or {}}


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """("body", "payload", "points", 0) → "points.0"; the parameter group is dropped."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "form", "file", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts)


def register_error_handlers(api: NinjaAPI) -> None:
    """Answer domain and HTTP errors in the one error shape."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.problems))

    @api.exception_handler(RuleError)
    def rule_error(request: HttpRequest, exc: RuleError) -> HttpResponse:
        status = 409 if exc.code == NOT_ALLOWED_NOW else 422
        message = " ".join(exc.problems.values()) or "The rules do not allow that."
        return respond(request, status, error_body(exc.code, message, dict(exc.problems)))

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "This key may not do that."
        return respond(request, 403, error_body("forbidden", message))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = "invalid_request" if exc.status_code in (400, 422) else "error"
        return respond(request, exc.status_code, error_body(code, str(exc)))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        message = (
            f"The request is too large: the API takes at most {limit} bytes of JSON or form "
            "fields (an attachment's file does not count). Send less at once."
        )
        return respond(request, 413, error_body("request_too_large", message))

    @api.exception_handler(CalendarRangeError)
    def out_of_calendar(request: HttpRequest, exc: CalendarRangeError) -> HttpResponse:
        return respond(request, 422, error_body("date_out_of_range", f"{exc}."))

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body("not_found", "There is no such record."))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(
            request,
            401,
            error_body(
                "unauthenticated",
                "Send a valid API key: 'Authorization: Bearer <key>'. It may have been revoked.",
            ),
        )
        response["WWW-Authenticate"] = 'Bearer realm="putright"'
        return response

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        problems: dict[str, str] = {}
        for error in exc.errors:
            field = _field_name(error.get("loc", ()))
            problems.setdefault(field, str(error.get("msg", "Not valid.")))
        return respond(
            request,
            422,
            error_body("invalid_request", "The request does not fit the schema.", problems),
        )
