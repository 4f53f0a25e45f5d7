#!/usr/bin/env bash
# Regenerates the workbooks a real LibreOffice saved after a reviewer's
# edits (see edit.py). Needs soffice and Debian's python3 with uno
# (apt-get install libreoffice-calc python3-uno); tests need neither.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
cp "$top/samples/zugong-xuhui-2022.txt" "$work/in/"
(cd "$top" && go run ./cmd/luoshi run --in "$work/in" --out "$work/out" >/dev/null)
cp "$work/out/zugong-xuhui-2022-任务分解.xlsx" "$here/original.xlsx"
/usr/bin/python3 "$here/edit.py" "$here/original.xlsx" "$here"
