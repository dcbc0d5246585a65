"""The OpenAPI schema's answers every operation can give, whatever its view declares."""

# Any request can be refused before a view runs: a NUL character in the address or query
# (drafting.nulbytes), a query parameter the view cannot read, or a request line longer than the
# server accepts (gunicorn's limit_request_line, 4094 bytes).
EVERYWHERE = {
    "400": (
        "Invalid input: malformed JSON, wrong types, an unreadable query parameter, a NUL character "
        "(%00) in the address or query string, unknown references or text over the limit. The body "
        "maps each field to its messages ({'field': ['message']}) or carries 'detail'."
    ),
    "414": "The address (request line) is longer than the server accepts (4094 bytes).",
}

# The 400 is JSON ({'detail': ...} or per field); the 414 comes from the server, not from Django.
BODIES = {
    "400": {
        "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {}}}}
    }
}


def document_common_answers(result, generator, request, public):
    """drf-spectacular post-processing hook: add 400 and 414 where an operation lacks them."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method.startswith("x-") or not isinstance(operation, dict):
                continue
            answers = operation.setdefault("responses", {})
            for code, description in EVERYWHERE.items():
                if code not in answers:
                    answers[code] = {"description": description, **BODIES.get(code, {})}
    return result
