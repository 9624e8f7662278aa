#!/usr/bin/env bash
# Installs what the offline model training in models/training needs, from Debian's packages only
# (PyPI is not reachable here): PyTorch (CPU), the onnx Python package and numpy, and OpenBLAS
# (without libopenblas0-pthread, Debian's torch falls back to the reference BLAS, about 8x slower) and jemalloc
# (models/training/allocator.py: with glibc's malloc a training step spends ~45% of its time zeroing pages, ~3x slower).
#
# Serving never needs any of this: the server runs the exported ONNX files on ONNX Runtime in Java.
# Idempotent; needs root for apt-get. Usage: sudo scripts/install-training.sh
set -euo pipefail
log() { echo "install-training: $*" >&2; }

if /usr/bin/python3 -c 'import torch, onnx, numpy' 2>/dev/null \
   && dpkg -s libopenblas0-pthread >/dev/null 2>&1 && dpkg -s libjemalloc2 >/dev/null 2>&1; then
  log "python3-torch, python3-onnx, numpy, OpenBLAS and jemalloc are already installed; nothing to do."
  exit 0
fi
[ "$(id -u)" = "0" ] || { log "ERROR: must run as root (apt-get install)"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3-torch python3-onnx python3-numpy libopenblas0-pthread libjemalloc2
/usr/bin/python3 -c 'import torch, onnx; print("torch", torch.__version__, "onnx", onnx.__version__)'
