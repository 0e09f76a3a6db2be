"""MkDocs plugin ``asppuk-share``: Open Graph and Twitter tags, and a preview card, on every page."""
