"""RDF namespaces used across the project (plain strings: no RDF library needed to import them)."""

PIA = "https://w3id.org/pia-kg/ontology#"
CODE = "https://w3id.org/pia-kg/code/"
ONTOLOGY_IRI = "https://w3id.org/pia-kg/ontology"
DPV = "https://w3id.org/dpv#"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "pia": PIA,
    "code": CODE,
    "dpv": DPV,
    "eli": ELI,
    "org": ORG,
    "prov": PROV,
    "dct": DCT,
    "dcat": DCAT,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every namespace above."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
