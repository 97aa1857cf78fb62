#!/usr/bin/env bash
# Runs the chiso commands of Examples/ci/publish-dashboard.yml against this repository (itself a
# dashboard: chiso.yml, notebooks-md/, reports/), with a chiso binary built here, so the example
# workflow cannot drift from what chiso accepts. `.ci/run` calls it after `swift build`.
#
#   Examples/ci/run-locally.sh [path/to/chiso]      (default: .build/debug/chiso)
#
# Every `run:` line of the workflow that calls /opt/chiso/chiso is run with that binary:
#   - `chiso build --check …` (the pull-request job) in place: the committed reports/ must pass;
#   - `chiso build` (the main job) in a scratch copy of the dashboard, whose reports/ must then be
#     byte-identical to the committed one (the pages the workflow would publish are those in git).
# Not run here: the release build with --static-swift-stdlib (minutes on two cores; the workflow's
# cache step), the checkout and the Pages upload/deploy actions (GitHub's).
set -euo pipefail
cd "$(dirname "$0")/../.."
workflow=Examples/ci/publish-dashboard.yml
chiso=${1:-.build/debug/chiso}
chiso=$(cd "$(dirname "$chiso")" && pwd)/$(basename "$chiso")
[ -x "$chiso" ] || { echo "run-locally: no chiso binary at $chiso (swift build first)" >&2; exit 2; }

mapfile -t commands < <(sed -n 's/^ *run: \/opt\/chiso\/chiso \(.*\)$/\1/p' "$workflow")
[ ${#commands[@]} -ge 2 ] || { echo "run-locally: expected the check and build commands in $workflow, found ${#commands[@]}" >&2; exit 1; }

for args in "${commands[@]}"; do
  read -r -a argv <<<"$args"
  echo "workflow: chiso $args"
  if [[ " $args " == *" --check "* ]]; then
    "$chiso" "${argv[@]}"
  else
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    cp -R chiso.yml notebooks-md reports "$scratch"/
    [ -d datasets ] && cp -R datasets "$scratch"/
    (cd "$scratch" && "$chiso" "${argv[@]}" >/dev/null)
    diff -r reports "$scratch/reports" >/dev/null || { echo "run-locally: 'chiso $args' made pages that differ from the committed reports/" >&2; diff -rq reports "$scratch/reports" | head -20 >&2; exit 1; }
    rm -rf "$scratch"; trap - EXIT
  fi
done
echo "run-locally: the workflow's ${#commands[@]} chiso commands pass"
