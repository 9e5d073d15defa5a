package org.handover.apiauth.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiKeys;
import org.handover.system.Actor;
import org.handover.system.FieldTooLong;
import org.handover.system.HandoverException;
import org.handover.system.TextRules;
import org.handover.system.web.ContentSecurityPolicy;
import org.handover.system.web.Flash;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * "API applications" (create: key and secret shown once; list; delete) and the page where a
 * customer validates or refuses a consumer key requested by an application.
 */
@Controller
class ApiApplicationsController {

  private final ApiKeys keys;
  private final MessageSource messages;

  ApiApplicationsController(ApiKeys keys, MessageSource messages) {
    this.keys = keys;
    this.messages = messages;
  }

  @GetMapping("/account/api/applications")
  String list(Actor actor, Model model) {
    model.addAttribute("applications", keys.applications(actor.nic()));
    return "apiauth/applications";
  }

  @StepUp
  @PostMapping("/account/api/applications")
  String create(
      Actor actor,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    try {
      FieldTooLong.check("api.application.name", name, TextRules.PERSON_NAME);
      FieldTooLong.check("api.application.description", description, ApiKeys.DESCRIPTION);
      model.addAttribute("created", keys.createApplication(actor, name, description));
    } catch (FieldTooLong refused) {
      model.addAttribute("alert", refused.message(locale));
    } catch (ApiErrors.ApiException refused) {
      model.addAttribute("alert", messages.getMessage("api.application.invalid", null, locale));
    }
    if (!model.containsAttribute("created")) {
      // refused (400): the form shows what was typed again
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("typedName", name);
      model.addAttribute("typedDescription", description);
    }
    return list(actor, model);
  }

  @PostMapping("/account/api/applications/{id}/delete")
  String delete(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    try {
      keys.deleteApplication(actor, id);
      flash.addFlashAttribute(
          "notice", messages.getMessage("api.application.deleted", null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/api/applications";
  }

  /**
   * The rights asked for and where the browser goes next. With a redirection, this page's policy
   * lets its form lead on to that credential's origin only (the answer to the form is a redirect
   * there, which the panel's {@code form-action 'self'} would block).
   */
  @GetMapping("/account/api/credentials/validate")
  String review(@RequestParam String token, Model model, HttpServletResponse response) {
    ApiKeys.Credential credential = keys.pending(token);
    if (credential.redirection() != null) {
      response.setHeader(
          ContentSecurityPolicy.HEADER,
          ContentSecurityPolicy.formsAlsoTo(credential.redirection().origin()));
    }
    model.addAttribute("credential", credential);
    model.addAttribute("token", token);
    return "apiauth/validate";
  }

  @StepUp
  @PostMapping("/account/api/credentials/validate")
  Object decide(
      Actor actor,
      @RequestParam String token,
      @RequestParam(defaultValue = "3600") long validity,
      @RequestParam String decision,
      Model model) {
    ApiKeys.Credential credential;
    if ("validate".equals(decision)) {
      if (validity < 0 || validity > ApiKeys.MAX_VALIDITY.toSeconds()) {
        // a page, so answered as one: WebErrors writes it in the reader's language
        throw new ApiErrors.BadRequest("api.error.validity", ApiKeys.MAX_VALIDITY.toSeconds());
      }
      credential = keys.validate(actor, token, Duration.ofSeconds(validity));
      if (credential.redirection() != null) {
        // only the URL stored with this credential, taken as it is (no template expansion)
        RedirectView redirect = new RedirectView(credential.redirection().url());
        redirect.setExpandUriTemplateVariables(false);
        redirect.setExposeModelAttributes(false);
        return redirect;
      }
      model.addAttribute("validated", true);
    } else {
      credential = keys.refuse(actor, token);
      model.addAttribute("validated", false);
    }
    model.addAttribute("credential", credential);
    return "apiauth/validated";
  }
}
