"""Tools for staff who publish: spreadsheets in and out (:mod:`.sheets`),
scaffolding of new posts and products (:mod:`.scaffold`) and the answers
they are given (:mod:`.prompt`). No MkDocs."""
