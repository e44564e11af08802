"""Compile shapes into SPARQL SELECT queries that find exactly the results pyshacl would report.

Each constraint of each shape becomes one SELECT *branch* projecting ``?this`` (the focus node) and, where the
constraint has them, ``?value``, ``?path`` and the variables its messages mention; the engine runs every branch
once over the whole store, or on each assessment graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib.namespace import SH, XSD

from pia_kg.validation.model import Message, Path, Severity
from pia_kg.validation.shapes import NodeShape, PropertyShape, ShapesGraph, SparqlConstraint, Target, ValueTest

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_CLOSURE = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
# Datatypes whose lexical form SPARQL can check by casting (an ill-formed literal makes the cast fail).
_CASTABLE = {str(XSD[t]) for t in ("date", "dateTime", "integer", "decimal", "double", "float", "boolean")}
_CASTABLE |= {str(XSD[t]) for t in ("gYearMonth", "gYear")}
_PRE_BOUND = re.compile(r"\$(currentShape|shapesGraph)\b")


@dataclass(frozen=True)
class Branch:
    """One compiled constraint: its SELECT and what every row it returns means."""

    select: str
    source_shape: str
    severity: Severity
    component: str
    messages: tuple[Message, ...]
    path: Path | None  # the result path when rows do not bind ?path
    value_is_focus: bool  # node-level constraints report the focus node as sh:value


@dataclass(frozen=True)
class CompiledShapes:
    prologue: str
    branches: tuple[Branch, ...]

    def queries(self) -> list[str]:
        """One SELECT per branch, in branch order."""
        return [self.prologue + branch.select for branch in self.branches]


def compile_shapes(shapes: ShapesGraph) -> CompiledShapes:
    """Every constraint of every node shape (and of its property shapes) as one branch."""
    branches: list[Branch] = []
    for shape in shapes.node_shapes:
        branches.extend(_node_branches(shape))
    return CompiledShapes(shapes.prologue(), tuple(branches))


def _instance_of(var: str, cls: str) -> str:
    """A pattern true when ``var`` is an instance of ``cls`` (a SPARQL term) or of one of its subclasses."""
    return f"{var} {RDF_TYPE}/{SUBCLASS_CLOSURE} {cls} ."


def _focus(targets: tuple[Target, ...]) -> str:
    """A subquery binding ?this to each focus node of the targets (union of targets, no duplicates)."""
    parts = []
    for target in targets:
        if target.kind == "class":
            parts.append(f"{{ {_instance_of('?this', target.value)} }}")
        elif target.kind == "subjectsOf":
            parts.append(f"{{ ?this {target.value} ?_object . }}")
        elif target.kind == "objectsOf":
            parts.append(f"{{ ?_subject {target.value} ?this . }}")
        elif target.kind == "node":
            parts.append(f"{{ VALUES ?this {{ {target.value} }} }}")
        else:
            parts.append(f"{{ {target.value} }}")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _well_formed(var: str, datatype: str) -> str:
    test = f"isLiteral({var}) && datatype({var}) = <{datatype}>"
    if datatype in _CASTABLE:
        test += f" && COALESCE(isLiteral(<{datatype}>(STR({var}))), false)"
    return f"({test})"


def _conforms(test: ValueTest, var: str) -> str:
    """A SPARQL expression true when ``var`` conforms to an sh:or member."""
    if test.datatype:
        return _well_formed(var, test.datatype)
    if test.class_:
        return f"EXISTS {{ {_instance_of(var, f'<{test.class_}>')} }}"
    if test.has_value:
        return f"sameTerm({var}, {test.has_value})"
    assert test.path is not None
    return f"EXISTS {{ {var} {test.path.sparql()} ?_member }}"


def _node_branches(shape: NodeShape) -> list[Branch]:
    focus = _focus(shape.targets)
    branches: list[Branch] = []
    for prop in shape.properties:
        branches.extend(_property_branches(focus, prop))
    for members in shape.node_or:
        test = " || ".join(_conforms(m, "?this") for m in members)
        branches.append(
            Branch(
                f"SELECT ?this WHERE {{ {focus} FILTER(!({test})) }}",
                shape.iri,
                shape.severity,
                str(SH.OrConstraintComponent),
                shape.messages,
                None,
                value_is_focus=True,
            )
        )
    for constraint in shape.sparql:
        branches.append(_sparql_branch(focus, shape, constraint))
    return branches


def _sparql_branch(focus: str, shape: NodeShape, constraint: SparqlConstraint) -> Branch:
    select = constraint.select
    if _PRE_BOUND.search(select):
        raise ValueError(f"{shape.iri}: $currentShape / $shapesGraph are not supported")
    for name, value in constraint.bindings:
        select = re.sub(rf"\${re.escape(name)}\b", lambda _m, v=value: v, select)
    messages = shape.messages or constraint.messages
    messages = tuple(Message(_bind_parameters(m.text, constraint.bindings), m.lang) for m in messages)
    return Branch(
        _with_focus(select, focus, shape.iri),
        shape.iri,
        shape.severity,
        constraint.component,
        messages,
        None,
        value_is_focus=True,
    )


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _with_focus(select: str, focus: str, shape: str) -> str:
    """The constraint's SELECT with the focus subquery first in its WHERE group, so that ``$this`` is bound
    wherever the group uses it (the SHACL pre-binding), FILTER NOT EXISTS included."""
    where = _WHERE.search(select)
    if where is None:
        raise ValueError(f"{shape}: a SPARQL constraint needs 'SELECT ... WHERE {{ ... }}'")
    return select[: where.end()] + f" {focus} " + select[where.end() :]


def _bind_parameters(text: str, bindings: tuple[tuple[str, str], ...]) -> str:
    for name, value in bindings:
        plain = value.split("^^")[0].strip('"')
        text = text.replace("{$" + name + "}", plain).replace("{?" + name + "}", plain)
    return text


def _property_branches(focus: str, prop: PropertyShape) -> list[Branch]:
    path = prop.path.sparql()

    def branch(select: str, component: str) -> Branch:
        return Branch(select, prop.iri, prop.severity, str(SH[component]), prop.messages, prop.path, False)

    def per_value(failure: str, component: str) -> Branch:
        select = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . FILTER({failure}) }}"
        return branch(select, component)

    found: list[Branch] = []
    if prop.min_count:
        if prop.min_count == 1:
            select = f"SELECT ?this WHERE {{ {focus} MINUS {{ ?this {path} ?_v }} }}"
        else:
            select = (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {path} ?_v }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {prop.min_count})"
            )
        found.append(branch(select, "MinCountConstraintComponent"))
    if prop.max_count is not None:
        select = (
            f"SELECT ?this WHERE {{ {focus} ?this {path} ?_v }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {prop.max_count})"
        )
        found.append(branch(select, "MaxCountConstraintComponent"))
    if prop.datatype:
        found.append(per_value(f"!{_well_formed('?value', prop.datatype)}", "DatatypeConstraintComponent"))
    if prop.class_:
        # MINUS the instances (one scan of the class) rather than a NOT EXISTS lookup per value: the same
        # solutions, since every row binds ?value, and far fewer index lookups on a large store.
        select = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value . "
            f"MINUS {{ {_instance_of('?value', f'<{prop.class_}>')} }} }}"
        )
        found.append(branch(select, "ClassConstraintComponent"))
    if prop.in_ is not None:
        allowed = " || ".join(f"sameTerm(?value, {v})" for v in prop.in_) or "false"
        found.append(per_value(f"!({allowed})", "InConstraintComponent"))
    if prop.has_value:
        select = (
            f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?_v . "
            f"FILTER(sameTerm(?_v, {prop.has_value})) }} }}"
        )
        found.append(branch(select, "HasValueConstraintComponent"))
    if prop.pattern:
        regex = '"' + prop.pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
        flags = f', "{prop.flags}"' if prop.flags else ""
        found.append(per_value(f"isBlank(?value) || !REGEX(STR(?value), {regex}{flags})", "PatternConstraintComponent"))
    if prop.or_:
        test = " || ".join(_conforms(m, "?value") for m in prop.or_)
        found.append(per_value(f"!({test})", "OrConstraintComponent"))
    return found
