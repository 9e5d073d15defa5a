"""A check by hand, not run by CI: the official python-ovh client, unmodified, on Handover's /v2 IAM API.

Needs a python-ovh checkout (github.com/ovh/python-ovh) in /tmp/pyovh, Python 3 with requests,
oauthlib and requests-oauthlib (Debian: python3-requests python3-oauthlib python3-requests-oauthlib),
and Handover on port 8099 in demo mode:
  ./mvnw spring-boot:run -Dspring-boot.run.arguments="--server.port=8099"
then: /usr/bin/python3 tools/python-ovh-v2.py
Only the client's endpoint table gets a local entry, as a provider registers its own endpoint.
"""
import sys, json, requests
sys.path.insert(0, '/tmp/pyovh')
import ovh, ovh.client
BASE='http://localhost:8099'
ovh.client.ENDPOINTS['handover-local'] = BASE + '/1.0'   # a provider's endpoint, as its clients register it
def token(nic):
    r = requests.post(BASE+'/createToken', data={'nic':nic,'password':'handover-demo','applicationName':'py-'+nic,'applicationDescription':'python-ovh on /v2','validity':'3600','GET':'/*','POST':'/*','PUT':'/*','DELETE':'/*'}, headers={'Accept':'application/json'})
    print('createToken', nic, r.status_code, r.text[:300]); return r.json()
t = token('aa100001-ovh')
ak = t.get('applicationKey') or t.get('appKey'); asec = t.get('applicationSecret') or t.get('appSecret'); ck = t.get('consumerKey')
c = ovh.Client(endpoint='handover-local', application_key=ak, application_secret=asec, consumer_key=ck)
print('me', c.get('/me')['nichandle'])
res = c.get('/v2/iam/resource')
print('resources', len(res), res[0] if res else None)
r0 = res[0]
acts = c.get('/v2/iam/reference/action', resourceType=r0['type'])
print('actions for', r0['type'], len(acts), acts[:2])
pol = c.post('/v2/iam/policy', name='py-share', description='python-ovh unchanged',
    identities=['urn:v1:eu:identity:account:bb200002-ovh'], resources=[{'urn': r0['urn']}],
    permissions={'allow':[{'action': r0['type']+':apiovh:*'}]})
print('created', pol['id'], pol['owner'], pol['permissions'])
print('listed', [p['id'] for p in c.get('/v2/iam/policy')])
pol2 = c.put('/v2/iam/policy/'+pol['id'], name='py-share-2', description='changed',
    identities=pol['identities'], resources=pol['resources'], permissions=pol['permissions'])
print('updated', pol2['name'])
import urllib.parse
chk = c.post('/v2/iam/resource/'+urllib.parse.quote(r0['urn'], safe='')+'/authorization/check', actions=[r0['type']+':apiovh:get', 'nonsense:apiovh:x'])
print('check', chk)
print('deleted', c.delete('/v2/iam/policy/'+pol['id']))
try:
    c.get('/v2/iam/policy/'+pol['id'])
except ovh.exceptions.ResourceNotFoundError as e:
    print('after delete: ResourceNotFoundError', e)
