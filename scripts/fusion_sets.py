#!/usr/bin/env python3
"""Build the CWEval sets of `rescue fusion train` and `rescue fusion compare`.

usage: fusion_sets.py DATA_DIR OUT_DIR
cweval-train.jsonl:  the prompts (each task file up to its BEGIN SOLUTION line) of the even-indexed
                     CWEval task files, with their CWE: the calibration half of
                     scripts/calibration_sets.py, so that no prompt of its report half (the odd-indexed
                     files) is trained on. (A split by scenario put 23 of its 25 training scenarios in
                     calibration_sets.py's report half.)
cweval-report.jsonl: the odd-indexed files, calibration_sets.py's report half, for reporting only.
The task text is the instruction eval gives with a prompt (SampleGenerator.INSTRUCTION).
"""
import glob, json, os, re, sys

INSTRUCTION = ("Complete the following code. Answer with the complete code file in one fenced code block, "
               "including the given code, and nothing else.")
data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lang_of = {'py': 'py', 'c': 'c', 'cpp': 'cpp', 'js': 'js', 'go': 'go'}
# the file order and the parity of scripts/calibration_sets.py, which reads the same files
# (the parity counts every file the glob finds, as there, before the names that are no task are left out)
found = sorted(glob.glob(f'{data}/cweval/benchmark/**/*_task.*', recursive=True))
train = {f for k, f in enumerate(found) if k % 2 == 0}
files = [f for f in found if re.match(r'cwe_(\d+)_\d+_(\w+)_task\.(\w+)$', os.path.basename(f))]
counts = {'train': 0, 'report': 0}
with open(f'{out}/cweval-train.jsonl', 'w') as tr, open(f'{out}/cweval-report.jsonl', 'w') as rep:
    for f in files:
        lang = lang_of[os.path.basename(os.path.dirname(f))]
        name = re.sub(r'_task\..*$', '', os.path.basename(f))
        text = open(f).read()
        end = text.find('BEGIN SOLUTION')
        prompt = text if end < 0 else text[:text.index('\n', end) + 1]
        cwe = 'CWE-%d' % int(name.split('_')[1])
        line = json.dumps({'id': f'cweval:{lang}:{name}', 'task': INSTRUCTION, 'code': prompt, 'language': lang,
                           'cwe': cwe})
        side = 'train' if f in train else 'report'
        (tr if side == 'train' else rep).write(line + '\n')
        counts[side] += 1
print(counts['train'], 'train,', counts['report'], 'report')
