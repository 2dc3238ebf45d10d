#!/usr/bin/env bash
# Acceptance tests over the real-world schemas in ../shared/schemas (RR_SHARED_SCHEMAS).
# The schema stage loads each one into the server, checks its snapshot against the catalog and
# writes the snapshots; the mapper's acceptance tests then read those snapshots.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export RR_SHARED_SCHEMAS="${RR_SHARED_SCHEMAS:-$(cd "$root/.." && pwd)/shared/schemas}"
snapshots="$(mktemp -d)"
trap 'rm -rf "$snapshots"' EXIT

cd "$root/packages/schema"
RR_ACCEPTANCE=1 RR_ACCEPTANCE_SNAPSHOTS_OUT="$snapshots" npx vitest run src/acceptance.spec.ts

cd "$root/packages/mapper"
RR_ACCEPTANCE=1 RR_ACCEPTANCE_SNAPSHOTS="$snapshots" npx vitest run src/acceptance.spec.ts

cd "$root/packages/renderer"
RR_ACCEPTANCE=1 RR_ACCEPTANCE_SNAPSHOTS="$snapshots" npx vitest run src/acceptance.spec.ts
