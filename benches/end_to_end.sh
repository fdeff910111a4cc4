#!/bin/sh
# End to end, process start to exit: the time and peak memory of the commands people run, on
# synthetic ledgers of one or more sizes, as the README's "Speed at scale" quotes them:
# `verify`, `check`, `add` (one event into a copy of the ledger each round), `diff` of two
# revisions differing in one record in a hundred (spread over every file, then all together
# in one file, the others byte for byte the same), `timeline`
# over a hundred years of months (its longest), `list` (table and JSON), then `check` with
# every record citing a missing source (one error per record, each with a "did you mean", all
# printed in the human format, then in the short one). The criterion benchmark
# (`cargo bench --bench scale`) times the library; this times the binary.
#
#   sh benches/end_to_end.sh [SIZES] [RUNS]     default: 100000,1000000 records, 5 runs
#
# COMMANDS, in the environment, picks some of the commands by name (those of the list below,
# space-separated, `verify` among them), for more runs of a few:
# `COMMANDS="verify check" sh benches/end_to_end.sh 100000,1000000 9`.
# SETTLE, in the environment, is how many seconds to wait before each run (default 2; a
# default run takes some 200 s longer for it). Memory a process lets go is handed back by
# this virtual machine to its host within about a second, and the first touch of it
# afterwards costs the kernel a fresh page from the host: `verify` at 100,000 records took
# 0.37 s straight after another run (0.02 s of it in the kernel) and 0.43 to 0.49 s a second
# or more after one (0.11 to 0.17 s in the kernel). A run of a few tenths of a second that
# follows another reuses the memory the other just let go; a run of four seconds, at a
# million records, cannot, whatever ran before it. So every run waits until the memory
# before it has gone back, as it has when a person runs kensho after a few seconds of
# editing, and runs of every size start alike. `SETTLE=0` runs them back to back.
# SIZES is a comma-separated list of record counts. Every command at every size takes its
# turn once per round, so that a change in a shared machine's load falls on all of them
# alike and their ratios hold: each size's time beside the size before it (linear is 10x for
# ten times the records), and each command's beside `verify` of the same size. Peak memory
# is the maximum resident set size that GNU time (`/usr/bin/time`) reports.
set -eu
# Medians sort numbers such as 0.69: the same way in every locale.
export LC_ALL=C

sizes=${1:-100000,1000000}
runs=${2:-5}
settle=${SETTLE:-2}

cargo build --release --quiet --bins --examples
target=${CARGO_TARGET_DIR:-$PWD/target}
kensho=$target/release/kensho
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=$(echo "$sizes" | tr ',' ' ')
for n in $sizes; do
    "$target/release/examples/gen_ledger" --records "$n" --out "$work/$n/base" \
        --revision "$work/$n/head" --revision-together "$work/$n/together"
    "$target/release/examples/gen_ledger" --records "$n" --out "$work/$n/missing" \
        --missing-sources
    # `add` writes, so it adds to a copy of its own: the other commands read the same ledger
    # every round. Its ledger grows by one record a round, which is nothing beside its size.
    cp -R "$work/$n/base" "$work/$n/add"
done
# What was just written is on its way to the disk: `add`, which syncs the file it writes,
# would wait for all of it.
sync

commands=${COMMANDS:-"verify check add diff diff-together timeline list list-json check-missing check-missing-short"}

# timed NAME COMMAND...: runs COMMAND once, adding its time, peak memory and processor time
# to NAME's runs, and exits as it did. The time is read from the clock in nanoseconds around
# the run, as GNU time gives only hundredths: 0.34 s or 0.35 s at 100,000 records would move
# a ratio to a million by 3%.
timed() {
    name=$1
    shift
    start=$(date +%s%N)
    status=0
    /usr/bin/time -f "%M %U %S" -o "$work/time" "$@" >/dev/null || status=$?
    end=$(date +%s%N)
    # GNU time writes a line of its own first for a command that exits non-zero. It gives
    # the peak, then the seconds of processor time in the program and in the kernel.
    measured=$(tail -n 1 "$work/time")
    awk -v s="$start" -v e="$end" -v m="$measured" 'BEGIN { printf "%.3f %s\n", (e - s) / 1e9, m }' \
        >>"$work/$name.runs"
    return "$status"
}

# run SIZE NAME: one run of the command NAME on the ledger of SIZE records, in its folder.
run() {
    w=$work/$1
    case $2 in
    verify) cd "$w/base" && timed "$1.$2" "$kensho" verify ;;
    check) cd "$w/base" && timed "$1.$2" "$kensho" check ;;
    add) cd "$w/add" && timed "$1.$2" "$kensho" add event --id "bench-add-$round" \
        --date 2026-04-30 --entity JP --axis policy --source src-00000 --type launch \
        --title "An event added by the benchmark" ;;
    diff) cd "$w/base" && timed "$1.$2" "$kensho" diff "$w/base" "$w/head" ;;
    diff-together) cd "$w/base" && timed "$1.$2" "$kensho" diff "$w/base" "$w/together" ;;
    timeline)
        cd "$w/base" &&
            timed "$1.$2" "$kensho" timeline --from 1927-01 --to 2026-12 --step month
        ;;
    list) cd "$w/base" && timed "$1.$2" "$kensho" list ;;
    list-json) cd "$w/base" && timed "$1.$2" "$kensho" list --format json ;;
    check-missing) cd "$w/missing" && timed "$1.$2" "$kensho" check ;;
    check-missing-short) cd "$w/missing" && timed "$1.$2" "$kensho" check --format short ;;
    esac
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# rotate K WORDS...: the words from the Kth on (counting from 0, modulo their number), then
# those before it.
rotate() {
    k=$(($1 % ($# - 1)))
    shift
    i=0
    for word in "$@"; do
        if [ "$i" -ge "$k" ]; then printf '%s ' "$word"; fi
        i=$((i + 1))
    done
    i=0
    for word in "$@"; do
        if [ "$i" -lt "$k" ]; then printf '%s ' "$word"; fi
        i=$((i + 1))
    done
}

# What timing itself costs, the clock read around GNU time running a program that does
# nothing (some 3 ms here), is taken off every median below: left in, it would shrink each
# ratio to a smaller size by a part in a hundred.
i=0
while [ "$i" -lt 9 ]; do
    timed overhead true
    i=$((i + 1))
done
overhead=$(cut -d' ' -f1 "$work/overhead.runs" | median)

round=0
while [ "$round" -lt "$runs" ]; do
    for n in $sizes; do
        for name in $(rotate "$round" $commands); do
            # Unless SETTLE is 0, every run starts on memory let go a while before.
            sleep "$settle"
            # `diff` exits 1 when a verdict moved, `check` when it found errors: answers,
            # not failures. The subshell keeps each `cd` to itself.
            (run "$n" "$name") || [ $? -eq 1 ]
        done
    done
    round=$((round + 1))
done

# ratio A B: A / B to two places, or `-` when B is nothing.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'
}

previous=
for n in $sizes; do
    for name in $commands; do
        figures=$work/$n.$name.runs
        seconds=$(cut -d' ' -f1 "$figures" | median |
            awk -v o="$overhead" '{ printf "%.3f", $1 - o }')
        echo "$seconds" >"$work/$n.$name.median"
        median_kb=$(cut -d' ' -f2 "$figures" | median)
        max_kb=$(cut -d' ' -f2 "$figures" | sort -n | tail -n 1)
        beside_verify=$(ratio "$seconds" "$(cat "$work/$n.verify.median")")
        # Processor time, of every core, in kensho and in the kernel: what the kernel spends
        # is mostly handing over memory, which SETTLE is about.
        user=$(cut -d' ' -f3 "$figures" | median)
        kernel=$(cut -d' ' -f4 "$figures" | median)
        echo "$user" >"$work/$n.$name.user"
        grown=
        if [ -n "$previous" ]; then
            grown="   $(ratio "$seconds" "$(cat "$work/$previous.$name.median")")x $previous"
            grown="$grown ($(ratio "$user" "$(cat "$work/$previous.$name.user")")x in kensho)"
        fi
        printf '%-19s %8s records %7s s %5d MB median %5d MB max %6sx verify%s   processor: %s s in kensho, %s s in the kernel\n' \
            "$name" "$n" "$seconds" $((median_kb / 1024)) $((max_kb / 1024)) \
            "$beside_verify" "$grown" "$user" "$kernel"
    done
    # What everything wrong costs beside nothing wrong, from the same rounds.
    for name in check-missing check-missing-short; do
        case " $commands " in *" $name "*) ;; *) continue ;; esac
        printf '%-19s %8s records %7sx check\n' "$name" "$n" \
            "$(ratio "$(cat "$work/$n.$name.median")" "$(cat "$work/$n.check.median")")"
    done
    previous=$n
done
echo "($runs runs of each, taking turns, each $settle s after the one before; $overhead s a run for timing taken off)"
