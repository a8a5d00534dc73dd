#!/usr/bin/env python3
"""Development figures of `rescue retrieve` output, per set: abstention on neutral sets, Hit@1/Hit@4 (exact
and related: the gold CWE's MITRE parent or child counts) on labelled ones, mean context tokens.

usage: calibration_report.py CWE_XML TASKS.jsonl RESULTS.jsonl   (tasks carry 'set' and, when labelled, 'cwe')
"""
import collections, json, re, sys
import xml.etree.ElementTree as ET

xml, tasks_file, results_file = sys.argv[1:4]
related = collections.defaultdict(set)
for w in ET.parse(xml).getroot().iter():
    if w.tag.endswith('}Weakness'):
        me = 'CWE-' + w.get('ID')
        for r in w.iter():
            if r.tag.endswith('}Related_Weakness') and r.get('Nature') == 'ChildOf':
                other = 'CWE-' + r.get('CWE_ID')
                related[me].add(other); related[other].add(me)


def cwe_id(raw):
    """CWE-020, cwe-20 and 20 are CWE-20, as rescue's CweIds.normalize reads them."""
    return 'CWE-%d' % int(re.sub(r'\D', '', raw))


agg = collections.defaultdict(lambda: collections.Counter())
# results come in input order; ids need not be unique across sets (SafeCoder train and val both number lines)
for task_line, line in zip(open(tasks_file), open(results_file)):
    t, r = json.loads(task_line), json.loads(line)
    assert t['id'] == r['id'], (t['id'], r['id'])
    if 'error' in r:
        continue
    a = agg[t['set']]
    a['n'] += 1
    a['tokens'] += r.get('context_tokens', 0)
    ids = [cwe_id(c['cwe']) for c in r.get('cwes', [])][:4]
    if r.get('abstained') or not ids:
        a['abst'] += 1
    gold = cwe_id(t['cwe']) if t.get('cwe') else None
    if gold:
        a['lab'] += 1
        ok = {gold} | related[gold]
        a['h1'] += bool(ids) and ids[0] == gold
        a['h4'] += gold in ids
        a['r1'] += bool(ids) and ids[0] in ok
        a['r4'] += any(i in ok for i in ids)
print(f'{"set":<22}{"n":>5} {"abst":>6} {"hit1":>6} {"hit4":>6} {"rel1":>6} {"rel4":>6} {"tokens":>7}')
for s in sorted(agg):
    a = agg[s]
    n, lab = a['n'], a['lab']
    f = lambda k: f'{a[k] / lab:6.3f}' if lab else '     -'
    print(f'{s:<22}{n:>5} {a["abst"] / n:6.3f} {f("h1")} {f("h4")} {f("r1")} {f("r4")} {a["tokens"] / n:7.1f}')
