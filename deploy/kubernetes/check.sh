#!/usr/bin/env bash
# Renders every kustomize overlay with `kubectl kustomize` and validates every object offline (validate.mjs: the
# Kubernetes schemas from the npm package kubernetes-models, a strict schema for CloudNativePG's Cluster, and the
# references and rules of the suite). Then a self-test: each deliberately broken overlay in selftest/ must be
# rejected with the message in its EXPECT file, else this script fails. Needs kubectl (its built-in kustomize),
# Node 18+ and npm; no cluster and no network after `npm ci`. See README.md beside it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

overlays=0
for dir in overlays/*/; do
  name="$(basename "$dir")"
  kubectl kustomize "$dir" >"$out/$name.yaml"
  node validate.mjs "$out/$name.yaml" "overlays/$name"
  overlays=$((overlays + 1))
done
[ "$overlays" -ge 3 ] || { echo "expected at least the overlays dev, prod and cnpg, found $overlays" >&2; exit 1; }

for dir in selftest/*/; do
  name="$(basename "$dir")"
  expected="$(cat "$dir/EXPECT")"
  kubectl kustomize "$dir" >"$out/selftest-$name.yaml"
  if node validate.mjs "$out/selftest-$name.yaml" "selftest/$name" >"$out/selftest-$name.log" 2>&1; then
    echo "self-test failed: the broken manifest selftest/$name was accepted" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" "$out/selftest-$name.log"; then
    echo "self-test failed: selftest/$name was rejected, but not with \"$expected\":" >&2
    cat "$out/selftest-$name.log" >&2
    exit 1
  fi
  echo "selftest/$name: rejected as expected ($expected)"
done
echo "Kubernetes manifests: $overlays overlays valid; the self-test's broken manifests were rejected."
