"""RDF layer: vocabulary and IRI minting, and the builder that turns claims into named graphs."""
