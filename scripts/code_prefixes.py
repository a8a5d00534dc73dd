"""Turn a task (a sentence, a function name, its parameters, example calls) into a code prefix in one of six
languages: a signature with a doc comment or docstring in that language's idiom, typed parameters where the
language needs them. Deterministic: the template variant is chosen by a hash of the task id, so the sets are
reproducible, and varied (headers, comment styles, with and without examples) so that a gate does not learn
one shape. Used by calibration_sets.py.
"""
import ast, hashlib, re

LANGS = ['py', 'c', 'cpp', 'java', 'js', 'go']


def variant(key, n):
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % n


def parse_mbpp(prompt):
    """(name, params, sentence, examples) of an MBPP prompt: a Python def with a docstring and asserts."""
    m = re.search(r'def\s+(\w+)\s*\(([^)]*)\)', prompt)
    name, params = m.group(1), [p.strip().split('=')[0].strip() for p in m.group(2).split(',') if p.strip()]
    doc = re.search(r'"""(.*?)("""|\Z)', prompt, re.S).group(1)
    text, _, tests = doc.partition('Test examples:')
    sentence = ' '.join(text.split())
    examples = [t.strip() for t in tests.strip().splitlines() if t.strip().startswith('assert')]
    return name, params, sentence, examples


def kind(value):
    if isinstance(value, bool): return 'bool'
    if isinstance(value, int): return 'int'
    if isinstance(value, float): return 'float'
    if isinstance(value, str): return 'str'
    if isinstance(value, (list, tuple)):
        inner = {kind(v) for v in value}
        return 'list_' + (inner.pop() if len(inner) == 1 and inner <= {'int', 'float', 'str'} else 'int')
    return 'int'


def arg_kinds(examples, n):
    """The parameter kinds read off the first example call; int where it cannot be read."""
    for ex in examples:
        m = re.match(r'assert\s+(?:math\.isclose\()?\w+\((.*)\)\s*(==|,)', ex)
        if not m:
            continue
        try:
            args = ast.literal_eval('(' + m.group(1) + ',)')
        except Exception:
            continue
        if len(args) == n:
            return [kind(a) for a in args]
    return ['int'] * n


TYPES = {
    'c': {'int': 'int', 'float': 'double', 'bool': 'bool', 'str': 'const char *', 'list_int': 'const int *',
          'list_float': 'const double *', 'list_str': 'const char **'},
    'cpp': {'int': 'int', 'float': 'double', 'bool': 'bool', 'str': 'std::string', 'list_int': 'std::vector<int>',
            'list_float': 'std::vector<double>', 'list_str': 'std::vector<std::string>'},
    'java': {'int': 'int', 'float': 'double', 'bool': 'boolean', 'str': 'String', 'list_int': 'List<Integer>',
             'list_float': 'List<Double>', 'list_str': 'List<String>'},
    'go': {'int': 'int', 'float': 'float64', 'bool': 'bool', 'str': 'string', 'list_int': '[]int',
           'list_float': '[]float64', 'list_str': '[]string'},
}


def camel(name):
    parts = name.split('_')
    return parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])


def wrap(text, width=90):
    lines, cur = [], ''
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur); cur = w
        else:
            cur = (cur + ' ' + w).strip()
    return lines + ([cur] if cur else [])


def prefix(lang, key, name, params, sentence, examples, ret='int'):
    """The code prefix of one task in `lang`."""
    v = variant(key + lang, 3)
    kinds = arg_kinds(examples, len(params))
    text = wrap(phrase(sentence, lang, variant(key + lang + ':phrase', 3)))
    ex = [l for e in examples[:2] for l in example_lines(e)] if v != 2 else []
    if lang == 'py':
        if v == 0:
            body = '\n'.join('    ' + l for l in text + ([''] + [e for e in ex] if ex else []))
            return f'def {name}({", ".join(params)}):\n    """\n{body}\n    """\n'
        if v == 1:
            hint = {'int': 'int', 'float': 'float', 'bool': 'bool', 'str': 'str', 'list_int': 'List[int]',
                    'list_float': 'List[float]', 'list_str': 'List[str]'}
            sig = ', '.join(f'{p}: {hint[k]}' for p, k in zip(params, kinds))
            return (f'from typing import List\n\n\ndef {name}({sig}):\n    """ ' + '\n    '.join(text)
                    + ('\n    ' + '\n    '.join(e for e in ex) if ex else '') + '\n    """\n')
        return '\n'.join('# ' + l for l in text) + f'\ndef {name}({", ".join(params)}):\n'
    if lang in ('c', 'cpp'):
        t = TYPES[lang]
        ps = []
        for p, k in zip(params, kinds):
            ps.append(f'{t[k]} {p}')
            if lang == 'c' and k.startswith('list'):
                ps.append(f'int {p}_len')
        sig = f'{t.get(ret, "int")} {name}({", ".join(ps)})'
        if lang == 'c':
            head = ['#include <stdio.h>\n#include <stdlib.h>\n', '#include <stdbool.h>\n#include <string.h>\n', ''][v]
        else:
            head = ['#include <vector>\n#include <string>\n#include <algorithm>\nusing namespace std;\n',
                    '#include<assert.h>\n#include<bits/stdc++.h>\n', '#include <iostream>\n'][v]
        if v == 0:
            doc = '/**\n' + '\n'.join(' * ' + l for l in text) + '\n */\n'
        else:
            doc = '\n'.join('// ' + l for l in text + [e for e in ex]) + '\n'
        return head + ('\n' if head else '') + doc + sig + ' {\n'
    if lang == 'java':
        t = TYPES['java']
        sig = ', '.join(f'{t[k]} {p}' for p, k in zip(params, kinds))
        head = ['import java.util.*;\n\n', 'import java.util.*;\nimport java.lang.*;\nimport java.util.stream.*;\n\n',
                ''][v]
        cls = ['Solution', 'Problem', 'Main'][v]
        if v == 1:
            doc = '\n'.join('    // ' + l for l in text + [e for e in ex]) + '\n'
        else:
            doc = '    /**\n' + '\n'.join('     * ' + l for l in text) + ''.join(
                f'\n     * @param {p} the {p.replace("_", " ")}' for p in params) + '\n     */\n'
        return f'{head}class {cls} {{\n{doc}    public static {t.get(ret, "int")} {camel(name)}({sig}) {{\n'
    if lang == 'js':
        if v == 0:
            doc = '/**\n' + '\n'.join(' * ' + l for l in text) + ''.join(f'\n * @param {p}' for p in params) + '\n */\n'
            return doc + f'function {camel(name)}({", ".join(params)}) {{\n'
        if v == 1:
            return '\n'.join('//' + l for l in text + [' ' + e for e in ex]) + f'\nfunction {name}({", ".join(params)}){{\n'
        return '/* ' + '\n   '.join(text) + ' */\n' + f'const {camel(name)} = ({", ".join(params)}) => {{\n'
    if lang == 'go':
        t = TYPES['go']
        sig = ', '.join(f'{p} {t[k]}' for p, k in zip(params, kinds))
        head = ['package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\n', 'package solution\n\n', 'package main\n\nimport "sort"\n\n'][v]
        fname = camel(name) if v != 1 else name
        doc = '\n'.join('// ' + l for l in ([fname + ': ' + text[0]] + text[1:] if text else []) + [e for e in ex])
        return f'{head}{doc}\nfunc {fname}({sig}) {t.get(ret, "int")} {{\n'
    raise ValueError(lang)


def phrase(sentence, lang, v):
    """The task sentence as a docstring says it: as MBPP words it ("Write a function to find ..."), in the
    imperative ("Find ..."), or as what the function does ("Finds ..." is not attempted: "Return ..." form)."""
    if lang != 'py':
        sentence = re.sub(r'\b[Pp]ython (function|program)', r'\1', sentence)
    m = re.match(r'(?i)write an? (?:python )?(?:function|program)\s+(?:to|that|which)\s+(.*)', sentence)
    if not m or v == 0:
        return sentence
    rest = m.group(1)
    if v == 1:
        return rest[:1].upper() + rest[1:]
    return 'This function should ' + rest if not rest.lower().startswith(('returns', 'checks', 'counts', 'finds')) \
        else rest[:1].upper() + rest[1:]


def example_lines(assertion):
    """An assert of MBPP as a doctest: the call on a '>>>' line, the expected value on the next."""
    call, _, want = assertion[len('assert'):].strip().partition('==')
    return ['>>> ' + call.strip(), want.strip()] if want else ['>>> ' + call.strip()]


def return_kind(examples):
    for ex in examples:
        m = re.search(r'==\s*(.*)$', ex)
        if m:
            try:
                return kind(ast.literal_eval(m.group(1).strip()))
            except Exception:
                pass
    return 'int'
