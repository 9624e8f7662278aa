#!/usr/bin/env bash
# Installs the pgvector extension into the local PostgreSQL server, built from Debian's own source package.
#
# Debian 12 (bookworm) does not package pgvector; Debian 13 (trixie) does (0.8.x). This script adds a deb-src line
# for trixie in a PRIVATE apt configuration (its own sources list, lists and cache directories under a temporary
# folder), so the system's apt state is left untouched, downloads the source package with
# `apt-get source --download-only pgvector`, builds it against postgresql-server-dev-<major> for the installed
# server's major version and runs `make install`.
#
# Idempotent: does nothing if the server already offers the extension (vector.control in its share directory).
# Needs root (apt-get install, make install). Usage: sudo scripts/install-pgvector.sh [--major N]
set -euo pipefail

log() { echo "install-pgvector: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

major=""
if [ "${1:-}" = "--major" ]; then
  major="${2:-}"
fi

if [ -z "$major" ]; then
  if command -v pg_lsclusters >/dev/null 2>&1; then
    major=$(pg_lsclusters --no-header 2>/dev/null | awk '{print $1}' | sort -rV | head -n 1)
  fi
  if [ -z "$major" ]; then
    major=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sed -E 's#/usr/lib/postgresql/([0-9]+)/bin#\1#' | sort -rV | head -n 1)
  fi
fi
[ -n "$major" ] || die "no PostgreSQL server found (no cluster in pg_lsclusters, nothing in /usr/lib/postgresql). Install postgresql first, or use the Docker alternative (docker compose up, image pgvector/pgvector)."

sharedir="/usr/share/postgresql/$major/extension"
if [ -f "$sharedir/vector.control" ]; then
  log "pgvector is already installed for PostgreSQL $major ($(sed -n "s/^default_version = '\(.*\)'/\1/p" "$sharedir/vector.control")); nothing to do."
  exit 0
fi

[ "$(id -u)" = "0" ] || die "must run as root (apt-get install and make install into /usr/lib/postgresql/$major)"

export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d /tmp/install-pgvector.XXXXXX)
trap 'rm -rf "$work"' EXIT

log "building pgvector for PostgreSQL $major in $work"
if ! apt-cache policy "postgresql-server-dev-$major" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get update -q >&2 || die "apt-get update failed"
fi
apt-get install -y -q --no-install-recommends build-essential dpkg-dev "postgresql-server-dev-$major" >&2 \
  || die "cannot install build-essential dpkg-dev postgresql-server-dev-$major (run apt-get update first?)"

# Private apt configuration: only the trixie source index, in our own directories.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources.list.d" "$work/src"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "$keyring is missing (package debian-archive-keyring)"
echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main" > "$work/apt/sources.list"
: > "$work/apt/preferences"
apt_private=(-o "Dir::Etc::SourceList=$work/apt/sources.list"
             -o "Dir::Etc::SourceParts=$work/apt/sources.list.d"
             -o "Dir::Etc::Preferences=$work/apt/preferences"
             -o "Dir::Etc::PreferencesParts=$work/apt/sources.list.d"
             -o "Dir::State::Lists=$work/apt/lists"
             -o "Dir::Cache=$work/apt/cache"
             -o "Dir::State::status=/var/lib/dpkg/status"
             -o "APT::Get::List-Cleanup=false")

apt-get "${apt_private[@]}" -q update >&2 || die "cannot read the trixie source index"
(cd "$work/src" && apt-get "${apt_private[@]}" -q source --download-only pgvector >&2) \
  || die "cannot download the pgvector source package from trixie"
dsc=$(ls "$work/src"/pgvector_*.dsc | head -n 1)
log "unpacking $(basename "$dsc")"
(cd "$work/src" && dpkg-source -x --no-check "$(basename "$dsc")" build >&2)

pg_config="/usr/lib/postgresql/$major/bin/pg_config"
[ -x "$pg_config" ] || pg_config=$(command -v pg_config)
# OPTFLAGS="" avoids -march=native so the build runs on any x86-64/arm64 machine of the same architecture.
make -C "$work/src/build" PG_CONFIG="$pg_config" OPTFLAGS="" >&2
make -C "$work/src/build" PG_CONFIG="$pg_config" install >&2

[ -f "$sharedir/vector.control" ] || die "make install did not put vector.control into $sharedir"
log "installed pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" "$sharedir/vector.control") for PostgreSQL $major; enable it per database with: CREATE EXTENSION IF NOT EXISTS vector;"
