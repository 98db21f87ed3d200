#!/usr/bin/env bash
# Smoke run of the bundled Action as the runner starts it: inputs as INPUT_* env, real GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY files, demo guild, no commit, no Actions runtime (artifact skipped). GitHub is a closed
# loopback port: the reads the Action tries (audit config, repository) are retried like any network error (about
# 15 s each), then fail, and must only warn.
set -euo pipefail
dir="$1/action"
mkdir -p "$dir/work"
: >"$dir/output"
: >"$dir/summary"
echo '{"repository":{"private":true}}' >"$dir/event.json"
(
  cd "$dir/work"
  env -i PATH="$PATH" HOME="$HOME" \
    GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary" GITHUB_EVENT_PATH="$dir/event.json" \
    GITHUB_REPOSITORY=octo/smoke GITHUB_WORKSPACE="$dir/work" RUNNER_TEMP="$dir" \
    GITHUB_API_URL=http://127.0.0.1:9 \
    INPUT_DEMO=true INPUT_COMMIT=none INPUT_ON-REGRESSION=none INPUT_GITHUB-TOKEN=unused \
    node "$OLDPWD/dist/index.js"
) >"$dir/log" 2>&1 || { cat "$dir/log"; exit 1; }
grep -q '^health-score<<' "$dir/output" || { echo "no health-score output"; cat "$dir/log"; exit 1; }
grep -q 'Pixel Harbor' "$dir/summary" || { echo "job summary does not name the demo guild"; exit 1; }
echo "action smoke run ok: $(grep -A1 '^health-score<<' "$dir/output" | tail -1)/100"
