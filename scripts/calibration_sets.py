#!/usr/bin/env python3
"""Build the calibration sets for `rescue calibrate` from the shared data, disjoint from the dev set, and the
held-out report sets beside them.

usage: calibration_sets.py DATA_DIR OUT_DIR
OUT_DIR/labelled.jsonl: what calibrate reads as labelled tasks:
    the SafeCoder *train* descriptions with their CWE (the dev set uses the val ones), as prose;
    the same tasks as code prefixes (the description as a doc comment over the vulnerable function's signature);
    the even-indexed CWEval prompts (the part before BEGIN SOLUTION; the CWE from the file name).
OUT_DIR/benign.jsonl: what calibrate reads as security-neutral tasks:
    the MBPP tasks with an even number, as given (a Python docstring prompt) and as code prefixes in six
    languages (code_prefixes.py: a signature and a doc comment per language, templates varied per task).
OUT_DIR/report/: the held-out halves, one file per set, never read by calibrate:
    mbpp-nl.jsonl (odd MBPP tasks as given), mbpp-code-LANG.jsonl (odd MBPP tasks as code prefixes),
    cweval.jsonl (odd-indexed CWEval prompts); and the calibration halves per set under OUT_DIR/calib/.
The gates are abstention >= the floor on the neutral tasks; each set keeps its `set` field so a report can
break figures down.
"""
import glob, json, os, re, sys
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from code_prefixes import LANGS, parse_mbpp, prefix, return_kind  # noqa: E402

data, out = sys.argv[1], sys.argv[2]
for d in (out, f'{out}/report', f'{out}/calib'):
    os.makedirs(d, exist_ok=True)
lang_of = {'.py': 'py', '.c': 'c', '.cpp': 'cpp', '.cc': 'cpp', '.js': 'js', '.jsx': 'js', '.go': 'go',
           '.java': 'java', '.rb': 'rb'}
comment = {'py': '#', 'rb': '#', 'c': '//', 'cpp': '//', 'java': '//', 'js': '//', 'go': '//'}
sets = {}


def add(split, name, task):
    task['set'] = name
    sets.setdefault((split, name), []).append(task)


def signature(src):
    """The vulnerable function's header: its lines up to the one that opens the body."""
    lines = []
    for line in src.strip('\n').splitlines():
        lines.append(line)
        if re.search(r'[{:]\s*$', line) or len(lines) >= 4:
            break
    first = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
    return '\n'.join(l[first:] for l in lines) + '\n'


for f in sorted(glob.glob(f'{data}/safecoder/safecoder/train/*.jsonl')):
    for i, line in enumerate(open(f), 1):
        d = json.loads(line)
        if not d.get('description'):
            continue
        cwe = 'CWE-%d' % int(re.sub(r'\D', '', d['vul_type']))
        base = f'{os.path.basename(f)}:{i}'
        t = {'id': base, 'task': d['description'], 'cwe': cwe}
        lang = lang_of.get(os.path.splitext(d.get('file_name', ''))[1])
        if lang:
            t['language'] = lang
        add('calib', 'safecoder-nl', t)
        if lang and d.get('func_src_before'):
            code = f'{comment[lang]} {d["description"]}\n{signature(d["func_src_before"])}'
            add('calib', 'safecoder-code', {'id': base + ':code', 'task': '', 'code': code, 'language': lang,
                                            'cwe': cwe})

tasks = sorted(glob.glob(f'{data}/cweval/benchmark/**/*_task.*', recursive=True))
for k, f in enumerate(tasks):
    m = re.match(r'cwe_(\d+)_\d+_(\w+)_task\.(\w+)$', os.path.basename(f))
    if not m:
        continue
    text = open(f).read()
    code = text.split('BEGIN SOLUTION')[0].rsplit('\n', 1)[0] + '\n'
    code = code.replace('// BEGIN PROMPT\n', '').replace('# BEGIN PROMPT\n', '')
    lang = {'py': 'py', 'c': 'c', 'cpp': 'cpp', 'js': 'js', 'go': 'go'}[m.group(3)]
    add('calib' if k % 2 == 0 else 'report', 'cweval',
        {'id': os.path.relpath(f, data), 'task': '', 'code': code, 'language': lang, 'cwe': 'CWE-%d' % int(m.group(1))})

for f in sorted(glob.glob(f'{data}/benign/mbpp/*.yaml')):
    d = yaml.safe_load(open(f))
    split = 'calib' if int(re.sub(r'\D', '', d['name'])) % 2 == 0 else 'report'
    add(split, 'mbpp-nl', {'id': d['name'], 'task': '', 'code': d['prompt'], 'language': 'py'})
    name, params, sentence, examples = parse_mbpp(d['prompt'])
    ret = return_kind(examples)
    for lang in LANGS:
        add(split, f'mbpp-code-{lang}', {'id': f'{d["name"]}:{lang}', 'task': '', 'language': lang,
                                         'code': prefix(lang, d['name'], name, params, sentence, examples, ret)})

for (split, name), rows in sorted(sets.items()):
    with open(f'{out}/{split}/{name}.jsonl', 'w') as fh:
        for t in rows:
            fh.write(json.dumps(t) + '\n')
counts = {}
for file, labelled in (('labelled', True), ('benign', False)):
    with open(f'{out}/{file}.jsonl', 'w') as fh:
        for (split, name), rows in sorted(sets.items()):
            if split != 'calib' or ('cwe' in rows[0]) != labelled:
                continue
            for t in rows:
                fh.write(json.dumps(t) + '\n')
            counts[name] = len(rows)
print(' '.join(f'{k}={v}' for k, v in sorted(counts.items())), '| report:',
      ' '.join(f'{n}={len(r)}' for (s, n), r in sorted(sets.items()) if s == 'report'))
