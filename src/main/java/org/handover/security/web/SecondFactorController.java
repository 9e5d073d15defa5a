package org.handover.security.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.security.KnownDevices;
import org.handover.security.Passkeys;
import org.handover.security.SecondFactors;
import org.handover.security.SignInGuard;
import org.handover.security.SignIns;
import org.handover.system.Nic;
import org.handover.system.web.Redirects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in (a code from an authenticator app, or a recovery code), and the
 * same check again before an action that needs a fresh one (step-up). Wrong codes count against the
 * account like wrong passwords.
 */
@Controller
class SecondFactorController {

  private final SecondFactors factors;
  private final Passkeys passkeys;
  private final SignIns signIns;
  private final SignInGuard guard;
  private final KnownDevices devices;
  private final SecurityLog log;
  private final SavedRequestAwareAuthenticationSuccessHandler onSuccess =
      new SavedRequestAwareAuthenticationSuccessHandler();

  SecondFactorController(
      SecondFactors factors,
      Passkeys passkeys,
      SignIns signIns,
      SignInGuard guard,
      KnownDevices devices,
      SecurityLog log) {
    this.log = log;
    this.factors = factors;
    this.passkeys = passkeys;
    this.signIns = signIns;
    this.guard = guard;
    this.devices = devices;
    onSuccess.setDefaultTargetUrl("/account/contacts/services");
  }

  @GetMapping("/login/second-factor")
  String signInForm(Model model) {
    model.addAttribute("action", "/login/second-factor");
    model.addAttribute("signingIn", true);
    methods(model);
    return "security/second-factor";
  }

  @PostMapping("/login/second-factor")
  void signIn(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException, ServletException {
    Nic nic = current();
    Optional<SecondFactors.Method> passed = check(nic, code, request);
    if (passed.isEmpty()) {
      response.sendRedirect(request.getContextPath() + "/login/second-factor?error");
      return;
    }
    signIns.secondFactorPassed(passed.get(), request, response);
    signIns.complete(nic, request, response);
    onSuccess.onAuthenticationSuccess(
        request, response, SecurityContextHolder.getContext().getAuthentication());
  }

  @GetMapping("/account/security/confirm")
  String confirmForm(@RequestParam(name = "continue", defaultValue = "") String next, Model model) {
    model.addAttribute("action", "/account/security/confirm");
    model.addAttribute("next", Redirects.localPath(next));
    model.addAttribute("stepUp", true);
    methods(model);
    return "security/second-factor";
  }

  /** Which second factors the account has, so that the page names only those it can use. */
  private void methods(Model model) {
    Nic nic = current();
    model.addAttribute("app", !factors.list(nic).isEmpty());
    model.addAttribute("passkey", !passkeys.list(nic).isEmpty());
  }

  @PostMapping("/account/security/confirm")
  String confirm(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(name = "continue", defaultValue = "") String next,
      HttpServletRequest request,
      HttpServletResponse response) {
    Nic nic = current();
    String back = Redirects.localPath(next);
    if (check(nic, code, request)
        .map(
            m -> {
              signIns.secondFactorPassed(m, request, response);
              log.record(
                  nic,
                  SecurityEvent.stepUp,
                  SignIns.how(SecurityContextHolder.getContext().getAuthentication()));
              return m;
            })
        .isEmpty()) {
      return "redirect:/account/security/confirm?error&continue="
          + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }
    return "redirect:" + back;
  }

  /** Checks a code, held back like passwords while the account is locked. */
  private Optional<SecondFactors.Method> check(Nic nic, String code, HttpServletRequest request) {
    // codes have their own count: a stranger's wrong passwords do not block the owner's codes
    String key = "factor:account:" + nic.value();
    String device = devices.known("account:" + nic.value(), request);
    if (!guard.mayTry(key, request.getRemoteAddr(), device)) {
      log.record(nic, SecurityEvent.signInThrottled, SecurityLog.Details.none());
      return Optional.empty();
    }
    Optional<SecondFactors.Method> passed = factors.verify(nic, code);
    if (passed.isEmpty()) {
      guard.failed(key, request.getRemoteAddr(), device);
      log.record(nic, SecurityEvent.secondFactorFailed, SecurityLog.Details.none());
    }
    return passed;
  }

  private static Nic current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return Nic.parse(auth.getName());
  }
}
