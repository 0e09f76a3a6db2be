"""ASPPUK website: catalogue and story cores, and the MkDocs plugins over them."""
