#!/usr/bin/env python3
"""zfxxgk's end-to-end extraction of HTML pages against pandas.read_html.

usage: python3 benches/html_vs_pandas.py [--runs N] [--no-build] [PAGE.html ...]

Builds the release binary, installs pandas, lxml and html5lib with pip if they
are missing, and times, as the median of N runs (default 7):

  zfxxgk, cold   `zfxxgk extract PAGE` once per page: a process each, so each
                 pays start-up and the one-time set-up of the templates;
                 `zfxxgk check PAGE...`: one process reads every page;
  zfxxgk, warm   `zfxxgk check` with the pages listed 20 times, per round of
                 pages (one start-up spread over 20 rounds);
  pandas, cold   a fresh `python3` that imports pandas and calls
                 `pandas.read_html` on every page;
  pandas, warm   `pandas.read_html` on every page inside this process, pandas
                 already imported and warmed up.

zfxxgk reads each page into a checked record (tables found, 200 fields mapped,
identities checked); pandas only lists each page's tables as data frames
(with lxml, its fastest parser). Pages default to tests/corpus/html/*.html.
Run from the repository root.
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
BIN = os.path.join(ROOT, "target", "release", "zfxxgk")
WARM_ROUNDS = 20


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run(args):
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def ensure_pandas():
    missing = [m for m in ("pandas", "lxml", "html5lib", "bs4") if importlib.util.find_spec(m) is None]
    if missing:
        pkgs = ["beautifulsoup4" if m == "bs4" else m for m in missing]
        print(f"installing {' '.join(pkgs)} with pip ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *pkgs], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("pages", nargs="*")
    a = ap.parse_args()
    pages = a.pages or sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "html", "*.html")))
    if not pages:
        sys.exit("no pages: pass some, or keep the corpus at tests/corpus/html")
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    ensure_pandas()
    import pandas as pd

    size = sum(os.path.getsize(p) for p in pages)
    print(f"{len(pages)} pages, {size / 1024:.0f} KiB, median of {a.runs} runs\n")

    # Every page must give a record, or the timing means nothing.
    for p in pages:
        r = subprocess.run([BIN, "extract", p], capture_output=True)
        if r.returncode != 0:
            sys.exit(f"zfxxgk extract {p} failed: {r.stderr.decode(errors='replace').strip()}")

    z_extract = median_time(lambda: [run([BIN, "extract", p]) for p in pages], a.runs)
    z_check = median_time(lambda: run([BIN, "check", *pages]), a.runs)
    z_warm = median_time(lambda: run([BIN, "check", *(pages * WARM_ROUNDS)]), a.runs) / WARM_ROUNDS

    def pandas_all():
        for p in pages:
            pd.read_html(p)

    pandas_all()  # warm-up: imports of the parsers, caches
    p_warm = median_time(pandas_all, a.runs)
    code = "import sys, pandas\nfor p in sys.argv[1:]: pandas.read_html(p)"
    p_cold = median_time(lambda: subprocess.run([sys.executable, "-c", code, *pages], check=True), a.runs)

    ms = lambda s: f"{s * 1000:8.1f} ms"
    print("zfxxgk, cold: extract, one process per page   " + ms(z_extract))
    print("zfxxgk, cold: check, one process for all pages " + ms(z_check))
    print("zfxxgk, warm: check, per round of all pages    " + ms(z_warm))
    print("pandas, cold: one python3 process, read_html   " + ms(p_cold))
    print("pandas, warm: read_html in-process             " + ms(p_warm))
    print()
    ratios = [
        ("cold vs cold, one process each (check / python3)", p_cold / z_check),
        ("cold, zfxxgk a process per page (extract / python3)", p_cold / z_extract),
        ("warm vs warm, in-process (check rounds / read_html)", p_warm / z_warm),
    ]
    for label, r in ratios:
        print(f"{label:55} {r:6.1f}x {'(>= 10x)' if r >= 10 else '(< 10x)'}")


if __name__ == "__main__":
    main()
