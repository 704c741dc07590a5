#!/usr/bin/env bash
# Runs a sharded statecraft run on Kubernetes: applies pvc.yaml, then shards-job.yaml (an Indexed
# Job, one pod per shard) and waits for it to complete, then merge-job.yaml and waits for that, and
# prints the merged text report. Each run gets its own Job names and its own directory on the volume,
# /results/RUN_ID.
#
#   IMAGE=<your-registry>/statecraft:0.1.0 RUNS=2000000 SHARDS=32 PARALLELISM=16 deploy/kubernetes/run.sh
#   RUN_ID=run-20261201-101500 SHARDS=32 RERUN="7 12" deploy/kubernetes/run.sh   # rerun shards 7 and 12, then merge
#
# Environment (defaults in brackets):
#   IMAGE        the image built from deploy/kubernetes/Dockerfile [statecraft:0.1.0]
#   NAMESPACE    namespace of the claim and the Jobs [kubectl's current one]
#   RUN_ID       name of the run: lower-case letters, digits and '-', at most 28 [run-DATE-TIME]
#   SCENARIOS    shipped scenario names, space-separated; one: simulate, several: compare
#                [the six shipped strategies, maximum-pressure first]
#   RUNS         trajectories per strategy [1000000]
#   SEED         master seed [20180918]
#   SHARDS       number of shards, the Job's completions [8]
#   PARALLELISM  shards running at once [SHARDS]
#   SETS         game assumptions, space-separated NAME=VALUE [none]
#   WORLD        the world, as --world: a shipped world's name (or a world file in the image) [baseline-2018]
#   CPUS         cores per shard pod, a whole number; the shard runs that many threads [2]
#   MEMORY       memory per shard pod, request and limit [512Mi]
#   TIMEOUT      seconds to wait for the shards [21600]; the merge gets 1800
#   RERUN        shards to run again for an existing RUN_ID, space-separated (their partial files must be
#                absent), each as its own one-pod Job; then the merge. Give the run's other values again.
set -euo pipefail

fail() {
  echo "run.sh: error: $*" >&2
  exit 2
}

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

IMAGE=${IMAGE:-statecraft:0.1.0}
NAMESPACE=${NAMESPACE:-}
RERUN=${RERUN:-}
[[ -z $RERUN || -n ${RUN_ID:-} ]] || fail "RERUN=$RERUN needs the RUN_ID of the run whose shard it reruns."
RUN_ID=${RUN_ID:-run-$(date +%Y%m%d-%H%M%S)}
SCENARIOS=${SCENARIOS:-maximum-pressure relief-only delury-engagement cnas-conditional-development kaesong-quick-hit pyongyang-declaration-2018}
RUNS=${RUNS:-1000000}
SEED=${SEED:-20180918}
SHARDS=${SHARDS:-8}
PARALLELISM=${PARALLELISM:-$SHARDS}
SETS=${SETS:-}
WORLD=${WORLD:-}
CPUS=${CPUS:-2}
MEMORY=${MEMORY:-512Mi}
TIMEOUT=${TIMEOUT:-21600}

command -v kubectl >/dev/null || fail "kubectl not found."
whole() { [[ $2 =~ ^[1-9][0-9]*$ ]] || fail "$1 must be a positive whole number, not '$2'."; }
whole RUNS "$RUNS"
whole SHARDS "$SHARDS"
whole PARALLELISM "$PARALLELISM"
whole CPUS "$CPUS"
whole TIMEOUT "$TIMEOUT"
[[ $SEED =~ ^[0-9]+$ ]] || fail "SEED must be a whole number, not '$SEED'."
[[ -n ${SCENARIOS// /} ]] || fail "SCENARIOS is empty: give one or more shipped scenario names."
[[ $RUN_ID =~ ^[a-z0-9]([-a-z0-9]{0,26}[a-z0-9])?$ ]] ||
  fail "RUN_ID must be lower-case letters, digits and '-', at most 28, starting and ending with a letter or digit; not '$RUN_ID'."
[[ $MEMORY =~ ^[0-9]+(Ki|Mi|Gi|M|G)?$ ]] || fail "MEMORY must be a Kubernetes quantity such as 512Mi, not '$MEMORY'."
batches=$(((RUNS + 1023) / 1024))
((SHARDS <= batches)) ||
  fail "SHARDS=$SHARDS exceeds the number of batches ($batches for RUNS=$RUNS, at 1024 trajectories a batch); use at most $batches."
read -r -a reruns <<<"$RERUN"
for k in ${reruns[@]+"${reruns[@]}"}; do
  whole RERUN "$k"
  ((k <= SHARDS)) || fail "RERUN: $k is not a shard of 1..$SHARDS."
done

# The values go into JSON patches as strings: refuse the characters that would need escaping.
for name in IMAGE SCENARIOS SETS WORLD NAMESPACE; do
  value=${!name}
  [[ $value != *[\"\\]* && $value != *[[:cntrl:]]* ]] || fail "$name must not contain quotes, backslashes or control characters."
done
json() { printf '"%s"' "$1"; }
env_entry() { printf '{"name":"%s","value":"%s"}' "$1" "$2"; }

kc() { kubectl ${NAMESPACE:+--namespace "$NAMESPACE"} "$@"; }
results=/results/$RUN_ID
merge_job=statecraft-merge-$RUN_ID
# The shard Jobs to apply, as "name first-shard completions parallelism".
shard_jobs=()
if ((${#reruns[@]} > 0)); then
  for k in "${reruns[@]}"; do shard_jobs+=("statecraft-shards-$RUN_ID-rerun-$k $k 1 1"); done
else
  shard_jobs+=("statecraft-shards-$RUN_ID 1 $SHARDS $((PARALLELISM < SHARDS ? PARALLELISM : SHARDS))")
fi

exists() { kc get job "$1" >/dev/null 2>&1; }
for entry in "${shard_jobs[@]}" "$merge_job"; do
  job=${entry%% *}
  ! exists "$job" || fail "job $job already exists; delete it (kubectl delete job $job) or choose another RUN_ID."
done

# Waits with 'kubectl wait --for=condition=complete' in short steps, so that a Job that has failed
# is noticed without waiting for the whole timeout. Returns 0 complete, 1 failed, 2 timed out,
# 3 when the Job cannot be read.
wait_for() {
  local job=$1 deadline=$((SECONDS + $2)) failed succeeded
  while true; do
    if kc wait --for=condition=complete "job/$job" --timeout=30s >/dev/null 2>&1; then
      return 0
    fi
    failed=$(kc get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}') || return 3
    [[ $failed != True ]] || return 1
    ((SECONDS < deadline)) || return 2
    succeeded=$(kc get job "$job" -o jsonpath='{.status.succeeded}') || return 3
    echo "  $job: ${succeeded:-0} of $3 done"
  done
}

echo "applying pvc.yaml"
kc apply -f "$here/pvc.yaml"

apply_shards() { # name first-shard completions parallelism
  local patch
  patch=$(
    cat <<JSON
{"metadata":{"name":$(json "$1"),"labels":{"app.kubernetes.io/instance":$(json "$RUN_ID")}},
 "spec":{"completions":$3,"parallelism":$4,
  "template":{"metadata":{"labels":{"app.kubernetes.io/instance":$(json "$RUN_ID")}},
   "spec":{"containers":[{"name":"shard","image":$(json "$IMAGE"),
    "env":[$(env_entry SCENARIOS "$SCENARIOS"),$(env_entry RUNS "$RUNS"),$(env_entry SEED "$SEED"),
           $(env_entry SHARDS "$SHARDS"),$(env_entry FIRST_SHARD "$2"),$(env_entry THREADS "$CPUS"),
           $(env_entry SETS "$SETS"),$(env_entry WORLD "$WORLD"),$(env_entry RESULTS "$results")],
    "resources":{"requests":{"cpu":"$CPUS","memory":"$MEMORY"},"limits":{"cpu":"$CPUS","memory":"$MEMORY"}}}]}}}}
JSON
  )
  echo "applying shards-job.yaml as job $1: shards $2..$(($2 + $3 - 1)) of $SHARDS, $4 at a time, $CPUS CPU(s) each"
  kubectl patch --local -f "$here/shards-job.yaml" --type strategic -p "$patch" -o yaml | kc apply -f -
}

for entry in "${shard_jobs[@]}"; do
  read -r job first completions parallelism <<<"$entry"
  apply_shards "$job" "$first" "$completions" "$parallelism"
done

for entry in "${shard_jobs[@]}"; do
  read -r job first completions parallelism <<<"$entry"
  status=0
  wait_for "$job" "$TIMEOUT" "$completions" || status=$?
  if ((status != 0)); then
    case $status in
      1) echo "run.sh: job $job failed." >&2 ;;
      2) echo "run.sh: job $job did not complete within $TIMEOUT s." >&2 ;;
      *) echo "run.sh: job $job could not be read (see kubectl's message above)." >&2 ;;
    esac
    failed=$(kc get job "$job" -o jsonpath='{.status.failedIndexes}' 2>/dev/null) || failed=
    [[ -z $failed ]] || echo "  failed completion indexes: $failed (index I is shard I + $first)" >&2
    echo "  logs of index I: kubectl logs -l batch.kubernetes.io/job-name=$job,batch.kubernetes.io/job-completion-index=I" >&2
    echo "  rerun shards:    RUN_ID=$RUN_ID SHARDS=$SHARDS RERUN=\"K ...\" $0  (with this run's IMAGE, SCENARIOS, RUNS, SEED, SETS, WORLD)" >&2
    exit 1
  fi
  echo "job $job complete"
done

merge_patch=$(
  cat <<JSON
{"metadata":{"name":$(json "$merge_job"),"labels":{"app.kubernetes.io/instance":$(json "$RUN_ID")}},
 "spec":{"template":{"metadata":{"labels":{"app.kubernetes.io/instance":$(json "$RUN_ID")}},
  "spec":{"containers":[{"name":"merge","image":$(json "$IMAGE"),
   "env":[$(env_entry SHARDS "$SHARDS"),$(env_entry RESULTS "$results")]}]}}}}
JSON
)
echo "applying merge-job.yaml as job $merge_job"
kubectl patch --local -f "$here/merge-job.yaml" --type strategic -p "$merge_patch" -o yaml |
  kc apply -f -

status=0
wait_for "$merge_job" 1800 1 || status=$?
if ((status != 0)); then
  echo "run.sh: job $merge_job did not complete; its log:" >&2
  kc logs "job/$merge_job" >&2 || true
  exit 1
fi
kc logs "job/$merge_job"
echo
echo "results on the claim statecraft-results: $results/result.txt, result.json, csv/ (README.md: copying them out)"
