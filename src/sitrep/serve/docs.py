"""API docs served from the package.

FastAPI's /docs page loads Swagger UI's scripts and styles from a CDN, which
breaks offline and on air-gapped newsroom machines, so sitrep renders its
own plain page from the same OpenAPI document instead (no JavaScript).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .templating import templates

router = APIRouter(include_in_schema=False)


def operations(schema: dict) -> list[dict]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "type": _type_of(p.get("schema") or {}), "description": p.get("description") or ""}
                      for p in op.get("parameters", [])]
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                        "params": params, "body": (body or {}).get("$ref", "").rsplit("/", 1)[-1],
                        "secured": "ingest" in path})
    return out


def _type_of(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    return schema.get("format") or schema.get("type") or ""


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    schema = request.app.openapi()
    return templates.TemplateResponse(request, "docs.html", {
        "ops": operations(schema), "schemas": schema.get("components", {}).get("schemas", {}), "nav": "docs",
        "info": schema.get("info", {})})
