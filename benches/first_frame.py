#!/usr/bin/env python3
"""Time from process start to the first drawn frame of the warta reader, whole process.

usage: benches/first_frame.py BINARY [ARGS...]   (runs 5 times, prints each and the median)

The binary runs under `script` (a real pseudo-terminal, 120x40) and its raw output is
watched for the list pane's title, which appears in the first frame.
"""
import os, statistics, subprocess, sys, tempfile, time

def once(argv):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "raw")
        cmd = " ".join(["stty cols 120 rows 40;"] + ["'%s'" % a for a in argv])
        start = time.perf_counter()
        proc = subprocess.Popen(["script", "-q", "-f", "-c", cmd, out],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        elapsed = None
        while time.perf_counter() - start < 30:
            try:
                with open(out, "rb") as f:
                    if b"Articles" in f.read():
                        elapsed = time.perf_counter() - start
                        break
            except FileNotFoundError:
                pass
            time.sleep(0.002)
        proc.kill()
        proc.wait()
        return elapsed

runs = [once(sys.argv[1:]) for _ in range(5)]
print("runs (s):", " ".join("%.3f" % r if r is not None else "none" for r in runs))
ok = [r for r in runs if r is not None]
print("median first frame: %.3f s" % statistics.median(ok) if ok else "no frame seen")
