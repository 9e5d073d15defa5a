#!/usr/bin/env python3
"""Where a benchmark phase's request threads spend their time, from a JFR recording.

Usage: python3 tools/jfr-stages.py target/bench/server-a.jfr
(the recording of `./mvnw -Pbench test -Dtest=HandoverBenchmark -Dbench.jfr=true`).

Request-thread samples are put in 250 ms buckets; a bucket belongs to the phase whose handler
its samples show most (My services, the signed task read, the lifecycle's steps), which leaves out
the trivial endpoint's alternating slices. Each sample is counted once, at the innermost stage it
is in (Thymeleaf, the handler, Jackson, argument resolution, handler lookup, filters...).
"""
import json,collections,sys,datetime,subprocess
d=json.loads(subprocess.run(['jfr','print','--json','--stack-depth','512','--events','jdk.ExecutionSample',sys.argv[1]],capture_output=True,check=True,text=True).stdout)
def name(f): return (f['method']['type']['name']+'.'+f['method']['name']).replace('/','.')
def ts(s): return datetime.datetime.fromisoformat(s.replace('Z','+00:00')).timestamp()
rows=[]
for e in d['recording']['events']:
    st=e['values']['stackTrace']
    if not st: continue
    tn=(e['values'].get('sampledThread',{}) or {}).get('javaName') or '?'
    if not tn.startswith('http'): continue
    rows.append((ts(e['values']['startTime']),[name(f) for f in st['frames']]))
B=0.25
kinds={'page':('MyServicesController','org.thymeleaf'),'taskread':('TasksApi.get','LeanReads.answer'),'lifecycle':('TasksApi.accept','ServicesApi.changeContact')}
bk=collections.defaultdict(collections.Counter)
for t,fr in rows:
    for k,ms in kinds.items():
        if any(any(m in f for m in ms) for f in fr): bk[int(t/B)][k]+=1
# stages: first match walking from the root (outermost) inward is wrong; we want the innermost stage boundary.
def stage(fr):
    has=lambda *ps: any(any(p in f for p in ps) for f in fr)
    if has('DispatcherServlet'):
        if has('org.thymeleaf','ThymeleafView'): return 'Thymeleaf render (incl. response writes)'
        if any(f.startswith('org.handover') and ('Controller.' in f or 'Api.' in f) for f in fr): return 'handler (own code + its SQL + transactions)'
        if has('MessageConverter'): return 'Jackson body write/read'
        if has('resolveArgument','getMethodArgumentValues'): return 'argument resolution'
        if has('DispatcherServlet.getHandler'): return 'handler lookup'
        if has('applyPreHandle','applyPostHandle','triggerAfterCompletion','PageLayout'): return 'interceptors'
        return 'DispatcherServlet other'
    deep=fr[0]
    for f in fr:
        if f.startswith('org.handover'):
            if 'NearSession' in f or 'SessionEpoch' in f: return 'session read (NearSessions)'
            return 'own filter: '+f.split('.')[-2]
        if f.startswith('org.springframework.session'): return 'Spring Session filter'
        if f.startswith('org.springframework.security'): return 'Spring Security filters'
        if f.startswith('io.micrometer') or 'Observation' in f: return 'Micrometer'
        if f.startswith('org.springframework.web.filter'): return 'Spring web filters'
    return 'Tomcat / JVM (connector, parsing, socket)'
for k in kinds:
    sel=[fr for t,fr in rows if bk.get(int(t/B)) and bk[int(t/B)].most_common(1)[0][0]==k]
    n=len(sel); c=collections.Counter()
    for fr in sel:
        c[stage(fr)]+=1
    print(f'\n## {k}: {n} samples (exclusive, innermost stage)')
    for l,v in c.most_common(): print(f'  {100*v/n:5.1f}%  {l}')
