#!/usr/bin/env python3
"""zfxxgk's end-to-end extraction of PDF reports against poppler and pdfplumber.

usage: python3 benches/pdf_vs_poppler.py [--runs N] [--no-build] [REPORT.pdf ...]

Builds the release binary, installs pdfplumber with pip if it is missing, and
times on the same files in the same run, as the median of N runs (default 7):

  zfxxgk, per process   `zfxxgk extract REPORT` once per file: a process each,
                        paying start-up and the templates' one-time set-up;
                        `zfxxgk check REPORT...`: one process for all files;
  zfxxgk, in-process    `zfxxgk check` with the files listed 20 times, per
                        round of files (one start-up spread over 20 rounds);
  pdftotext             `pdftotext -layout REPORT -` once per file: poppler's
                        text only, no tables, no record;
  pdfplumber, cold      a fresh `python3` that imports pdfplumber and calls
                        `extract_tables()` on every page of every file;
  pdfplumber, warm      the same inside this process, pdfplumber imported and
                        warmed up: tables only, as lists of cell strings.

zfxxgk reads each file into a checked record (glyphs decoded, cells built
from clips and rulings, tables joined across pages, 200 fields mapped,
identities checked). Files default to tests/corpus/pdf/*.pdf. Run from the
repository root; the machine's load is printed, as it moves every figure.
"""
import argparse
import glob
import importlib.util
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "zfxxgk")
ROUNDS = 20


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(args):
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def ensure_pdfplumber():
    if importlib.util.find_spec("pdfplumber") is None:
        print("installing pdfplumber with pip ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pdfplumber"], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "pdf", "*.pdf")))
    if not files:
        sys.exit("no files: pass some, or keep the corpus at tests/corpus/pdf")
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    ensure_pdfplumber()
    import pdfplumber

    size = sum(os.path.getsize(p) for p in files)
    print(f"{len(files)} files, {size / 1024:.0f} KiB, median of {a.runs} runs")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores\n")

    # Every file must give a record, or the timing means nothing.
    for p in files:
        r = subprocess.run([BIN, "extract", p], capture_output=True)
        if r.returncode != 0:
            sys.exit(f"zfxxgk extract {p} failed: {r.stderr.decode(errors='replace').strip()}")

    z_extract = median_time(lambda: [run([BIN, "extract", p]) for p in files], a.runs)
    z_check = median_time(lambda: run([BIN, "check", *files]), a.runs)
    z_warm = median_time(lambda: run([BIN, "check", *(files * ROUNDS)]), a.runs) / ROUNDS
    poppler = median_time(lambda: [run(["pdftotext", "-layout", p, "-"]) for p in files], a.runs)

    def plumber_all():
        for p in files:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_tables()

    plumber_all()  # warm-up: imports, caches
    pl_warm = median_time(plumber_all, max(3, a.runs // 2))
    code = (
        "import sys, pdfplumber\n"
        "for p in sys.argv[1:]:\n"
        "    with pdfplumber.open(p) as pdf:\n"
        "        for page in pdf.pages: page.extract_tables()"
    )
    pl_cold = median_time(
        lambda: subprocess.run([sys.executable, "-c", code, *files], check=True), max(3, a.runs // 2)
    )

    ms = lambda s: f"{s * 1000:9.1f} ms"
    n = len(files)
    print(f"{'':52} {'all files':>12} {'per file':>12}")
    rows = [
        ("zfxxgk extract, one process per file", z_extract),
        ("zfxxgk check, one process for all files", z_check),
        ("zfxxgk in-process (check, per round of files)", z_warm),
        ("pdftotext -layout, one process per file", poppler),
        ("pdfplumber extract_tables, one python3 process", pl_cold),
        ("pdfplumber extract_tables, in-process", pl_warm),
    ]
    for label, t in rows:
        print(f"{label:52} {ms(t)} {ms(t / n)}")
    print()
    ratios = [
        ("pdftotext / zfxxgk, a process per file each", poppler / z_extract, 1.0),
        ("pdfplumber / zfxxgk, in-process both", pl_warm / z_warm, 40.0),
        ("pdfplumber / zfxxgk, one process each (cold)", pl_cold / z_check, 40.0),
    ]
    for label, r, goal in ratios:
        print(f"{label:52} {r:7.1f}x {'(goal >= %gx: met)' % goal if r >= goal else '(goal >= %gx: NOT met)' % goal}")
    print(f"\nload average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
