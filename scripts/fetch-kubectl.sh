#!/usr/bin/env bash
# Unpacks Debian's kubectl 1.20 (package kubernetes-client; its built-in kustomize is v2.0.3, the version k8s/ is
# written for) into build-images/kubectl/, without installing it: a newer kubectl on the PATH stays untouched.
# The manifest tests (k8s module) look for kubectl on the PATH, then here; .ci/run puts this one first on the PATH.
# Runs apt-get update when the package is unknown.
set -euo pipefail
cd "$(dirname "$0")/.."
target=build-images/kubectl
if [ -x "$target/usr/bin/kubectl" ]; then
  exit 0
fi
mkdir -p build-images
download=$(mktemp -d)
chmod 755 "$download"   # apt downloads as user _apt
(cd "$download" && { apt-get download kubernetes-client >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get download kubernetes-client >/dev/null; }; })
dpkg -x "$download"/kubernetes-client_*.deb "$target"
rm -rf "$download"
"$target/usr/bin/kubectl" version --client --short 2>/dev/null || "$target/usr/bin/kubectl" version --client
