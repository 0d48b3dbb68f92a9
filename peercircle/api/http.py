"""What every operation shares: ETag/304 on reads, cursor pagination, idempotent creates."""

import base64
import binascii
import hashlib
import json
from collections.abc import Callable
from typing import Annotated, Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from pydantic import BaseModel, Field

from peercircle.api.auth import token_of
from peercircle.api.problems import ApiProblem

PAGE_DEFAULT = 50
PAGE_MAX = 200
IDEMPOTENCY_SECONDS = 24 * 3600


def _dump(payload: BaseModel | dict[str, Any]) -> bytes:
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    return json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def read(
    request: HttpRequest,
    payload: BaseModel | dict[str, Any] | bytes,
    content_type: str = "application/json",
) -> HttpResponse:
    """A 200 with a strong ETag of the body, or 304 when the client already has it."""
    body = payload if isinstance(payload, bytes) else _dump(payload)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    wanted = request.headers.get("If-None-Match", "")
    if etag in [tag.strip().removeprefix("W/") for tag in wanted.split(",")] or wanted == "*":
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        value = -1
    if value < 0:
        raise ApiProblem(
            400, "Bad cursor", "This cursor was not given by this API.", field="cursor"
        )
    return value


def page(
    qs: QuerySet[Any], cursor: str | None, limit: int, item: Callable[[Any], Any]
) -> dict[str, Any]:
    """Keyset pagination on the primary key: stable while rows are added."""
    after = decode_cursor(cursor)
    rows = list(qs.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [item(row) for row in rows],
        "next_cursor": encode_cursor(rows[-1].pk) if more and rows else None,
    }


def idempotent(request: HttpRequest, create: Callable[[], tuple[int, Any]]) -> HttpResponse:
    """Run `create` once per Idempotency-Key: a retry gets the first answer. A key is scoped
    to the token, the method and the path, so one key sent to two operations runs both."""
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > 200:
        raise ApiProblem(
            400, "Bad Idempotency-Key", "At most 200 characters.", field="Idempotency-Key"
        )
    body_hash = hashlib.sha256(request.body).hexdigest()
    scope = f"{token_of(request).pk}\n{request.method}\n{request.path}\n{key}"
    cache_key = f"api-idem:{hashlib.sha256(scope.encode()).hexdigest()}" if key else ""
    if cache_key:
        seen = cache.get(cache_key)
        if seen is not None:
            if seen["body"] != body_hash:
                raise ApiProblem(
                    422,
                    "Idempotency-Key reused",
                    "This key was used with a different request body.",
                    field="Idempotency-Key",
                )
            response = HttpResponse(
                seen["content"], status=seen["status"], content_type="application/json"
            )
            response["Idempotent-Replayed"] = "true"
            return response
    status, payload = create()
    content = _dump(payload)
    if cache_key:
        cache.set(
            cache_key,
            {"body": body_hash, "status": status, "content": content},
            IDEMPOTENCY_SECONDS,
        )
    return HttpResponse(content, status=status, content_type="application/json")


# Every id in a path or body: a positive 32-bit integer, so no database is asked about more.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]
