# Shared by scripts/site and scripts/test: create a virtualenv and install the project into it.
# Usage: ensure_venv DIR EXTRAS  (re-installs only when pyproject.toml changed)
set -euo pipefail
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

PYTHON=${PYTHON:-python3}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ensure_venv() {
  local dir=$1 extras=$2
  local stamp="$dir/.clustersite-installed"
  local want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) $extras"
  if [ ! -x "$dir/bin/python" ]; then
    echo "==> creating $dir" >&2
    "$PYTHON" -m venv "$dir"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing clustersite[$extras] into $dir" >&2
    "$dir/bin/python" -m pip install --quiet --upgrade pip >&2
    "$dir/bin/python" -m pip install --quiet -e "$ROOT[$extras]" >&2
    echo "$want" > "$stamp"
  fi
}
