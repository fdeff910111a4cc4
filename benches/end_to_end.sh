#!/bin/sh
# End to end, process start to exit: the time and peak memory of `kensho verify`, `check`
# and `diff` on a synthetic ledger, as the README's "Speed at scale" quotes them, then of
# `check` on the same ledger with every record citing a missing source (one error per
# record, each with a "did you mean", all printed in the human format, then in the short
# one). The criterion benchmark (`cargo bench --bench scale`) times the library; this times
# the binary.
#
#   sh benches/end_to_end.sh [RECORDS] [RUNS]      default: 100000 records, 9 runs
#
# Peak memory is the maximum resident set size that GNU time (`/usr/bin/time`) reports.
set -eu

records=${1:-100000}
runs=${2:-9}

cargo build --release --quiet --bins --examples
kensho=$PWD/target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_ledger --records "$records" --out "$work/base" \
    --revision "$work/head"
target/release/examples/gen_ledger --records "$records" --out "$work/missing" \
    --missing-sources

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# measure NAME COMMAND...: runs COMMAND in the folder `$in` (the base revision unless set)
# RUNS times.
in=$work/base
measure() {
    name=$1
    shift
    : >"$work/runs"
    i=0
    while [ "$i" -lt "$runs" ]; do
        # `diff` exits 1 when a verdict moved, `check` when it found errors: answers, not
        # failures.
        (cd "$in" && /usr/bin/time -f "%e %M" -a -o "$work/runs" "$@" >/dev/null) ||
            [ $? -eq 1 ]
        i=$((i + 1))
    done
    # GNU time adds a line of its own for a command that exits non-zero.
    grep -E '^[0-9.]+ [0-9]+$' "$work/runs" >"$work/figures"
    seconds=$(cut -d' ' -f1 "$work/figures" | median)
    median_kb=$(cut -d' ' -f2 "$work/figures" | median)
    max_kb=$(cut -d' ' -f2 "$work/figures" | sort -n | tail -n 1)
    printf '%-19s %6s s   peak %4d MB median, %4d MB max   (%s runs, %s records)\n' \
        "$name" "$seconds" $((median_kb / 1024)) $((max_kb / 1024)) "$runs" "$records"
}

measure verify "$kensho" verify
measure check "$kensho" check
measure diff "$kensho" diff "$work/base" "$work/head"
in=$work/missing
measure check-missing "$kensho" check
measure check-missing-short "$kensho" check --format short
