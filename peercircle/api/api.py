"""The JSON API at /api/v1/: one NinjaAPI, its error answers, its routers."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from peercircle.api.auth import TokenAuth
from peercircle.api.operations import goals, meetings, people, programs
from peercircle.api.problems import ApiProblem, problem_response

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "field": {"type": "string", "description": "the input that failed"},
        "errors": {"type": "array", "items": {"type": "object"}},
        "retry_after": {"type": "integer"},
    },
}
ERRORS = {
    "400": "Bad request (a cursor or limit out of range)",
    "401": "No token, or a revoked or expired one",
    "403": "The token lacks the scope, or the person the right",
    "404": "No such object, or not yours to see",
    "413": "Too large",
    "422": "Invalid input: `field` names the first that failed",
    "429": "Rate limited: see Retry-After",
}


class PeercircleAPI(NinjaAPI):
    """Every operation also documents its problem+json error answers (RFC 9457)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path in schema["paths"].values():
            for operation in path.values():
                for status, description in ERRORS.items():
                    operation["responses"].setdefault(
                        status, {"description": description, "content": problem}
                    )
        return schema


api = PeercircleAPI(
    title="Peercircle API",
    version="1",
    description="Read-mostly access to your groups, meetings, goals and programs. See docs/api.md.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url=None,  # Swagger UI needs inline script and a CDN: our CSP forbids both (see docs)
)
api.add_router("", people.router)
api.add_router("", meetings.router)
api.add_router("", goals.router)
api.add_router("", programs.router)


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    headers = {}
    if exc.status == 429:
        headers["Retry-After"] = str(exc.extra.get("retry_after", 60))
    return problem_response(
        request, exc.status, exc.title, exc.detail, field=exc.field, headers=headers, **exc.extra
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        request,
        401,
        "Unauthorized",
        "Send a valid, unexpired token as 'Authorization: Bearer <token>'.",
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(request, 404, "Not found", "No such object, or not yours to see.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(request, 403, "Forbidden", str(exc) or "You may not do that.")


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        detail = " ".join(str(m) for e in errors for m in e.messages)
        return problem_response(
            request, 422, "Invalid input", detail, field=None if field == "__all__" else field
        )
    return problem_response(request, 422, "Invalid input", " ".join(exc.messages))


@api.exception_handler(NinjaValidationError)
def _schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", [])]
    field = ".".join(loc[1:] if loc and loc[0] in {"body", "query", "path"} else loc) or None
    if field and field.startswith("body."):
        field = field.removeprefix("body.")
    return problem_response(
        request, 422, "Invalid input", str(first.get("msg", "Invalid input")), field=field
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, exc.status_code, "Error", str(exc))
