#!/usr/bin/env bash
# The long fuzzing campaign (issue 16): every property-based (hypothesis) test of the chosen
# areas, with many more examples than the suite's small fixed budget.
#
#   scripts/fuzz.sh                      # every area, 5,000 examples per test
#   scripts/fuzz.sh ingest watchlist     # the readers and dateline parser; the list loaders
#   HYPOTHESIS_MAX_EXAMPLES=20000 scripts/fuzz.sh web
#
# Areas are test folders: ingest (every reader, the dateline parser), annotate (splitting long
# texts), watchlist (the list loaders), web (every API query parameter); any other tests/ folder
# works too. Only tests that use hypothesis run (pytest's `hypothesis` marker). The campaign
# grows with HYPOTHESIS_MAX_EXAMPLES: at the default, plan on about an hour for every area.
# A failure prints the smallest input that fails; hypothesis keeps it in .hypothesis/ and tries
# it first on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [[ -z $python ]]; then
  if [[ -x .venv/bin/python ]]; then python=.venv/bin/python; else python=python3; fi
fi
areas=("$@")
if [[ ${#areas[@]} -eq 0 ]]; then
  areas=(ingest annotate watchlist web)
fi
paths=()
for area in "${areas[@]}"; do
  if [[ ! -d tests/$area ]]; then
    echo "fuzz.sh: no test folder tests/$area (areas: $(ls -d tests/*/ | xargs -n1 basename | tr '\n' ' '))" >&2
    exit 2
  fi
  paths+=("tests/$area")
done

export HYPOTHESIS_PROFILE=long
export HYPOTHESIS_MAX_EXAMPLES=${HYPOTHESIS_MAX_EXAMPLES:-5000}
echo "fuzz.sh: ${HYPOTHESIS_MAX_EXAMPLES} examples per test over ${paths[*]}" >&2
# No per-test time limit (the suite's is 600 s); -p no:cacheprovider writes nothing but .hypothesis/.
exec "$python" -m pytest -p no:cacheprovider -q -m hypothesis -o timeout=0 --hypothesis-show-statistics "${paths[@]}"
