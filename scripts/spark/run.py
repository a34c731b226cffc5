#!/usr/bin/env python3
"""Runs a Dragnet investigation as Apache Spark tasks, one per shard, and merges the partial results.

    spark-submit --master local[2] scripts/spark/run.py --dragnet PATH --investigation FILE \
        --shards N --output REPORT [--format json|jsonl|csv|html|sarif] [--jobs J] EXPORT...

Each shard is one Spark task running `dragnet investigate --shard K/N --format partial`; the dragnet
binary and the investigation file are shipped with the job (SparkContext.addFile), the export is read
where it is (a path every executor sees, e.g. an NFS or CephFS mount). Partial results come back to the
driver, which merges them with `dragnet merge` into REPORT: the report one run would have written.

A task whose dragnet exits with status 0 or 3 (some inputs unreadable: said in the report) succeeded;
any other status fails the task, which Spark retries (spark.task.maxFailures; in local mode give
`--master local[2,4]` for retries). A shard that fails for good fails the job: the runner prints the
shard's error output and exits with the shard's status (or 1).
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

FAILED_MARK = "DRAGNET-SHARD-FAILED"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Run a Dragnet investigation as Spark tasks, one per shard.")
    parser.add_argument("--dragnet", required=True, help="the dragnet binary (shipped to the executors)")
    parser.add_argument("--investigation", required=True, help="the investigation file (shipped to the executors)")
    parser.add_argument("--shards", type=int, required=True, help="the number of shards N (one Spark task each)")
    parser.add_argument("--output", required=True, help="where the merged report is written (on the driver)")
    parser.add_argument("--format", default="json", choices=["json", "jsonl", "csv", "html", "sarif"])
    parser.add_argument("--jobs", type=int, default=1, help="dragnet worker threads per task (match spark.task.cpus)")
    parser.add_argument("--mailbox", help="passed to dragnet investigate --mailbox")
    parser.add_argument("--no-snippets", action="store_true", help="passed to dragnet investigate")
    parser.add_argument("--partials", help="also keep the partial results in this folder (on the driver)")
    parser.add_argument("exports", nargs="+", metavar="EXPORT", help="export folders or files, on storage every executor sees")
    arguments = parser.parse_args(argv)
    if arguments.shards < 1:
        parser.error("--shards must be at least 1")
    return arguments


def shard_command(binary, investigation, arguments, index):
    command = [
        binary, "investigate", "--investigation", investigation, "--investigation-as", arguments.investigation,
        "--shard", "%d/%d" % (index, arguments.shards), "--format", "partial", "--jobs", str(arguments.jobs),
    ]
    if arguments.mailbox:
        command += ["--mailbox", arguments.mailbox]
    if arguments.no_snippets:
        command.append("--no-snippets")
    return command + ["--"] + arguments.exports


def make_task(arguments, binary_name, investigation_name, driver_folder):
    """The function a Spark task runs for shard K: returns (K, partial bytes, stderr text)."""

    def run_shard(index):
        from pyspark import SparkFiles

        binary = SparkFiles.get(binary_name)
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        investigation = SparkFiles.get(investigation_name)
        # Relative export paths mean what they mean on the driver (reports name inputs as given).
        folder = driver_folder if os.path.isdir(driver_folder) else None
        done = subprocess.run(
            shard_command(binary, investigation, arguments, index), cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        error = done.stderr.decode("utf-8", "replace")
        if done.returncode not in (0, 3):
            raise RuntimeError("%s shard=%d/%d status=%d\n%s" % (FAILED_MARK, index, arguments.shards, done.returncode, error))
        return index, done.stdout, error

    return run_shard


def shard_failure(error):
    """The shard's own words from a failed job's exception, and its exit status."""
    text = str(error)
    at = text.find(FAILED_MARK)
    if at < 0:
        return None, 1
    first, _, rest = text[at:].partition("\n")
    status = 1
    for part in first.split():
        if part.startswith("status="):
            status = int(part[len("status="):])
    lines = []
    for line in rest.splitlines():
        if line.startswith("\tat ") or line.startswith("Traceback") or line.startswith("Driver stacktrace"):
            break
        lines.append(line)
    return first + "\n" + "\n".join(lines).rstrip(), status if status not in (0, 3) else 1


def say(text):
    """Writes to the process's standard error (PySpark may have replaced sys.stderr)."""
    os.write(2, text.encode("utf-8", "replace"))


def main(argv):
    arguments = parse_arguments(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("dragnet %s" % os.path.basename(arguments.investigation)).getOrCreate()
    context = spark.sparkContext
    context.addFile(os.path.abspath(arguments.dragnet))
    context.addFile(os.path.abspath(arguments.investigation))
    task = make_task(arguments, os.path.basename(arguments.dragnet), os.path.basename(arguments.investigation), os.getcwd())
    shards = context.parallelize(range(1, arguments.shards + 1), arguments.shards)
    try:
        results = shards.map(task).collect()
    except Exception as error:  # a shard failed for good: Spark gave up retrying it
        words, status = shard_failure(error)
        say("dragnet spark: a shard failed for good; the job is abandoned\n")
        say((words or str(error)) + "\n")
        spark.stop()
        return status
    spark.stop()

    folder = arguments.partials or tempfile.mkdtemp(prefix="dragnet-partials-")
    os.makedirs(folder, exist_ok=True)
    paths = []
    try:
        for index, partial, error in sorted(results):
            if error:
                say(error)
            path = os.path.join(folder, "shard-%d-of-%d.jsonl" % (index, arguments.shards))
            with open(path, "wb") as handle:
                handle.write(partial)
            paths.append(path)
        merge = [arguments.dragnet, "merge", "--format", arguments.format, "--output", arguments.output] + paths
        return subprocess.run(merge).returncode
    finally:
        if not arguments.partials:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
