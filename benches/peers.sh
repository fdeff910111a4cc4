#!/bin/sh
# kensho beside plain-text accounting tools on the same synthetic data: `kensho verify` and
# `kensho check` on the ledger `gen_ledger` writes, and hledger's `check`, ledger-cli's `bal`
# and beancount's `bean-check` (cold, its cache removed before each run, and warm) on the
# same records written as their journals by `examples/peer_journals.rs`: one transaction per
# record, on the day it becomes known, titled by it, posting its figure against its source.
# The README's "Beside other tools" quotes this script's output.
#
#   sh benches/peers.sh [RECORDS] [RUNS]       default: 100000 records, 5 runs
#
# The tools come from Debian's and PyPI's packages (`apt-get install hledger ledger`,
# `pip install beancount`); a tool that is not installed is left out and said so. Each
# command takes its turn once per round, so that a change in a shared machine's load falls
# on all of them alike. Peak memory is the maximum resident set size GNU time reports.
set -eu

records=${1:-100000}
runs=${2:-5}

cargo build --release --quiet --bins --examples
target=${CARGO_TARGET_DIR:-$PWD/target}
kensho=$target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/examples/gen_ledger" --records "$records" --out "$work/kensho"
"$target/release/examples/peer_journals" --records "$records" --out "$work"

commands="kensho-verify kensho-check"
for tool in hledger ledger bean-check; do
    if command -v "$tool" >/dev/null 2>&1; then
        case $tool in
        hledger) commands="$commands hledger-check" ;;
        ledger) commands="$commands ledger-bal" ;;
        bean-check) commands="$commands bean-check-cold bean-check-warm" ;;
        esac
    else
        echo "$tool is not installed: left out"
    fi
done
for name in $commands; do
    case $name in
    hledger-check) hledger --version | head -n 1 ;;
    ledger-bal) ledger --version | head -n 1 ;;
    bean-check-cold) python3 -c 'import beancount; print("beancount", beancount.__version__)' ;;
    esac
done

# timed NAME COMMAND...: runs COMMAND once, adding its time and peak memory to NAME's runs.
timed() {
    name=$1
    shift
    /usr/bin/time -f "%e %M" -a -o "$work/$name.runs" "$@" >/dev/null
}

run() {
    case $1 in
    kensho-verify) cd "$work/kensho" && timed "$1" "$kensho" verify ;;
    kensho-check) cd "$work/kensho" && timed "$1" "$kensho" check ;;
    hledger-check) timed "$1" hledger -f "$work/journal.ledger" check ;;
    ledger-bal) timed "$1" ledger -f "$work/journal.ledger" bal ;;
    bean-check-cold)
        # beancount keeps a pickled copy of what it read beside the journal: removed, so
        # that every run reads the text.
        rm -f "$work"/.journal.beancount.picklecache "$work"/journal.beancount.picklecache
        timed "$1" bean-check "$work/journal.beancount"
        ;;
    bean-check-warm) timed "$1" bean-check "$work/journal.beancount" ;;
    esac
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# One untimed run of each, which also checks that every tool accepts its journal.
for name in $commands; do
    (run "$name") || {
        echo "$name failed on its journal" >&2
        exit 2
    }
done
rm -f "$work"/*.runs
round=0
while [ "$round" -lt "$runs" ]; do
    for name in $commands; do
        (run "$name")
    done
    round=$((round + 1))
done

verify=
for name in $commands; do
    seconds=$(cut -d' ' -f1 "$work/$name.runs" | median)
    kb=$(cut -d' ' -f2 "$work/$name.runs" | median)
    if [ -z "$verify" ]; then
        verify=$seconds
    fi
    printf '%-16s %7s s %5d MB   %6sx kensho verify   (%s runs, %s records)\n' "$name" \
        "$seconds" $((kb / 1024)) \
        "$(awk -v a="$seconds" -v b="$verify" 'BEGIN { printf "%.2f", a / b }')" \
        "$runs" "$records"
done
