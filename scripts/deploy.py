#!/usr/bin/env python3
"""Publish the built site to S3-compatible object storage (`make deploy`).

Settings come from deploy.toml and the environment (ASPPUK_S3_ENDPOINT,
ASPPUK_S3_BUCKET, ASPPUK_S3_PREFIX, ASPPUK_S3_REGION); credentials from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY only. Only files whose content
or headers changed are uploaded; see README, Deployment.

--preview publishes a preview build (`make build PREVIEW=1`) and nothing
else; without it a preview build is refused.

--remove-prefix PREFIX deletes every object under PREFIX (the prefix of
deploy.toml and ASPPUK_S3_PREFIX is not used: the command line names what
goes) and nothing else: a pull request's preview once it is closed. An empty
prefix is refused, and so is a prefix without a deploy manifest unless
--force.

Usage: deploy.py [--site site] [--config deploy.toml] [--dry-run] [--force] [--preview]
       deploy.py --remove-prefix PREFIX [--config deploy.toml] [--dry-run] [--force]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asppuk.deploy import DeployError, deploy, remove_prefix
from asppuk.deploy.config import checked_prefix, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--config", type=Path, default=Path("deploy.toml"))
    parser.add_argument("--dry-run", action="store_true", help="print what would be uploaded and deleted, change nothing")
    parser.add_argument("--force", action="store_true", help="go ahead even if many files would be deleted")
    parser.add_argument("--preview", action="store_true", help="publish a preview build (make build PREVIEW=1)")
    parser.add_argument("--remove-prefix", metavar="PREFIX",
                        help="delete every object under PREFIX (a closed pull request's preview), nothing else")
    args = parser.parse_args(argv)
    out = lambda line: print(line, flush=True)  # noqa: E731
    try:
        target, options = load(args.config)
        options.dry_run, options.force, options.preview = args.dry_run, args.force, args.preview
        if args.remove_prefix is not None:
            target.prefix = checked_prefix(args.remove_prefix, "--remove-prefix")
            remove_prefix(target, options, out=out)
            return 0
        deploy(args.site, target, options, out=out)
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
