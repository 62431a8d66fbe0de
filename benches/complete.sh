#!/usr/bin/env bash
# Completion latency: what a shell waits for at each TAB. Times
# `faq __complete` (the question the scripts in completions/ ask) on the
# built-in FAQ and on examples/acme-faq, and one whole bash completion
# (the script's function, the binary, COMPREPLY filled) against bash doing
# nothing. Fails if any median reaches 50 ms, a shell's patience.
# Usage: bash benches/complete.sh [RUNS]   (hyperfine from Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}

if ! command -v hyperfine >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi

target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet
export PATH=$target/release:$PATH FAQ_CONFIG=/nonexistent
unset FAQ_PATH
out=$(mktemp -d)

# One bash completion, as at `faq show acc<TAB>`.
bash_tab='source completions/faq.bash; COMP_LINE="faq show acc"; COMP_POINT=12;
COMP_WORDS=(faq show acc); COMP_CWORD=2; _faq_values faq acc show; [[ ${COMPREPLY[0]} == access-token ]]'

hyperfine -N --warmup 20 --runs "$runs" --output=pipe --export-json "$out/complete.json" \
    -n 'show acc (bash)' "faq __complete bash -- 'faq show acc'" \
    -n 'show, all 57 ids with questions (zsh)' "faq __complete zsh -- 'faq show '" \
    -n 'list --category, all (fish)' "faq __complete fish -- 'faq list --category '" \
    -n 'show, --corpus examples/acme-faq (fish)' "faq __complete fish -- 'faq --corpus examples/acme-faq show '" \
    -n 'bash doing nothing' "bash --norc --noprofile -c true" \
    -n 'bash: faq show acc<TAB>' "bash --norc --noprofile -c '$bash_tab'"

python3 - "$out/complete.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
slow = []
print(f"\n{'command':45} {'median':>10} {'max':>10}")
for r in results:
    median, worst = r["median"] * 1000, r["max"] * 1000
    print(f"{r['command']:45} {median:8.2f} ms {worst:8.2f} ms")
    if median >= 50:
        slow.append(r["command"])
if slow:
    sys.exit(f"median of 50 ms or more: {', '.join(slow)}")
PY
rm -rf "$out"
