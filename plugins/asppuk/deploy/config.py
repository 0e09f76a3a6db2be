"""Deploy settings: ``deploy.toml``, then the environment (CI sets the bucket there).

Credentials are not settings: they are read from the environment only, by
``store.credentials``.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .run import DeployOptions
from .store import DeployError, Target

ENVIRONMENT = {
    ("bucket", "endpoint"): "ASPPUK_S3_ENDPOINT",
    ("bucket", "region"): "ASPPUK_S3_REGION",
    ("bucket", "name"): "ASPPUK_S3_BUCKET",
    ("bucket", "prefix"): "ASPPUK_S3_PREFIX",
}
SETTINGS = {
    "bucket": {"endpoint": str, "region": str, "name": str, "prefix": str, "addressing_style": str},
    "deploy": {"max_delete_share": float, "keep_days": float, "workers": int, "directory_keys": bool,
               "cache_short": str, "cache_immutable": str},
}
KIND_NAMES = {str: "text in quotes", float: "a number", int: "a whole number", bool: "true or false"}
SECRETS = ("key", "secret", "access_key", "secret_key", "aws_access_key_id", "aws_secret_access_key", "token")


def load(path: Path | None, environ=os.environ) -> tuple[Target, DeployOptions]:
    values: dict[str, dict] = {"bucket": {}, "deploy": {}}
    if path is not None and path.is_file():
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise DeployError(f"{path}: not valid TOML: {error}") from None
        for section, table in data.items():
            if section not in SETTINGS or not isinstance(table, dict):
                raise DeployError(f"{path}: unknown section [{section}] (known: "
                                  f"{', '.join(f'[{s}]' for s in SETTINGS)})")
            for key, value in table.items():
                if key.lower() in SECRETS:
                    raise DeployError(f"{path}: `{key}` looks like a credential. Credentials never go into a "
                                      "file of the repository: remove it and set AWS_ACCESS_KEY_ID and "
                                      "AWS_SECRET_ACCESS_KEY in the environment (and rotate the key if it "
                                      "was committed).")
                kind = SETTINGS[section].get(key)
                if kind is None:
                    raise DeployError(f"{path}: unknown setting `{key}` in [{section}] (known: "
                                      f"{', '.join(SETTINGS[section])})")
                if kind is float and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                    raise DeployError(f"{path}: [{section}] {key} must be {KIND_NAMES[kind]}, not {value!r}")
                values[section][key] = value
    for (section, key), variable in ENVIRONMENT.items():
        if environ.get(variable):
            values[section][key] = environ[variable].strip()

    bucket = values["bucket"]
    if not bucket.get("name"):
        raise DeployError("No bucket is set: write its name in deploy.toml ([bucket] name) or set "
                          "ASPPUK_S3_BUCKET (README, Deployment, says how to create one).")
    prefix = bucket.get("prefix", "").strip("/")
    style = bucket.get("addressing_style", "auto")
    if style not in ("auto", "path", "virtual"):
        raise DeployError(f"addressing_style must be auto, path or virtual, not {style!r}")
    target = Target(bucket=bucket["name"], prefix=f"{prefix}/" if prefix else "",
                    endpoint=bucket.get("endpoint") or None, region=bucket.get("region") or None,
                    addressing_style=style)
    options = DeployOptions(**values["deploy"])
    if not 0 <= options.max_delete_share <= 1:
        raise DeployError(f"max_delete_share must be between 0 and 1, not {options.max_delete_share}")
    if options.workers < 1:
        raise DeployError("workers must be at least 1")
    return target, options
