// A tiny command line around the unmodified official Go client (github.com/ovh/go-ovh, as Debian
// packages it in golang-github-ovh-go-ovh-dev), so that a Java test can drive Handover's REST API
// through it, exactly as src/test/node/ovh-cli.js does with the npm client:
//
//	ovh-cli METHOD PATH [JSON-params]
//
// Configured by the environment: OVH_ENDPOINT (e.g. https://localhost:8443/1.0), OVH_APP_KEY,
// OVH_APP_SECRET, OVH_CONSUMER_KEY (optional: without it the call is not signed). The server's
// certificate is trusted through SSL_CERT_FILE (set by the caller); TLS checks are never turned off.
//
// Prints exactly one line of JSON on stdout and exits 0:
//
//	{"ok":true,"result":<result>}
//	{"ok":false,"status":<HTTP status>,"message":<message>,"queryId":<X-Ovh-QueryID>}
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/ovh/go-ovh/ovh"
)

func print(line map[string]interface{}) {
	out, err := json.Marshal(line)
	if err != nil {
		out = []byte(fmt.Sprintf(`{"ok":false,"status":0,"message":%q}`, err.Error()))
	}
	fmt.Println(string(out))
	os.Exit(0)
}

func main() {
	args := os.Args[1:]
	if len(args) < 2 || len(args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: ovh-cli METHOD PATH [JSON-params]")
		os.Exit(2)
	}
	method, path := strings.ToUpper(args[0]), args[1]
	var params map[string]interface{}
	if len(args) == 3 && args[2] != "" {
		if err := json.Unmarshal([]byte(args[2]), &params); err != nil {
			fmt.Fprintln(os.Stderr, "params are not a JSON object:", err)
			os.Exit(2)
		}
	}
	consumerKey := os.Getenv("OVH_CONSUMER_KEY")
	client, err := ovh.NewClient(
		os.Getenv("OVH_ENDPOINT"), os.Getenv("OVH_APP_KEY"), os.Getenv("OVH_APP_SECRET"), consumerKey)
	if err != nil {
		print(map[string]interface{}{"ok": false, "status": 0, "message": err.Error()})
	}

	var result interface{}
	if path == "/auth/credential" && method == "POST" {
		// the client's own consumer key request, as scripts use it
		request := client.NewCkRequestWithRedirection(str(params["redirection"]))
		rules, _ := params["accessRules"].([]interface{})
		for _, r := range rules {
			rule, _ := r.(map[string]interface{})
			request.AddRule(str(rule["method"]), str(rule["path"]))
		}
		state, err := request.Do()
		if err == nil {
			result = state
		}
		report(result, err)
	}
	var body interface{}
	if method == "GET" || method == "DELETE" {
		path = withQuery(path, params)
	} else if params != nil {
		body = params
	}
	err = client.CallAPI(method, path, body, &result, consumerKey != "")
	report(result, err)
}

func report(result interface{}, err error) {
	if err == nil {
		print(map[string]interface{}{"ok": true, "result": result})
	}
	var apiError *ovh.APIError
	if errors.As(err, &apiError) {
		print(map[string]interface{}{
			"ok": false, "status": apiError.Code, "message": apiError.Message,
			"queryId": apiError.QueryID,
		})
	}
	print(map[string]interface{}{"ok": false, "status": 0, "message": err.Error()})
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

func withQuery(path string, params map[string]interface{}) string {
	if len(params) == 0 {
		return path
	}
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	query := url.Values{}
	for _, name := range names {
		query.Add(name, fmt.Sprint(params[name]))
	}
	return path + "?" + query.Encode()
}
