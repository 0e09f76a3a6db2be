"""MkDocs adapter for the catalogue core (:mod:`asppuk.catalog`)."""
