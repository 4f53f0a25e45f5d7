#!/usr/bin/env bash
# Regenerates filled.xlsx: the share luoshi writes for 市经信局 from
# plan.txt, filled in by a real LibreOffice (see fill.py). Needs soffice and
# Debian's python3 with uno (apt-get install libreoffice-calc python3-uno);
# tests need neither.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
cp "$here/plan.txt" "$work/in/"
(cd "$top" && go run ./cmd/luoshi run --in "$work/in" --out "$work/out" >/dev/null)
/usr/bin/python3 "$here/fill.py" "$work/out/按单位/市经信局-任务清单.xlsx" "$here/filled.xlsx"
