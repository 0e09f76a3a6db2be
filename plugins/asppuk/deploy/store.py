"""The bucket, through boto3 (the one place that talks to the store).

One client, shared by a thread pool (boto3 clients are thread-safe), with
as many pooled connections as threads. Listing is split into key ranges
listed in parallel (``StartAfter``), so 100,000 products (hundreds of
thousands of objects) are not listed one page after another.

For stores other than Amazon S3 (Cloudflare R2, Backblaze B2, Google Cloud
Storage, MinIO) botocore's newer default checksums are switched off
(``when_required``): several of them refuse the extra headers or the chunked
encoding. Every upload carries ``Content-MD5`` instead, which all of them
check.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError

from .plan import MANIFEST_NAME, Entry, Head, Headers, Listed, LocalFile

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


class DeployError(Exception):
    """An expected failure, with a message for the person who deploys (no traceback)."""


@dataclass
class Target:
    bucket: str
    prefix: str = ""            # "" or a folder of the bucket, ending in "/"
    endpoint: str | None = None  # None: Amazon S3
    region: str | None = None
    addressing_style: str = "auto"   # "path" for most local servers

    def key(self, path: str) -> str:
        return self.prefix + path

    @property
    def where(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" + (f" at {self.endpoint}" if self.endpoint else "")


def credentials(environ=os.environ) -> dict[str, str]:
    """Credentials from the environment only (never a file, never instance metadata)."""
    missing = [name for name in CREDENTIAL_VARIABLES if not environ.get(name)]
    if missing:
        raise DeployError(
            f"No credentials: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set. "
            "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) "
            "in the environment to a key that may write to the bucket; in GitHub Actions they come from "
            "the repository secrets (see README, Deployment). Keys never go into a file of the repository.")
    found = {"aws_access_key_id": environ["AWS_ACCESS_KEY_ID"],
             "aws_secret_access_key": environ["AWS_SECRET_ACCESS_KEY"]}
    if environ.get("AWS_SESSION_TOKEN"):
        found["aws_session_token"] = environ["AWS_SESSION_TOKEN"]
    for name, value in zip(("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"), found.values()):
        if not value.isascii() or not value.isprintable() or " " in value:
            # a key copied with its line end or a space; never echoed
            raise DeployError(f"{name} has a space, a line break or another character no key has: set it again, "
                              "copied exactly.")
    return found


class Store:
    page_size = 1000         # keys a listing request returns (the API's maximum)
    keys_per_range = 2000    # expected keys per listing range

    def __init__(self, target: Target, workers: int = 16, environ=os.environ, retries: int = 5):
        self.target = target
        self.workers = workers
        addressing = target.addressing_style
        if addressing == "auto":
            addressing = "path" if target.endpoint else "virtual"
        config = Config(
            max_pool_connections=workers + 4,
            retries={"mode": "standard", "max_attempts": retries},
            connect_timeout=10,
            read_timeout=60,
            s3={"addressing_style": addressing},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        session = boto3.session.Session(**credentials(environ))
        self.client = session.client(
            "s3", endpoint_url=target.endpoint or None, region_name=target.region or "us-east-1", config=config)

    # --- errors -------------------------------------------------------------

    def explain(self, error: Exception) -> DeployError:
        """The message for an error the person can do something about."""
        where = self.target.where
        if isinstance(error, EndpointConnectionError):
            return DeployError(f"Cannot reach the storage endpoint {self.target.endpoint or 'of Amazon S3'}: "
                               f"{error}. Check the address (deploy.toml `endpoint` or ASPPUK_S3_ENDPOINT) "
                               "and the network.")
        if isinstance(error, NoCredentialsError):
            return DeployError("No credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
        if isinstance(error, ClientError):
            code = error.response.get("Error", {}).get("Code", "")
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code == "NoSuchBucket":
                return DeployError(f"The bucket `{self.target.bucket}` does not exist at "
                                   f"{self.target.endpoint or 'Amazon S3'}. Create it first (README, Deployment) "
                                   "or correct `bucket` in deploy.toml / ASPPUK_S3_BUCKET.")
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden") or status == 403:
                return DeployError(f"The store refused the credentials for {where} ({code or status}): check that "
                                   "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY belong to a key that may list, "
                                   "read, write and delete in this bucket.")
            return DeployError(f"The store answered {code or status} for {where}: "
                               f"{error.response.get('Error', {}).get('Message', error)}")
        if isinstance(error, BotoCoreError):
            return DeployError(f"Talking to {where} failed: {error}")
        return DeployError(str(error))

    # --- reading ------------------------------------------------------------

    def check_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.target.bucket)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in ("404", "NoSuchBucket", "NotFound"):
                error.response["Error"]["Code"] = "NoSuchBucket"
            raise self.explain(error) from None
        except BotoCoreError as error:
            raise self.explain(error) from None

    def _list_range(self, start_after: str | None, end: str | None) -> dict[str, Listed]:
        """Keys after ``start_after`` up to and including ``end`` (None: to the end)."""
        found: dict[str, Listed] = {}
        args = {"Bucket": self.target.bucket, "Prefix": self.target.prefix, "MaxKeys": self.page_size}
        if start_after:
            args["StartAfter"] = start_after
        while True:
            page = self.client.list_objects_v2(**args)
            for item in page.get("Contents", []):
                key = item["Key"]
                if end is not None and key > end:
                    return found
                found[key] = Listed(item["ETag"], item["Size"])
            if not page.get("IsTruncated"):
                return found
            args["ContinuationToken"] = page["NextContinuationToken"]
            args.pop("StartAfter", None)

    def list(self, expected: list[str]) -> dict[str, Listed]:
        """Every object under the prefix (site-relative path -> ETag, size),
        listed in parallel ranges cut at keys we expect to find (the site's
        and the manifest's), so each range holds a similar share. Objects we
        do not expect are found all the same: the ranges cover every key."""
        keys = sorted({self.target.key(path) for path in expected})
        ranges = max(1, min(self.workers * 2, len(keys) // self.keys_per_range))
        cuts = [keys[len(keys) * i // ranges] for i in range(1, ranges)] if ranges > 1 else []
        bounds = list(zip([None] + cuts, cuts + [None]))
        try:
            with ThreadPoolExecutor(max_workers=min(self.workers, len(bounds))) as pool:
                parts = list(pool.map(lambda b: self._list_range(*b), bounds))
        except (BotoCoreError, ClientError) as error:
            raise self.explain(error) from None
        prefix = len(self.target.prefix)
        listing: dict[str, Listed] = {}
        for part in parts:
            for key, listed in part.items():
                listing[key[prefix:]] = listed
        listing.pop(MANIFEST_NAME, None)
        return listing

    def head(self, path: str) -> Head | None:
        try:
            answer = self.client.head_object(Bucket=self.target.bucket, Key=self.target.key(path))
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                return None
            raise
        etag = answer.get("ETag", "")
        md5 = answer.get("Metadata", {}).get("md5")
        plain = etag.strip('"')
        if md5 is None and len(plain) == 32 and all(c in "0123456789abcdef" for c in plain):
            md5 = plain  # a single-part upload without our metadata: the ETag is its MD5
        return Head(md5, answer.get("ContentType", ""), answer.get("CacheControl", ""), etag,
                    answer.get("ContentLength", -1))

    def heads(self, paths: list[str]) -> dict[str, Head]:
        if not paths:
            return {}
        try:
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                answers = list(pool.map(self.head, paths))
        except (BotoCoreError, ClientError) as error:
            raise self.explain(error) from None
        return {path: head for path, head in zip(paths, answers) if head is not None}

    def read_manifest(self) -> dict[str, Entry] | None:
        try:
            answer = self.client.get_object(Bucket=self.target.bucket, Key=self.target.key(MANIFEST_NAME))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise self.explain(error) from None
        except BotoCoreError as error:
            raise self.explain(error) from None
        try:
            data = json.loads(gzip.decompress(answer["Body"].read()))
            return {path: Entry.from_json(row) for path, row in data["objects"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable: every object is checked by HEAD instead

    # --- writing ------------------------------------------------------------

    def put(self, file: LocalFile, headers: Headers) -> str:
        """Upload one file; returns the ETag the store gave it."""
        md5 = base64.b64encode(bytes.fromhex(file.md5)).decode()
        with open(file.source, "rb") as body:
            answer = self.client.put_object(
                Bucket=self.target.bucket, Key=self.target.key(file.path), Body=body,
                ContentType=headers.content_type, CacheControl=headers.cache_control,
                ContentMD5=md5, Metadata={"md5": file.md5})
        return answer["ETag"]

    def write_manifest(self, entries: dict[str, Entry], deployed_at: str) -> None:
        data = {"version": 1, "tool": "asppuk deploy (scripts/deploy.py)", "deployed_at": deployed_at,
                "objects": {path: entry.to_json() for path, entry in sorted(entries.items())}}
        body = gzip.compress(json.dumps(data, separators=(",", ":")).encode(), mtime=0)
        try:
            self.client.put_object(Bucket=self.target.bucket, Key=self.target.key(MANIFEST_NAME), Body=body,
                                   ContentType="application/gzip", CacheControl="no-store",
                                   ContentMD5=base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest()).decode())
        except (BotoCoreError, ClientError) as error:
            raise self.explain(error) from None

    def delete(self, paths: list[str]) -> list[str]:
        """Delete in batches of 1,000 (the API's limit), batches in parallel.
        Returns the paths that could not be deleted."""
        batches = [paths[i:i + 1000] for i in range(0, len(paths), 1000)]

        def one(batch: list[str]) -> list[str]:
            answer = self.client.delete_objects(
                Bucket=self.target.bucket,
                Delete={"Objects": [{"Key": self.target.key(p)} for p in batch], "Quiet": True})
            prefix = len(self.target.prefix)
            return [error["Key"][prefix:] for error in answer.get("Errors", [])]

        failed: list[str] = []
        try:
            with ThreadPoolExecutor(max_workers=min(self.workers, max(1, len(batches)))) as pool:
                for result in pool.map(one, batches):
                    failed.extend(result)
        except (BotoCoreError, ClientError) as error:
            raise self.explain(error) from None
        return failed
