#!/usr/bin/env bash
# galley batch on a Slurm job array: starts a private single-node Slurm
# (its own munged socket and key, its own slurm.conf and ports, everything in
# a temporary folder), submits `sbatch --array=0-2` where task K runs
# `galley batch ... --shard K/3`, and checks that every input was converted
# exactly once. Stops its daemons on exit. Needs root and the Debian packages
# slurm-wlm and munge; without them it prints SKIP and exits 77, which ctest
# shows as skipped.
set -euo pipefail
galley=$(readlink -f "$1")
articles=${GALLEY_TEST_DATA:?}/articles-txt
deadline=$((SECONDS + 110))  # the whole test stays under 2 minutes

for cmd in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol; do
  if ! command -v "$cmd" >/dev/null && [[ ! -x /usr/sbin/$cmd ]]; then
    echo "SKIP: $cmd not found (apt-get install slurm-wlm munge)"
    exit 77
  fi
done
if [[ $(id -u) != 0 ]]; then
  echo "SKIP: a private Slurm with SlurmUser=root needs root"
  exit 77
fi
export PATH=$PATH:/usr/sbin

tmp=$(mktemp -d /tmp/galley-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  local status=$?
  if [[ -n ${jobid:-} ]]; then scancel "$jobid" 2>/dev/null || true; fi
  # Stop what this script started, by pid, daemons first and munged last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  sleep 0.5
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -9 "${pids[$i]}" 2>/dev/null || true; done
  if ((status != 0)); then
    for log in "$tmp"/*.log; do
      [[ -f $log ]] && { echo "--- $log"; tail -20 "$log"; } >&2
    done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < limit && SECONDS < deadline)) || fail "timed out waiting for $what"
    sleep 0.3
  done
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- munge: a private daemon, key and socket ------------------------------------
mkdir -p "$tmp/munge"
chmod 700 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/key"
socket=$tmp/munge/munge.socket
munged --foreground --force --socket="$socket" --key-file="$tmp/munge/key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge/seed" \
  >/dev/null 2>&1 &
pids+=($!)
wait_for 10 "munged" bash -c "munge -S '$socket' -n | unmunge -S '$socket'"

# --- Slurm: controller and node on ports of our own ------------------------------
host=$(hostname -s)
mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [[ $slurmd_port == "$ctld_port" ]]; do slurmd_port=$(free_port); done
mkdir -p "$tmp/state" "$tmp/spool"
conf=$tmp/slurm.conf
cat >"$conf" <<CONF
ClusterName=galleytest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
NodeName=$host CPUs=2 RealMemory=$mem State=UNKNOWN
PartitionName=galley Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$conf
slurmctld -D -f "$conf" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
wait_for 20 "slurmctld" scontrol ping
slurmd -D -f "$conf" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
wait_for 30 "the node to be idle" bash -c "sinfo -h -N -o '%t' | grep -q '^idle'"

# --- the job array ----------------------------------------------------------------
src=$tmp/corpus
mkdir -p "$src/x" "$src/y"
# 24 inputs: the articles of tests/data, each under a few names.
mapfile -t names < <(ls "$articles" | sort)
for n in $(seq 1 24); do
  f=${names[$((n % ${#names[@]}))]}
  cp "$articles/$f" "$src/$( ((n % 2)) && echo x || echo y)/$n-$f"
done
cat >"$tmp/job.sh" <<JOB
#!/usr/bin/env bash
set -euo pipefail
K=\$SLURM_ARRAY_TASK_ID
N=\$SLURM_ARRAY_TASK_COUNT
"$galley" batch "$src" -o "$tmp/out" -j 1 --format epub --shard "\$K/\$N" --report "$tmp/report-\$K.jsonl"
JOB
chmod +x "$tmp/job.sh"
jobid=$(sbatch --parsable --array=0-2 --cpus-per-task=1 --output="$tmp/task-%a.log" --chdir="$tmp" "$tmp/job.sh")
jobid=${jobid%%;*}
echo "submitted job array $jobid"
wait_for 70 "job array $jobid" bash -c "[[ -z \$(squeue -h -j '$jobid' 2>/dev/null) ]]"

# --- every input converted exactly once ------------------------------------------
for k in 0 1 2; do
  [[ -f $tmp/report-$k.jsonl ]] || fail "task $k wrote no report: $(cat "$tmp/task-$k.log" 2>/dev/null)"
done
python3 - "$src" "$tmp/out" "$tmp"/report-?.jsonl <<'PY'
import json, os, sys
src, out, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
inputs = sorted(os.path.relpath(os.path.join(r, f), src) for r, _, fs in os.walk(src) for f in fs)
seen = []
for rep in reports:
    lines = [json.loads(l) for l in open(rep)]
    assert "summary" in lines[-1], f"{rep}: no summary"
    for it in lines[:-1]:
        assert it["status"] == "ok", f"{rep}: {it}"
        seen.append(os.path.relpath(it["input"], src))
dupes = sorted({s for s in seen if seen.count(s) > 1})
assert not dupes, f"converted more than once: {dupes}"
assert sorted(seen) == inputs, f"missing: {sorted(set(inputs) - set(seen))}"
for rel in inputs:
    epub = os.path.join(out, os.path.splitext(rel)[0] + ".epub")
    assert os.path.getsize(epub) > 0, f"no output {epub}"
print(f"slurm: {len(inputs)} inputs converted exactly once by {len(reports)} array tasks")
PY
echo "batch_slurm: all checks passed"
