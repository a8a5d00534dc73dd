#!/usr/bin/env python3
"""Measure `rescue check` on SafeCoder/SVEN's vulnerable/fixed function pairs: a development set for the check
rules' false positives that is not CWEval.

usage: check_pairs.py [--data DIR] [--split train|val|all] [--tools LIST] [--samples N] [--json-out FILE]
                      [--from-json FILE] [--cwe-catalog FILE] [--rescue BIN]

Each pair's fixed function (func_src_after) is code whose known weakness (vul_type) was removed; its vulnerable
one (func_src_before) has it. Every function is written to a temporary file with its language's extension
(dedented; a JavaScript method is wrapped in a class so that it parses) and all of them are checked by ONE
`rescue check --json` run (it takes many files). Per split, language and source tool (a finding counts for
every tool in its `tools`; a unit counts for a tool that ran on it):
  fixed same-CWE: fixed functions with a finding of vul_type (or its MITRE parent or child) at or above the
                  report's fail_on (the default severity): the fix should have removed it, so this is a false
                  positive of the rules' guard recognition;
  fixed any:      fixed functions with any finding at or above fail_on;
  recall:         vulnerable functions with a finding of vul_type (or parent/child) at or above fail_on.
Splits: train = sven/train/*.jsonl and safecoder/train/sec-new-desc.jsonl (rules are developed on it);
val = sven/val/*.jsonl and safecoder/val/sec-new-desc.jsonl (held out). Pairs whose two sides are equal and
languages rescue does not check (Ruby) are left out. --samples N prints N fixed functions with a same-CWE
finding per split, with the findings, for reading by hand.
"""
import argparse, collections, glob, json, os, random, re, subprocess, sys, tempfile, textwrap
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
EXT = {'py': '.py', 'c': '.c', 'h': '.c', 'cc': '.cpp', 'cpp': '.cpp', 'cxx': '.cpp', 'hpp': '.cpp',
       'js': '.js', 'jsx': '.js', 'go': '.go', 'java': '.java'}
LANG = {'.py': 'py', '.c': 'c', '.cpp': 'cpp', '.js': 'js', '.go': 'go', '.java': 'java'}


def cwe_id(raw):
    return 'CWE-%d' % int(re.sub(r'\D', '', raw))


def parents(catalog):
    """CWE -> its ChildOf targets in MITRE's view 1000, as `rescue check --references` relates them."""
    out = collections.defaultdict(set)
    if not catalog or not os.path.exists(catalog):
        return out
    for _, el in ET.iterparse(catalog):
        if el.tag.endswith('}Weakness'):
            me = 'CWE-' + el.get('ID')
            for r in el.iter():
                if r.tag.endswith('}Related_Weakness') and r.get('Nature') == 'ChildOf' and r.get('View_ID') == '1000':
                    out[me].add('CWE-' + r.get('CWE_ID'))
            el.clear()
    return out


def related(found, expected, par):
    return found == expected or expected in par.get(found, ()) or found in par.get(expected, ())


def source_text(code, lang):
    code = textwrap.dedent(code.expandtabs(8) if lang == 'py' else code).strip('\n') + '\n'
    # a class method on its own (`async save(req) {`) is no statement: give it its class back
    if lang == 'js' and re.match(r'(async\s+|static\s+|get\s+|set\s+)*(?!function\b|if\b|for\b|while\b)[A-Za-z_$][\w$]*\s*\([^)]*\)\s*\{',
                                 code):
        code = 'class Wrapped {\n' + code + '}\n'
    return code


def pairs(data, split):
    files = sorted(glob.glob(f'{data}/sven/{split}/cwe-*.jsonl')) + sorted(glob.glob(f'{data}/safecoder/{split}/sec-new-desc.jsonl'))
    for f in files:
        for i, line in enumerate(open(f, encoding='utf-8'), 1):
            d = json.loads(line)
            ext = EXT.get(os.path.splitext(d.get('file_name', ''))[1].lstrip('.').lower())
            if not ext or d['func_src_before'] == d['func_src_after']:
                continue
            yield {'id': f'{os.path.relpath(f, data)}:{i}', 'split': split, 'ext': ext, 'lang': LANG[ext],
                   'cwe': cwe_id(d['vul_type']), 'before': d['func_src_before'], 'after': d['func_src_after']}


SEV = {'low': 0, 'medium': 1, 'high': 2}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default='/work/shared/data/safecoder')
    ap.add_argument('--split', default='all', choices=['train', 'val', 'all'])
    ap.add_argument('--tools', help='passed to rescue check --tools')
    ap.add_argument('--samples', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--json-out', help='keep the check report here')
    ap.add_argument('--from-json', help='read a kept report instead of checking (same --data and --split)')
    ap.add_argument('--cwe-catalog', default='/work/shared/data/cwe/cwec_v4.14.xml')
    ap.add_argument('--rescue', default=os.path.join(HERE, '..', 'bin', 'rescue'))
    a = ap.parse_args()
    splits = ['train', 'val'] if a.split == 'all' else [a.split]
    rows = [p for s in splits for p in pairs(a.data, s)]
    with tempfile.TemporaryDirectory(prefix='check-pairs-') as tmp:
        files = {}
        for k, p in enumerate(rows):
            for side in ('before', 'after'):
                path = os.path.join(tmp, f'{p["split"]}-{k:04d}-{side}{p["ext"]}')
                with open(path, 'w', encoding='utf-8') as out:
                    out.write(source_text(p[side], p['lang']))
                p[side + '_file'] = path
                files[path] = (p, side)
        if a.from_json:
            report = json.load(open(a.from_json))
            # a kept report names the temporary files of its own run: map them back by split, index and side
            by_name = {os.path.basename(k): k for k in files}
            for r in report['results']:
                r['file'] = by_name.get(os.path.basename(r['file']), r['file'])
        else:
            cmd = [a.rescue, 'check', '--json'] + (['--tools', a.tools] if a.tools else []) + list(files)
            run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if run.returncode not in (0, 1):
                sys.exit(f'rescue check failed ({run.returncode}): {run.stderr[-2000:]}')
            report = json.loads(run.stdout)
            if a.json_out:
                with open(a.json_out, 'w') as out:
                    json.dump(report, out)
    par = parents(a.cwe_catalog)
    fail_on = SEV[report['fail_on']]
    results = {r['file']: r for r in report['results']}
    for e in report['errors']:
        print(f'input error: {os.path.basename(e["file"])}: {e["error"]}', file=sys.stderr)
    # (split, lang, source) -> counters
    tally = collections.defaultdict(collections.Counter)
    fps = collections.defaultdict(list)
    for p in rows:
        for side in ('before', 'after'):
            r = results.get(p[side + '_file'])
            if r is None:
                continue
            ran = set(r['tools'])
            strong = [f for f in r['findings'] if SEV[f['severity']] >= fail_on]
            for source in sorted(ran) + ['all']:
                fs = strong if source == 'all' else [f for f in strong if source in f['tools']]
                same = any(related(f['cwe'], p['cwe'], par) for f in fs)
                for lang in (p['lang'], 'total'):
                    t = tally[(p['split'], lang, source)]
                    if side == 'before':
                        t['before'] += 1
                        t['recall'] += same
                    else:
                        t['after'] += 1
                        t['same'] += same
                        t['any'] += bool(fs)
            if side == 'after':
                same = [f for f in strong if related(f['cwe'], p['cwe'], par)]
                if same:
                    fps[p['split']].append((p, same))
    share = lambda k, n: '   -' if n == 0 else '%4.2f' % (k / n)
    print('%-5s %-6s %-10s %6s %9s %9s %7s' % ('split', 'lang', 'source', 'pairs', 'fixed-cwe', 'fixed-any', 'recall'))
    for (split, lang, source), t in sorted(tally.items(), key=lambda kv: (kv[0][0] != 'train', kv[0][2] != 'all', kv[0][2],
                                                                        kv[0][1] == 'total', kv[0][1])):
        print('%-5s %-6s %-10s %6d %9s %9s %7s' % (split, lang, source, t['after'], share(t['same'], t['after']),
                                                   share(t['any'], t['after']), share(t['recall'], t['before'])))
    print('fixed-cwe: fixed functions with a finding of their vul_type (or MITRE parent/child) at or above %s; '
          'fixed-any: with any finding at or above it; recall: vulnerable functions with a finding of their vul_type'
          % report['fail_on'])
    rnd = random.Random(a.seed)
    for split in splits:
        sample = fps[split][:]
        rnd.shuffle(sample)
        for p, same in sample[:a.samples]:
            print(f'\n===== {split} {p["id"]} {p["cwe"]} {p["lang"]} fixed: {p["after_file"]}')
            for f in same:
                print(f'  {f["cwe"]} {f["severity"]} {f["rule"]} {"+".join(f["tools"])} line {f["line"]}: {f["message"][:160]}')
            print(textwrap.indent(source_text(p['after'], p['lang'])[:3000], '  | '))


if __name__ == '__main__':
    main()
