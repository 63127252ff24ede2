#!/usr/bin/env python3
# Where a JFR recording's sampled allocations come from: weights of jdk.ObjectAllocationSample grouped by the first
# two Reflex frames, by top frame and by class. Usage: scripts/jfr-allocations.py FILE.jfr (e.g. from reflex bench --jfr).
import json, sys, subprocess, collections
f = sys.argv[1]; ev = sys.argv[2] if len(sys.argv) > 2 else 'jdk.ObjectAllocationSample'
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '200', '--events', ev, f], capture_output=True, text=True).stdout
data = json.loads(out)
by_reflex = collections.Counter(); by_top = collections.Counter(); by_class = collections.Counter(); total = 0
for e in data['recording']['events']:
    v = e['values']
    w = v.get('weight', 1) if ev.endswith('AllocationSample') else 1
    total += w
    frames = (v.get('stackTrace') or {}).get('frames') or []
    names = [fr['method']['type']['name'] + '.' + fr['method']['name'] for fr in frames]
    top = names[0] if names else '?'
    by_top[top] += w
    if ev.endswith('AllocationSample'):
        by_class[v['objectClass']['name']] += w
    ref = next((n for n in names if n.startswith('io.reflex') or n.startswith('io/reflex')), '(none)')
    # include a second reflex frame for context
    refs = [n for n in names if n.startswith('io.reflex') or n.startswith('io/reflex')][:2]
    by_reflex[' <- '.join(refs) or '(none)'] += w
print('total', total)
for title, c in (('by first reflex frames', by_reflex), ('by top frame', by_top), ('by class', by_class)):
    print('==', title)
    for k, w in c.most_common(25):
        print(f'{100*w/total:5.1f}% {k}')
