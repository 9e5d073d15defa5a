package org.handover.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handover.security.Passkeys;
import org.handover.security.SecondFactors;
import org.handover.security.SignIns;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.handover.system.web.Flash;
import org.handover.system.web.Redirects;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.authentication.HttpSessionPublicKeyCredentialRequestOptionsRepository;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Passkeys in the panel: adding one from the security page (a step-up action), renaming and
 * removing it, and proving one, which signs in, passes the second step of a password sign-in, or
 * refreshes the check for a step-up, depending on how far the session is signed in. The browser
 * side is {@code /js/passkeys.js}; every check is Spring Security's relying party.
 */
@Controller
class PasskeyController {

  static final String PENDING_CHALLENGE = "handover.pendingPasskeyChallenge";
  private static final String HOME = "/account/contacts/services";

  private final Passkeys passkeys;
  private final SignIns signIns;
  private final UserDetailsService customers;
  private final MessageSource messages;
  private final PublicKeyCredentialRequestOptionsRepository requests =
      new HttpSessionPublicKeyCredentialRequestOptionsRepository();
  private final RequestCache savedRequests = new HttpSessionRequestCache();

  PasskeyController(
      Passkeys passkeys, SignIns signIns, UserDetailsService customers, MessageSource messages) {
    this.passkeys = passkeys;
    this.signIns = signIns;
    this.customers = customers;
    this.messages = messages;
  }

  // ---- adding, renaming, removing -------------------------------------------------------------

  @GetMapping("/account/security/passkey")
  String addForm() {
    return "security/passkey";
  }

  @StepUp(addsAFactor = true)
  @PostMapping(value = "/account/security/passkey/options", produces = "application/json")
  ResponseEntity<String> creationOptions(HttpSession session) {
    PublicKeyCredentialCreationOptions options = passkeys.creationOptions(current());
    session.setAttribute(PENDING_CHALLENGE, options.getChallenge().toBase64UrlString());
    return json(Passkeys.json(options));
  }

  @StepUp(addsAFactor = true)
  @PostMapping(
      value = "/account/security/passkey",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> register(
      Actor actor,
      @RequestBody String registration,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    HttpSession session = request.getSession();
    Object challenge = session.getAttribute(PENDING_CHALLENGE);
    session.removeAttribute(PENDING_CHALLENGE); // one registration per challenge
    try {
      List<String> recovery =
          passkeys.register(
              actor,
              current(),
              challenge instanceof String c ? Bytes.fromBase64(c) : null,
              registration);
      // shown once on the page the browser goes to next, as after adding an authenticator app
      String page = request.getContextPath() + "/account/security";
      FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
      flash.put("notice", text("security.passkey.added", locale));
      flash.put("recoveryCodes", recovery);
      RequestContextUtils.saveOutputFlashMap(page, request, response);
      return ResponseEntity.ok(Map.of("redirectUrl", page));
    } catch (HandoverException refused) {
      return ResponseEntity.badRequest().body(Map.of("message", refused.message(locale)));
    }
  }

  @StepUp
  @PostMapping("/account/security/passkeys/{id}/rename")
  String rename(
      Actor actor,
      @PathVariable String id,
      @RequestParam String name,
      RedirectAttributes flash,
      Locale locale) {
    try {
      passkeys.rename(actor, id, name);
      flash.addFlashAttribute("notice", text("security.factor.renamed", locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/security";
  }

  @StepUp
  @PostMapping("/account/security/passkeys/{id}/remove")
  String remove(Actor actor, @PathVariable String id, RedirectAttributes flash, Locale locale) {
    passkeys.remove(actor, id);
    flash.addFlashAttribute("notice", text("security.factor.removed", locale));
    return "redirect:/account/security";
  }

  // ---- proving a passkey ---------------------------------------------------------------------

  @PostMapping(value = "/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> requestOptions(HttpServletRequest request, HttpServletResponse response) {
    PublicKeyCredentialRequestOptions options = passkeys.requestOptions(current());
    requests.save(request, response, options);
    return json(Passkeys.json(options));
  }

  /**
   * Checks the browser's answer. Signed out: signs in as the passkey's account (if active). Half
   * signed in (password passed): the passkey must be that account's, and completes the sign-in.
   * Signed in: the passkey must be the customer's own, and counts as a fresh check for step-up.
   */
  @PostMapping(
      value = "/passkey/verify",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> verify(
      @RequestBody String assertion,
      @RequestParam(name = "continue", defaultValue = "") String next,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    PublicKeyCredentialRequestOptions sent = requests.load(request);
    requests.save(request, response, null); // one answer per challenge
    Optional<Nic> owner = passkeys.verify(sent, assertion);
    Authentication auth = current();
    boolean signedIn = auth != null && auth.isAuthenticated() && Nic.isValid(auth.getName());
    if (owner.isEmpty() || (signedIn && !owner.get().value().equals(auth.getName()))) {
      return refused(locale);
    }
    if (!signedIn) {
      Optional<UserDetails> customer = active(owner.get());
      if (customer.isEmpty()) {
        return refused(locale);
      }
      signIns.passkeySignIn(customer.get(), request, response);
      return redirect(afterSignIn(request, response));
    }
    boolean pending = SignIns.pending(auth);
    signIns.secondFactorPassed(SecondFactors.Method.webauthn, request, response);
    if (pending) {
      signIns.complete(owner.get(), request, response);
      return redirect(afterSignIn(request, response));
    }
    return redirect(request.getContextPath() + Redirects.localPath(next));
  }

  private Optional<UserDetails> active(Nic nic) {
    try {
      return Optional.of(customers.loadUserByUsername(nic.value())).filter(UserDetails::isEnabled);
    } catch (UsernameNotFoundException gone) {
      return Optional.empty();
    }
  }

  /** Where a completed sign-in goes: the page that asked for it, or the services page. */
  private String afterSignIn(HttpServletRequest request, HttpServletResponse response) {
    SavedRequest saved = savedRequests.getRequest(request, response);
    savedRequests.removeRequest(request, response);
    return saved != null ? saved.getRedirectUrl() : request.getContextPath() + HOME;
  }

  private ResponseEntity<Object> refused(Locale locale) {
    return ResponseEntity.status(401).body(Map.of("message", text("passkey.failed", locale)));
  }

  private static ResponseEntity<Object> redirect(String url) {
    return ResponseEntity.ok(Map.of("redirectUrl", url));
  }

  private static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static Authentication current() {
    return SecurityContextHolder.getContext().getAuthentication();
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }
}
