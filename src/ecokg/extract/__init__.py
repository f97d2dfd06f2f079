"""Extractors: small components that read an analysed document and return mentions and claims."""
