#!/bin/sh
# End to end, process start to exit: the time and peak memory of `kensho verify`, `check`,
# `diff` and `add` (one event into a copy of the ledger each round) on a synthetic ledger, as the README's "Speed at scale" quotes them, then of
# `check` on the same ledger with every record citing a missing source (one error per
# record, each with a "did you mean", all printed in the human format, then in the short
# one). The criterion benchmark (`cargo bench --bench scale`) times the library; this times
# the binary.
#
#   sh benches/end_to_end.sh [RECORDS] [RUNS]      default: 100000 records, 9 runs
#
# The commands take turns, one run of each per round, so that a change in a shared
# machine's load falls on all of them alike and their ratios hold. Peak memory is the
# maximum resident set size that GNU time (`/usr/bin/time`) reports.
set -eu

records=${1:-100000}
runs=${2:-9}

cargo build --release --quiet --bins --examples
target=${CARGO_TARGET_DIR:-$PWD/target}
kensho=$target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/examples/gen_ledger" --records "$records" --out "$work/base" \
    --revision "$work/head"
"$target/release/examples/gen_ledger" --records "$records" --out "$work/missing" \
    --missing-sources
# `add` writes, so it adds to a copy of its own: the other commands read the same ledger
# every round. Its ledger grows by one record a round, which is nothing beside its size.
cp -R "$work/base" "$work/add"

commands="verify check diff add check-missing check-missing-short"

# timed NAME COMMAND...: runs COMMAND once, adding its time and peak memory to NAME's runs.
timed() {
    name=$1
    shift
    /usr/bin/time -f "%e %M" -a -o "$work/$name.runs" "$@" >/dev/null
}

# run NAME: one run of the command NAME, in the folder it runs in.
run() {
    case $1 in
    verify) cd "$work/base" && timed "$1" "$kensho" verify ;;
    check) cd "$work/base" && timed "$1" "$kensho" check ;;
    add) cd "$work/add" && timed "$1" "$kensho" add event --id "bench-add-$round" \
        --date 2026-04-30 --entity JP --axis policy --source src-00000 --type launch \
        --title "An event added by the benchmark" ;;
    diff) cd "$work/base" && timed "$1" "$kensho" diff "$work/base" "$work/head" ;;
    check-missing) cd "$work/missing" && timed "$1" "$kensho" check ;;
    check-missing-short) cd "$work/missing" && timed "$1" "$kensho" check --format short ;;
    esac
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

round=0
while [ "$round" -lt "$runs" ]; do
    for name in $commands; do
        # `diff` exits 1 when a verdict moved, `check` when it found errors: answers, not
        # failures. The subshell keeps each `cd` to itself.
        (run "$name") || [ $? -eq 1 ]
    done
    round=$((round + 1))
done

for name in $commands; do
    # GNU time adds a line of its own for a command that exits non-zero.
    grep -E '^[0-9.]+ [0-9]+$' "$work/$name.runs" >"$work/figures"
    seconds=$(cut -d' ' -f1 "$work/figures" | median)
    echo "$seconds" >"$work/$name.median"
    median_kb=$(cut -d' ' -f2 "$work/figures" | median)
    max_kb=$(cut -d' ' -f2 "$work/figures" | sort -n | tail -n 1)
    printf '%-19s %6s s   peak %4d MB median, %4d MB max   (%s runs, %s records)\n' \
        "$name" "$seconds" $((median_kb / 1024)) $((max_kb / 1024)) "$runs" "$records"
done

# What adding costs beside verifying, from the same rounds.
awk -v a="$(cat "$work/add.median")" -v b="$(cat "$work/verify.median")" \
    'BEGIN { if (b > 0) printf "%-19s %6.2fx verify\n", "add", a / b }'

# What everything wrong costs beside nothing wrong, from the same rounds.
for name in check-missing check-missing-short; do
    awk -v name="$name" -v a="$(cat "$work/$name.median")" -v b="$(cat "$work/check.median")" \
        'BEGIN { if (b > 0) printf "%-19s %6.1fx check\n", name, a / b }'
done
