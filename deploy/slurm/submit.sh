#!/usr/bin/env bash
# Submits a sharded statecraft run to Slurm: a job array of SHARDS tasks (shards.sbatch), then the
# merge (merge.sbatch), which starts only when every task has succeeded (afterok on the array).
#
#   STATECRAFT=$PWD/out/statecraft/statecraft OUT=/shared/statecraft/run1 RUNS=2000000 SHARDS=16 \
#     deploy/slurm/submit.sh
#
# Environment (defaults in brackets):
#   STATECRAFT      the published binary [out/statecraft/statecraft]
#   SCENARIOS       shipped scenario names or files, space-separated; one: simulate, several: compare
#                   [the six shipped strategies, maximum-pressure first]
#   RUNS            trajectories per strategy [1000000]
#   SEED            master seed [20180918]
#   SHARDS          number of shards, also the array size [8]
#   SETS            game assumptions, space-separated NAME=VALUE [none]
#   WORLD           the world, as --world: a shipped world's name, a world file the nodes see, or 'embedded' [baseline-2018]
#   OUT             results directory, new or empty, on a file system shared by all nodes [statecraft-shards]
#   CPUS_PER_TASK   cores per shard; the shard runs that many threads [the script's 4]
#   MEM             memory per shard, as sbatch --mem [the script's 512M]
#   TIME            time limit per shard, as sbatch --time [the script's 01:00:00]
#   MAX_RUNNING     at most this many shards at once (the array's %limit) [no limit]
#   SBATCH_ARGS     further sbatch options for both jobs, for example "--account=abc --partition=cpu" [none]
set -euo pipefail

fail() {
  echo "submit.sh: error: $*" >&2
  exit 2
}

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

export STATECRAFT=${STATECRAFT:-out/statecraft/statecraft}
export SCENARIOS=${SCENARIOS:-maximum-pressure relief-only delury-engagement cnas-conditional-development kaesong-quick-hit pyongyang-declaration-2018}
export RUNS=${RUNS:-1000000}
export SEED=${SEED:-20180918}
export SHARDS=${SHARDS:-8}
export SETS=${SETS:-}
export WORLD=${WORLD:-}
OUT=${OUT:-statecraft-shards}
CPUS_PER_TASK=${CPUS_PER_TASK:-}
MEM=${MEM:-}
TIME=${TIME:-}
MAX_RUNNING=${MAX_RUNNING:-}
SBATCH_ARGS=${SBATCH_ARGS:-}

command -v sbatch >/dev/null || fail "sbatch not found: run this on a Slurm login node."
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive whole number, not '$RUNS'."
[[ $SEED =~ ^[0-9]+$ ]] || fail "SEED must be a whole number, not '$SEED'."
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || fail "SHARDS must be a positive whole number, not '$SHARDS'."
[[ -n ${SCENARIOS// /} ]] || fail "SCENARIOS is empty: give one or more shipped scenario names or files."
[[ -n $OUT ]] || fail "OUT is empty: give a results directory shared by the nodes."
[[ -z $CPUS_PER_TASK || $CPUS_PER_TASK =~ ^[1-9][0-9]*$ ]] ||
  fail "CPUS_PER_TASK must be a positive whole number, not '$CPUS_PER_TASK'."
[[ -z $MAX_RUNNING || $MAX_RUNNING =~ ^[1-9][0-9]*$ ]] ||
  fail "MAX_RUNNING must be a positive whole number, not '$MAX_RUNNING'."

batches=$(((RUNS + 1023) / 1024))
((SHARDS <= batches)) ||
  fail "SHARDS=$SHARDS exceeds the number of batches ($batches for RUNS=$RUNS, at 1024 trajectories a batch); use at most $batches."

[[ -x $STATECRAFT ]] ||
  fail "STATECRAFT=$STATECRAFT is not an executable file; publish the tool (dotnet publish src/Statecraft.Cli -c Release -o out/statecraft) and point STATECRAFT at out/statecraft/statecraft."
# Absolute paths, so that the jobs find the binary and the results wherever they start.
STATECRAFT=$(cd -- "$(dirname -- "$STATECRAFT")" && pwd)/$(basename -- "$STATECRAFT")

mkdir -p -- "$OUT/logs"
OUT=$(cd -- "$OUT" && pwd)
export OUT
shopt -s nullglob
existing=("$OUT"/partial-*.json)
shopt -u nullglob
for name in result.txt result.json csv; do [[ ! -e $OUT/$name ]] || existing+=("$OUT/$name"); done
((${#existing[@]} == 0)) ||
  fail "$OUT already holds results of a run (${existing[0]##*/} ...); choose a new OUT, or delete them to start again."

# Scenario files named by a relative path become absolute, so the tasks find them wherever they
# start; shipped scenario names are left as they are.
read -r -a scenarios <<<"$SCENARIOS"
for i in "${!scenarios[@]}"; do
  if [[ -f ${scenarios[i]} ]]; then
    scenarios[i]=$(cd -- "$(dirname -- "${scenarios[i]}")" && pwd)/$(basename -- "${scenarios[i]}")
  fi
done
SCENARIOS=${scenarios[*]}

read -r -a extra <<<"$SBATCH_ARGS"
resources=()
[[ -z $CPUS_PER_TASK ]] || resources+=(--cpus-per-task="$CPUS_PER_TASK")
[[ -z $MEM ]] || resources+=(--mem="$MEM")
[[ -z $TIME ]] || resources+=(--time="$TIME")

# The environment above reaches the jobs through --export=ALL; the array given here overrides the
# script's #SBATCH --array line, so its size is always SHARDS.
array_job=$(sbatch --parsable --export=ALL \
  --array="1-$SHARDS${MAX_RUNNING:+%$MAX_RUNNING}" \
  --output="$OUT/logs/shard-%a.%A.out" \
  ${resources[@]+"${resources[@]}"} ${extra[@]+"${extra[@]}"} \
  "$here/shards.sbatch")
array_job=${array_job%%;*} # --parsable prints "jobid" or "jobid;cluster"
[[ $array_job =~ ^[0-9]+$ ]] || fail "could not read the job id from sbatch's output '$array_job'."

merge_job=$(sbatch --parsable --export=ALL \
  --dependency="afterok:$array_job" --kill-on-invalid-dep=yes \
  --output="$OUT/logs/merge.%j.out" \
  ${extra[@]+"${extra[@]}"} \
  "$here/merge.sbatch")
merge_job=${merge_job%%;*}

echo "submitted shards as array job $array_job (tasks 1-$SHARDS) and the merge as job $merge_job."
echo "logs:    $OUT/logs/"
echo "results: $OUT/result.txt, $OUT/result.json and $OUT/csv/ when job $merge_job has finished."
echo "watch:   squeue -j $array_job,$merge_job    (sacct -j $array_job for the tasks' exit codes)"
