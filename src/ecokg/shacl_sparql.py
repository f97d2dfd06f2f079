"""SHACL validation as SPARQL: the shapes compiled into queries that run on a pyoxigraph store.

pyshacl walks an in-memory rdflib graph node by node in Python, which is slow and cannot hold
millions of statements. Here each constraint of a shape becomes one SPARQL ``SELECT`` returning
the focus nodes (and value nodes) that violate it, so Oxigraph does the work, on an in-memory
store or on an on-disk one of any size. pyshacl (:func:`ecokg.validate.reference_validate`)
stays the reference the tests compare against.

The queries work on sets: the focus nodes, the values of a path and the counts are sub-SELECTs
that Oxigraph evaluates once and joins by hash, and class membership is a MINUS against all
instances of the class. Looking values up focus node by focus node would cost a random read per
node, about 13 µs on a disk store (measured: three times slower at a million statements).

Only the SHACL features the project's shapes use are compiled (see ``_VALUE_PARAMS`` and
``_COUNT_PARAMS``); anything else raises :class:`UnsupportedShapeError` naming the shape and the
feature, so a new shape can never pass unchecked.

Where only a yes or no is wanted (is any constraint violated?), :func:`compile_probe` tests the
constraints of a property shape together, in one pass over its targets and values.

Every query selects ``?this ?value ?detail`` with ``DISTINCT``: Oxigraph's union default graph is
a bag (a triple in two named graphs matches twice), and counts compare distinct terms only.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NoReturn

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from ecokg.errors import EcokgError
from ecokg.kg.serialize import to_ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class UnsupportedShapeError(EcokgError):
    """A shape uses a SHACL feature this engine does not compile."""


# Constraint parameters tested on each value node, with the component each one belongs to.
_VALUE_PARAMS: dict[URIRef, URIRef] = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
}
# Constraint parameters of a property shape tested on the set of values of its path.
_COUNT_PARAMS: dict[URIRef, URIRef] = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.qualifiedValueShape: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
}
# Parameters that do not validate anything (sh:message and sh:severity shape the results only).
_META_PARAMS = {SH.message, SH.severity, SH.name, SH.description}
_TARGET_PARAMS = {SH.targetClass, SH.targetSubjectsOf}
# All SHACL targets: a shape with any of them is compiled (and refused if it is unsupported).
_ANY_TARGET = _TARGET_PARAMS | {SH.targetNode, SH.targetObjectsOf, SH.target}
_SEVERITIES = {SH.Violation, SH.Warning, SH.Info}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({x})",
    SH.BlankNode: "isBlank({x})",
    SH.Literal: "isLiteral({x})",
    SH.BlankNodeOrIRI: "(isBlank({x}) || isIRI({x}))",
    SH.BlankNodeOrLiteral: "(isBlank({x}) || isLiteral({x}))",
    SH.IRIOrLiteral: "(isIRI({x}) || isLiteral({x}))",
}
# Datatypes whose lexical forms Oxigraph can check (by casting): sh:datatype also requires a
# well-formed literal ("thirty"^^xsd:decimal violates it), so other datatypes are unsupported.
_CASTABLE = {
    XSD.boolean, XSD.decimal, XSD.integer, XSD.float, XSD.double,
    XSD.date, XSD.dateTime, XSD.time, XSD.duration, XSD.yearMonthDuration, XSD.dayTimeDuration,
    XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gDay, XSD.gMonthDay,
}  # fmt: skip
_ANY_LEXICAL = {XSD.string, RDF.langString}
# SHACL-SPARQL variables pre-bound by other engines that this one does not provide.
_UNSUPPORTED_PREBOUND = ("shapesGraph", "currentShape")

# Marks a class in a compiled query, to be replaced by its subclasses when the query runs.
_MARK = "\x00"
_MARKED = re.compile(f"{_MARK}([^{_MARK}]+){_MARK}")


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose rows (``?this ?value ?detail``) are its results.

    The query names classes in marks that :func:`run_checks` replaces by their subclasses.
    """

    source_shape: str
    """IRI of the sh:sourceShape (a blank-node shape gets a skolem IRI, see :func:`shape_iri`)."""
    shape_name: str
    """The named shape behind the result (the owner of a blank-node property shape)."""
    component: URIRef
    path: str
    """The property path (an IRI), empty for a constraint on the focus node itself."""
    severity: URIRef
    message: str
    query: str
    details: tuple[Check, ...] = ()
    """For sh:node: the named shape's checks; a focus node failing one fails this (no query)."""


@dataclass(frozen=True)
class Result:
    """One row of a check: a focus node that violates it."""

    check: Check
    focus: Term
    value: Term | None
    detail: str
    """The repeated language of an sh:uniqueLang result; why a node fails an sh:node."""


@dataclass(frozen=True)
class Probe:
    """A yes/no test of some shapes: whether any of their constraints has a result.

    Each of ``queries`` (an ASK, classes in marks as in :class:`Check`) tests a property shape
    whose constraints are value tests and counts on one path, in one pass over the targets and
    the path's values instead of one query per constraint; ``checks`` are the exact checks of
    the other constraints.
    """

    queries: tuple[str, ...]
    checks: tuple[Check, ...]


def shape_iri(shapes: Graph, shape: Node) -> str:
    """A stable IRI for a shape: its own, or for a blank node one derived from its content.

    A property shape's skolem IRI is its owner's IRI and a hash of its description, so it does
    not change when the shapes file is re-parsed or reordered.
    """
    if not isinstance(shape, BNode):
        return str(shape)
    owner = shapes.value(None, SH.property, shape)
    if owner is not None:
        digest = hashlib.sha256(_describe(shapes, shape).encode()).hexdigest()[:16]
        return f"{shape_iri(shapes, owner)}/property/{digest}"
    raise UnsupportedShapeError(f"blank-node shape {_describe(shapes, shape)} has no owner")


def shape_name(shapes: Graph, shape: Node) -> str:
    """The named shape a result comes from: the shape itself, or the owner of a blank node."""
    if not isinstance(shape, BNode):
        return str(shape)
    for link in (SH.property, SH.sparql):
        owner = shapes.value(None, link, shape)
        if owner is not None:
            return shape_name(shapes, owner)
    return "anonymous shape"


def _describe(graph: Graph, node: Node) -> str:
    """A canonical text of a node and, for a blank node, everything it describes."""
    if not isinstance(node, BNode):
        return node.n3()
    parts = sorted(f"{p.n3()} {_describe(graph, o)}" for p, o in graph.predicate_objects(node))
    return "[" + " ; ".join(parts) + "]"


def _sparql(term: Node) -> str:
    """An IRI or literal written as SPARQL (N-Triples syntax is valid SPARQL)."""
    if isinstance(term, BNode):  # in a query it would be a variable, not that node
        raise UnsupportedShapeError(f"SHACL feature not supported: a blank node as argument {term}")
    return str(to_ox(term))


def _distinct(*variables: str) -> str:
    """A filter saying the variables are pairwise different terms."""
    pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(variables, 2)]
    return f"FILTER({' && '.join(pairs)})" if pairs else ""


class _Compiler:
    """Turns the shapes graph into checks; remembers which nodes it read to find leftovers."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.seen: set[Node] = set()
        self.counter = itertools.count()

    # ---------------------------------------------------------------- reading the shapes graph
    def fresh(self) -> str:
        return f"?v{next(self.counter)}"

    def name(self, node: Node) -> str:
        return node.n3(self.shapes.namespace_manager)

    def params(self, shape: Node, allowed: set[URIRef], role: str) -> list[tuple[URIRef, Node]]:
        """The SHACL parameters of a shape, refusing any outside ``allowed``."""
        self.seen.add(shape)
        found = []
        for pred, obj in sorted(self.shapes.predicate_objects(shape), key=_key):
            if pred == RDF.type:
                if obj in (RDFS.Class, OWL.Class):
                    self.unsupported(shape, "implicit class targets (a shape that is a class)")
                continue
            if not isinstance(pred, URIRef) or not pred.startswith(str(SH)):
                continue  # not SHACL: comments and labels do not validate
            if pred not in allowed | _META_PARAMS:
                self.unsupported(shape, f"{self.name(pred)} in {role}")
            found.append((pred, obj))
        return found

    def unsupported(self, shape: Node, feature: str) -> NoReturn:
        owner = shape_name(self.shapes, shape)
        if not isinstance(shape, BNode):
            where = self.name(shape)
        elif owner.startswith("anonymous"):
            where = owner
        else:
            where = f"a shape of {self.name(URIRef(owner))}"
        raise UnsupportedShapeError(f"SHACL feature not supported: {feature} ({where})")

    def items(self, node: Node) -> list[Node]:
        self.seen.add(node)
        return list(self.shapes.items(node))

    def integer(self, shape: Node, value: Node) -> int:
        if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
            self.unsupported(shape, f"a non-integer count {value.n3()}")
        number: int = value.toPython()
        return number

    def severity(self, shape: Node) -> URIRef:
        severity = self.shapes.value(shape, SH.severity) or SH.Violation
        if severity not in _SEVERITIES or not isinstance(severity, URIRef):
            self.unsupported(shape, f"severity {severity.n3()}")
        return URIRef(severity)

    def message(self, shape: Node) -> str | None:
        messages = sorted(str(m) for m in self.shapes.objects(shape, SH.message))
        if any("{?" in m or "{$" in m for m in messages):
            self.unsupported(shape, "message templates ({?var} or {$this})")
        return messages[0] if messages else None

    def path(self, shape: Node) -> URIRef:
        paths = list(self.shapes.objects(shape, SH.path))
        if len(paths) != 1 or not isinstance(paths[0], URIRef):
            self.unsupported(shape, "a property path other than one predicate IRI")
        return URIRef(paths[0])

    def only_class(self, shape: Node) -> URIRef | None:
        """The class of a blank-node shape whose one constraint is an sh:class, else None."""
        constraints = [
            (p, o)
            for p, o in self.shapes.predicate_objects(shape)
            if p != RDF.type and p not in _META_PARAMS
        ]
        if not isinstance(shape, BNode) or len(constraints) != 1:
            return None
        param, arg = constraints[0]
        if param != SH["class"] or not isinstance(arg, URIRef):
            return None
        self.seen.add(shape)
        return arg

    # ---------------------------------------------------------------- conditions as expressions
    def instances(self, x: str, classes: Sequence[Node]) -> str:
        """A pattern binding ``x`` to the instances of any of ``classes`` (or their subclasses).

        The subclasses are looked up when the check runs (:func:`run_checks`): the query names
        each class between NUL characters, which no IRI or escaped literal contains.
        """
        if any(not isinstance(c, URIRef) for c in classes):
            self.unsupported(classes[0], "sh:class with a blank node or literal")
        t = self.fresh()
        listed = " ".join(f"{_MARK}{c}{_MARK}" for c in classes)
        return f"VALUES {t} {{ {listed} }} {x} <{RDF.type}> {t} ."

    def value_test(self, shape: Node, param: URIRef, arg: Node, x: str) -> str:
        """A SPARQL expression true when the term in ``x`` satisfies one value constraint."""
        if param == SH["class"]:
            return f"EXISTS {{ {self.instances(x, [arg])} }}"
        if param == SH.datatype:
            if arg in _ANY_LEXICAL:
                return f"(isLiteral({x}) && datatype({x}) = {_sparql(arg)})"
            if arg not in _CASTABLE:
                self.unsupported(shape, f"sh:datatype {self.name(arg)} (no lexical check)")
            well_formed = f"COALESCE(isLiteral({_sparql(arg)}(STR({x}))), false)"
            return f"(isLiteral({x}) && datatype({x}) = {_sparql(arg)} && {well_formed})"
        if param == SH["in"]:
            members = [f"sameTerm({x}, {_sparql(m)})" for m in self.items(arg)]
            return "(" + (" || ".join(members) or "false") + ")"
        if param == SH.pattern:
            return f"(!isBlank({x}) && REGEX(STR({x}), {_sparql(Literal(str(arg)))}))"
        if param == SH.minInclusive:
            return f"COALESCE({x} >= {_sparql(arg)}, false)"
        if param == SH.minLength:
            return f"(!isBlank({x}) && STRLEN(STR({x})) >= {self.integer(shape, arg)})"
        if param == SH.nodeKind:
            if arg not in _NODE_KINDS:
                self.unsupported(shape, f"sh:nodeKind {arg.n3()}")
            return _NODE_KINDS[arg].format(x=x)
        if param == SH.languageIn:
            tags = [f"langMatches(LANG({x}), {_sparql(Literal(str(t)))})" for t in self.items(arg)]
            return f"(isLiteral({x}) && ({' || '.join(tags) or 'false'}))"
        if param == SH["or"]:
            alternatives = [self.conforms(s, x) for s in self.items(arg)]
            return "(" + (" || ".join(alternatives) or "false") + ")"
        if param == SH["not"]:
            return f"!{self.conforms(arg, x)}"
        if param == SH.node:
            return self.conforms(arg, x)
        raise AssertionError(param)  # params() let through only the keys handled above

    def membership(self, param: URIRef, arg: Node, x: str) -> tuple[str, str] | None:
        """A value constraint that is class membership, as ``(MINUS or "", pattern)``.

        sh:class, an sh:or of sh:class shapes and an sh:not of one are tested as a set (all
        instances at once, joined by hash) instead of one lookup per value: on a disk store
        that is many times faster. The operator joins the focus rows with the instances found
        by the pattern: MINUS keeps the values outside it, an empty operator the ones inside.
        """
        if param == SH["class"]:
            return "MINUS", self.instances(x, [arg])
        if param == SH["or"]:
            shapes = self.shapes.items(arg)
            classes = [self.only_class(s) for s in shapes]
            if classes and all(classes):
                self.seen.add(arg)
                return "MINUS", self.instances(x, [c for c in classes if c is not None])
        if param == SH["not"]:
            cls = self.only_class(arg)
            if cls is not None:
                return "", self.instances(x, [cls])
        return None

    def count_violated(self, shape: Node, params: dict[URIRef, Node], param: URIRef, x: str) -> str:
        """A SPARQL expression true when the values of the path of ``x`` violate ``param``
        (in a nested shape; a shape's own counts are sub-SELECTs, see count_select).

        Counts are written as "n pairwise different values exist", which nests inside EXISTS
        and ignores the duplicates of a union default graph.
        """
        path = _sparql(self.path(shape))
        arg = params[param]
        if param in (SH.minCount, SH.maxCount):
            n = self.integer(shape, arg) + (param == SH.maxCount)
            values = [self.fresh() for _ in range(n)]
            triples = " ".join(f"{x} {path} {v} ." for v in values)
            exists = f"EXISTS {{ {triples} {_distinct(*values)} }}"
            return exists if param == SH.maxCount else f"!{exists}" if n else "false"
        if param == SH.uniqueLang:
            if not _true(arg):
                return "false"  # sh:uniqueLang false constrains nothing
            a, b = self.fresh(), self.fresh()
            return f"EXISTS {{ {x} {path} {a}, {b} . {_same_language(a, b)} }}"
        qualified = params[SH.qualifiedValueShape]
        n = self.integer(shape, params[SH.qualifiedMinCount])
        values = [self.fresh() for _ in range(n)]
        patterns = " ".join(
            f"{x} {path} {v} . FILTER({self.conforms(qualified, v)})" for v in values
        )
        return f"!EXISTS {{ {patterns} {_distinct(*values)} }}" if n else "false"

    def count_params(self, shape: Node, found: list[tuple[URIRef, Node]]) -> dict[URIRef, Node]:
        counts = {p: o for p, o in found if p in _COUNT_PARAMS}
        if (SH.qualifiedValueShape in counts) != (SH.qualifiedMinCount in counts):
            self.unsupported(shape, "sh:qualifiedValueShape without sh:qualifiedMinCount")
        if len(counts) != len([p for p, _ in found if p in _COUNT_PARAMS]):
            self.unsupported(shape, "a count parameter given twice")
        return counts

    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression true when the term in ``x`` conforms to ``shape``."""
        is_property = (shape, SH.path, None) in self.shapes
        allowed = set(_VALUE_PARAMS) | {SH.property, SH.path} | _TARGET_PARAMS
        if is_property:
            allowed |= set(_COUNT_PARAMS)
        found = self.params(shape, allowed, "a nested shape")
        parts = []
        if is_property:
            path = _sparql(self.path(shape))
            for param, arg in found:
                if param in _VALUE_PARAMS:
                    y = self.fresh()
                    test = self.value_test(shape, param, arg, y)
                    parts.append(f"NOT EXISTS {{ {x} {path} {y} . FILTER(!{test}) }}")
            counts = self.count_params(shape, found)
            for param in sorted(counts):
                if param != SH.qualifiedMinCount:
                    parts.append(f"!({self.count_violated(shape, counts, param, x)})")
        else:
            parts += [self.value_test(shape, p, o, x) for p, o in found if p in _VALUE_PARAMS]
        parts += [self.conforms(o, x) for p, o in found if p == SH.property]
        return "(" + (" && ".join(parts) or "true") + ")"

    # ---------------------------------------------------------------- top-level checks
    # A check joins sub-SELECTs (the focus nodes, the values of a path, the groups of a count)
    # instead of writing one group of triple patterns: Oxigraph then evaluates each once and
    # joins them by hash, where a group would look the values up focus node by focus node.

    def targets(self, found: list[tuple[URIRef, Node]]) -> str:
        """A sub-SELECT of the focus nodes (``?this``) of a shape's targets."""
        patterns = []
        for param, arg in found:
            if param == SH.targetClass:
                patterns.append(self.instances("?this", [arg]))
            elif param == SH.targetSubjectsOf:
                patterns.append(f"?this {_sparql(arg)} {self.fresh()} .")
        union = " UNION ".join(f"{{ {p} }}" for p in patterns)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    def shape_checks(self, shape: Node) -> Iterator[Check]:
        """The checks of one shape that has targets."""
        allowed = set(_VALUE_PARAMS) | _TARGET_PARAMS | {SH.property, SH.sparql}
        found = self.params(shape, allowed, "a node shape")
        targets = self.targets(found)
        yield from self.constraint_checks(shape, found, targets)
        for param, arg in found:
            if param == SH.sparql:
                yield self.sparql_check(shape, arg, targets, self.severity(shape))

    def constraint_checks(
        self, shape: Node, found: list[tuple[URIRef, Node]], targets: str
    ) -> Iterator[Check]:
        """The checks of a node shape's constraints and property shapes on ``targets``."""
        severity = self.severity(shape)
        message = self.message(shape)
        for param, arg in found:
            if param == SH.node:
                # A focus node fails sh:node when it fails one of the named shape's checks:
                # those run instead of a query of its own, and tell why.
                nested = tuple(self.nested_checks(arg, targets))
                text = message or self.default_message(param, arg)
                yield self.check(shape, _VALUE_PARAMS[param], None, severity, text, "", nested)
            elif param in _VALUE_PARAMS:
                where = self.value_where(shape, param, arg, "?this")
                yield self.check(
                    shape,
                    _VALUE_PARAMS[param],
                    None,
                    severity,
                    message or self.default_message(param, arg),
                    "SELECT DISTINCT ?this (?this AS ?value) ?detail WHERE "
                    f"{{ {targets} {where} }}",
                )
            elif param == SH.property:
                yield from self.property_checks(arg, targets)

    def nested_checks(self, shape: Node, targets: str) -> Iterator[Check]:
        """The checks of a shape sh:node names, on the focus nodes of the shape naming it."""
        allowed = set(_VALUE_PARAMS) | _TARGET_PARAMS | {SH.property}
        found = self.params(shape, allowed, "a shape sh:node names")
        return self.constraint_checks(shape, found, targets)

    def value_where(self, shape: Node, param: URIRef, arg: Node, x: str) -> str:
        """The part of a WHERE clause that keeps the values in ``x`` failing a constraint."""
        member = self.membership(param, arg, x)
        if member is not None:
            operator, pattern = member
            return f"{operator} {{ {pattern} }}"
        return f"FILTER(!{self.value_test(shape, param, arg, x)})"

    def property_checks(self, shape: Node, targets: str) -> Iterator[Check]:
        allowed = set(_VALUE_PARAMS) | set(_COUNT_PARAMS) | {SH.path}
        found = self.params(shape, allowed, "a property shape with a target")
        path = self.path(shape)
        p = _sparql(path)
        severity = self.severity(shape)
        message = self.message(shape)
        values = f"{{ SELECT ?this ?value WHERE {{ ?this {p} ?value }} }}"
        for param, arg in found:
            if param in _VALUE_PARAMS:
                where = self.value_where(shape, param, arg, "?value")
                yield self.check(
                    shape,
                    _VALUE_PARAMS[param],
                    path,
                    severity,
                    message or self.default_message(param, arg),
                    f"SELECT DISTINCT ?this ?value ?detail WHERE {{ {targets} {values} {where} }}",
                )
        counts = self.count_params(shape, found)
        for param in sorted(counts):
            if param == SH.qualifiedMinCount or (
                param == SH.uniqueLang and not _true(counts[param])
            ):
                continue  # one check with sh:qualifiedValueShape; sh:uniqueLang false is no check
            yield self.check(
                shape,
                _COUNT_PARAMS[param],
                path,
                severity,
                message or self.default_message(param, counts[param], path),
                "SELECT DISTINCT ?this ?value ?detail WHERE "
                f"{{ {self.count_select(shape, counts, param, p, targets)} }}",
            )

    def property_probe(self, shape: Node, targets: str) -> str | None:
        """A sub-SELECT of the focus nodes that violate any constraint of a property shape, or
        None when it has a constraint other than value tests, sh:minCount and sh:maxCount.

        Each focus node is grouped with its values (OPTIONAL when a minimum is to be counted);
        a value is flagged when a test is false, as it is when ``FILTER(!test)`` keeps it in
        the constraint's own check (a test that is an error flags nothing there either).
        """
        combined = set(_VALUE_PARAMS) | {SH.minCount, SH.maxCount, SH.path} | _META_PARAMS
        found = self.params(shape, combined | set(_COUNT_PARAMS), "a property shape")
        if any(param not in combined for param, _ in found):
            return None
        p = _sparql(self.path(shape))
        x, flag = self.fresh(), self.fresh()
        tests = [self.value_test(shape, a, b, x) for a, b in found if a in _VALUE_PARAMS]
        values = f"{{ SELECT ?this {x} WHERE {{ ?this {p} {x} }} }}"
        counts = self.count_params(shape, found)
        having = []
        if SH.minCount in counts:
            values = f"OPTIONAL {values}"
            having.append(f"COUNT(DISTINCT {x}) < {self.integer(shape, counts[SH.minCount])}")
        if SH.maxCount in counts:
            having.append(f"COUNT(DISTINCT {x}) > {self.integer(shape, counts[SH.maxCount])}")
        flags = ""
        if tests:
            failed = " || ".join(f"!{test}" for test in tests)
            flags = f"BIND(IF(BOUND({x}) && COALESCE({failed}, false), 1, 0) AS {flag})"
            having.append(f"SUM({flag}) > 0")
        if not having:
            return None  # no constraint at all: nothing to violate
        return (
            f"{{ SELECT ?this WHERE {{ {targets} {values} {flags} }} "
            f"GROUP BY ?this HAVING ({' || '.join(having)}) }}"
        )

    def count_select(
        self, shape: Node, counts: dict[URIRef, Node], param: URIRef, p: str, targets: str
    ) -> str:
        """A sub-SELECT of the focus nodes failing a count constraint: the values of the path
        (joined by hash with the focus nodes, OPTIONAL for a minimum) counted by GROUP BY, or the
        focus nodes without a (qualifying) value for a minimum of one."""
        x = self.fresh()
        if param == SH.uniqueLang:
            # One result per repeated language, as pyshacl reports them.
            return (
                f"{{ SELECT ?this ?detail WHERE {{ {targets} "
                f'{{ SELECT ?this {x} WHERE {{ ?this {p} {x} . FILTER(LANG({x}) != "") }} }} '
                f"BIND(LCASE(LANG({x})) AS ?detail) }} GROUP BY ?this ?detail "
                f"HAVING (COUNT(DISTINCT {x}) > 1) }}"
            )
        if param == SH.maxCount:
            n = self.integer(shape, counts[param])
            return (
                f"{{ SELECT ?this WHERE {{ {targets} "
                f"{{ SELECT ?this {x} WHERE {{ ?this {p} {x} }} }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT {x}) > {n}) }}"
            )
        qualifying = ""
        if param == SH.qualifiedValueShape:
            qualifying = f"FILTER({self.conforms(counts[param], x)})"
            n = self.integer(shape, counts[SH.qualifiedMinCount])
        else:
            n = self.integer(shape, counts[param])
        if n == 1:
            # (the usual minimum: MINUS is two to three times faster than counting, in memory
            # and on disk)
            return (
                f"{{ SELECT ?this WHERE {{ {targets} MINUS {{ ?this {p} {x} . {qualifying} }} }} }}"
            )
        return (
            f"{{ SELECT ?this WHERE {{ {targets} OPTIONAL "
            f"{{ SELECT ?this {x} WHERE {{ ?this {p} {x} . {qualifying} }} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT {x}) < {n}) }}"
        )

    def sparql_check(self, shape: Node, constraint: Node, targets: str, severity: URIRef) -> Check:
        """A SPARQL-based constraint, joined with the targets instead of pre-binding $this.

        Joining equals pre-binding when $this is bound by a triple pattern of the query's main
        group (not only inside OPTIONAL or FILTER): that is checked, and other queries refused.
        """
        found = self.params(constraint, {SH.select, SH.prefixes}, "a SPARQL constraint")
        select = next((str(o) for p, o in found if p == SH.select), None)
        if select is None:
            self.unsupported(constraint, "a SPARQL constraint without sh:select")
        prefixes: dict[str, str] = {}
        for _, declarations in (f for f in found if f[0] == SH.prefixes):
            self.seen.add(declarations)
            for declaration in self.shapes.objects(declarations, SH.declare):
                self.seen.add(declaration)
                prefix = self.shapes.value(declaration, SH.prefix)
                namespace = self.shapes.value(declaration, SH.namespace)
                prefixes[str(prefix)] = str(namespace)
        for name in _UNSUPPORTED_PREBOUND:
            if f"${name}" in select or f"?{name}" in select:
                self.unsupported(constraint, f"the pre-bound variable ${name}")
        try:
            algebra: Any = prepareQuery(select, initNs=prefixes).algebra
        except Exception as exc:  # pyparsing and rdflib raise several kinds
            self.unsupported(constraint, f"a SPARQL query it cannot parse ({exc})")
        projected = {str(v) for v in algebra.get("PV", [])}
        if projected != {"this", "value"}:
            self.unsupported(constraint, "a SPARQL constraint that does not select $this ?value")
        if "this" not in _pattern_variables(algebra["p"]):
            self.unsupported(constraint, "a SPARQL constraint whose $this no triple pattern binds")
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
        return self.check(
            shape,  # the sh:sourceShape of a SPARQL constraint's results is its shape
            SH.SPARQLConstraintComponent,
            None,
            severity,
            self.message(constraint) or self.message(shape) or "SPARQL constraint violated",
            f"{header}SELECT DISTINCT ?this ?value ?detail WHERE {{ {targets} {{ {select} }} }}",
        )

    def check(
        self,
        shape: Node,
        component: URIRef,
        path: URIRef | None,
        severity: URIRef,
        message: str,
        query: str,
        details: tuple[Check, ...] = (),
    ) -> Check:
        return Check(
            shape_iri(self.shapes, shape),
            shape_name(self.shapes, shape),
            component,
            str(path) if path is not None else "",
            severity,
            message,
            query,
            details,
        )

    def default_message(self, param: URIRef, arg: Node, path: URIRef | None = None) -> str:
        """What a result says when its shape has no sh:message."""
        on = f" of {self.name(path)}" if path is not None else ""
        if param in (SH["in"], SH.languageIn):
            listed = " ".join(self.name(m) for m in self.shapes.items(arg))
            return f"Value is not one of ( {listed} )"
        if param in (SH["or"], SH["not"]):
            verb = "does not conform to any" if param == SH["or"] else "conforms to the"
            return f"Value {verb} shape it lists in {self.name(param)}"
        texts = {
            SH["class"]: "Value is not an instance of {arg}",
            SH.datatype: "Value is not a well-formed literal of datatype {arg}",
            SH.pattern: "Value does not match the pattern {arg}",
            SH.minInclusive: "Value is not >= {arg}",
            SH.minLength: "Value is shorter than {arg} characters",
            SH.nodeKind: "Value is not of node kind {arg}",
            SH.node: "Value does not conform to shape {arg}",
            SH.minCount: "Fewer than {arg} values{on}",
            SH.maxCount: "More than {arg} values{on}",
            SH.uniqueLang: "More than one value{on} has this language",
            SH.qualifiedValueShape: "Fewer values{on} than required conform to {arg}",
        }
        arg_text = str(arg) if isinstance(arg, Literal) else self.name(arg)
        return texts[param].format(arg=arg_text, on=on)

    def leftovers(self) -> None:
        """Refuse shapes nothing reached: their targets or their use are unsupported."""
        shape_types = (SH.NodeShape, SH.PropertyShape)
        for subject in sorted(set(self.shapes.subjects()), key=lambda s: s.n3()):
            shape_like = any(
                isinstance(p, URIRef) and p.startswith(str(SH))
                for p in self.shapes.predicates(subject)
            ) or any(t in shape_types for t in self.shapes.objects(subject, RDF.type))
            if shape_like and subject not in self.seen:
                self.unsupported(subject, "a shape with no supported target and no user")


def _true(node: Node) -> bool:
    return isinstance(node, Literal) and node.toPython() is True


def _key(pair: tuple[Node, Node]) -> tuple[str, str]:
    return pair[0].n3(), pair[1].n3()


def _same_language(a: str, b: str) -> str:
    """A filter: two different values with the same (non-empty) language tag."""
    return f'FILTER(!sameTerm({a}, {b}) && LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b})))'


def _pattern_variables(part: Any) -> set[str]:
    """Variables certainly bound by triple patterns of a query's main group (rdflib algebra)."""
    name = getattr(part, "name", "")
    if name == "BGP":
        return {str(t) for triple in part["triples"] for t in triple if isinstance(t, Variable)}
    if name == "Join":
        return _pattern_variables(part["p1"]) | _pattern_variables(part["p2"])
    if name == "Union":
        return _pattern_variables(part["p1"]) & _pattern_variables(part["p2"])
    if name == "LeftJoin":
        return _pattern_variables(part["p1"])
    if name in ("Filter", "Project", "Distinct", "Reduced", "Extend", "ToMultiSet", "OrderBy"):
        return _pattern_variables(part["p"])
    return set()


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Compile a shapes graph into checks; raise UnsupportedShapeError for what is not handled."""
    compiler = _Compiler(shapes)
    targeted = sorted(
        {s for p in _ANY_TARGET for s in shapes.subjects(p, None)}, key=lambda s: s.n3()
    )
    checks = [check for shape in targeted for check in compiler.shape_checks(shape)]
    compiler.leftovers()
    return tuple(checks)


def compile_probe(shapes: Graph, names: Sequence[str], checks: Sequence[Check]) -> Probe:
    """The yes/no test of the named shapes, given their compiled checks (those of
    :func:`compile_shapes`): it finds a violation exactly when one of the checks has a result."""
    compiler = _Compiler(shapes)
    branches: list[str] = []
    combined: set[str] = set()
    for name in sorted(names):
        shape = URIRef(name)
        found = sorted(shapes.predicate_objects(shape), key=_key)
        targets = compiler.targets(
            [(p, o) for p, o in found if isinstance(p, URIRef) and p in _TARGET_PARAMS]
        )
        for prop in sorted(shapes.objects(shape, SH.property), key=lambda n: _describe(shapes, n)):
            branch = compiler.property_probe(prop, targets)
            if branch is not None:
                branches.append(branch)
                combined.add(shape_iri(shapes, prop))
    chosen = set(names)
    rest = tuple(c for c in checks if c.shape_name in chosen and c.source_shape not in combined)
    # One ASK per property shape: a tenth faster than one ASK of their UNION (measured).
    return Probe(tuple(f"ASK {{ {branch} }}" for branch in branches), rest)


def run_checks(
    checks: Sequence[Check], store: ox.Store, *, union: bool, threads: int = 1
) -> Iterator[Result]:
    """Run compiled checks on a store; ``union``: query the union of all graphs (on-disk KGs).

    With ``threads`` > 1 the checks run concurrently (Oxigraph evaluates a query without the
    GIL); the results come in the order of ``checks`` either way.
    """
    subclasses = _subclasses(store, union)

    def results(check: Check) -> list[Result]:
        if check.details:
            failed = _reasons(check.details, store, union, subclasses)
            return [Result(check, focus, focus, why) for focus, why in failed.items()]
        rows = _rows(check, store, union, subclasses)
        return [Result(check, focus, value, detail) for focus, value, detail in rows]

    if threads <= 1:
        for check in checks:
            yield from results(check)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for found in pool.map(results, checks):
            yield from found


def probe_finds(probe: Probe, store: ox.Store, *, union: bool) -> bool:
    """Whether a probe finds a violation in a store (``union`` as in :func:`run_checks`)."""
    subclasses = _subclasses(store, union)
    for query in probe.queries:
        answer = store.query(
            _MARKED.sub(lambda m: " ".join(subclasses(m[1])), query),
            use_default_graph_as_union=union,
        )
        assert isinstance(answer, ox.QueryBoolean)
        if answer:
            return True
    return next(iter(run_checks(probe.checks, store, union=union)), None) is not None


Subclasses = Callable[[str], list[str]]


def _subclasses(store: ox.Store, union: bool) -> Subclasses:
    """Each class's subclasses (itself included) as SPARQL IRIs: rdfs:subClassOf* of the data."""
    below: dict[str, set[str]] = {}
    query = f"SELECT DISTINCT ?sub ?super WHERE {{ ?sub <{RDFS.subClassOf}> ?super }}"
    solutions = store.query(query, use_default_graph_as_union=union)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        sub, sup = row["sub"], row["super"]
        if isinstance(sub, ox.NamedNode | ox.BlankNode) and isinstance(
            sup, ox.NamedNode | ox.BlankNode
        ):
            below.setdefault(str(sup), set()).add(str(sub))

    def closure(iri: str) -> list[str]:
        found, todo = {f"<{iri}>"}, [f"<{iri}>"]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return sorted(c for c in found if c.startswith("<"))  # a blank node has no instances

    return closure


def _rows(
    check: Check, store: ox.Store, union: bool, subclasses: Subclasses
) -> list[tuple[Term, Term | None, str]]:
    query = _MARKED.sub(lambda m: " ".join(subclasses(m[1])), check.query)
    solutions = store.query(query, use_default_graph_as_union=union)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = []
    for row in solutions:
        focus, detail = row["this"], row["detail"]
        assert focus is not None  # every target pattern binds ?this
        rows.append((focus, row["value"], detail.value if detail is not None else ""))
    return rows


def _reasons(
    details: Sequence[Check], store: ox.Store, union: bool, subclasses: Subclasses
) -> dict[Term, str]:
    """The focus nodes failing any of the checks, each with their messages joined."""
    messages: dict[Term, set[str]] = {}
    for check in details:
        rows: list[tuple[Term, Term | None, str]]
        if check.details:
            failed = _reasons(check.details, store, union, subclasses)
            rows = [(focus, None, why) for focus, why in failed.items()]
        else:
            rows = _rows(check, store, union, subclasses)
        for focus, _, detail in rows:
            text = f"{check.message} ({detail})" if detail else check.message
            messages.setdefault(focus, set()).add(text)
    return {focus: "; ".join(sorted(texts)) for focus, texts in messages.items()}
