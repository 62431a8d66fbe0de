#!/usr/bin/env bash
# Start-up and scaling of `faq`, measured side by side in one run:
#   1. the embedded corpus against an empty Rust binary (same release
#      profile) and `grep -ri tombstone faq/`, with ratios and peak RSS;
#   2. search / show / list on generated corpora of 1k, 10k and 100k entries.
# Usage: bash benches/startup.sh [RUNS]   (hyperfine and GNU time from Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}

for tool in hyperfine /usr/bin/time; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
    fi
done

target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet
faq=$target/release/faq

# An empty program built with the same release profile: the floor.
empty_dir=$target/startup-empty
mkdir -p "$empty_dir/src"
echo 'fn main() {}' > "$empty_dir/src/main.rs"
{
    printf '[package]\nname = "empty"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n\n'
    sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | sed '1!{/^\[/d}'
} > "$empty_dir/Cargo.toml"
# Linked as `faq` is (at a fixed address when built with
# FAQ_LINK_FIXED_ADDRESS=1, see build.rs), so that
# the two differ only in what `faq` does.
link=()
if readelf -h "$faq" 2>/dev/null | grep -q 'EXEC (Executable'; then link=(-- -C link-arg=-no-pie); fi
(cd "$empty_dir" && CARGO_TARGET_DIR="$empty_dir/target" cargo rustc --release --quiet "${link[@]}")
empty=$empty_dir/target/release/empty

export FAQ_CONFIG=/nonexistent NO_COLOR=1
out=$(mktemp -d)

rounds=5
echo "== embedded corpus: $runs runs each in $rounds rounds, output to a pipe =="
# The machine drifts over the seconds a benchmark takes, and hyperfine
# times one command after another: the runs are split into rounds, each
# round timing every command, and the medians are taken over all rounds,
# so that drift falls on every command alike. The first benchmark of a
# round tends to come out slow (the machine settling), so a throw-away one
# goes first.
for round in $(seq "$rounds"); do
    hyperfine -N --warmup 20 --runs $(( (runs + rounds - 1) / rounds )) --output=pipe \
        --export-json "$out/startup-$round.json" \
        -n settle "$empty" \
        -n empty "$empty" \
        -n 'faq search tombstone' "$faq search tombstone" \
        -n 'faq show access-token' "$faq show access-token" \
        -n 'grep -ri tombstone faq/' "grep -ri tombstone faq/" \
        -n 'faq --version (floor)' "$faq --version" >/dev/null 2>&1
done

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
python3 - "$out"/startup-*.json <<'PY'
import json, statistics, sys
times = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"][1:]:
        times.setdefault(r["command"], []).extend(r["times"])
medians = {command: statistics.median(t) for command, t in times.items()}
base = medians["empty"]
print(f"{'command':<26}{'median':>10}{'mean':>10}{'ratio':>8}")
for command, t in times.items():
    m = medians[command]
    print(f"{command:<26}{m*1000:>8.2f}ms{statistics.mean(t)*1000:>8.2f}ms{m/base:>7.2f}x")
PY
echo "peak RSS: empty $(rss "$empty") KB, search $(rss "$faq" search tombstone) KB, show $(rss "$faq" show access-token) KB"
echo "(faq --version: the binary's own start-up and argument parsing, no corpus)"

echo
echo "== generated corpora (no cache: every run reads the files) =="
printf '%-8s %-8s %10s %10s\n' entries command median peakRSS
for n in 1000 10000 100000; do
    dir=$target/startup-corpora/c$n
    [ -d "$dir" ] || cargo bench --quiet --bench gen_corpus -- "$dir" "$n" 1 >/dev/null
    id=$("$faq" --no-builtin --corpus "$dir" list --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e[len(e)//2]["id"])')
    for cmd in "search delete room" "show $id" "list"; do
        set -- $cmd
        if [ "$1" = search ]; then args=(search "delete room"); else args=("$@"); fi
        hyperfine -N --warmup 2 --runs 10 --output=pipe --export-json "$out/b.json" \
            "$faq --no-builtin --corpus $dir ${args[*]@Q}" >/dev/null 2>&1 || true
        median=$(python3 -c 'import json,sys; print("%.1fms" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$out/b.json")
        printf '%-8s %-8s %10s %8sKB\n' "$n" "$1" "$median" "$(rss "$faq" --no-builtin --corpus "$dir" "${args[@]}")"
    done
done
ls -l "$faq" | awk '{print "binary size: " $5 " bytes"}'
