"""MkDocs adapter for annual reports (:mod:`asppuk.reports`)."""
