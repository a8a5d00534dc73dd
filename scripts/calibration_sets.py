#!/usr/bin/env python3
"""Build the calibration sets for `rescue calibrate` from the shared data, disjoint from the dev set.

usage: calibration_sets.py DATA_DIR OUT_DIR
labelled.jsonl: the SafeCoder *train* descriptions with their CWE (the dev set uses the val ones).
benign.jsonl:   the MBPP tasks with an even number (the odd ones stay held out for reporting).
"""
import glob, json, os, re, sys
import yaml

data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lang_of = {'.py': 'py', '.c': 'c', '.cpp': 'cpp', '.cc': 'cpp', '.js': 'js', '.jsx': 'js', '.go': 'go',
           '.java': 'java', '.rb': 'rb'}
n = 0
with open(f'{out}/labelled.jsonl', 'w') as fh:
    for f in sorted(glob.glob(f'{data}/safecoder/safecoder/train/*.jsonl')):
        for i, line in enumerate(open(f), 1):
            d = json.loads(line)
            if not d.get('description'):
                continue
            t = {'id': f'{os.path.basename(f)}:{i}', 'task': d['description'],
                 'cwe': 'CWE-%d' % int(re.sub(r'\D', '', d['vul_type']))}
            lang = lang_of.get(os.path.splitext(d.get('file_name', ''))[1])
            if lang:
                t['language'] = lang
            fh.write(json.dumps(t) + '\n'); n += 1
m = 0
with open(f'{out}/benign.jsonl', 'w') as fh:
    for f in sorted(glob.glob(f'{data}/benign/mbpp/*.yaml')):
        d = yaml.safe_load(open(f))
        if int(re.sub(r'\D', '', d['name'])) % 2 == 0:
            fh.write(json.dumps({'id': d['name'], 'task': '', 'code': d['prompt'], 'language': 'py'}) + '\n'); m += 1
print(n, 'labelled,', m, 'benign')
