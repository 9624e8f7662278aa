# Sourced by scripts/test: makes the local PostgreSQL ready for the pgvector tests — pgvector installed
# (scripts/install-pgvector.sh, needs root), the cluster started, the `test` database present.
# Outside CI a machine that cannot do this only gets a warning (the pgvector tests then skip themselves);
# with CI=true it is an error, so CI never passes without running them.
ensure_pgvector_database() {
  local major cluster status problem=""
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    problem="PostgreSQL is not installed (apt-get install postgresql)"
  else
    read -r major cluster status <<<"$(pg_lsclusters --no-header 2>/dev/null | sort -rV | awk '{print $1, $2, $4; exit}')"
    if [ -z "${major:-}" ]; then
      problem="no PostgreSQL cluster (pg_createcluster --start 15 main)"
    elif [ ! -f "/usr/share/postgresql/$major/extension/vector.control" ] && [ "$(id -u)" != "0" ]; then
      problem="pgvector is not installed for PostgreSQL $major; run: sudo scripts/install-pgvector.sh"
    elif ! scripts/install-pgvector.sh; then
      problem="scripts/install-pgvector.sh failed"
    elif [ "$status" != "online" ] && ! pg_ctlcluster --skip-systemctl-redirect "$major" "$cluster" start; then
      problem="cannot start PostgreSQL $major/$cluster (pg_ctlcluster --skip-systemctl-redirect $major $cluster start)"
    else
      local i
      for i in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
      done
      if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        problem="PostgreSQL $major/$cluster does not accept connections on 127.0.0.1:5432"
      elif [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null)" != "1" ] \
           && ! psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test"; then
        problem="cannot create the database 'test' as user postgres on 127.0.0.1:5432"
      fi
    fi
  fi
  if [ -z "$problem" ]; then
    echo "PostgreSQL $major with pgvector is ready on 127.0.0.1:5432 (database test)"
    return 0
  fi
  if [ "${CI:-}" = "true" ]; then
    echo "ERROR: CI=true and the pgvector tests cannot run: $problem" >&2
    return 1
  fi
  echo "WARNING: $problem — the pgvector tests will be skipped." >&2
  return 0
}
