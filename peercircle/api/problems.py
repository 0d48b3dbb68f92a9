"""Errors as RFC 9457 problem details, and the exceptions operations raise."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

PROBLEM_TYPE = "about:blank"


class ApiProblem(Exception):
    def __init__(
        self, status: int, title: str, detail: str = "", *, field: str | None = None, **extra: Any
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
        self.extra = extra


def problem_response(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.path,
    }
    if field is not None:
        body["field"] = field
    body.update(extra)
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response[name] = value
    return response
