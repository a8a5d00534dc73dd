#!/usr/bin/env python3
"""Build the CWEval sets of `rescue fusion train` and `rescue fusion compare`.

usage: fusion_sets.py DATA_DIR OUT_DIR
cweval-train.jsonl:  the prompts (each task file up to its BEGIN SOLUTION line) of every other
                     CWEval scenario, with their CWE; a scenario (cwe_022_0) keeps all its languages
                     on one side, so no prompt is held out while its translation is trained on.
cweval-report.jsonl: the other half, for reporting only.
The task text is the instruction eval gives with a prompt (SampleGenerator.INSTRUCTION).
"""
import glob, json, os, re, sys

INSTRUCTION = ("Complete the following code. Answer with the complete code file in one fenced code block, "
               "including the given code, and nothing else.")
data, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
lang_of = {'py': 'py', 'c': 'c', 'cpp': 'cpp', 'js': 'js', 'go': 'go'}
files = sorted(glob.glob(f'{data}/cweval/benchmark/core/*/cwe_*_task.*'))
scenarios = sorted({re.sub(r'_task\..*$', '', os.path.basename(f)) for f in files})
train = set(scenarios[0::2])
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
        side = 'train' if name in train else 'report'
        (tr if side == 'train' else rep).write(line + '\n')
        counts[side] += 1
print(counts['train'], 'train,', counts['report'], 'report')
