"""The shapes graph: loading the Turtle files and reading each shape into a small model the compiler uses.

Only the SHACL features the project's shapes use are read (see docs/validation.md); anything else in a shape
raises :class:`UnsupportedShapeError`, so the fast engine never silently skips a constraint pyshacl would check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path as FsPath

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from pia_kg.validation.model import Message, Path, Severity, ShapeInfo, severity_name

SHAPES_NS = "https://w3id.org/pia-kg/shapes#"
REFERENCE_DATE = URIRef(SHAPES_NS + "referenceDate")
VOCABULARY_SHAPES_FILE = "vocabulary.ttl"  # shapes over the ontology itself, not over assessments

# Constraint parameters the compiler understands on a property shape; anything else in SH is refused.
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.pattern}
_PROPERTY_KEYS |= {SH.flags, SH["or"], SH.severity, SH.message, SH.name, SH.description}
_NODE_KEYS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target, SH.property}
_NODE_KEYS |= {SH.sparql, SH["or"], SH.severity, SH.message}


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL feature the SPARQL compiler does not implement."""


@dataclass(frozen=True)
class Target:
    kind: str  # "class" | "subjectsOf" | "objectsOf" | "node" | "sparql"
    value: str  # an IRI in SPARQL syntax, or a SELECT query


@dataclass(frozen=True)
class ValueTest:
    """A member of an sh:or: a datatype, class or value test, or a property that must have a value."""

    datatype: str | None = None
    class_: str | None = None
    has_value: str | None = None  # SPARQL term
    path: Path | None = None
    min_count: int | None = None


@dataclass(frozen=True)
class PropertyShape:
    iri: str
    path: Path
    severity: Severity
    messages: tuple[Message, ...]
    min_count: int | None = None
    max_count: int | None = None
    datatype: str | None = None
    class_: str | None = None
    in_: tuple[str, ...] | None = None  # SPARQL terms
    has_value: str | None = None
    pattern: str | None = None
    flags: str = ""
    or_: tuple[ValueTest, ...] | None = None


@dataclass(frozen=True)
class SparqlConstraint:
    """An sh:sparql constraint, or a SPARQL-based constraint component used by a shape (parameters bound)."""

    select: str
    messages: tuple[Message, ...]
    component: str
    bindings: tuple[tuple[str, str], ...] = ()  # ($name, SPARQL term) of component parameters


@dataclass(frozen=True)
class NodeShape:
    iri: str
    targets: tuple[Target, ...]
    severity: Severity
    messages: tuple[Message, ...]
    properties: tuple[PropertyShape, ...]
    sparql: tuple[SparqlConstraint, ...]
    node_or: tuple[tuple[ValueTest, ...], ...]


@dataclass(frozen=True)
class ShapesGraph:
    """The parsed shapes: the rdflib graph (for pyshacl), the model (for the compiler) and the labels."""

    graph: Graph
    node_shapes: tuple[NodeShape, ...]
    info: dict[str, ShapeInfo]
    prefixes: dict[str, str]

    def prologue(self) -> str:
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.prefixes.items())


def shape_files(shapes_dir: FsPath) -> list[FsPath]:
    """The Turtle files of the assessment shapes (every ``*.ttl`` but the vocabulary shapes)."""
    return sorted(p for p in shapes_dir.glob("*.ttl") if p.name != VOCABULARY_SHAPES_FILE)


def load_shapes(shapes_dir: FsPath, today: date) -> ShapesGraph:
    """Parse the shape files, give every SPARQL-based re-assessment check ``today`` as its reference date."""
    graph = Graph()
    for path in shape_files(shapes_dir):
        graph.parse(path, format="turtle")
    return read_shapes(graph, today)


def read_shapes(graph: Graph, today: date) -> ShapesGraph:
    """Read a shapes graph (adds the ``pias:referenceDate`` parameter to shapes whose component needs it)."""
    reference = Literal(today.isoformat(), datatype=XSD.date)
    for component in set(graph.subjects(RDF.type, SH.ConstraintComponent)):
        if any(graph.value(p, SH.path) == REFERENCE_DATE for p in graph.objects(component, SH.parameter)):
            for shape in _shapes_using(graph, component):
                graph.set((shape, REFERENCE_DATE, reference))
    prefixes = _prefixes(graph)
    node_iris = sorted({s for s in graph.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}, key=str)
    node_shapes = tuple(_node_shape(graph, s) for s in node_iris)
    info = {
        str(s): ShapeInfo(str(s), _texts(graph, s, RDFS.label), _texts(graph, s, RDFS.comment))
        for s in set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
        if isinstance(s, URIRef)
    }
    return ShapesGraph(graph, node_shapes, info, prefixes)


def _shapes_using(graph: Graph, component: Node) -> set[Node]:
    """Node shapes carrying every parameter of ``component`` other than the reference date."""
    others = [graph.value(p, SH.path) for p in graph.objects(component, SH.parameter)]
    others = [p for p in others if p != REFERENCE_DATE]
    candidates = set(graph.subjects(RDF.type, SH.NodeShape))
    return {s for s in candidates if others and all(graph.value(s, p) is not None for p in others)}


def _prefixes(graph: Graph) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for declaration in graph.objects(None, SH.declare):
        prefix, namespace = graph.value(declaration, SH.prefix), graph.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            prefixes[str(prefix)] = str(namespace)
    return dict(sorted(prefixes.items()))


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def _messages(graph: Graph, subject: Node) -> tuple[Message, ...]:
    found = [Message(str(o), o.language) for o in graph.objects(subject, SH.message) if isinstance(o, Literal)]
    return tuple(sorted(found, key=lambda m: m.lang or ""))


def _severity(graph: Graph, subject: Node) -> Severity:
    value = graph.value(subject, SH.severity)
    return severity_name(str(value)) if value is not None else "Violation"


def term(node: Node) -> str:
    """An rdflib term in SPARQL syntax."""
    if isinstance(node, URIRef | Literal):
        return node.n3()
    raise UnsupportedShapeError(f"a blank node cannot be written in a query: {node}")


def read_path(graph: Graph, node: Node) -> Path:
    """A SHACL property path (IRI, inverse, sequence list, alternative) as a :class:`Path`."""
    if isinstance(node, URIRef):
        return Path.of(str(node))
    if graph.value(node, RDF.first) is not None:
        return Path("sequence", items=tuple(read_path(graph, n) for n in Collection(graph, node)))
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return Path("inverse", items=(read_path(graph, inverse),))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return Path("alternative", items=tuple(read_path(graph, n) for n in Collection(graph, alternatives)))
    raise UnsupportedShapeError(f"unsupported property path {node}")


def _check_keys(graph: Graph, subject: Node, allowed: set[URIRef]) -> None:
    for predicate in set(graph.predicates(subject)):
        if str(predicate).startswith(str(SH)) and predicate not in allowed:
            raise UnsupportedShapeError(f"{subject}: {predicate} is not supported by the SPARQL engine")


def _int(graph: Graph, subject: Node, predicate: URIRef) -> int | None:
    value = graph.value(subject, predicate)
    return int(value) if value is not None else None


def _iri(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return str(value) if value is not None else None


def _value_test(graph: Graph, member: Node) -> ValueTest:
    path = graph.value(member, SH.path)
    has_value = graph.value(member, SH.hasValue)
    test = ValueTest(
        datatype=_iri(graph, member, SH.datatype),
        class_=_iri(graph, member, SH["class"]),
        has_value=term(has_value) if has_value is not None else None,
        path=read_path(graph, path) if path is not None else None,
        min_count=_int(graph, member, SH.minCount),
    )
    used = [test.datatype, test.class_, test.has_value, test.path]
    if sum(x is not None for x in used) != 1 or (test.path is not None and test.min_count != 1):
        raise UnsupportedShapeError(f"sh:or member {member}: one datatype, class, value or (path, minCount 1) expected")
    return test


def _or_lists(graph: Graph, subject: Node) -> tuple[tuple[ValueTest, ...], ...]:
    return tuple(
        tuple(_value_test(graph, m) for m in Collection(graph, lst)) for lst in graph.objects(subject, SH["or"])
    )


def _property_shape(graph: Graph, node: Node) -> PropertyShape:
    if isinstance(node, BNode):
        raise UnsupportedShapeError("property shapes need an IRI so that results can name them")
    _check_keys(graph, node, _PROPERTY_KEYS | {SH.path})
    ors = _or_lists(graph, node)
    if len(ors) > 1:
        raise UnsupportedShapeError(f"{node}: one sh:or per property shape")
    in_list = graph.value(node, SH["in"])
    has_value = graph.value(node, SH.hasValue)
    return PropertyShape(
        iri=str(node),
        path=read_path(graph, graph.value(node, SH.path)),
        severity=_severity(graph, node),
        messages=_messages(graph, node),
        min_count=_int(graph, node, SH.minCount),
        max_count=_int(graph, node, SH.maxCount),
        datatype=_iri(graph, node, SH.datatype),
        class_=_iri(graph, node, SH["class"]),
        in_=tuple(term(v) for v in Collection(graph, in_list)) if in_list is not None else None,
        has_value=term(has_value) if has_value is not None else None,
        pattern=_iri(graph, node, SH.pattern),
        flags=_iri(graph, node, SH.flags) or "",
        or_=ors[0] if ors else None,
    )


def _target(graph: Graph, predicate: URIRef, value: Node) -> Target:
    if predicate == SH.targetClass:
        return Target("class", term(value))
    if predicate == SH.targetSubjectsOf:
        return Target("subjectsOf", term(value))
    if predicate == SH.targetObjectsOf:
        return Target("objectsOf", term(value))
    if predicate == SH.targetNode:
        return Target("node", term(value))
    select = graph.value(value, SH.select)
    if (value, RDF.type, SH.SPARQLTarget) not in graph or select is None:
        raise UnsupportedShapeError(f"unsupported target {value}")
    return Target("sparql", str(select))


def _components_used(graph: Graph, shape: URIRef) -> list[SparqlConstraint]:
    """SPARQL-based constraint components whose every parameter the shape gives a value for."""
    used = []
    for component in sorted(graph.subjects(RDF.type, SH.ConstraintComponent), key=str):
        parameters = [graph.value(p, SH.path) for p in graph.objects(component, SH.parameter)]
        values = {p: graph.value(shape, p) for p in parameters}
        if not parameters or any(v is None for v in values.values()):
            continue
        validator = graph.value(component, SH.nodeValidator)
        select = graph.value(validator, SH.select) if validator is not None else None
        if select is None:
            raise UnsupportedShapeError(f"{component}: only sh:nodeValidator SELECT validators are supported")
        bindings = tuple(sorted((str(p).rsplit("#", 1)[-1], term(v)) for p, v in values.items()))
        used.append(SparqlConstraint(str(select), _messages(graph, validator), str(component), bindings))
    return used


def _node_shape(graph: Graph, shape: URIRef) -> NodeShape:
    parameters = {graph.value(p, SH.path) for p in graph.objects(None, SH.parameter)}
    _check_keys(graph, shape, _NODE_KEYS)
    targets = [
        _target(graph, predicate, value)
        for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
        for value in sorted(graph.objects(shape, predicate), key=str)
    ]
    sparql = [
        SparqlConstraint(str(graph.value(c, SH.select)), _messages(graph, c), str(SH.SPARQLConstraintComponent))
        for c in graph.objects(shape, SH.sparql)
    ]
    sparql += _components_used(graph, shape) if parameters else []
    return NodeShape(
        iri=str(shape),
        targets=tuple(targets),
        severity=_severity(graph, shape),
        messages=_messages(graph, shape),
        properties=tuple(_property_shape(graph, p) for p in sorted(graph.objects(shape, SH.property), key=str)),
        sparql=tuple(sparql),
        node_or=_or_lists(graph, shape),
    )
