#!/usr/bin/env python3
"""Publish the built site to S3-compatible object storage (`make deploy`).

Settings come from deploy.toml and the environment (ASPPUK_S3_ENDPOINT,
ASPPUK_S3_BUCKET, ASPPUK_S3_PREFIX, ASPPUK_S3_REGION); credentials from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY only. Only files whose content
or headers changed are uploaded; see README, Deployment.

Usage: deploy.py [--site site] [--config deploy.toml] [--dry-run] [--force]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.deploy import DeployError, deploy
from asppuk.deploy.config import load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--config", type=Path, default=Path("deploy.toml"))
    parser.add_argument("--dry-run", action="store_true", help="print what would be uploaded and deleted, change nothing")
    parser.add_argument("--force", action="store_true", help="go ahead even if many files would be deleted")
    args = parser.parse_args(argv)
    try:
        target, options = load(args.config)
        options.dry_run, options.force = args.dry_run, args.force
        deploy(args.site, target, options, out=lambda line: print(line, flush=True))
    except DeployError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("deploy: interrupted. Run `make deploy` again: what is already uploaded is not sent twice.",
              file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
