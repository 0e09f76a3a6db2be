"""Deploy settings: ``deploy.toml``, then the environment (CI sets the bucket there).

Credentials are not settings: they are read from the environment only, by
``store.credentials``. Every setting is checked here, before anything is
sent (the prefix cannot lead out of its folder, the endpoint is https and
holds no credentials, numbers are within bounds); a message names the
setting and where it was set, never its value.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

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
    "deploy": {"max_delete_share": float, "max_delete_page_share": float, "keep_days": float, "workers": int,
               "directory_keys": bool, "cache_short": str, "cache_immutable": str},
}
KIND_NAMES = {str: "text in quotes", float: "a number", int: "a whole number", bool: "true or false"}
SECRETS = ("key", "secret", "access_key", "secret_key", "aws_access_key_id", "aws_secret_access_key", "token")
LOCAL_HOSTS = ("127.0.0.1", "localhost")   # the only hosts plain http may reach (the local test server)
MAX_WORKERS = 64

# A value may hold a secret (a key pasted into the endpoint, a password in
# the wrong field): messages say what is wrong with it, never echo it.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NOT_A_FOLDER = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z]:(?:/|$)")   # an address or a drive, C:/
REGION = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
BUCKET = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]")
HOST = re.compile(r"[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+")   # a name, an IPv4 or an IPv6 address
HEADER = re.compile(r"[\x20-\x7e]+")   # printable ASCII on one line: nothing can be appended to the header


def load(path: Path | None, environ=os.environ) -> tuple[Target, DeployOptions]:
    values: dict[str, dict] = {"bucket": {}, "deploy": {}}
    where: dict[str, str] = {}   # setting -> where it was set, for messages
    if path is not None and path.is_file():
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise DeployError(f"{path}: not valid TOML: {error}") from None
        except OSError as error:
            raise DeployError(f"{path} cannot be read ({error.strerror}).") from None
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
                    raise DeployError(f"{path}: [{section}] {key} must be {KIND_NAMES[kind]}.")
                values[section][key] = value
                where[key] = f"{path}: [{section}] {key}"
    for (section, key), variable in ENVIRONMENT.items():
        if environ.get(variable):
            values[section][key] = environ[variable].strip()
            where[key] = f"The environment variable {variable}"

    def fail(key: str, problem: str) -> DeployError:
        return DeployError(f"{where.get(key, key)} {problem}")

    bucket = values["bucket"]
    if not bucket.get("name"):
        raise DeployError("No bucket is set: write its name in deploy.toml ([bucket] name) or set "
                          "ASPPUK_S3_BUCKET (README, Deployment, says how to create one).")
    if not BUCKET.fullmatch(bucket["name"]) or ".." in bucket["name"]:
        raise fail("name", "is not a bucket name: 3 to 63 letters, digits, dots, hyphens or underscores, "
                           "starting and ending with a letter or digit.")
    region = bucket.get("region", "")
    if region and not REGION.fullmatch(region):
        raise fail("region", "is not a region name (letters, digits and hyphens, such as `auto` for "
                             "Cloudflare R2 or `eu-central-1`).")
    style = bucket.get("addressing_style", "auto")
    if style not in ("auto", "path", "virtual"):
        raise fail("addressing_style", "must be auto, path or virtual.")
    target = Target(bucket=bucket["name"], prefix=_prefix(bucket.get("prefix", ""), fail),
                    endpoint=_endpoint(bucket.get("endpoint", ""), fail), region=region or None,
                    addressing_style=style)

    options = DeployOptions(**values["deploy"])
    if not 1 <= options.workers <= MAX_WORKERS:
        raise fail("workers", f"must be a whole number from 1 to {MAX_WORKERS} (parallel requests; 16 is usual).")
    for key in ("max_delete_share", "max_delete_page_share"):
        if not 0 < getattr(options, key) <= 1:
            raise fail(key, "must be a share above 0 and at most 1 (0.25 is a quarter).")
    if not (math.isfinite(options.keep_days) and options.keep_days >= 0):
        raise fail("keep_days", "must be a number of days, 0 or more.")
    for key in ("cache_short", "cache_immutable"):
        if not HEADER.fullmatch(getattr(options, key)):
            raise fail(key, "must be a Cache-Control value such as `public, max-age=300`: printable characters "
                            "on one line, not empty.")
    return target, options


def checked_prefix(value: str, where: str) -> str:
    """``value`` as a prefix (see ``_prefix``), checked; ``where`` names it in a message."""
    return _prefix(value, lambda key, problem: DeployError(f"{where} {problem}"))


def _prefix(value: str, fail) -> str:
    """The folder of the bucket the site goes to: "" or "a/b/". Surrounding
    slashes and doubled ones are dropped; what could leave the folder, or
    mean something else to another tool, is refused."""
    if CONTROL.search(value):
        raise fail("prefix", "has a control character (a line break, a tab...): remove it.")
    if "\\" in value:
        raise fail("prefix", "has a backslash: a bucket's folders are separated by `/`, e.g. `www` or `sites/www`.")
    if NOT_A_FOLDER.match(value):
        raise fail("prefix", "looks like an address or a drive: write only the folder inside the bucket, "
                             "e.g. `www` (the bucket is `name`, the address `endpoint`).")
    parts = [part for part in value.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise fail("prefix", "has a `.` or `..` folder: the prefix names a folder inside the bucket and cannot "
                             "lead out of it. Write it without them, e.g. `www`.")
    return "".join(f"{part}/" for part in parts)


def _endpoint(value: str, fail) -> str | None:
    """The address of an S3-compatible store (None: Amazon S3)."""
    if not value:
        return None
    if "@" in value:
        raise fail("endpoint", "holds a user name or password (`user:password@`). Credentials go only in "
                               "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: remove them from the address, and "
                               "rotate the key if it was committed or shared.")
    if CONTROL.search(value) or " " in value:
        raise fail("endpoint", "has a space or a control character: write only the address, "
                               "e.g. https://ACCOUNT_ID.r2.cloudflarestorage.com")
    parts = urlsplit(value)
    try:
        _ = parts.port  # read for its check: the property raises on a port that is not a number
    except ValueError:
        raise fail("endpoint", "has a port that is not a number from 0 to 65535.") from None
    if parts.scheme not in ("https", "http"):
        raise fail("endpoint", "must be an address starting with https://, "
                               "e.g. https://ACCOUNT_ID.r2.cloudflarestorage.com")
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        raise fail("endpoint", "has no valid host name after https://, "
                               "e.g. https://ACCOUNT_ID.r2.cloudflarestorage.com")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise fail("endpoint", "must be only the address of the store, without `?` or `#` parts.")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise fail("endpoint", "must start with https://: with http:// the requests, signed with the key, and "
                               "the site's files cross the network unencrypted (http:// is accepted only for a "
                               "server on this machine, 127.0.0.1 or localhost).")
    return value
