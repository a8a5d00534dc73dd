#!/usr/bin/env python3
"""CI's end-to-end check of the evaluation harness, run the way a user runs it: `bin/rescue eval
--references` scores each benchmark's own solutions with the real sandbox, runtimes and analysers,
and this script fails when the verdicts fall short of what those solutions are known to be.
By default it scores CWEval (secure and unsafe references, every language); `--all` adds HumanEval+
and a fixed sample of BigCodeBench. In CI those two, and CodeGuard+'s agreement with its own
functional.py, are checked by the test suite's real-data tests (HumanEvalPlusRealDataTest,
BigCodeBenchRealDataTest, CodeGuardPlusAgreementTest) on the same sandbox, which keeps CI short.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "target" / "ci-references"
failures = []
START = time.monotonic()


def run_eval(name, spec, refs, *extra):
    out = OUT / name
    cmd = [str(ROOT / "bin" / "rescue"), "eval", "--benchmark", spec, "--references", refs,
           "--out", str(out), "--jobs", "2", "--no-progress", *extra]
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - t0
    lines = p.stderr.strip().splitlines()
    print(f"--- {name}: exit {p.returncode} in {seconds:.0f} s", flush=True)
    print("\n".join(l for l in lines if not l.startswith("{"))[-3000:], flush=True)
    results = {}
    log = out / "results.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                results[(r["method"], r["task_id"], r["sample"])] = r  # later lines win
    summary_file = out / "summary.json"
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    if p.returncode not in (0, 1) or not summary:
        failures.append(f"{name}: rescue eval exited {p.returncode}")
    return list(results.values()), summary, seconds


def expect(label, num, den, op, target):
    value = num / den if den else 0.0
    ok = den > 0 and (value >= target if op == ">=" else value <= target)
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {num}/{den} = {value:.3f} (target {op} {target})", flush=True)
    if not ok:
        failures.append(label)


def judged(results):
    return [r for r in results if r["functional"] != "error"]


def no_errors(name, results):
    errors = [r for r in results if r["functional"] == "error"]
    expect(f"{name}: samples the harness could judge", len(results) - len(errors), len(results), ">=", 1.0)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cweval = f"cweval:{DATA}/cweval/benchmark"
    tasks = sum(1 for _ in (DATA / "cweval" / "benchmark").rglob("*_task.*"))

    res, summary, _ = run_eval("cweval-secure", cweval, "secure")
    no_errors("CWEval secure", res)
    ok = judged(res)
    expect("CWEval secure references: functional pass", sum(r["functional"] == "pass" for r in ok), len(ok), ">=", 0.95)
    checked = [r for r in ok if r["secure"] is not None]
    expect("CWEval secure references: found secure", sum(r["secure"] is True for r in checked), len(checked), ">=", 0.95)
    expect("CWEval tasks skipped", len(summary.get("skipped", {})), tasks, "<=", 0.05)

    res, summary, _ = run_eval("cweval-unsafe", cweval, "unsafe")
    no_errors("CWEval unsafe", res)
    checked = [r for r in judged(res) if r["secure"] is not None]
    expect("CWEval unsafe references: flagged insecure", sum(r["secure"] is False for r in checked), len(checked), ">=", 0.90)

    check_references()
    mcp_end_to_end()

    if "--all" not in sys.argv[1:]:
        finish()
        return
    he = DATA / "humanevalplus"
    if (he / "HumanEvalPlus.jsonl.gz").exists():
        res, summary, _ = run_eval("humanevalplus", f"humanevalplus:{he}", "secure")
        no_errors("HumanEval+", res)
        ok = judged(res)
        expect("HumanEval+ canonical solutions: pass", sum(r["functional"] == "pass" for r in ok), len(ok), ">=", 0.99)

    bcb = DATA / "bigcodebench"
    if (bcb / "BigCodeBench.jsonl.gz").exists():
        # a fixed sample: every 20th task (57 of 1,140)
        res, summary, _ = run_eval("bigcodebench", f"bigcodebench:{bcb}", "secure",
                                   "--tasks", r"^BigCodeBench/[0-9]*([02468]0|00)$")
        no_errors("BigCodeBench", res)
        ok = judged(res)
        expect("BigCodeBench canonical solutions (not skipped): pass", sum(r["functional"] == "pass" for r in ok),
               len(ok), ">=", 0.95)
        print(f"BigCodeBench skipped: {json.dumps(summary.get('skipped', {}), indent=1)[:2000]}")
    finish()


def check_references():
    """`rescue check --references` over CWEval, as a user reruns the measurement: every reference is
    checked (no per-file error), and the combined figures stay at or better than the last measured
    ones less a small margin (0.72 flagged, 0.17 false positives on 2026-12-02 with the flow sinks on
    returns, indexes, assignments and allocations; the issue's targets are 0.60 and 0.10)."""
    cmd = [str(ROOT / "bin" / "rescue"), "check", "--references", str(DATA / "cweval" / "benchmark"),
           "--cwe-catalog", str(DATA / "cwe" / "cwec_v4.14.xml")]
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    print(f"--- rescue check --references: exit {p.returncode} in {time.monotonic() - t0:.0f} s", flush=True)
    print(p.stdout + p.stderr[-2000:], flush=True)
    total = [l.split() for l in p.stdout.splitlines() if l.split()[:2] == ["all", "total"]]
    if p.returncode != 0 or not total:
        failures.append(f"rescue check --references exited {p.returncode}")
        return
    _, _, unsafe, flagged, _, secure, false_pos = total[0]
    expect("rescue check: unsafe CWEval references flagged (all sources)", round(float(flagged) * int(unsafe)),
           int(unsafe), ">=", 0.70)
    expect("rescue check: secure CWEval references with a finding (all sources)", round(float(false_pos) * int(secure)),
           int(secure), "<=", 0.19)


def mcp_end_to_end():
    """`rescue mcp` from the built jar, driven over stdio as an agent drives it: the jar's own
    run-time classpath, which the test suite's classpath can hide (a test-scoped dependency once took
    the MCP SDK's schema validator off it)."""
    calls = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "ci", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "check_code", "arguments": {
            "code": "#include <string.h>\nvoid f(char *s) { char b[8]; strcpy(b, s); }\n", "language": "c"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "security_context", "arguments": {
            "task": "Write a Flask endpoint that loads a YAML config uploaded by the user"}}},
    ]
    t0 = time.monotonic()
    p = subprocess.run([str(ROOT / "bin" / "rescue"), "mcp"], input="".join(json.dumps(c) + "\n" for c in calls),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    seconds = time.monotonic() - t0
    answers = {}
    for line in p.stdout.splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        answers[d.get("id")] = d.get("result") or {}
    print(f"--- rescue mcp: exit {p.returncode} in {seconds:.0f} s, answered {sorted(k for k in answers if k is not None)}",
          flush=True)
    check = answers.get(2, {})
    context = answers.get(3, {})
    ok = (p.returncode == 0 and not check.get("isError")
          and any(f.get("cwe") == "CWE-120" for r in check.get("structuredContent", {}).get("results", [])
                  for f in r.get("findings", []))
          and "CWE-502" in context.get("content", [{}])[0].get("text", ""))
    print(f"{'ok  ' if ok else 'FAIL'} rescue mcp: check_code finds CWE-120 in strcpy, security_context names CWE-502",
          flush=True)
    if not ok:
        print(p.stderr[-3000:], flush=True)
        failures.append("rescue mcp end to end")


def finish():
    print(f"references: {time.monotonic() - START:.0f} s in all", flush=True)
    if failures:
        print("\nreferences fell short: " + "; ".join(failures))
        sys.exit(1)
    print("\nreferences: every check passed")


if __name__ == "__main__":
    main()
