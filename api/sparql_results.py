"""SPARQL 1.1 result serialisations (JSON, XML, CSV, TSV) of store-neutral rows, and query-form detection."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

from pia_kg.store import QueryResult, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_PROLOGUE = re.compile(
    r"""\s+|\#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>""",
)


def query_form(query: str) -> str:
    """The first keyword after the prologue (PREFIX/BASE and comments), upper-cased."""
    position = 0
    while True:
        match = _PROLOGUE.match(query, position)
        if not match or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", query[position:])
    return word.group(0).upper() if word else ""


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def _turtle(term: Term) -> str:
    if term.kind == "iri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    text = text.replace("\t", "\\t")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype not in (XSD_STRING, LANG_STRING):
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def serialize_select(result: QueryResult, kind: str) -> str:
    """A SELECT answer in ``json``, ``xml``, ``csv`` or ``tsv``."""
    names = result.variables
    if kind == "json":
        bindings = [{k: _json_term(v) for k, v in row.items()} for row in result.rows]
        return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if kind == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head>\n<results>")
        for row in result.rows:
            parts.append("<result>")
            for name, term in row.items():
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            parts.append("</result>")
        parts.append("</results>\n</sparql>\n")
        return "\n".join(parts)
    out = io.StringIO()
    if kind == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        for row in result.rows:
            writer.writerow([row[n].value if n in row else "" for n in names])
        return out.getvalue()
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_turtle(row[n]) if n in row else "" for n in names) for row in result.rows]
    return "\n".join(lines) + "\n"


def _xml_term(term: Term) -> str:
    if term.kind == "iri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype and term.datatype != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def serialize_boolean(answer: bool, kind: str) -> str:
    if kind == "xml":
        word = "true" if answer else "false"
        return f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{word}</boolean></sparql>\n'
    if kind in ("csv", "tsv"):
        return ("true" if answer else "false") + "\n"
    return json.dumps({"head": {}, "boolean": answer})
