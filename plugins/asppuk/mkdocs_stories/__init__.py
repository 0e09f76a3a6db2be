"""MkDocs adapter for story books (:mod:`asppuk.stories`)."""
