"""Validation of the assessment graphs against the SHACL shapes in ``shapes/`` (the only package that knows pyshacl).

``validate_store`` validates one named graph per assessment (plus the ontology graph) with the fast SPARQL engine
(the shapes compiled to SPARQL) or with pyshacl as the reference; ``render`` writes the report.
"""

from pia_kg.validation.engines import ENGINES
from pia_kg.validation.model import ValidationReport, ValidationResult
from pia_kg.validation.render import FORMATS, MEDIA_TYPES, render
from pia_kg.validation.runner import validate_store

__all__ = ["ENGINES", "FORMATS", "MEDIA_TYPES", "ValidationReport", "ValidationResult", "render", "validate_store"]
