"""MkDocs adapter that serves Decap CMS at /admin/ (:mod:`asppuk.staff.cms`)."""
