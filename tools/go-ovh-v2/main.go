// A check by hand, not run by CI: the official Go client, github.com/ovh/go-ovh, unmodified, on
// Handover's /v2 IAM API and a few /1.0 calls. How to build and run it: docs/access.md
// ("The official clients by hand"). Handover must run in demo mode on HANDOVER_BASE
// (default http://localhost:8099).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/ovh/go-ovh/ovh"
)

var base = "http://localhost:8099"

// failures counts the calls that did not answer as expected.
var failures int

func main() {
	if b := os.Getenv("HANDOVER_BASE"); b != "" {
		base = b
	}
	ak, as, ck := token("aa100001-ovh")
	// the provider's endpoint is a URL, as the client accepts one in place of a known name
	c, err := ovh.NewClient(base+"/1.0", ak, as, ck)
	must(err)

	// /1.0
	t, err := c.Time()
	step("GET /auth/time (unsigned)", err, t)
	var me map[string]interface{}
	step("GET /me", c.Get("/me", &me), me["nichandle"])
	var domains []string
	step("GET /domain", c.Get("/domain", &domains), len(domains))
	if len(domains) > 0 {
		var infos map[string]interface{}
		step("GET /domain/{name}/serviceInfos",
			c.Get("/domain/"+url.PathEscape(domains[0])+"/serviceInfos", &infos),
			fmt.Sprint(infos["domain"], " admin ", infos["contactAdmin"]))
	}
	var tasks []int64
	step("GET /me/task/contactChange", c.Get("/me/task/contactChange", &tasks), len(tasks))
	step("GET /me/task/contactChange?state=done (signed with its query)",
		c.Get("/me/task/contactChange?state=done", &tasks), len(tasks))
	var missing map[string]interface{}
	err = c.Get("/me/task/contactChange/999999999", &missing)
	var apiErr *ovh.APIError
	expectError("GET /me/task/contactChange/999999999", err, 404, &apiErr)

	// /v2/iam
	var resources []map[string]interface{}
	step("GET /v2/iam/resource", c.Get("/v2/iam/resource", &resources), len(resources))
	if len(resources) == 0 {
		fmt.Println("no resources: stop")
		os.Exit(1)
	}
	r0 := resources[0]
	urn, kind := r0["urn"].(string), r0["type"].(string)
	var actions []map[string]interface{}
	step("GET /v2/iam/reference/action",
		c.Get("/v2/iam/reference/action?resourceType="+url.QueryEscape(kind), &actions),
		fmt.Sprint(len(actions), " actions for ", kind))

	draft := map[string]interface{}{
		"name":        "go-share",
		"description": "go-ovh unchanged",
		"identities":  []string{"urn:v1:eu:identity:account:bb200002-ovh"},
		"resources":   []map[string]string{{"urn": urn}},
		"permissions": map[string]interface{}{
			"allow": []map[string]string{{"action": kind + ":apiovh:*"}},
		},
	}
	var policy map[string]interface{}
	step("POST /v2/iam/policy", c.Post("/v2/iam/policy", draft, &policy),
		fmt.Sprint(policy["id"], " owner ", policy["owner"]))
	id, _ := policy["id"].(string)
	var listed []map[string]interface{}
	step("GET /v2/iam/policy", c.Get("/v2/iam/policy", &listed), ids(listed))
	draft["name"] = "go-share-2"
	draft["description"] = "changed"
	var updated map[string]interface{}
	step("PUT /v2/iam/policy/{id}", c.Put("/v2/iam/policy/"+id, draft, &updated), updated["name"])
	var one map[string]interface{}
	step("GET /v2/iam/policy/{id}", c.Get("/v2/iam/policy/"+id, &one), one["name"])

	var check map[string]interface{}
	asks := map[string]interface{}{"actions": []string{kind + ":apiovh:get", "nonsense:apiovh:x"}}
	step("POST /v2/iam/resource/{urn}/authorization/check",
		c.Post("/v2/iam/resource/"+url.PathEscape(urn)+"/authorization/check", asks, &check),
		fmt.Sprint(check))

	step("DELETE /v2/iam/policy/{id}", c.Delete("/v2/iam/policy/"+id, nil), "")
	err = c.Get("/v2/iam/policy/"+id, &one)
	expectError("GET /v2/iam/policy/{id} after delete", err, 404, &apiErr)
	err = c.Post("/v2/iam/policy", map[string]interface{}{"name": "bad"}, &policy)
	expectError("POST /v2/iam/policy without identities", err, 400, &apiErr)

	if failures > 0 {
		fmt.Println(failures, "call(s) not as expected")
		os.Exit(1)
	}
	fmt.Println("every call as expected")
}

// token creates an application key, its secret and a validated consumer key through /createToken.
func token(nic string) (string, string, string) {
	form := url.Values{
		"nic": {nic}, "password": {"handover-demo"}, "applicationName": {"go-" + nic},
		"applicationDescription": {"go-ovh on /v2"}, "validity": {"3600"},
		"GET": {"/*"}, "POST": {"/*"}, "PUT": {"/*"}, "DELETE": {"/*"},
	}
	req, err := http.NewRequest("POST", base+"/createToken", bytes.NewBufferString(form.Encode()))
	must(err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	must(err)
	defer resp.Body.Close()
	var t map[string]string
	must(json.NewDecoder(resp.Body).Decode(&t))
	fmt.Println("createToken", nic, resp.StatusCode)
	return t["applicationKey"], t["applicationSecret"], t["consumerKey"]
}

func step(name string, err error, shown interface{}) {
	if err != nil {
		failures++
		fmt.Printf("FAIL %s: %v\n", name, err)
		return
	}
	fmt.Printf("ok   %s: %v\n", name, shown)
}

func expectError(name string, err error, status int, apiErr **ovh.APIError) {
	if errors.As(err, apiErr) && (*apiErr).Code == status {
		fmt.Printf("ok   %s: %d %s %s\n", name, (*apiErr).Code, (*apiErr).Class, (*apiErr).Message)
		return
	}
	failures++
	fmt.Printf("FAIL %s: expected %d, got %v\n", name, status, err)
}

func ids(policies []map[string]interface{}) []interface{} {
	out := []interface{}{}
	for _, p := range policies {
		out = append(out, p["id"])
	}
	return out
}

func must(err error) {
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
}
