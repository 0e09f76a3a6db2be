"""Data files every domain reads: the foundation under catalogue, news, stories, network and staff.

``yamlfile`` loads YAML remembering where each value stood, ``problems``
reports what is wrong as ``path:line: message``, and ``schema`` validates
against the JSON Schemas in ``schemas/`` and says what is wrong in Indonesian
(one translator for files and spreadsheet cells). Nothing here imports a
domain (``asppuk.catalog`` and the others), nor MkDocs.
"""
