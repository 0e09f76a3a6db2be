"""Publishing the built site to S3-compatible object storage (`make deploy`).

- ``kinds``: content type, caching and upload phase of every file kind;
- ``plan``: what to upload and delete, from the site's hashes, the bucket's
  listing and the manifest of the previous deploy (no network, no boto3);
- ``store``: the bucket through boto3 (parallel listing, uploads, deletions);
- ``run``: one deploy in a safe order; ``config``: deploy.toml and environment.

No MkDocs import: the deploy works on any built ``site/``. boto3 is imported
only when a name that needs it is used.
"""

from importlib import import_module

from .plan import MANIFEST_NAME, Rules

_LAZY = {
    "DeployOptions": "run", "DeployResult": "run", "deploy": "run", "remove_prefix": "run",
    "DeployError": "store", "Store": "store", "Target": "store",
}

__all__ = ["MANIFEST_NAME", "Rules", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
