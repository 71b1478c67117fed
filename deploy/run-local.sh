#!/usr/bin/env bash
# Builds the suite and runs it on this machine: embedded PostgreSQL plus every service as a child
# process, in the foreground until Ctrl-C. Options are passed to the runner; see deploy/README.md
# or `deploy/run-local.sh --help`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -DskipTests package
exec java -jar deploy/target/deploy-local-runner.jar "$@"
