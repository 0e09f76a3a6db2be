"""MkDocs adapter for the network pages (:mod:`asppuk.network`)."""
