"""Compact a schema.org release (schemaorg-current-https.ttl) into vocabulary.json.

Run by hand to refresh the file (see SOURCE); it is not part of the test suite:

    python compact_vocabulary.py schemaorg-current-https.ttl > vocabulary.json

    classes:    {class: [direct superclasses]}
    properties: {property: [[domainIncludes], [rangeIncludes]]}
    members:    {enumeration member: its enumeration}

Retired (attic) and meta terms and superseded properties are left out.
"""

import json
import sys

import rdflib
from rdflib.namespace import RDF, RDFS

SCHEMA = rdflib.Namespace("https://schema.org/")
LEFT_OUT = {"https://attic.schema.org", "https://meta.schema.org"}


def compact(graph):
    def kept(term):
        parts = {str(part) for part in graph.objects(term, SCHEMA.isPartOf)}
        return term.startswith(SCHEMA) and not parts & LEFT_OUT

    def names(terms):
        return sorted(name(term) for term in terms if term.startswith(SCHEMA))

    classes = {
        name(cls): names(graph.objects(cls, RDFS.subClassOf))
        for cls in graph.subjects(RDF.type, RDFS.Class)
        if kept(cls)
    }
    properties = {
        name(prop): [
            names(graph.objects(prop, SCHEMA.domainIncludes)),
            names(graph.objects(prop, SCHEMA.rangeIncludes)),
        ]
        for prop in graph.subjects(RDF.type, RDF.Property)
        if kept(prop) and (prop, SCHEMA.supersededBy, None) not in graph
    }
    members = {
        name(member): name(kind)
        for member, kind in graph.subject_objects(RDF.type)
        if kept(member) and kind.startswith(SCHEMA) and name(member) not in classes
    }
    return {"classes": classes, "properties": properties, "members": members}


def name(term):
    return str(term).removeprefix(str(SCHEMA))


def dump(vocabulary):
    """One term a line, sorted, so that a new release reads as a short diff."""
    sections = []
    for section, table in vocabulary.items():
        rows = (f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in sorted(table.items()))
        sections.append(f' "{section}": {{\n' + ",\n".join(rows) + "\n }")
    return "{\n" + ",\n".join(sections) + "\n}\n"


if __name__ == "__main__":
    graph = rdflib.Graph().parse(sys.argv[1], format="turtle")
    sys.stdout.write(dump(compact(graph)))
