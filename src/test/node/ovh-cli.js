#!/usr/bin/env node
// A tiny command line around the unmodified official client (npm package "ovh"), so that a Java
// test can drive Handover's REST API through it:
//
//   node ovh-cli.js METHOD PATH [JSON-params]
//
// Configured by the environment: OVH_APP_KEY, OVH_APP_SECRET, OVH_CONSUMER_KEY (optional),
// OVH_HOST (default localhost), OVH_PORT and OVH_BASE_PATH (default /1.0; /v2 for the IAM API). The server's certificate is trusted through
// NODE_EXTRA_CA_CERTS (set by the caller); TLS checks are never turned off.
//
// Prints exactly one line of JSON on stdout and exits 0:
//   {"ok":true,"result":<result>}
//   {"ok":false,"status":<error>,"message":<message>}
'use strict';

const ovhClient = require('ovh');

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(0));
}

function describe(value) {
  if (value === undefined) {
    return null;
  }
  if (value instanceof Error) {
    return String(value.code || value.message || value);
  }
  return value;
}

function main(argv) {
  if (argv.length < 2 || argv.length > 3) {
    process.stderr.write('usage: node ovh-cli.js METHOD PATH [JSON-params]\n');
    process.exit(2);
  }
  const [method, path, json] = argv;
  let params = {};
  if (json !== undefined && json !== '') {
    params = JSON.parse(json);
  }
  const env = process.env;
  const ovh = ovhClient({
    appKey: env.OVH_APP_KEY,
    appSecret: env.OVH_APP_SECRET,
    consumerKey: env.OVH_CONSUMER_KEY || undefined,
    host: env.OVH_HOST || 'localhost',
    port: Number(env.OVH_PORT || 443),
    basePath: env.OVH_BASE_PATH || '/1.0',
  });
  ovh.request(method.toUpperCase(), path, params, (error, result) => {
    if (error) {
      print({ ok: false, status: describe(error), message: describe(result) });
    } else {
      print({ ok: true, result: result === undefined ? null : result });
    }
  });
}

main(process.argv.slice(2));
