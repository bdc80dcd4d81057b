#!/usr/bin/env python3
"""Turns the JMH JSON of the benchmarks into docs/performance.md and an SVG chart of the ratios.

Python 3 standard library only. Run from the repository root after a JMH run with `-rf json`:

    python3 benchmarks/report.py                       # reads benchmarks/target/jmh.json
    python3 benchmarks/report.py --json other.json --out /tmp/perf.md --svg /tmp/perf.svg

Inputs: the JMH JSON (`-rf json -rff benchmarks/target/jmh.json`, with `-prof gc` for allocation), the data-set
summary the benchmarks write next to it (benchmarks/target/jmh-dataset.json), and the hand-written analysis in
benchmarks/report-notes.md (copied in verbatim). Everything else, every number and every target verdict, is computed
here from the JSON, so re-running the benchmarks and this script regenerates the page.
"""

import argparse
import datetime
import html
import json
import math
import os
import platform
import sys

PACKAGE = "io.jooqrelations.benchmarks."

SCENARIOS = [
    ("S1", "S1InvoiceDetailBenchmark", "Invoice detail",
     "one invoice by id with line items, tags, organization, assignee"),
    ("S2", "S2ListPageBenchmark", "List page",
     "50 latest invoices of one organization, each with line items and tags"),
    ("S3", "S3DashboardBenchmark", "Dashboard",
     "one organization, its 20 latest invoices (line items, tags), memberships with users"),
    ("S4", "S4BulkBenchmark", "Bulk",
     "5 000 invoices (an id range) with their line items"),
    ("S5", "S5CommentThreadsBenchmark", "Comment threads",
     "the comment threads of one invoice, three levels deep, each comment with its author"),
]

WAYS = [
    ("a", "a_library", "(a) this library (one MULTISET statement)"),
    ("b", "b_multiset", "(b) hand-written jOOQ MULTISET"),
    ("c", "c_jsonAgg", "(c) hand-written json_agg SQL over JDBC"),
    ("d", "d_nPlusOne", "(d) naive N+1 with jOOQ"),
    ("e", "e_perLevel", "(e) one query per relation level"),
    ("f", "f_libraryPerLevel", "(f) this library, `ReadStrategy.QUERY_PER_LEVEL` (S4 only)"),
]

CLIENT = "ClientOverheadBenchmark"
PAIRED = "PairedBenchmark.aAndB"
CLIENT_ROWS = [
    ("a_build", "(a) build the read"),
    ("b_build", "(b) build the hand-written query"),
    ("a_buildAndRender", "(a) build the read + render SQL"),
    ("b_buildAndRender", "(b) build the hand-written query + render SQL"),
    ("a_endToEndOnMockJdbc", "(a) build, render, execute on a mock driver, parse, map"),
    ("a_prepared_endToEndOnMockJdbc", "(a) the same with `Read.prepare()` (built and rendered once)"),
    ("b_endToEndOnMockJdbc", "(b) the same, hand-written MULTISET + Records.mapping"),
]

TARGET_AB = 1.10
TARGET_AC = 1.30
TARGET_DA = 10.0
TARGET_CLIENT_US = 50.0
TARGET_CLIENT_BYTES = 100 * 1024

UNIT_TO_US = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def index(results):
    """{(class, method): result} for the benchmarks of this module."""
    by_name = {}
    for r in results:
        name = r["benchmark"]
        if not name.startswith(PACKAGE):
            continue
        cls, method = name[len(PACKAGE):].rsplit(".", 1)
        by_name[(cls, method)] = r
    return by_name


def time_us(r):
    pm = r["primaryMetric"]
    factor = UNIT_TO_US.get(pm["scoreUnit"])
    if factor is None:
        raise SystemExit("unsupported unit %s in %s (use Mode.AverageTime)" % (pm["scoreUnit"], r["benchmark"]))
    try:
        error = float(pm.get("scoreError"))  # "NaN" (a string) when there were too few iterations
    except (TypeError, ValueError):
        error = float("nan")
    error = None if math.isnan(error) else error * factor
    return pm["score"] * factor, error


def secondary(r, name):
    m = r.get("secondaryMetrics", {}).get(name)
    return None if m is None else m["score"]


def paired_times_us(r):
    """Mean µs per read of (a) and (b) in the interleaved benchmark, from its nanosecond counters."""
    a, b, pairs = secondary(r, "aNanos"), secondary(r, "bNanos"), secondary(r, "pairs")
    if None in (a, b) or not pairs:
        return None, None
    return a / pairs / 1000.0, b / pairs / 1000.0


def alloc_bytes(r):
    return secondary(r, "gc.alloc.rate.norm")


def statements_per_read(r):
    s, n = secondary(r, "statements"), secondary(r, "reads")
    return None if s is None or not n else s / n


def fmt_time(us, error=None):
    if us is None:
        return "–"
    if us >= 1e6:
        text, scale, unit = "%.2f" % (us / 1e6), 1e6, "s"
    elif us >= 1e3:
        text, scale, unit = "%.2f" % (us / 1e3), 1e3, "ms"
    elif us >= 100:
        text, scale, unit = "%.0f" % us, 1, "µs"
    else:
        text, scale, unit = "%.1f" % us, 1, "µs"
    if error is not None:
        digits = 2 if scale > 1 else (0 if us >= 100 else 1)
        text += " ± %.*f" % (digits, error / scale)
    return text + " " + unit


def fmt_bytes(b):
    if b is None:
        return "–"
    if b >= 1024 * 1024:
        return "%.1f MB" % (b / 1024 / 1024)
    if b >= 1024:
        return "%.1f KB" % (b / 1024)
    return "%.0f B" % b


def fmt_ratio(x):
    return "–" if x is None else ("%.2f" % x if x < 10 else "%.0f" % x)


def fmt_statements(s):
    if s is None:
        return "–"
    return "%d" % round(s) if abs(s - round(s)) < 0.005 else "%.2f" % s


def verdict(ok):
    return "met" if ok else "**missed**"


def ratio(x, y):
    return None if x is None or y is None or y == 0 else x / y


def load_summary(path):
    """'min/median/max' of the 1-minute load average sampled during the run, or None."""
    if not path or not os.path.exists(path):
        return None
    values = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                values.append(float(parts[0]))
    if not values:
        return None
    values.sort()
    return "%.2f / %.2f / %.2f (%d samples)" % (values[0], values[len(values) // 2], values[-1], len(values))


def machine(results, dataset):
    scenario = [r for r in results if ".S" in r["benchmark"]]
    first = scenario[0] if scenario else results[0]
    cpu = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    lines = [
        "- CPU: %d cores%s (%s, %s)" % (os.cpu_count() or 0, " of " + cpu if cpu else "", platform.system(),
                                           platform.machine()),
        "- JVM: %s %s (JDK %s), JMH %s, options `%s`" % (first.get("vmName", "?"), first.get("vmVersion", "?"),
                                                      first.get("jdkVersion", "?"), first.get("jmhVersion", "?"),
                                                      " ".join(first.get("jvmArgs", []))),
    ]
    if dataset:
        lines.append("- Database: %s %s, on the same machine" % (dataset.get("database", "?"),
                                                                  dataset.get("serverVersion", "?")))
    lines.append("- JMH: %d fork(s), %d warm-up iterations of %s, %d measured iterations of %s, one thread; "
                 "error = 99.9%% confidence half-interval" % (
                     first.get("forks", 0), first.get("warmupIterations", 0), first.get("warmupTime", "?"),
                     first.get("measurementIterations", 0), first.get("measurementTime", "?")))
    return lines


def data_size(results, dataset):
    scale = None
    for r in results:
        if "scale" in r.get("params", {}):
            scale = r["params"]["scale"]
            break
    if not dataset:
        return "scale %s (row counts unknown: benchmarks/target/jmh-dataset.json is missing)" % scale
    rows = dataset["rows"]
    order = ["organizations", "users", "memberships", "invoices", "invoice_line_items", "tags", "invoice_tags",
             "comments"]
    counts = ", ".join("%s %s" % ("{:,}".format(rows[t]).replace(",", " "), t) for t in order if t in rows)
    return "scale %s (seed %s): %s" % (dataset.get("scale", scale), dataset.get("seed", "?"), counts)


def svg_chart(rows, rtt_ms):
    """Two panels: (a) relative to (b), (c), (e) — linear, lower is better; and (d) N+1 relative to (a) — log scale,
    measured and projected with a network round trip per statement."""
    width, height = 980, 400
    left, top, bottom = 60, 60, 80
    panel1_w, gap, panel2_w = 540, 90, 250
    plot_h = height - top - bottom
    colors = {"a/b": "#4C78A8", "a/c": "#F58518", "a/e": "#54A24B", "d/a": "#B279A2", "d/a rtt": "#E3C6DE"}
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">' % (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" font-size="15" font-weight="bold">jOOQ relations: time per read of (a) this library '
           'relative to the other ways</text>' % left,
           '<text x="%d" y="%d" font-weight="bold">(a) / other way: above 1 means the library is slower</text>' % (
               left, top - 12)]

    # panel 1: a/b, a/c, a/e
    series = ["a/b", "a/c", "a/e"]
    values = [r[k] for r in rows for k in series if r[k] is not None]
    ymax = math.ceil(max([1.5] + values) * 1.1 * 2) / 2

    def y1(v):
        return top + plot_h - v / ymax * plot_h

    x0 = left
    step = 0.5 if ymax <= 4 else (1 if ymax <= 10 else 5)
    v = 0.0
    while v <= ymax + 1e-9:
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>' % (x0, y1(v), x0 + panel1_w, y1(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%.1f</text>' % (x0 - 6, y1(v) + 4, v))
        v += step
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (x0, top, x0, top + plot_h))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (x0, top + plot_h, x0 + panel1_w,
                                                                         top + plot_h))
    group_w = panel1_w / len(rows)
    bar_w = group_w / (len(series) + 1.5)
    for i, r in enumerate(rows):
        gx = x0 + i * group_w + bar_w * 0.75
        for j, k in enumerate(series):
            v = r[k]
            if v is None:
                continue
            bx = gx + j * bar_w
            out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s = %.2f</title>'
                       '</rect>' % (bx, y1(v), bar_w - 2, top + plot_h - y1(v), colors[k], r["id"], k, v))
            out.append('<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10">%.2f</text>' % (
                bx + (bar_w - 2) / 2, y1(v) - 3, v))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (
            x0 + i * group_w + group_w / 2, top + plot_h + 18, html.escape(r["id"] + " " + r["name"])))
    for level, color in [(1.0, "#333"), (TARGET_AB, colors["a/b"]), (TARGET_AC, colors["a/c"])]:
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5" '
                   'stroke-dasharray="6,4"/>' % (x0, y1(level), x0 + panel1_w, y1(level), color))

    legend_y = height - 38
    lx = x0
    for k, label in [("a/b", "a/b: vs hand-written MULTISET"), ("a/c", "a/c: vs json_agg over JDBC"),
                     ("a/e", "a/e: vs one query per level")]:
        out.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (lx, legend_y - 10, colors[k]))
        out.append('<text x="%d" y="%d">%s</text>' % (lx + 16, legend_y, label))
        lx += 215
    out.append('<text x="%d" y="%d" font-size="11">dashed: 1.0 (as fast); targets a/b ≤ %.2f (blue), '
               'a/c ≤ %.2f (orange)</text>' % (x0, legend_y + 20, TARGET_AB, TARGET_AC))

    # panel 2: d/a on a log scale, measured and projected
    x2 = left + panel1_w + gap
    da = [r[k] for r in rows for k in ("d/a", "d/a rtt") if r[k]]
    lmax = max(2, math.ceil(math.log10(max(da + [TARGET_DA * 2]))))

    def y2(v):
        return top + plot_h - (math.log10(max(v, 1.0)) / lmax) * plot_h

    out.append('<text x="%d" y="%d" font-weight="bold">(d) N+1 / (a): above 1 means N+1 is slower</text>' % (
        x2 - 40, top - 12))
    for p in range(0, lmax + 1):
        v = 10 ** p
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>' % (x2, y2(v), x2 + panel2_w, y2(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s×</text>' % (x2 - 6, y2(v) + 4, "{:,}".format(v)))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (x2, top, x2, top + plot_h))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (x2, top + plot_h, x2 + panel2_w,
                                                                         top + plot_h))
    bw = panel2_w / len(rows)
    for i, r in enumerate(rows):
        for j, k in enumerate(("d/a", "d/a rtt")):
            v = r[k]
            bx = x2 + i * bw + bw * 0.12 + j * bw * 0.38
            if v:
                out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s = %.1f</title>'
                           '</rect>' % (bx, y2(v), bw * 0.36, top + plot_h - y2(v), colors[k], r["id"], k, v))
                out.append('<text x="%.1f" y="%.1f" text-anchor="middle" font-size="9">%s</text>' % (
                    bx + bw * 0.18, y2(v) - 3, fmt_ratio(v)))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (x2 + i * bw + bw / 2, top + plot_h + 18,
                                                                            r["id"]))
    out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="6,4"/>' % (
        x2, y2(TARGET_DA), x2 + panel2_w, y2(TARGET_DA), colors["d/a"]))
    out.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (x2, legend_y - 10, colors["d/a"]))
    out.append('<text x="%d" y="%d">measured (local database)</text>' % (x2 + 16, legend_y))
    out.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>' % (x2, legend_y + 10, colors["d/a rtt"]))
    out.append('<text x="%d" y="%d">projected, +%g ms per statement</text>' % (x2 + 16, legend_y + 20, rtt_ms))
    out.append('<text x="%d" y="%.1f" font-size="10" fill="%s" text-anchor="end">target 10× (S2, S3)</text>' % (
        x2 + panel2_w, y2(TARGET_DA) - 4, colors["d/a"]))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", default="benchmarks/target/jmh.json")
    parser.add_argument("--dataset", default="benchmarks/target/jmh-dataset.json")
    parser.add_argument("--notes", default="benchmarks/report-notes.md")
    parser.add_argument("--load", default="benchmarks/target/jmh-load.log",
                        help="optional: /proc/loadavg sampled during the run, one line every 30 s")
    parser.add_argument("--rtt-ms", type=float, default=0.5,
                        help="network round trip added per statement in the projected N+1 ratio (default 0.5 ms)")
    parser.add_argument("--out", default="docs/performance.md")
    parser.add_argument("--svg", default="docs/performance-ratios.svg")
    args = parser.parse_args()

    results = load(args.json)
    if not results:
        raise SystemExit("%s holds no results" % args.json)
    dataset = load(args.dataset) if os.path.exists(args.dataset) else None
    by_name = index(results)
    run_date = datetime.datetime.fromtimestamp(os.path.getmtime(args.json)).strftime("%Y-%m-%d")

    md = ["# Performance", "",
          "<!-- generated by benchmarks/report.py from the JMH JSON; edit benchmarks/report-notes.md or the script, "
          "not this file -->", "",
          "The same five reads written five ways and measured with JMH on PostgreSQL (module `benchmarks`). Every way "
          "returns equal Java records (`FiveWaysAgreeTest` checks it on every build).", "",
          "| way | what it is |", "| --- | --- |"]
    for _, _, label in WAYS:
        md.append("| %s | %s |" % tuple(label.split(" ", 1)))
    md += ["", "Run of %s:" % run_date, ""] + machine(results, dataset) + [
        "- Data set: " + data_size(results, dataset)]
    machine_load = load_summary(args.load)
    if machine_load:
        md.append("- Machine load during the run (1-minute load average, min / median / max): %s — the machine is "
                  "shared, so expect noise" % machine_load)
    md.append("")

    svg_name = os.path.relpath(args.svg, os.path.dirname(os.path.abspath(args.out)) or ".")
    md += ["![ratios](%s)" % svg_name, ""]

    paired = {}
    for r in results:
        params = r.get("params", {})
        # the a/b table: (a) against (b); runs against other baselines (c, e) or of (f) are reported in the notes
        if r["benchmark"].endswith(PAIRED) and params.get("baseline", "multiset") == "multiset" \
                and params.get("library", "library") == "library":
            a, b = paired_times_us(r)
            paired[r.get("params", {}).get("scenario")] = {"a": a, "b": b, "a/b": ratio(a, b)}

    rows = []
    for sid, cls, name, what in SCENARIOS:
        entries = {w: by_name.get((cls, m)) for w, m, _ in WAYS}
        if not any(entries.values()):
            continue
        times = {w: (time_us(r) if r else (None, None)) for w, r in entries.items()}
        row = {"id": sid, "name": name, "what": what, "entries": entries, "times": times}
        t = {w: times[w][0] for w in times}
        row["a/b"], row["a/c"], row["a/e"] = ratio(t["a"], t["b"]), ratio(t["a"], t["c"]), ratio(t["a"], t["e"])
        row["d/a"] = ratio(t["d"], t["a"])
        row["f/e"] = ratio(t["f"], t["e"])
        rtt_us = args.rtt_ms * 1000
        sa = statements_per_read(entries["a"]) if entries["a"] else None
        sd = statements_per_read(entries["d"]) if entries["d"] else None
        row["d/a rtt"] = None if None in (t["a"], t["d"], sa, sd) else (t["d"] + sd * rtt_us) / (t["a"] + sa * rtt_us)
        rows.append(row)

    # summary
    md += ["## Summary", "",
           "| scenario | (a) per read | a/b | a/c | d/a (N+1 / a) | d/a with %g ms per round trip (projected) | a/e "
           "| statements of (a) |" % args.rtt_ms,
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        a = r["entries"]["a"]
        md.append("| %s %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["id"], r["name"], fmt_time(r["times"]["a"][0]), fmt_ratio(r["a/b"]), fmt_ratio(r["a/c"]),
            fmt_ratio(r["d/a"]), fmt_ratio(r["d/a rtt"]), fmt_ratio(r["a/e"]),
            fmt_statements(statements_per_read(a)) if a else "–"))
    md += ["", "Ratios are of mean times per read; above 1 means (a) is slower (for d/a: N+1 is slower). The database "
           "runs on the same machine, so a round trip costs tens of microseconds; the projected column adds %g ms per "
           "statement to both sides (arithmetic, not measured) to show what the statement counts mean over a network."
           % args.rtt_ms, ""]

    # targets
    md += ["## Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    for r in rows:
        if r["id"] in ("S1", "S2", "S3", "S5") and r["a/b"] is not None:
            md.append("| %s: a/b ≤ %.2f | %.2f | %s |" % (r["id"], TARGET_AB, r["a/b"], verdict(r["a/b"] <= TARGET_AB)))
        p = paired.get(r["id"])
        if p and p["a/b"] is not None:
            md.append("| %s: a/b ≤ %.2f, (a) and (b) interleaved in one JVM (`PairedBenchmark`) | %.2f | %s |" % (
                r["id"], TARGET_AB, p["a/b"], verdict(p["a/b"] <= TARGET_AB)))
    for r in rows:
        if r["a/c"] is not None:
            md.append("| %s: a/c ≤ %.2f | %.2f | %s |" % (r["id"], TARGET_AC, r["a/c"], verdict(r["a/c"] <= TARGET_AC)))
    for r in rows:
        if r["id"] in ("S2", "S3") and r["d/a"] is not None:
            md.append("| %s: (a) ≥ %.0f× faster than N+1 (d) | %.1f× on the local database (%.0f× projected at %g ms "
                      "per round trip) | %s |" % (r["id"], TARGET_DA, r["d/a"], r["d/a rtt"] or 0, args.rtt_ms,
                                                   verdict(r["d/a"] >= TARGET_DA)))
    for r in rows:
        s = statements_per_read(r["entries"]["a"]) if r["entries"]["a"] else None
        if s is not None:
            md.append("| %s: statements per read of (a) = 1 | %s | %s |" % (r["id"], fmt_statements(s),
                                                                          verdict(abs(s - 1) < 1e-9)))
    for r in rows:
        if r["id"] == "S4" and r["a/e"] is not None:
            md.append("| S4: MULTISET (a) vs query per level (e) | a/e = %.2f (%s) | no target: reported |" % (
                r["a/e"], "(a) slower" if r["a/e"] > 1 else "(a) faster"))
            if r["f/e"] is not None:
                md.append("| S4: the library's own query per level (f) vs hand-written (e) | f/e = %.2f | "
                          "no target: reported |" % r["f/e"])
    client = None
    ce = by_name.get((CLIENT, "a_endToEndOnMockJdbc"))
    if ce:
        client = (time_us(ce)[0], alloc_bytes(ce))
        md.append("| S1 client-side overhead of (a) < %.0f µs | %s | %s |" % (
            TARGET_CLIENT_US, fmt_time(client[0]), verdict(client[0] < TARGET_CLIENT_US)))
        if client[1] is not None:
            md.append("| S1 client-side allocation of (a) < %.0f KB | %s | %s |" % (
                TARGET_CLIENT_BYTES / 1024, fmt_bytes(client[1]), verdict(client[1] < TARGET_CLIENT_BYTES)))
    md.append("")

    # per scenario
    md += ["## Per scenario", ""]
    for r in rows:
        md += ["### %s %s" % (r["id"], r["name"]), "", r["what"][0].upper() + r["what"][1:] + ".", "",
               "| way | time per read | vs (a) | allocated per read | statements per read |",
               "| --- | ---: | ---: | ---: | ---: |"]
        ta = r["times"]["a"][0]
        for w, _, label in WAYS:
            e = r["entries"][w]
            if not e:
                if w != "f":
                    md.append("| %s | not run | | | |" % label)
                continue
            t, err = r["times"][w]
            md.append("| %s | %s | %s | %s | %s |" % (label, fmt_time(t, err),
                                                      "1" if w == "a" else ("%.2f×" % (t / ta) if ta else "–"),
                                                      fmt_bytes(alloc_bytes(e)), fmt_statements(statements_per_read(e))))
        md.append("")

    # paired
    if paired:
        md += ["## (a) and (b) interleaved", "",
               "`PairedBenchmark` reads each target with (a) and with (b) back to back in one thread of one JVM, "
               "alternating which goes first, and times every read. On this shared machine, whose speed drifts from "
               "one minute to the next, that compares the ways under the same conditions, where the runs above compare "
               "(a) at one time with (b) at another. Both results are checked equal on every read.", "",
               "| scenario | (a) per read | (b) per read | a/b |", "| --- | ---: | ---: | ---: |"]
        for sid, _, name, _ in SCENARIOS:
            p = paired.get(sid)
            if p:
                md.append("| %s %s | %s | %s | %s |" % (sid, name, fmt_time(p["a"]), fmt_time(p["b"]),
                                                       fmt_ratio(p["a/b"])))
        md.append("")

    # client side
    client_rows = [(m, label, by_name.get((CLIENT, m))) for m, label in CLIENT_ROWS]
    if any(e for _, _, e in client_rows):
        md += ["## Client-side overhead (S1, no database)", "",
               "`ClientOverheadBenchmark`: the S1 read of one typical invoice (5 line items, 2 tags, an assignee) "
               "without the database in the measured path. End-to-end replays rows captured from PostgreSQL through "
               "jOOQ's `MockConnection`, so it measures building the query, rendering and binding it, reading the "
               "JDBC result, parsing the MULTISET JSON and mapping into the view records.", "",
               "| what | time per read | allocated per read |", "| --- | ---: | ---: |"]
        for m, label, e in client_rows:
            if e:
                t, err = time_us(e)
                md.append("| %s | %s | %s |" % (label, fmt_time(t, err), fmt_bytes(alloc_bytes(e))))
        md.append("")

    if os.path.exists(args.notes):
        with open(args.notes, encoding="utf-8") as f:
            md.append(f.read().rstrip() + "\n")

    first = results[0]
    jmh_options = "-f %s -wi %s -w %s -i %s -r %s" % (
        first.get("forks"), first.get("warmupIterations"), str(first.get("warmupTime")).replace(" ", ""),
        first.get("measurementIterations"), str(first.get("measurementTime")).replace(" ", ""))
    scale = next((r["params"]["scale"] for r in results if "scale" in r.get("params", {})), None)
    if scale not in (None, "1", "1.0"):
        jmh_options += " -p scale=%s" % scale
    md += ["## Reproduce", "", "The commands of this run:", "", "```bash",
           "./mvnw -B -pl benchmarks -am package -DskipTests",
           "java -jar benchmarks/target/benchmarks.jar %s -prof gc -rf json -rff benchmarks/target/jmh.json" % jmh_options,
           "python3 benchmarks/report.py",
           "```", "",
           "See [benchmarks/README.md](../benchmarks/README.md) for smaller data sets, single scenarios and an "
           "existing PostgreSQL server.", ""]

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(svg_chart(rows, args.rtt_ms))
    print("wrote %s and %s (%d scenarios, %d results)" % (args.out, args.svg, len(rows), len(results)))


if __name__ == "__main__":
    sys.exit(main())
