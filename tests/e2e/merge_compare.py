#!/usr/bin/env python3
"""Compares report.json of one run with report.json merged from shards:
the groups must be identical, the ICCs and the benchmark equal to 1e-12
(relative, absolute near 0); benchmark.csv files must be identical."""
import json,sys,math
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
def close(x,y,path,tol=1e-12):
    if isinstance(x,dict):
        assert isinstance(y,dict) and x.keys()==y.keys(), path
        for k in x: close(x[k],y[k],path+'.'+k,tol)
    elif isinstance(x,list):
        assert isinstance(y,list) and len(x)==len(y), path
        for i,(p,q) in enumerate(zip(x,y)): close(p,q,f"{path}[{i}]",tol)
    elif isinstance(x,(int,float)) and not isinstance(x,bool):
        assert abs(x-y)<=tol*max(1,abs(x)), (path,x,y)
    else: assert x==y,(path,x,y)
assert a['groups']==b['groups']
close(a['across_groups']['units'],b['across_groups']['units'],'icc')
close(a['benchmark'],b['benchmark'],'bench')
# warnings: all but the pooled item-total ones, which need every answer
assert [w for w in a['warnings'] if 'correlates negatively' not in w] == b['warnings'], "warnings differ"
assert a['respondents'] == b['respondents'] and len(a['rejected']) == len(b['rejected'])
print("groups identical:",len(a['groups']),"; ICC and benchmark equal to 1e-12")
