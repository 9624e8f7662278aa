"""Runs the training scripts on jemalloc, which keeps the memory it has touched.

With glibc's malloc, PyTorch's large activation buffers are mmap'ed and unmapped on every step, and the kernel
zeroes each page again on first touch: on a 2-vCPU machine a training step of 32 examples spent ~45% of its time in
the kernel (≈80k page faults/s, 38-46 s per step). On jemalloc with retained pages and transparent huge pages the
same step takes 10-13 s, with the same losses (the arithmetic is unchanged, only where the buffers live).

An allocator can only be swapped before the process starts, so `use_jemalloc()` re-executes the script once with
LD_PRELOAD set. It does nothing when Debian's libjemalloc2 is missing (scripts/install-training.sh installs it),
when it already runs on it, or when GOVASSIST_TRAINING_MALLOC=system.
"""
import os
import sys

JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"
CONF = "retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1,thp:always,metadata_thp:always"


def use_jemalloc():
    if os.environ.get("GOVASSIST_TRAINING_MALLOC") == "system" or not os.path.exists(JEMALLOC) or name() == "jemalloc":
        return
    env = dict(os.environ)
    env["LD_PRELOAD"] = (JEMALLOC + " " + env.get("LD_PRELOAD", "")).strip()
    env.setdefault("MALLOC_CONF", CONF)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def name():
    """The allocator this process runs on, for the manifest (timings depend on it, weights do not)."""
    return "jemalloc" if JEMALLOC in os.environ.get("LD_PRELOAD", "") else "system"
