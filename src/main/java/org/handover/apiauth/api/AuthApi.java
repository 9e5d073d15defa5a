package org.handover.apiauth.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiKeys;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.IpRanges;
import org.handover.apiauth.OvhApi;
import org.handover.system.HandoverProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth}: server time, credential requests, the current credential, logout. */
@OvhApi
@RestController
@RequestMapping({"/1.0/auth", "/v1/auth", "/v2/auth"})
class AuthApi {

  private final ApiKeys keys;
  private final Clock clock;
  private final HandoverProperties properties;

  AuthApi(ApiKeys keys, Clock clock, HandoverProperties properties) {
    this.keys = keys;
    this.clock = clock;
    this.properties = properties;
  }

  @GetMapping("/time")
  long time() {
    return clock.instant().getEpochSecond();
  }

  /**
   * The body of {@code POST /auth/credential}, with every property the reference API accepts
   * (python-ovh always sends {@code allowedIPs}, null unless restricted).
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record CredentialRequest(List<Rule> accessRules, String redirection, List<String> allowedIPs) {}

  /** One access rule as sent. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Rule(String method, String path) {}

  @PostMapping("/credential")
  Map<String, Object> credential(
      @RequestHeader(name = "X-Ovh-Application", required = false) String appKey,
      @RequestBody CredentialRequest request) {
    if (appKey == null || keys.applicationId(appKey).isEmpty()) {
      throw ApiErrors.invalidKey();
    }
    List<AccessRule> rules =
        request.accessRules() == null
            ? List.of()
            : request.accessRules().stream().map(r -> AccessRule.of(r.method(), r.path())).toList();
    IpRanges allowed = request.allowedIPs() == null ? null : IpRanges.parse(request.allowedIPs());
    ApiKeys.Requested requested =
        keys.requestCredential(appKey, rules, request.redirection(), allowed);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("consumerKey", requested.consumerKey());
    answer.put("state", "pendingValidation");
    answer.put(
        "validationUrl",
        properties.publicBaseUrl().replaceAll("/+$", "")
            + "/account/api/credentials/validate?token="
            + requested.validationToken());
    return answer;
  }

  @GetMapping("/currentCredential")
  Map<String, Object> current(ApiCaller caller) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("credentialId", caller.credentialId());
    answer.put("applicationId", caller.applicationId());
    answer.put("status", "validated");
    answer.put("rules", caller.rules());
    return answer;
  }

  @PostMapping("/logout")
  ResponseEntity<String> logout(ApiCaller caller) {
    keys.revoke(caller);
    return ApiResponses.nothing();
  }
}
