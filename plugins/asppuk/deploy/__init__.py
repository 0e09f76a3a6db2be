"""Publishing the built site to S3-compatible object storage (`make deploy`).

- ``kinds``: content type, caching and upload phase of every file kind;
- ``plan``: what to upload and delete, from the site's hashes, the bucket's
  listing and the manifest of the previous deploy (no network);
- ``store``: the bucket through boto3 (parallel listing, uploads, deletions);
- ``run``: one deploy in a safe order; ``config``: deploy.toml and environment.

No MkDocs import: the deploy works on any built ``site/``.
"""

from .plan import MANIFEST_NAME, Rules
from .run import DeployOptions, DeployResult, deploy
from .store import DeployError, Store, Target

__all__ = ["MANIFEST_NAME", "DeployError", "DeployOptions", "DeployResult", "Rules", "Store", "Target", "deploy"]
