"""Tools for staff who publish: spreadsheets in and out (:mod:`.sheets`),
scaffolding of new posts and products (:mod:`.scaffold`). No MkDocs."""
